/**
 * Per-owner signatures cross between the add-in and the command line: signed in the
 * add-in (Office.js on the simulator, an Office account), audited and signed again with
 * `outturn` (ExcelJS, a typed name), and read back in the add-in, the trail unbroken and
 * the matrix the same on both sides.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { createSimulator, type Simulator } from '../../src/simulator';
import { workbookInputFromExcelJS } from '../support/simulator-from-exceljs';
import { OfficeTrailStore } from '../../src/excel/trail-office';
import { createOfficeHost } from '../../src/excel/office-host';
import { readHeadFromXlsx, writeHeadIntoXlsx } from '../support/trail-exceljs';
import { appendWithRetry, formatHead, parseHead, verifyTrail } from '../../src/signoff/trail';
import { prepareOwnerSignature } from '../../src/signoff/owner-rules';
import { ownershipFromGrids } from '../../src/signoff/owners';
import { returnSignOff } from '../../src/signoff/return-state';
import { figuresFromCheck } from '../../src/signoff/summary';
import { checkWorkbook } from '../../src/engine/check';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import { meltonClean, MELTON_AS_OF } from '../fixtures';
import { simulatorToExcelJS } from './helpers';
import { run, tmpDir } from '../cli/helpers';

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
});

async function xlsxToSimulator(bytes: Buffer): Promise<Simulator> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const input = workbookInputFromExcelJS(wb);
  const head = await readHeadFromXlsx(bytes);
  if (head) input.names = [...(input.names ?? []), { name: 'OutturnTrailHead', formula: `="${formatHead(head)}"` }];
  return createSimulator(input).install();
}

/** Check the simulated workbook as the pane does and sign per owner through Office.js. */
async function signInAddIn(role: 'compiler' | 'responsible-officer', name: string, upn: string) {
  const read = await createOfficeHost().read('sheet');
  const result = checkWorkbook(read.sheets, DEFAULT_CONFIG, { today: MELTON_AS_OF });
  const figures = figuresFromCheck(result, read.sheets, DEFAULT_CONFIG, 'add-in');
  const ownership = ownershipFromGrids(result.grids, read.sheets);
  return appendWithRetry<string[]>(new OfficeTrailStore(), (_t, v) => {
    const out = prepareOwnerSignature(v, ownership, figures, {
      role,
      identity: { name, upn, source: 'office-account' },
      statementConfirmed: true,
      at: '2017-08-21T10:00:00.000Z',
    });
    return out.ok ? { drafts: out.drafts } : { refusal: out.reasons.map((r) => r.message) };
  });
}

test("the add-in's per-owner signature read by outturn; outturn's read by the add-in", async () => {
  sim = createSimulator(workbookInputFromExcelJS(meltonClean())).install();
  expect(await signInAddIn('compiler', 'Alan Pritchard', 'alan.pritchard@melton.gov.uk')).toHaveProperty('written');
  const { wb, headFormula } = simulatorToExcelJS(sim);
  const bytes = await writeHeadIntoXlsx(Buffer.from(await wb.xlsx.writeBuffer()), parseHead(headFormula));
  sim.uninstall();
  sim = null;
  const file = path.join(tmpDir(), 'melton.xlsx');
  fs.writeFileSync(file, bytes);

  const audit = await run(['audit', file]);
  expect(audit.stderr).toBe('');
  expect(audit.code).toBe(0);
  expect(audit.stdout).toContain('Verification: UNBROKEN.');
  expect(audit.stdout).toMatch(/ {2}CS01 +signed Alan Pritchard +to sign Dawn Garton +to sign Keith Aubrey\n/);
  expect(audit.stdout).toMatch(
    /sign +Signed as compiler by Alan Pritchard \(alan\.pritchard@melton\.gov\.uk\): 2 indicators \(CS01, CS02\)/,
  );

  // The command line signs Sarah Jones's indicators and Dawn Garton's first two.
  expect((await run(['sign', file, '--role', 'compiler', '--name', 'Sarah Jones', '--in-place'])).code).toBe(0);
  expect(
    (await run(['sign', file, '--role', 'responsible-officer', '--name', 'Dawn Garton', '--in-place'])).stdout,
  ).toContain('Indicators signed (4): CS01, CS02, CS03, CS04.');

  sim = await xlsxToSimulator(fs.readFileSync(file));
  const loaded = await new OfficeTrailStore().load();
  const v = verifyTrail(loaded.entries, loaded.head);
  expect(v.ok).toBe(true);
  const read = await createOfficeHost().read('sheet');
  const result = checkWorkbook(read.sheets, DEFAULT_CONFIG, { today: MELTON_AS_OF });
  const state = returnSignOff(v.records, result.grids, read.sheets);
  const rows = Object.fromEntries(
    state.progress!.rows.map((r) => [
      r.label,
      [r.cells.compiler.status, r.cells.compiler.signature?.actor?.source ?? '', r.cells['responsible-officer'].status],
    ]),
  );
  expect(rows).toMatchObject({
    CS01: ['signed', 'office-account', 'signed'],
    CS03: ['signed', 'typed', 'signed'],
    CS05: ['not-signed', '', 'not-signed'],
  });
  // And the add-in signs on: Dawn Garton's account cannot sign CS05 before Mark Selby.
  const refused = await signInAddIn('responsible-officer', 'Dawn Garton', 'dawn.garton@melton.gov.uk');
  expect(refused).toEqual({
    refusal: [
      "None of Dawn Garton's indicators can be signed as responsible officer now: CS05 (the compiler (Mark Selby) has not signed it yet); CS06 (the compiler (Mark Selby) has not signed it yet).",
    ],
  });
});
