import ExcelJS from 'exceljs';
import { createOfficeHost, OutturnHostError, withIndicatorRefs } from '../../src/excel';
import { checkWorkbook } from '../../src/engine/check';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import { cellAt, sheetBottom, sheetRight } from '../../src/engine/model/sheet';
import { createSimulator, Simulator } from '../../src/simulator';
import { MELTON_AS_OF, MELTON_SHEET, meltonWorkbook, dashboardWorkbook, DASHBOARD_SHEET, sheetsOf } from '../fixtures';
import { bigGrid, simulatorFor } from './helpers';

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
});

describe('reading the grid in place', () => {
  test.each([
    ['Melton monthly grid', meltonWorkbook, MELTON_SHEET],
    ['dashboard grid', dashboardWorkbook, DASHBOARD_SHEET],
  ])('%s: the same cells as the ExcelJS reader, in one round trip', async (_label, build, sheetName) => {
    const [expected] = (await sheetsOf(build())).filter((s) => s.name === sheetName);
    sim = await simulatorFor(build());
    sim.setSelection(sheetName, 'A1');
    sim.resetStats();
    const result = await createOfficeHost().read('sheet');
    // A grid within the first 100 x 100 cells comes whole with the round trip that finds it.
    expect(sim.stats.syncs).toBe(1);
    expect(result.sheets).toHaveLength(1);
    const got = result.sheets[0];
    expect(got.name).toBe(sheetName);
    let compared = 0;
    let formulas = 0;
    for (let r = 0; r <= Math.max(sheetBottom(expected), sheetBottom(got)); r++) {
      for (let c = 0; c <= Math.max(sheetRight(expected), sheetRight(got)); c++) {
        const want = cellAt(expected, r, c);
        const have = cellAt(got, r, c);
        // ExcelJS gives a formatted blank cell its format; so does Excel. Values, kinds and formula-ness must agree.
        // The formula as written too (the sign-off fingerprint covers it); ExcelJS cannot tell a
        // shared formula's dependants' text, Office always can.
        expect({
          at: [r, c],
          kind: have.kind,
          value: have.value,
          formula: have.formula,
          format: have.kind === 'empty' ? null : have.format,
          formulaText: want.formulaText === undefined ? null : have.formulaText,
        }).toEqual({
          at: [r, c],
          kind: want.kind,
          value: want.value,
          formula: want.formula,
          format: want.kind === 'empty' ? null : want.format,
          formulaText: want.formulaText ?? null,
        });
        if (have.formula) {
          expect(have.formulaText).toMatch(/^=/);
          formulas++;
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(300);
    expect(formulas).toBe(expected.cells.flat().filter((x) => x?.formula).length);
    expect(result.notices).toEqual([]);
    expect(result.validationFindings).toEqual([]);
  });

  test('Melton: percentages, dates, formulas and error values come through as the engine expects', async () => {
    sim = await simulatorFor(meltonWorkbook());
    const { sheets } = await createOfficeHost().read('sheet');
    const s = sheets[0];
    const at = (addr: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(addr)!;
      return cellAt(s, Number(m[2]) - 1, m[1].charCodeAt(0) - 65);
    };
    expect(at('E6')).toEqual({ kind: 'number', value: 9.6, format: '0.0%', formula: false });
    expect(at('G8')).toMatchObject({ kind: 'text', value: '93 %' });
    expect(at('G17')).toMatchObject({ kind: 'error', value: '#DIV/0!' });
    expect(at('Q17')).toMatchObject({
      kind: 'error',
      value: '#DIV/0!',
      formula: true,
      formulaText: expect.stringMatching(/^=/),
    });
    expect(at('Z11')).toMatchObject({ kind: 'date', format: 'dd/mm/yyyy' });
  });

  test('the selection: only the selected cells (within the used range) are read', async () => {
    sim = await simulatorFor(meltonWorkbook());
    sim.setSelection(MELTON_SHEET, 'A4:H12');
    const { sheets, notices } = await createOfficeHost().read('selection');
    expect(notices).toEqual([]);
    expect([sheets[0].top, sheets[0].left, sheets[0].cells.length, sheets[0].cells[0].length]).toEqual([3, 0, 9, 8]);
    expect(cellAt(sheets[0], 3, 0)).toMatchObject({ kind: 'text', value: 'Ref' });
    expect(cellAt(sheets[0], 3, 9)).toMatchObject({ kind: 'empty' });
    // Whole columns selected: clipped to the used range, not a million rows.
    sim.setSelection(MELTON_SHEET, 'A:B');
    const whole = await createOfficeHost().read('selection');
    expect(whole.sheets[0].cells.length).toBe(22);
  });

  test('a single selected cell reads the whole sheet, and says so', async () => {
    sim = await simulatorFor(meltonWorkbook());
    sim.setSelection(MELTON_SHEET, 'C7');
    const { sheets, notices } = await createOfficeHost().read('selection');
    expect(notices).toEqual(['Only one cell is selected, so the whole sheet was read.']);
    expect(sheets[0].cells.length).toBe(22);
  });

  test('the Excel table the selection is in, in two round trips', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Returns');
    ws.getCell('A1').value = 'Quarterly return';
    ws.addTable({
      name: 'PIs',
      ref: 'B3',
      headerRow: true,
      columns: [{ name: 'Ref' }, { name: 'Measure' }, { name: 'Q1' }],
      rows: [
        ['PI 1', 'Recycling', 0.41],
        ['PI 2', 'Missed bins', 140],
      ],
    });
    ws.getCell('H20').value = 'notes beside the table';
    sim = await simulatorFor(wb);
    sim.setSelection('Returns', 'C4');
    sim.resetStats();
    const { sheets, notices } = await createOfficeHost().read('table');
    expect(sim.stats.syncs).toBe(2);
    expect(notices).toEqual([]);
    expect([sheets[0].top, sheets[0].left]).toEqual([2, 1]);
    expect(sheets[0].cells.map((r) => r.map((c) => c?.value))).toEqual([
      ['Ref', 'Measure', 'Q1'],
      ['PI 1', 'Recycling', 0.41],
      ['PI 2', 'Missed bins', 140],
    ]);
    sim.setSelection('Returns', 'H20');
    const outside = await createOfficeHost().read('table');
    expect(outside.notices).toEqual(['The selection is not inside an Excel table, so the whole sheet was read.']);
  });

  test('an empty sheet: a notice, no cells', async () => {
    sim = createSimulator({ sheets: [{ name: 'Blank' }] }).install();
    const r = await createOfficeHost().read('sheet');
    expect(r.notices).toEqual(["Sheet 'Blank' is empty: there is nothing to check."]);
    expect(r.sheets[0].cells.every((row) => row.every((c) => c?.kind === 'empty'))).toBe(true);
  });

  test('a chart sheet (no worksheet active): a plain message, not an Office error', async () => {
    sim = createSimulator({ sheets: [{ name: 'Data', cells: [['x']] }], activeSheet: null }).install();
    const err = await createOfficeHost()
      .read('sheet')
      .catch((e) => e);
    expect(err).toBeInstanceOf(OutturnHostError);
    expect(err.userMessage).toBe(
      'Outturn could not read the sheet: the active sheet is not a worksheet (a chart sheet?). Select the worksheet that holds the grid and try again.',
    );
  });

  test('while a cell is being edited: tells the user to finish editing', async () => {
    sim = await simulatorFor(meltonWorkbook());
    sim.setCellEditMode(true);
    const err = await createOfficeHost()
      .read('sheet')
      .catch((e) => e);
    expect(err.userMessage).toMatch(/while a cell is being edited\. Press Enter or Esc/);
  });

  test('an Excel too old for the add-in (below ExcelApi 1.9) is told so before any request', async () => {
    sim = createSimulator({ sheets: [{ name: 'Data', cells: [['x']] }] }, { excelApi: '1.8' }).install();
    const err = await createOfficeHost()
      .read('sheet')
      .catch((e) => e);
    expect(err.userMessage).toMatch(/too old for Outturn: it needs Excel API 1\.9/);
    expect(sim.stats.syncs).toBe(0);
  });

  test('a protected sheet is read, with a notice that marks cannot be added', async () => {
    const wb = meltonWorkbook();
    await wb.getWorksheet(MELTON_SHEET)!.protect('', {});
    sim = await simulatorFor(wb);
    const r = await createOfficeHost().read('sheet');
    expect(r.notices).toEqual([
      `Sheet '${MELTON_SHEET}' is protected: Outturn can check it but cannot mark cells until it is unprotected (Review > Unprotect Sheet).`,
    ]);
    expect(r.sheets[0].cells.length).toBe(22);
  });

  test('merged cells are reported where the host can list them (ExcelApi 1.13), and still read on 1.9', async () => {
    const wb = meltonWorkbook();
    wb.getWorksheet(MELTON_SHEET)!.mergeCells('A5:D5');
    sim = await simulatorFor(wb, { excelApi: '1.13' });
    const r = await createOfficeHost().read('sheet');
    expect(r.notices).toEqual([
      `Sheet '${MELTON_SHEET}' has merged cells (A5:D5): only the top-left cell of each holds a value.`,
    ]);
    expect(cellAt(r.sheets[0], 4, 0)).toMatchObject({ value: 'Corporate Services' });
    expect(r.sheets[0].merged).toEqual(['A5:D5']);
    sim.uninstall();
    sim = await simulatorFor(wb, { excelApi: '1.9' });
    const old = await createOfficeHost().read('sheet');
    expect(old.notices).toEqual([]);
    expect(old.sheets[0].merged).toBeUndefined();
    expect(cellAt(old.sheets[0], 4, 0)).toMatchObject({ value: 'Corporate Services' });
  });
});

describe("the workbook's own data-validation rules", () => {
  async function withValidation(): Promise<Simulator> {
    const wb = meltonWorkbook();
    const ws = wb.getWorksheet(MELTON_SHEET)!;
    // Template author's rules: RAG from a list; two count cells whole numbers 0..100; a % column 0..1.
    for (let r = 6; r <= 12; r++)
      ws.getCell(`T${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: ['"GREEN,AMBER,RED"'] };
    ws.getCell('T9').value = 'Amber-ish';
    for (const r of [16, 18])
      ws.getCell(`E${r}`).dataValidation = { type: 'whole', operator: 'between', allowBlank: true, formulae: [0, 100] };
    ws.getCell('E16').value = 120;
    ws.getCell('E6').dataValidation = { type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, 1] };
    return simulatorFor(wb);
  }

  test('cells that break them become error findings that explain the rule, read in the same two round trips', async () => {
    sim = await withValidation();
    sim.resetStats();
    const r = await createOfficeHost().read('sheet');
    expect(sim.stats.syncs).toBe(2);
    expect(r.validationFindings).toEqual([
      {
        sheet: MELTON_SHEET,
        cell: 'E6',
        rule: 'data-validation',
        dimension: 'accuracy',
        severity: 'error',
        ref: null,
        message: "The workbook's own validation allows only numbers between 0% and 100% here; 960% breaks it.",
      },
      {
        sheet: MELTON_SHEET,
        cell: 'T9',
        rule: 'data-validation',
        dimension: 'accuracy',
        severity: 'error',
        ref: null,
        message: 'The workbook\'s own validation allows only one of: GREEN, AMBER, RED here; "Amber-ish" breaks it.',
      },
      {
        sheet: MELTON_SHEET,
        cell: 'E16',
        rule: 'data-validation',
        dimension: 'accuracy',
        severity: 'error',
        ref: null,
        message: "The workbook's own validation allows only whole numbers between 0 and 100 here; 120 breaks it.",
      },
      {
        sheet: MELTON_SHEET,
        cell: 'E18',
        rule: 'data-validation',
        dimension: 'accuracy',
        severity: 'error',
        ref: null,
        message: "The workbook's own validation allows only whole numbers between 0 and 100 here; 38.5 breaks it.",
      },
    ]);
  });

  test('once the engine has found the grid, each finding gets its indicator ref', async () => {
    sim = await withValidation();
    const r = await createOfficeHost().read('sheet');
    const { grids } = checkWorkbook(r.sheets, DEFAULT_CONFIG, { today: MELTON_AS_OF });
    expect(withIndicatorRefs(r.validationFindings, grids, r.sheets).map((f) => [f.cell, f.ref])).toEqual([
      ['E6', 'CS01'],
      ['T9', 'CS04'],
      ['E16', 'HC02'],
      ['E18', 'HC04'],
    ]);
  });

  test('only those inside the selection are listed when the selection is read', async () => {
    sim = await withValidation();
    sim.setSelection(MELTON_SHEET, 'A14:Z21');
    const r = await createOfficeHost().read('selection');
    expect(r.validationFindings.map((f) => f.cell)).toEqual(['E16', 'E18']);
  });
});

describe('large grids', () => {
  test('100k cells: at most a handful of round trips, each response under 5 MB', async () => {
    sim = await simulatorFor(bigGrid(4999, 20)); // 5,000 rows x 20 columns
    sim.resetStats();
    const r = await createOfficeHost().read('sheet');
    expect(r.sheets[0].cells.length).toBe(5000);
    expect(r.sheets[0].cells[4999][19]).toMatchObject({ kind: 'number', format: '0.0%' });
    expect(sim.stats.syncs).toBeLessThanOrEqual(3);
    expect(sim.stats.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);
  });

  test('a grid above the payload limit is read in blocks of rows, and the cells are the same', async () => {
    const wb = bigGrid(1999, 10); // 20k cells, about 400 kB as one response
    const [expected] = await sheetsOf(bigGrid(1999, 10));
    sim = await simulatorFor(wb, { limits: { maxPayloadBytes: 200_000 } });
    sim.resetStats();
    const split = await createOfficeHost({ readLimits: { maxResponseBytes: 150_000 } }).read('sheet');
    expect(sim.stats.maxResponseBytes).toBeLessThanOrEqual(200_000);
    // The small trip (with a measured 100-row sample), then blocks sized from what a cell costs:
    // each response within the 150 kB asked for, and no more blocks than that budget needs.
    expect(sim.stats.maxResponseBytes).toBeLessThanOrEqual(150_000);
    expect(sim.stats.syncs).toBeLessThanOrEqual(1 + Math.ceil(sim.stats.responseBytes / 150_000) + 1);
    expect(split.sheets[0].cells.length).toBe(2000);
    for (const r of [0, 1, 666, 667, 1333, 1334, 1999]) {
      for (let c = 0; c < 10; c++) expect(cellAt(split.sheets[0], r, c)).toEqual(cellAt(expected, r, c));
    }
  });

  test('a stray value far from the grid: refused with advice, not thousands of round trips', async () => {
    sim = createSimulator({
      sheets: [
        {
          name: 'Return',
          cells: [
            ['Ref', 'Apr'],
            ['PI 1', 0.5],
          ],
        },
      ],
    }).install();
    sim.sheet('Return').rows[1_048_575] = [];
    sim.sheet('Return').rows[1_048_575][200] = { value: 'x' };
    sim.resetStats();
    const err = await createOfficeHost()
      .read('sheet')
      .catch((e) => e);
    expect(err.userMessage).toBe(
      "The data on sheet 'Return' spans A1:GS1048576 (210,763,776 cells), too much to read at once; something is probably typed far below or to the right of the grid. Select the grid and check the selection.",
    );
    expect(sim.stats.syncs).toBe(1);
  });

  test('when the estimate is wrong and Excel refuses a block, the block is halved and read again', async () => {
    sim = await simulatorFor(bigGrid(999, 10), { limits: { maxPayloadBytes: 100_000 } });
    sim.resetStats();
    // bytesPerCell far too low: the first block is ~4x the limit.
    const r = await createOfficeHost({
      readLimits: { maxResponseBytes: 100_000, bytesPerCell: 10, sampleRows: 0 },
    }).read('sheet');
    expect(r.sheets[0].cells.length).toBe(1000);
    expect(r.sheets[0].cells[999][9]).toMatchObject({ kind: 'number' });
  });
});
