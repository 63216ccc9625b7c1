import { createOfficeHost, OutturnHostError, SETTINGS_SHEET } from '../../src/excel';
import { Simulator } from '../../src/simulator';
import { MELTON_SHEET, meltonWorkbook } from '../fixtures';
import { simulatorFor } from './helpers';

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
});

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("selecting a finding's cell", () => {
  test('activates the sheet and selects the cell', async () => {
    const wb = meltonWorkbook();
    wb.addWorksheet('Notes').getCell('A1').value = 'notes';
    sim = await simulatorFor(wb);
    sim.setSelection('Notes', 'A1');
    await createOfficeHost().select(MELTON_SHEET, 'H18');
    expect(sim.workbook.activeSheet).toBe(MELTON_SHEET);
    expect(sim.sheet(MELTON_SHEET).selection).toEqual({ top: 17, left: 7, bottom: 17, right: 7 });
  });

  test('a sheet that no longer exists: a plain message', async () => {
    sim = await simulatorFor(meltonWorkbook());
    const err = await createOfficeHost()
      .select('Gone', 'A1')
      .catch((e) => e);
    expect(err).toBeInstanceOf(OutturnHostError);
    expect(err.userMessage).toBe(
      "Outturn could not select A1 on sheet 'Gone': a sheet or range it expected is no longer there (renamed or deleted?). Press Check again.",
    );
  });
});

describe('settings kept in the workbook', () => {
  const settings = {
    period: '2017-07',
    deadlineDays: 12,
    rules: { 'rag-mismatch': { enabled: true, severity: 'warning' } },
    columns: { 'Latest Month': 'latest' },
  };

  test('none yet: null, and no sheet is created by reading', async () => {
    sim = await simulatorFor(meltonWorkbook());
    expect(await createOfficeHost().loadSettings()).toBeNull();
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual([MELTON_SHEET]);
  });

  test('saved as JSON text in A1 of a very hidden sheet, and read back the same', async () => {
    sim = await simulatorFor(meltonWorkbook());
    const host = createOfficeHost();
    await host.saveSettings(settings);
    const sheet = sim.sheet(SETTINGS_SHEET);
    expect(sheet.visibility).toBe('VeryHidden');
    expect(sheet.rows[0][0]).toEqual({ value: JSON.stringify(settings), format: '@' });
    expect(String(sheet.rows[0][1]?.value)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(await host.loadSettings()).toEqual(settings);
    // Saving again overwrites in place: still one settings sheet, the active sheet unchanged.
    await host.saveSettings({ ...settings, deadlineDays: 5 });
    expect(sim.workbook.sheets.filter((s) => s.name === SETTINGS_SHEET)).toHaveLength(1);
    expect(sim.workbook.activeSheet).toBe(MELTON_SHEET);
    expect(await host.loadSettings()).toEqual({ ...settings, deadlineDays: 5 });
  });

  test('a number-like setting stays text (the cell is text-formatted)', async () => {
    sim = await simulatorFor(meltonWorkbook());
    const host = createOfficeHost();
    await host.saveSettings(42);
    expect(sim.sheet(SETTINGS_SHEET).rows[0][0]).toEqual({ value: '42', format: '@' });
    expect(await host.loadSettings()).toBe(42);
  });

  test('damaged settings: a message saying where, not a JSON parse error', async () => {
    sim = await simulatorFor(meltonWorkbook());
    const host = createOfficeHost();
    await host.saveSettings(settings);
    sim.sheet(SETTINGS_SHEET).rows[0][0] = { value: '{"period": "2017-', format: '@' };
    const err = (await host.loadSettings().catch((e) => e)) as OutturnHostError;
    expect(err.userMessage).toBe(
      'The Outturn settings stored in this workbook (sheet OutturnSettings, cell A1) are not valid JSON. Save the settings again to replace them.',
    );
  });

  test('settings larger than a cell holds are refused before anything is written', async () => {
    sim = await simulatorFor(meltonWorkbook());
    const err = await createOfficeHost()
      .saveSettings({ annotations: Array.from({ length: 5000 }, (_, i) => `annotation ${i}`) })
      .catch((e) => e);
    expect(err.userMessage).toMatch(
      /too large to keep in the workbook \(\d+ characters; Excel allows 32767 in a cell\)/,
    );
    expect(sim.stats.syncs).toBe(0);
  });
});

describe('change events', () => {
  test("a person's edit on the grid calls the listener; Outturn's own settings writes do not; unsubscribe stops it", async () => {
    sim = await simulatorFor(meltonWorkbook());
    const host = createOfficeHost();
    let calls = 0;
    const stop = await host.onChanged(() => {
      calls++;
    });
    await sim.editCell(MELTON_SHEET, 'H18', 41);
    await tick();
    expect(calls).toBe(1);
    await host.saveSettings({ period: '2017-07' }); // creates and writes the very hidden settings sheet
    await tick();
    await tick();
    expect(calls).toBe(1);
    stop();
    await tick();
    await sim.editCell(MELTON_SHEET, 'H18', 42);
    await tick();
    expect(calls).toBe(1);
  });
});

describe('the oldest supported host (ExcelApi 1.9)', () => {
  test('read, mark, clear, select, settings and change events use nothing newer', async () => {
    sim = await simulatorFor(meltonWorkbook(), { excelApi: '1.9' });
    const host = createOfficeHost();
    const { sheets } = await host.read('sheet');
    expect(sheets[0].cells.length).toBe(22);
    await host.mark([
      { sheet: MELTON_SHEET, cell: 'E6', rule: 'r', dimension: 'accuracy', severity: 'error', ref: null, message: 'm' },
    ]);
    expect(await host.clearMarks()).toBe(1);
    await host.select(MELTON_SHEET, 'B7');
    await host.saveSettings({ deadlineDays: 10 });
    expect(await host.loadSettings()).toEqual({ deadlineDays: 10 });
    let calls = 0;
    const stop = await host.onChanged(() => calls++);
    await sim.editCell(MELTON_SHEET, 'E6', 0.5);
    await tick();
    expect(calls).toBe(1);
    stop();
  });
});
