/**
 * The pane's check run (Check tab and ribbon button) reads the audit trail alongside the
 * cells and passes the sign-off state to the engine, so the workbook-level
 * signoff-outstanding warning appears after the deadline until all three roles hold a
 * current signature. Against the Office.js simulator with the clean Melton return
 * (deadline 14/08/2017, checked as of 21/08/2017).
 */
import { createSimulator, type Simulator } from '../../src/simulator';
import { workbookInputFromExcelJS } from '../support/simulator-from-exceljs';
import { createOfficeHost } from '../../src/excel/office-host';
import { OfficeTrailStore } from '../../src/excel/trail-office';
import { checkWorkbook } from '../../src/engine';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import { checkInPane, type CheckRun } from '../../src/taskpane/run-check';
import { recordCheckRun } from '../../src/taskpane/signoff/record-check';
import { setTrailStore, snapshotFigures, trailStore } from '../../src/taskpane/signoff/trail-client';
import { prepareSignature, prepareWithdrawal } from '../../src/signoff/rules';
import { appendWithRetry, verifyTrail } from '../../src/signoff/trail';
import type { SignRole } from '../../src/signoff/roles';
import { MELTON_AS_OF, MELTON_SHEET, meltonClean } from '../fixtures';

let sim: Simulator;
beforeEach(() => {
  sim = createSimulator(workbookInputFromExcelJS(meltonClean())).install();
  setTrailStore(null);
});
afterEach(() => {
  sim.uninstall();
  setTrailStore(null);
  jest.restoreAllMocks();
});

const check = (today = MELTON_AS_OF) => checkInPane(createOfficeHost(), checkWorkbook, DEFAULT_CONFIG, 'sheet', today);
const outstanding = (run: CheckRun) =>
  run.snapshot.findings.filter((f) => f.rule === 'signoff-outstanding').map((f) => f.message);
const message = (roles: string) =>
  `Sign-off is still outstanding (${roles}) and the deadline of 14/08/2017 has passed.`;
const ALL = 'compiler, responsible officer, head of service';

/** Sign as the Sign-off tab does: from the last check's figures, no warning acknowledged. */
async function sign(run: CheckRun, role: SignRole, name: string): Promise<void> {
  const out = await appendWithRetry<string[]>(trailStore(), (_t, v) => {
    const o = prepareSignature(v, snapshotFigures(run.snapshot), {
      role,
      identity: { name, source: 'typed' },
      statementConfirmed: true,
      at: '2017-08-21T10:00:00.000Z',
    });
    return o.ok ? { drafts: o.drafts } : { refusal: o.reasons.map((r) => r.message) };
  });
  if ('refusal' in out) throw new Error(out.refusal.join(' '));
}

test('unsigned after the deadline: one workbook-level warning naming all three roles; none on the deadline day', async () => {
  const run = await check();
  expect(run.snapshot.findings).toEqual([
    {
      sheet: MELTON_SHEET,
      cell: null,
      rule: 'signoff-outstanding',
      dimension: 'timeliness',
      severity: 'warning',
      ref: null,
      message: message(ALL),
    },
  ]);
  expect(run.snapshot.result.summary).toMatchObject({ errors: 0, warnings: 1 });
  expect(run.notices).toEqual([]);
  expect((await check('2017-08-14')).snapshot.findings).toEqual([]);
});

test('the trail is read once per run: recordCheckRun reuses it, and the check record counts what the pane shows (one count everywhere)', async () => {
  const load = jest.spyOn(OfficeTrailStore.prototype, 'load');
  const run = await check();
  await recordCheckRun(run.snapshot, run.trail);
  expect(load).toHaveBeenCalledTimes(1);
  const t = await new OfficeTrailStore().load();
  const v = verifyTrail(t.entries, t.head);
  expect(v.ok).toBe(true);
  expect(v.records.map((r) => r.type)).toEqual(['check']);
  // The pane's summary says 1 warning (the sign-off outstanding): so does the trail.
  expect(run.snapshot.findings.filter((f) => f.severity === 'warning')).toHaveLength(1);
  expect(v.records[0].type === 'check' && v.records[0].payload.counts).toEqual({
    errors: 0,
    warnings: 1,
    info: 0,
    indicators: 12,
  });
});

test('signing settles it role by role; a withdrawn or stale signature makes its role outstanding again', async () => {
  let run = await check();
  // The outstanding sign-off is not a warning the signer has to acknowledge.
  await sign(run, 'compiler', 'Alan Pritchard');
  run = await check();
  // The Melton return names its owners: the people still to sign are named (a whole-return signature covers every indicator).
  expect(outstanding(run)).toEqual([
    message(
      'Dawn Garton as responsible officer for 6 indicators, Jim Worley as responsible officer for 6 indicators, Keith Aubrey as head of service for 6 indicators, Harry Bell as head of service for 6 indicators',
    ),
  ]);
  await sign(run, 'responsible-officer', 'Dawn Garton');
  await sign(run, 'head-of-service', 'Keith Aubrey');
  run = await check();
  expect(run.snapshot.findings).toEqual([]);

  const stored = await trailStore().load();
  const w = prepareWithdrawal(verifyTrail(stored.entries, stored.head), {
    role: 'head-of-service',
    identity: { name: 'Keith Aubrey', source: 'typed' },
    reason: 'Figures queried.',
    at: '2017-08-21T11:00:00.000Z',
  });
  if (!w.ok) throw new Error(w.reasons.map((r) => r.message).join(' '));
  await appendWithRetry<never>(trailStore(), () => ({ drafts: w.drafts }));
  expect(outstanding(await check())).toEqual([
    message('Keith Aubrey as head of service for 6 indicators, Harry Bell as head of service for 6 indicators'),
  ]);

  // CS05's July figure is revised in the grid: the signatures are stale for CS05 (and the head of service's was withdrawn).
  const h10 = sim.sheet(MELTON_SHEET).rows[9][7];
  sim.sheet(MELTON_SHEET).rows[9][7] = { ...h10, value: 20.3 };
  expect(outstanding(await check())).toEqual([
    message(
      'Mark Selby as compiler for CS05, Dawn Garton as responsible officer for CS05, Keith Aubrey as head of service for 6 indicators, Harry Bell as head of service for 6 indicators',
    ),
  ]);
});

test('a trail that cannot be read costs the sign-off finding, not the check, and says so', async () => {
  setTrailStore({
    load: () => Promise.reject(new Error('GeneralException')),
    append: () => Promise.reject(new Error('unused')),
  });
  const run = await check();
  expect(run.snapshot.findings).toEqual([]);
  expect(run.trail).toBeUndefined();
  expect(run.notices).toEqual([
    {
      code: 'trail-unreadable',
      text: 'The audit trail could not be read, so whether sign-off is outstanding was not checked.',
    },
  ]);
});
