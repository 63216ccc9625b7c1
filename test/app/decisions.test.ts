/**
 * One decision table, run twice: through the command line (`outturn sign` / `withdraw` on
 * a real .xlsx, their JSON output) and through the pane (its check run and its sign and
 * withdraw actions, Office.js on the simulator). Both must reach the same outcome at
 * every step: signed or not, the refusal codes, and which indicators or whose signature.
 *
 * The row "withdraw own after someone newer signed as a whole" is the divergence of issue
 * #20: the pane used to take anyone's latest signature in the role, the command line the
 * signer's own; both now take the signer's own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { createSimulator, type Simulator } from '../../src/simulator';
import { workbookInputFromExcelJS } from '../support/simulator-from-exceljs';
import { createOfficeHost } from '../../src/excel/office-host';
import { checkWorkbook } from '../../src/engine';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import { checkInPane } from '../../src/taskpane/run-check';
import { recordCheckRun } from '../../src/taskpane/signoff/record-check';
import { setTrailStore, trailStore } from '../../src/taskpane/signoff/trail-client';
import { signFromPane, withdrawFromPane } from '../../src/taskpane/signoff/pane-actions';
import { refLabel } from '../../src/signoff/owners';
import { verifyTrail, type TrailRecord, type Verification } from '../../src/signoff/trail';
import { prepareWithdrawal } from '../../src/signoff/rules';
import type { SignRole } from '../../src/signoff/roles';
import { XlsxFileTrailStore } from '../../src/workbook/trail-xlsx';
import { readHeadFromXlsx, writeWorkbookWithHead } from '../support/trail-exceljs';
import { MELTON_AS_OF, MELTON_SHEET, meltonClean, meltonWorkbook } from '../fixtures';
import { run, tmpDir } from '../cli/helpers';
import type { Ctx } from '../excel/helpers';
import { signReturn } from '../../src/app';
import { returnForSigning } from '../../src/cli/sign';

type Fixture = 'owners' | 'whole' | 'owners-errors' | 'whole-errors';

type Step =
  | {
      sign: SignRole;
      name: string;
      onBehalfOf?: string;
      delegationReason?: string;
      acknowledge?: string;
      /** The signer leaves the statement unticked (the pane only: typing `outturn sign` is the statement). */
      unticked?: boolean;
    }
  | { withdraw: SignRole; name: string; reason?: string }
  | { edit: Record<string, number | string | null> };

/** What a step came to, as both paths report it. */
type Outcome =
  | { signed: true; indicators: string[] | 'whole return' }
  | { signed: false; codes: string[] }
  | { withdrawn: true; signatureOf: string }
  | { withdrawn: false; codes: string[] }
  | { edited: true };

interface Row {
  name: string;
  fixture: Fixture;
  steps: Step[];
  /** The last step's outcome; every earlier sign or withdraw step must succeed. */
  expect: Outcome;
}

/** The Melton return without its three owner columns: signed as a whole. */
function unowned(wb: ExcelJS.Workbook): ExcelJS.Workbook {
  wb.getWorksheet(MELTON_SHEET)!.spliceColumns(22, 3);
  return wb;
}

const FIXTURES: Record<Fixture, () => ExcelJS.Workbook> = {
  owners: meltonClean,
  whole: () => unowned(meltonClean()),
  'owners-errors': meltonWorkbook,
  'whole-errors': () => unowned(meltonWorkbook()),
};

const COMPILERS_OF_DAWN: Step[] = [
  { sign: 'compiler', name: 'Alan Pritchard' },
  { sign: 'compiler', name: 'Sarah Jones' },
  { sign: 'compiler', name: 'Mark Selby' },
];
/**
 * CS05's July figure revised: Mark Selby's compiler signature on CS05 goes stale. Its year to
 * date stays the =AVERAGE formula it is (typing a number over it would be a formula-constant
 * warning, a different decision from the one these rows test).
 */
const REVISE_CS05: Step = { edit: { H10: 20.3 } };
/** The owner columns' headers cleared: the grid no longer names owners, so the return is signed as a whole. */
const OWNERS_GONE: Step = { edit: { V4: null, W4: null, X4: null, V14: null, W14: null, X14: null } };
/** May of CS02 left empty: a period-gap warning, and no error. */
const GAP_WARNING: Step = { edit: { F7: null } };

const CS_ALL = ['CS01', 'CS02', 'CS03', 'CS04', 'CS05', 'CS06'];

const ROWS: Row[] = [
  // Signed as a whole.
  {
    name: 'whole: compiler signs',
    fixture: 'whole',
    steps: [{ sign: 'compiler', name: 'Ann Smith' }],
    expect: { signed: true, indicators: 'whole return' },
  },
  {
    name: 'whole: the three roles in order, the last completes it',
    fixture: 'whole',
    steps: [
      { sign: 'compiler', name: 'Ann Smith' },
      { sign: 'responsible-officer', name: 'Bob Jones' },
      { sign: 'head-of-service', name: 'Cat Lee' },
    ],
    expect: { signed: true, indicators: 'whole return' },
  },
  {
    name: 'whole: responsible officer before the compiler (order)',
    fixture: 'whole',
    steps: [{ sign: 'responsible-officer', name: 'Bob Jones' }],
    expect: { signed: false, codes: ['order'] },
  },
  {
    name: 'whole: head of service before the others (order)',
    fixture: 'whole',
    steps: [
      { sign: 'compiler', name: 'Ann Smith' },
      { sign: 'head-of-service', name: 'Cat Lee' },
    ],
    expect: { signed: false, codes: ['order'] },
  },
  {
    name: 'whole: the same person in two roles (segregation)',
    fixture: 'whole',
    steps: [
      { sign: 'compiler', name: 'Ann Smith' },
      { sign: 'responsible-officer', name: 'ann  SMITH' },
    ],
    expect: { signed: false, codes: ['segregation'] },
  },
  {
    name: 'whole: a role signed twice',
    fixture: 'whole',
    steps: [
      { sign: 'compiler', name: 'Ann Smith' },
      { sign: 'compiler', name: 'Bob Jones' },
    ],
    expect: { signed: false, codes: ['already-signed'] },
  },
  {
    name: 'whole: statement unticked',
    fixture: 'whole',
    steps: [{ sign: 'compiler', name: 'Ann Smith', unticked: true }],
    expect: { signed: false, codes: ['statement-unconfirmed'] },
  },
  {
    name: 'whole: errors, warnings unacknowledged',
    fixture: 'whole-errors',
    steps: [{ sign: 'compiler', name: 'Ann Smith' }],
    expect: { signed: false, codes: ['errors', 'warnings-unacknowledged'] },
  },
  {
    name: 'whole: errors, warnings acknowledged',
    fixture: 'whole-errors',
    steps: [{ sign: 'compiler', name: 'Ann Smith', acknowledge: 'known' }],
    expect: { signed: false, codes: ['errors'] },
  },
  {
    name: 'whole: a warning not acknowledged',
    fixture: 'whole',
    steps: [GAP_WARNING, { sign: 'compiler', name: 'Ann Smith' }],
    expect: { signed: false, codes: ['warnings-unacknowledged'] },
  },
  {
    name: 'whole: a warning acknowledged',
    fixture: 'whole',
    steps: [GAP_WARNING, { sign: 'compiler', name: 'Ann Smith', acknowledge: 'May was not collected' }],
    expect: { signed: true, indicators: 'whole return' },
  },
  {
    name: 'whole: stale compiler blocks the responsible officer',
    fixture: 'whole',
    steps: [{ sign: 'compiler', name: 'Ann Smith' }, REVISE_CS05, { sign: 'responsible-officer', name: 'Bob Jones' }],
    expect: { signed: false, codes: ['order'] },
  },
  {
    name: 'whole: stale compiler signs again',
    fixture: 'whole',
    steps: [{ sign: 'compiler', name: 'Ann Smith' }, REVISE_CS05, { sign: 'compiler', name: 'Ann Smith' }],
    expect: { signed: true, indicators: 'whole return' },
  },
  {
    name: 'whole: withdraw own',
    fixture: 'whole',
    steps: [
      { sign: 'compiler', name: 'Ann Smith' },
      { withdraw: 'compiler', name: 'Ann Smith' },
    ],
    expect: { withdrawn: true, signatureOf: 'Ann Smith' },
  },
  {
    name: "whole: withdraw someone else's",
    fixture: 'whole',
    steps: [
      { sign: 'compiler', name: 'Ann Smith' },
      { withdraw: 'compiler', name: 'Bob Jones' },
    ],
    expect: { withdrawn: false, codes: ['not-the-signer'] },
  },
  {
    name: 'whole: withdraw with none signed',
    fixture: 'whole',
    steps: [{ withdraw: 'compiler', name: 'Ann Smith' }],
    expect: { withdrawn: false, codes: ['nothing-to-withdraw'] },
  },
  {
    name: 'whole: withdraw twice',
    fixture: 'whole',
    steps: [
      { sign: 'compiler', name: 'Ann Smith' },
      { withdraw: 'compiler', name: 'Ann Smith' },
      { withdraw: 'compiler', name: 'Ann Smith' },
    ],
    expect: { withdrawn: false, codes: ['already-withdrawn'] },
  },
  {
    name: 'whole: signed again after a withdrawal, by another',
    fixture: 'whole',
    steps: [
      { sign: 'compiler', name: 'Ann Smith' },
      { withdraw: 'compiler', name: 'Ann Smith' },
      { sign: 'compiler', name: 'Bob Jones' },
    ],
    expect: { signed: true, indicators: 'whole return' },
  },
  // Per owner.
  {
    name: 'owners: a compiler signs their own indicators',
    fixture: 'owners',
    steps: [{ sign: 'compiler', name: 'Alan Pritchard' }],
    expect: { signed: true, indicators: ['CS01', 'CS02'] },
  },
  {
    name: 'owners: matched by initials',
    fixture: 'owners',
    steps: [{ sign: 'compiler', name: 'A. Pritchard' }],
    expect: { signed: true, indicators: ['CS01', 'CS02'] },
  },
  {
    name: 'owners: not an owner in the role',
    fixture: 'owners',
    steps: [{ sign: 'compiler', name: 'Bob Smith' }],
    expect: { signed: false, codes: ['not-owner'] },
  },
  {
    name: 'owners: responsible officer before the compilers (order)',
    fixture: 'owners',
    steps: [{ sign: 'responsible-officer', name: 'Dawn Garton' }],
    expect: { signed: false, codes: ['order'] },
  },
  {
    name: 'owners: responsible officer after some compilers',
    fixture: 'owners',
    steps: [
      { sign: 'compiler', name: 'Alan Pritchard' },
      { sign: 'responsible-officer', name: 'Dawn Garton' },
    ],
    expect: { signed: true, indicators: ['CS01', 'CS02'] },
  },
  {
    name: 'owners: responsible officer after all their compilers',
    fixture: 'owners',
    steps: [...COMPILERS_OF_DAWN, { sign: 'responsible-officer', name: 'Dawn Garton' }],
    expect: { signed: true, indicators: CS_ALL },
  },
  {
    name: 'owners: statement unticked',
    fixture: 'owners',
    steps: [{ sign: 'compiler', name: 'Alan Pritchard', unticked: true }],
    expect: { signed: false, codes: ['statement-unconfirmed'] },
  },
  {
    name: 'owners: a compiler signs twice',
    fixture: 'owners',
    steps: [
      { sign: 'compiler', name: 'Alan Pritchard' },
      { sign: 'compiler', name: 'Alan Pritchard' },
    ],
    expect: { signed: false, codes: ['already-signed'] },
  },
  {
    name: 'owners: every indicator of the signer has errors',
    fixture: 'owners-errors',
    steps: [{ sign: 'compiler', name: 'Alan Pritchard' }],
    expect: { signed: false, codes: ['errors'] },
  },
  {
    name: 'owners: delegation without a reason',
    fixture: 'owners',
    steps: [...COMPILERS_OF_DAWN, { sign: 'responsible-officer', name: 'Bob Smith', onBehalfOf: 'Dawn Garton' }],
    expect: { signed: false, codes: ['delegation-reason-missing'] },
  },
  {
    name: 'owners: delegation with a reason',
    fixture: 'owners',
    steps: [
      ...COMPILERS_OF_DAWN,
      { sign: 'responsible-officer', name: 'Bob Smith', onBehalfOf: 'Dawn Garton', delegationReason: 'Dawn on leave' },
    ],
    expect: { signed: true, indicators: CS_ALL },
  },
  {
    name: 'owners: a delegate who compiled some indicators signs the rest (segregation leaves those out)',
    fixture: 'owners',
    steps: [
      ...COMPILERS_OF_DAWN,
      { sign: 'responsible-officer', name: 'Alan Pritchard', onBehalfOf: 'Dawn Garton', delegationReason: 'cover' },
    ],
    expect: { signed: true, indicators: ['CS03', 'CS04', 'CS05', 'CS06'] },
  },
  {
    name: 'owners: only indicators the delegate compiled are left (segregation)',
    fixture: 'owners',
    steps: [
      ...COMPILERS_OF_DAWN,
      { sign: 'responsible-officer', name: 'Alan Pritchard', onBehalfOf: 'Dawn Garton', delegationReason: 'cover' },
      { sign: 'responsible-officer', name: 'Alan Pritchard', onBehalfOf: 'Dawn Garton', delegationReason: 'cover' },
    ],
    expect: { signed: false, codes: ['segregation'] },
  },
  {
    name: 'owners: a stale compiler signature holds back that indicator only',
    fixture: 'owners',
    steps: [...COMPILERS_OF_DAWN, REVISE_CS05, { sign: 'responsible-officer', name: 'Dawn Garton' }],
    expect: { signed: true, indicators: ['CS01', 'CS02', 'CS03', 'CS04', 'CS06'] },
  },
  {
    name: 'owners: the compiler of a changed indicator signs again',
    fixture: 'owners',
    steps: [...COMPILERS_OF_DAWN, REVISE_CS05, { sign: 'compiler', name: 'Mark Selby' }],
    expect: { signed: true, indicators: ['CS05'] },
  },
  {
    name: 'owners: withdraw own',
    fixture: 'owners',
    steps: [
      { sign: 'compiler', name: 'Alan Pritchard' },
      { withdraw: 'compiler', name: 'Alan Pritchard' },
    ],
    expect: { withdrawn: true, signatureOf: 'Alan Pritchard' },
  },
  {
    name: 'owners: withdraw own when another signed later',
    fixture: 'owners',
    steps: [
      { sign: 'compiler', name: 'Alan Pritchard' },
      { sign: 'compiler', name: 'Sarah Jones' },
      { withdraw: 'compiler', name: 'Alan Pritchard' },
    ],
    expect: { withdrawn: true, signatureOf: 'Alan Pritchard' },
  },
  {
    name: "owners: withdraw someone else's",
    fixture: 'owners',
    steps: [
      { sign: 'compiler', name: 'Alan Pritchard' },
      { withdraw: 'compiler', name: 'Sarah Jones' },
    ],
    expect: { withdrawn: false, codes: ['not-the-signer'] },
  },
  {
    name: 'owners: withdraw with none signed',
    fixture: 'owners',
    steps: [{ withdraw: 'compiler', name: 'Alan Pritchard' }],
    expect: { withdrawn: false, codes: ['nothing-to-withdraw'] },
  },
  {
    name: 'owners: withdraw twice',
    fixture: 'owners',
    steps: [
      { sign: 'compiler', name: 'Alan Pritchard' },
      { withdraw: 'compiler', name: 'Alan Pritchard' },
      { withdraw: 'compiler', name: 'Alan Pritchard' },
    ],
    expect: { withdrawn: false, codes: ['already-withdrawn'] },
  },
  {
    name: 'withdraw own after someone newer signed as a whole (the #20 divergence)',
    fixture: 'owners',
    steps: [
      { sign: 'compiler', name: 'Alan Pritchard' },
      OWNERS_GONE,
      { sign: 'compiler', name: 'Ann Smith' },
      { withdraw: 'compiler', name: 'Alan Pritchard' },
    ],
    expect: { withdrawn: true, signatureOf: 'Alan Pritchard' },
  },
];

const REASON = 'figures under review';

/** Whose signature a withdraw record withdrew. */
function signatureOf(records: readonly TrailRecord[], seq: number): string {
  const sign = records.find((r) => r.seq === seq);
  return sign?.actor?.name ?? `(no record ${seq})`;
}

async function cliRecords(file: string): Promise<TrailRecord[]> {
  const trail = await new XlsxFileTrailStore(file, file).load();
  return verifyTrail(trail.entries, trail.head).records;
}

/** The command line: `outturn sign|withdraw --format json --in-place` on an .xlsx, edits with ExcelJS. */
async function runCli(row: Row): Promise<Outcome[]> {
  const file = path.join(tmpDir(), 'return.xlsx');
  await FIXTURES[row.fixture]().xlsx.writeFile(file);
  const outcomes: Outcome[] = [];
  for (const step of row.steps) {
    if ('edit' in step) {
      // As a person edits in Excel: the trail and its head stay as they were.
      const head = await readHeadFromXlsx(fs.readFileSync(file));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.getWorksheet(MELTON_SHEET)!;
      for (const [cell, value] of Object.entries(step.edit)) ws.getCell(cell).value = value;
      await writeWorkbookWithHead(wb, file, head);
      outcomes.push({ edited: true });
    } else if ('sign' in step) {
      if (step.unticked) {
        // `outturn sign` has no unticked statement (typing the command is the statement): the
        // same use case over the command line's own ports, the statement left unconfirmed.
        const store = new XlsxFileTrailStore(file, file);
        const out = await signReturn(
          { role: step.sign, signer: { identity: { name: step.name, source: 'typed' } }, statementConfirmed: false },
          { trail: store, checked: returnForSigning(store, {}, MELTON_AS_OF), clock: { now: () => new Date() } },
        );
        outcomes.push(
          out.signed ? { signed: true, indicators: [] } : { signed: false, codes: out.refusals.map((r) => r.code) },
        );
        continue;
      }
      const args = ['sign', file, '--role', step.sign, '--name', step.name, '--in-place', '--format', 'json'];
      if (step.onBehalfOf) args.push('--on-behalf-of', step.onBehalfOf);
      if (step.delegationReason) args.push('--delegation-reason', step.delegationReason);
      if (step.acknowledge) args.push('--acknowledge', step.acknowledge);
      const r = await run(args);
      if (r.code === 2) throw new Error(r.stderr);
      const j = JSON.parse(r.stdout);
      outcomes.push(
        j.signed
          ? { signed: true, indicators: j.mode === 'whole-return' ? 'whole return' : j.indicators }
          : { signed: false, codes: j.codes },
      );
    } else {
      const r = await run([
        'withdraw',
        file,
        '--role',
        step.withdraw,
        '--name',
        step.name,
        '--reason',
        step.reason ?? REASON,
        '--in-place',
        '--format',
        'json',
      ]);
      if (r.code === 2) throw new Error(r.stderr);
      const j = JSON.parse(r.stdout);
      outcomes.push(
        j.withdrawn
          ? { withdrawn: true, signatureOf: signatureOf(await cliRecords(file), j.signSeq) }
          : { withdrawn: false, codes: j.codes },
      );
    }
  }
  return outcomes;
}

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
  setTrailStore(null);
});

/** The pane: its check run (recorded in the trail, as the Check tab does), then its sign or withdraw action. */
async function runPane(row: Row): Promise<Outcome[]> {
  sim = createSimulator(workbookInputFromExcelJS(FIXTURES[row.fixture]())).install();
  setTrailStore(null);
  const host = createOfficeHost();
  const outcomes: Outcome[] = [];
  for (const step of row.steps) {
    if ('edit' in step) {
      await sim.Excel.run(async (ctx: Ctx) => {
        const ws = ctx.workbook.worksheets.getItem(MELTON_SHEET);
        for (const [cell, value] of Object.entries(step.edit)) ws.getRange(cell).values = [[value ?? '']];
        await ctx.sync();
      });
      outcomes.push({ edited: true });
    } else if ('sign' in step) {
      // Signing re-checks first, as the Sign-off tab does.
      const checked = await checkInPane(host, checkWorkbook, DEFAULT_CONFIG, 'sheet', MELTON_AS_OF);
      await recordCheckRun(checked.snapshot, checked.trail);
      const out = await signFromPane(checked.snapshot, {
        role: step.sign,
        signer: { identity: { name: step.name, source: 'typed' } },
        statementConfirmed: !step.unticked,
        onBehalfOf: step.onBehalfOf,
        delegationReason: step.delegationReason,
        bulkReason: step.acknowledge,
      });
      outcomes.push(
        out.signed
          ? {
              signed: true,
              indicators:
                out.mode === 'whole-return'
                  ? 'whole return'
                  : Object.keys(out.signature.payload.scope!.indicators).map((k) => refLabel(out.ownership, k)),
            }
          : { signed: false, codes: out.refusals.map((r) => r.code) },
      );
    } else {
      const out = await withdrawFromPane({
        role: step.withdraw,
        identity: { name: step.name, source: 'typed' },
        reason: step.reason ?? REASON,
      });
      if (!out.withdrawn) outcomes.push({ withdrawn: false, codes: out.refusals.map((r) => r.code) });
      else {
        const trail = await trailStore().load();
        const records = verifyTrail(trail.entries, trail.head).records;
        outcomes.push({ withdrawn: true, signatureOf: signatureOf(records, out.record.payload.signSeq) });
      }
    }
  }
  return outcomes;
}

/** Every step before the last succeeded; the last is the row's expected outcome. */
function expected(row: Row): Outcome[] {
  return row.steps.map((step, i): Outcome => {
    if (i === row.steps.length - 1) return row.expect;
    if ('edit' in step) return { edited: true };
    if ('sign' in step) return expect.objectContaining({ signed: true }) as Outcome;
    return expect.objectContaining({ withdrawn: true }) as Outcome;
  });
}

test('the table has at least 30 rows, each mode and each kind of decision', () => {
  expect(ROWS.length).toBeGreaterThanOrEqual(30);
  expect(new Set(ROWS.map((r) => r.name)).size).toBe(ROWS.length);
});

describe.each(ROWS)('$name', (row) => {
  test('the command line and the pane decide the same', async () => {
    const cli = await runCli(row);
    const pane = await runPane(row);
    expect(pane).toEqual(cli);
    expect(cli).toEqual(expected(row));
  });
});

test("the divergence row is one: the role's latest signature is someone else's, so the pane's old rule refused", async () => {
  const row = ROWS.find((r) => r.name.includes('#20'))!;
  await runPane(row);
  const trail = await trailStore().load();
  const records = verifyTrail(trail.entries, trail.head).records;
  const before = records.slice(0, -1); // the trail as it stood when Alan Pritchard withdrew
  const latest = [...before].reverse().find((r) => r.type === 'sign' && r.payload.role === 'compiler');
  expect(latest?.type === 'sign' && latest.actor?.name).toBe('Ann Smith');
  expect(latest?.type === 'sign' && latest.payload.scope).toBeUndefined();
  // The old pane took that signature and so the whole-return rule, which refuses Alan Pritchard.
  const old = prepareWithdrawal(
    {
      ok: true,
      firstBrokenSeq: null,
      reason: '',
      verifiedThrough: before.length,
      records: before,
    } satisfies Verification,
    {
      role: 'compiler',
      identity: { name: 'Alan Pritchard', source: 'typed' },
      reason: REASON,
      at: '2017-08-21T10:00:00Z',
    },
  );
  expect(old).toMatchObject({
    ok: false,
    reasons: [{ code: 'not-the-signer', message: expect.stringContaining('Only Ann Smith') }],
  });
});
