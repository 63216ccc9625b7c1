/**
 * Issue #24, item 4: no stale figures in a signature. The pane signs the figures read at
 * the moment of signing; when a co-author's edit reached the workbook while the form was
 * open, and it changed what the signature covers, the signature is refused with
 * 'figures-changed' and nothing is written. Run through the pane's own check and sign
 * actions, Office.js on the simulator, on the Melton return.
 */
import ExcelJS from 'exceljs';
import { createSimulator, type Simulator } from '../../src/simulator';
import { workbookInputFromExcelJS } from '../support/simulator-from-exceljs';
import { createOfficeHost } from '../../src/excel/office-host';
import { checkWorkbook } from '../../src/engine';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import { checkInPane } from '../../src/taskpane/run-check';
import { setTrailStore, snapshotFigures, trailStore } from '../../src/taskpane/signoff/trail-client';
import { signFromPane } from '../../src/taskpane/signoff/pane-actions';
import { ownershipFromGrids } from '../../src/signoff/owners';
import type { CheckSnapshot } from '../../src/taskpane/signoff/contract';
import { MELTON_AS_OF, MELTON_SHEET, meltonClean } from '../fixtures';
import type { Ctx } from '../excel/helpers';

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
  setTrailStore(null);
});

async function openPane(wb: ExcelJS.Workbook) {
  sim = createSimulator(workbookInputFromExcelJS(wb)).install();
  setTrailStore(null);
  const host = createOfficeHost();
  const check = async () => (await checkInPane(host, checkWorkbook, DEFAULT_CONFIG, 'sheet', MELTON_AS_OF)).snapshot;
  return { check };
}

/** A co-author's edit, merged into this workbook (values only: the figures). */
async function coauthorTypes(cell: string, value: number): Promise<void> {
  await sim!.Excel.run(async (ctx: Ctx) => {
    ctx.workbook.worksheets.getItem(MELTON_SHEET).getRange(cell).values = [[value]];
    await ctx.sync();
  });
}

const signAs = (snapshot: CheckSnapshot, name: string, shown?: CheckSnapshot) =>
  signFromPane(snapshot, {
    role: 'compiler',
    signer: { identity: { name, source: 'typed' } },
    statementConfirmed: true,
    bulkReason: 'Agreed with the performance team.',
    shownFigures: shown ? snapshotFigures(shown).fingerprint : undefined,
  });

/** The sheet row (1-based, as in an address) of an indicator the grid gives this compiler, or not. */
function rowOf(snapshot: CheckSnapshot, compiler: string, theirs: boolean): number {
  const owners = ownershipFromGrids(snapshot.result.grids, snapshot.sheets, snapshot.config);
  const found = owners.indicators.find((i) => (i.owners.compiler === compiler) === theirs);
  if (!found) throw new Error(`no indicator ${theirs ? 'of' : 'not of'} ${compiler}`);
  return found.row + 1;
}

describe('a co-author changes the figures while the sign form is open', () => {
  test("one of the signer's indicators: refused, nothing written; signed once the new figures were shown", async () => {
    const { check } = await openPane(meltonClean());
    const shown = await check();
    const row = rowOf(shown, 'Alan Pritchard', true);
    const before = (await trailStore().load()).entries.length;
    await coauthorTypes(`H${row}`, 20.3);
    const atSigning = await check(); // the pane re-reads the figures when Sign is pressed
    const out = await signAs(atSigning, 'Alan Pritchard', shown);
    expect(out.signed).toBe(false);
    if (out.signed) return;
    expect(out.refusals.map((r) => r.code)).toEqual(['figures-changed']);
    expect(out.refusals[0].message).toMatch(
      /^A co-author changed the figures while this form was open \(Changed: [A-Z0-9 ]+\), so nothing was signed\. The check now shows the figures as they are: look at them and at any new findings, then sign again\.$/,
    );
    expect((await trailStore().load()).entries.length).toBe(before);
    // The form now shows the figures as they are: signing them is allowed.
    const again = await signAs(atSigning, 'Alan Pritchard', atSigning);
    expect(again.signed).toBe(true);
  });

  test("only someone else's indicators changed: the signature goes ahead on the figures read now", async () => {
    const { check } = await openPane(meltonClean());
    const shown = await check();
    await coauthorTypes(`H${rowOf(shown, 'Alan Pritchard', false)}`, 20.3);
    const atSigning = await check();
    expect(snapshotFigures(atSigning).fingerprint.hash).not.toBe(snapshotFigures(shown).fingerprint.hash);
    const out = await signAs(atSigning, 'Alan Pritchard', shown);
    expect(out.signed).toBe(true);
    if (!out.signed) return;
    // Signed on the figures as read at signing, not those shown earlier.
    const now = snapshotFigures(atSigning).fingerprint.indicators!;
    const scope = out.signature.payload.scope!.indicators;
    expect(Object.keys(scope).length).toBeGreaterThan(0);
    for (const [key, hash] of Object.entries(scope)) expect(hash).toBe(now[key]);
  });

  test('a return signed as a whole: any changed figure refuses the signature', async () => {
    const wb = meltonClean();
    wb.getWorksheet(MELTON_SHEET)!.spliceColumns(22, 3); // no owner columns
    const { check } = await openPane(wb);
    const shown = await check();
    await coauthorTypes('H10', 20.3);
    const out = await signAs(await check(), 'Alan Pritchard', shown);
    expect(out.signed).toBe(false);
    if (!out.signed) expect(out.refusals.map((r) => r.code)).toEqual(['figures-changed']);
  });
});
