/**
 * The ribbon's "Check return" button (ExecuteFunction runCheck) against the simulator:
 * it reads, checks with the workbook's settings, marks, records the run and completes
 * the event, without any pane.
 */
import { createSimulator, type Simulator } from '../../src/simulator';
import { workbookInputFromExcelJS } from '../support/simulator-from-exceljs';
import { createOfficeHost } from '../../src/excel';
import { areaA1 } from '../../src/simulator';
import { OfficeTrailStore } from '../../src/excel/trail-office';
import { verifyTrail } from '../../src/signoff/trail';
import { setTrailStore } from '../../src/taskpane/signoff/trail-client';
import { MELTON_AS_OF, MELTON_ERRORS, MELTON_SHEET, meltonWorkbook } from '../fixtures';

let sim: Simulator;
afterEach(() => sim.uninstall());

/** Install the simulator, then load commands.ts as Office would (it registers runCheck on Office.onReady). */
async function loadCommands(protectedSheet = false): Promise<void> {
  const input = workbookInputFromExcelJS(meltonWorkbook());
  if (protectedSheet) input.sheets[0].protected = true;
  sim = createSimulator(input).install();
  setTrailStore(null);
  await createOfficeHost().saveSettings({ asOf: MELTON_AS_OF });
  await jest.isolateModulesAsync(async () => {
    await import('../../src/commands/commands');
  });
  await new Promise((r) => setTimeout(r, 10)); // Office.onReady calls back asynchronously
}

/** Cells covered by the add-in's own marks of one look. */
function marked(kind: 'error' | 'warning'): string[] {
  const cells: string[] = [];
  for (const cf of sim.sheet(MELTON_SHEET).conditionalFormats) {
    if (cf.formula !== `=N("outturn:${kind}")=0`) continue;
    for (const a of cf.areas) {
      for (let r = a.top; r <= a.bottom; r++)
        for (let c = a.left; c <= a.right; c++) cells.push(areaA1({ top: r, left: c, bottom: r, right: c }));
    }
  }
  return cells.sort();
}

test('runCheck marks every failing cell with the error or warning look and completes the event', async () => {
  await loadCommands();
  const before = JSON.stringify(sim.sheet(MELTON_SHEET).rows);
  await sim.Office._runAction('runCheck'); // resolves when event.completed() is called
  const errors = [...new Set(MELTON_ERRORS.filter((e) => e.severity === 'error').map((e) => e.cell))].sort();
  const warnings = [...new Set(MELTON_ERRORS.filter((e) => e.severity === 'warning').map((e) => e.cell))].sort();
  expect(marked('error')).toEqual(errors);
  expect(marked('warning')).toEqual(warnings);
  expect(JSON.stringify(sim.sheet(MELTON_SHEET).rows)).toBe(before);
  const trail = await new OfficeTrailStore().load();
  const v = verifyTrail(trail.entries, trail.head);
  expect(v.ok).toBe(true);
  expect(v.records.map((r) => r.type)).toEqual(['check']);
});

test('on a protected sheet it says in the log what it found and why nothing was marked, and still completes the event', async () => {
  await loadCommands(true);
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await sim.Office._runAction('runCheck');
    expect(marked('error')).toEqual([]);
    expect(logged).toHaveBeenCalledTimes(1);
    // 4 cell warnings and the workbook's sign-off, outstanding after the deadline (not a cell, so never marked).
    expect(String(logged.mock.calls[0][0])).toMatch(
      /^Outturn: 18 errors and 5 warnings found, but not marked: .*protected/i,
    );
  } finally {
    logged.mockRestore();
  }
});
