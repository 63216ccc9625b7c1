/**
 * Issue #21, map in one step: a return whose figure columns are headed by two district
 * names Outturn cannot place. The check leaves their figures unchecked and offers a role
 * for each; choosing "one body" for both saves the mapping in the workbook's settings (the
 * very hidden sheet the command line reads too), records it in the audit trail, and the
 * check run again reads every figure, so the "12" typed as text is now an error.
 * Against the Office.js simulator, through the pane's own check run.
 */
import ExcelJS from 'exceljs';
import { createSimulator, type Simulator } from '../../src/simulator';
import { workbookInputFromExcelJS } from '../support/simulator-from-exceljs';
import { createOfficeHost } from '../../src/excel/office-host';
import { checkWorkbook } from '../../src/engine';
import { DEFAULT_CONFIG, parseConfig } from '../../src/engine/model/config';
import { checkInPane } from '../../src/taskpane/run-check';
import { saveColumnChoices } from '../../src/taskpane/map-columns';
import { setTrailStore, trailStore } from '../../src/taskpane/signoff/trail-client';
import { unplacedColumns } from '../../src/app/column-mapping';
import type { OutturnConfig } from '../../src/engine/model/config';

function districtReturn(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Districts');
  ws.addRow(['Ref', 'Indicator', 'Target', 'North Warwickshire', 'Rugby']);
  ws.addRow(['FR1', 'Number of accidental dwelling fires', 40, 31, 38]);
  ws.addRow(['FR2', 'Number of deliberate fires', 60, 44, '12']);
  ws.addRow(['FR3', 'Number of home fire safety checks', 900, 1012, 955]);
  return wb;
}

let sim: Simulator;
beforeEach(() => {
  sim = createSimulator(workbookInputFromExcelJS(districtReturn())).install();
  setTrailStore(null);
});
afterEach(() => {
  sim.uninstall();
  setTrailStore(null);
});

const check = (config: OutturnConfig) => checkInPane(createOfficeHost(), checkWorkbook, config, 'sheet', '2026-12-07');

test('before: the district columns are offered with a suggested role, and their figures are not checked', async () => {
  const run = await check(DEFAULT_CONFIG);
  expect(run.snapshot.result.coverage).toMatchObject({ checkedCells: 3, figureCells: 9 });
  expect(run.snapshot.findings.map((f) => `${f.cell} ${f.rule}`)).toContain('D1 figures-not-checked');
  expect(unplacedColumns(run.snapshot.result)).toEqual([
    {
      sheet: 'Districts',
      range: 'A1:C4',
      column: 'D',
      header: 'North Warwickshire',
      cells: 3,
      key: 'North Warwickshire',
      suggested: 'latest',
    },
    { sheet: 'Districts', range: 'A1:C4', column: 'E', header: 'Rugby', cells: 3, key: 'Rugby', suggested: 'ignore' },
  ]);
});

test('choosing "one body" for both saves the mapping in the workbook and the check run again reads every figure', async () => {
  const host = createOfficeHost();
  const first = await check(DEFAULT_CONFIG);
  const choices = unplacedColumns(first.snapshot.result).map((c) => ({ key: c.key, role: 'body' as const }));
  const saved = await saveColumnChoices(host, DEFAULT_CONFIG, choices);
  expect(saved.warning).toBeUndefined();

  // In the workbook's settings, where a new pane or the command line will read it.
  const stored = parseConfig(await host.loadSettings());
  expect(stored.ok && stored.config.columns).toEqual({ 'North Warwickshire': 'body', Rugby: 'body' });
  // And in the audit trail, as any settings change is.
  const trail = await trailStore().load();
  expect(trail.entries.map((e) => (e.raw as { type?: string }).type)).toContain('config');

  const again = await check(saved.config);
  expect(again.snapshot.result.coverage).toMatchObject({ checkedCells: 9, figureCells: 9 });
  expect(unplacedColumns(again.snapshot.result)).toEqual([]);
  const rules = again.snapshot.findings.map((f) => `${f.cell} ${f.rule}`);
  expect(rules).not.toContain('D1 figures-not-checked');
  expect(rules).toContain('E3 number-stored-as-text');
});
