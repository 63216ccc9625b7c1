import { createSimulator, type Simulator } from '../../src/simulator';
import { workbookInputFromExcelJS } from '../support/simulator-from-exceljs';
import { createOfficeHost } from '../../src/excel/office-host';
import { checkWorkbook } from '../../src/engine';
import { DEFAULT_CONFIG, parseConfig } from '../../src/engine/model/config';
import { OfficeTrailStore } from '../../src/excel/trail-office';
import { verifyTrail } from '../../src/signoff/trail';
import { configDigest } from '../../src/signoff/fingerprint';
import { recordCheckRun, recordConfigChange } from '../../src/taskpane/signoff/record-check';
import { forgetSignedInAccount, setTrailStore } from '../../src/taskpane/signoff/trail-client';
import type { CheckSnapshot } from '../../src/taskpane/signoff/contract';
import { meltonClean, MELTON_AS_OF } from '../fixtures';

let sim: Simulator;
beforeEach(() => {
  sim = createSimulator(workbookInputFromExcelJS(meltonClean())).install();
  setTrailStore(null);
});
afterEach(() => {
  sim.uninstall();
  forgetSignedInAccount();
});

async function snapshot(): Promise<CheckSnapshot> {
  const read = await createOfficeHost().read('sheet');
  const result = checkWorkbook(read.sheets, DEFAULT_CONFIG, { today: MELTON_AS_OF });
  return {
    result,
    findings: result.findings,
    sheets: read.sheets,
    config: DEFAULT_CONFIG,
    at: '2017-08-21T09:00:00.000Z',
  };
}

test('every check run in the pane becomes a check record; a settings change a config record', async () => {
  const snap = await snapshot();
  await recordCheckRun(snap);
  await recordCheckRun(snap);
  const cfg = parseConfig({ deadlineDays: 12 });
  if (!cfg.ok) throw new Error('bad config');
  await recordConfigChange(cfg.config);
  const t = await new OfficeTrailStore().load();
  const v = verifyTrail(t.entries, t.head);
  expect(v.ok).toBe(true);
  // The second, identical run by the same person adds nothing (every Sign click re-checks).
  expect(v.records.map((r) => r.type)).toEqual(['check', 'config']);
  const first = v.records[0];
  expect(first.type === 'check' && first.payload).toMatchObject({
    counts: { errors: 0, warnings: 0, info: 0, indicators: 12 },
    configDigest: configDigest(DEFAULT_CONFIG),
    grids: ['Corporate PIs!A4:Z20'],
    source: 'add-in',
  });
  // The simulator's signed-in account is recorded as the actor.
  expect(first.actor).toEqual({ name: 'Alex Compiler', upn: 'alex.compiler@melton.gov.uk', source: 'office-account' });
  const config = v.records[1];
  expect(config.type === 'config' && config.payload.configDigest).toBe(configDigest(cfg.config));
});

test('a check is recorded under the person who ran it: another account checking the same figures gets its own record', async () => {
  const snap = await snapshot();
  await recordCheckRun(snap);
  // Dawn Garton signs in on this device (a new pane session) and checks the same figures.
  (sim.Office.auth as { getAuthContext: () => Promise<unknown> }).getAuthContext = () =>
    Promise.resolve({ userPrincipalName: 'dawn.garton@melton.gov.uk' });
  forgetSignedInAccount();
  await recordCheckRun(snap);
  await recordCheckRun(snap);
  const t = await new OfficeTrailStore().load();
  const v = verifyTrail(t.entries, t.head);
  expect(v.records.map((r) => r.actor?.name)).toEqual(['Alex Compiler', 'Dawn Garton']);
  expect(v.records[1].actor).toEqual({
    name: 'Dawn Garton',
    upn: 'dawn.garton@melton.gov.uk',
    source: 'office-account',
  });
  forgetSignedInAccount();
});

test('a run that found no grid is not recorded', async () => {
  const snap = await snapshot();
  await recordCheckRun({ ...snap, result: { ...snap.result, grids: [] } });
  expect((await new OfficeTrailStore().load()).entries).toHaveLength(0);
});

test('a broken trail is not extended: the check is not recorded and the reason is given', async () => {
  const snap = await snapshot();
  await recordCheckRun(snap);
  // Someone deletes the chain head.
  sim.workbook.names.splice(
    sim.workbook.names.findIndex((n) => n.name === 'OutturnTrailHead'),
    1,
  );
  await expect(recordCheckRun(snap)).rejects.toThrow(
    'The audit trail is broken, so nothing more is written to it: The chain head (the workbook name OutturnTrailHead) is missing, so the trail cannot be shown to be complete or original. Restore the workbook from a copy saved before the break.',
  );
  const t = await new OfficeTrailStore().load();
  expect(t.entries).toHaveLength(1);
  expect(t.head).toBeNull();
});
