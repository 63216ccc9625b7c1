/**
 * Issue #8: defects the lenient simulator used to hide. Each test here failed on the
 * adapter before its fix, on the simulator made strict where Office.js is strict.
 */
import ExcelJS from 'exceljs';
import { createOfficeHost, MARK_FORMULA } from '../../src/excel';
import type { Finding } from '../../src/engine/model/finding';
import { createSimulator, Simulator, ConditionalFormatInput } from '../../src/simulator';
import { MELTON_SHEET, meltonWorkbook } from '../fixtures';
import { simulatorFor } from './helpers';

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
});

const finding = (cell: string | null, severity: Finding['severity'], sheet = MELTON_SHEET): Finding => ({
  sheet,
  cell,
  severity,
  rule: 'test-rule',
  dimension: 'accuracy',
  ref: null,
  message: 'test',
});

const formulas = (s: Simulator, sheet: string) => s.sheet(sheet).conditionalFormats.map((cf) => cf.formula ?? cf.type);

/** A small return whose conditional formats are given in priority order (the first applies first). */
function returnWith(conditionalFormats: ConditionalFormatInput[]): Simulator {
  return createSimulator({
    sheets: [
      {
        name: 'Return',
        cells: [
          ['Ref', 'Indicator description', 'Apr', 'Target'],
          ['CS01', 'Invoices paid in 30 days', { value: 0.96, format: '0.0%' }, { value: 0.95, format: '0%' }],
          ['CS02', 'Calls answered', { value: 'N/a' }, { value: 0.9, format: '0%' }],
        ],
        conditionalFormats,
      },
    ],
  }).install();
}

describe('defect 1: marks are deleted by priority, which shifts after each delete', () => {
  const errorMark: ConditionalFormatInput = { range: 'C2', formula: MARK_FORMULA.error, fill: '#FFC7CE' };
  const warningMark: ConditionalFormatInput = { range: 'C3', formula: MARK_FORMULA.warning, fill: '#FFEB9C' };
  const userRule: ConditionalFormatInput = { range: 'C2:C3', formula: '=C2<D2', fill: '#DDDDDD' };

  test("Clear marks removes both marks and keeps the user's own rule below them", async () => {
    sim = returnWith([errorMark, warningMark, userRule]);
    expect(await createOfficeHost().clearMarks()).toBe(2);
    expect(formulas(sim, 'Return')).toEqual(['=C2<D2']);
  });

  test("a second Check replaces two marks without an error and keeps the user's rules above and below", async () => {
    sim = returnWith([{ ...userRule, formula: '=C2>1' }, errorMark, warningMark, userRule]);
    const host = createOfficeHost();
    await host.read('sheet');
    await host.mark([finding('C3', 'error', 'Return')]);
    expect(formulas(sim, 'Return')).toEqual([MARK_FORMULA.error, '=C2>1', '=C2<D2']);
    expect(sim.sheet('Return').conditionalFormats[0].areas).toEqual([{ top: 2, left: 2, bottom: 2, right: 2 }]);
  });

  test('Check twice with no user rules: no "sheet is no longer there" error', async () => {
    sim = await simulatorFor(meltonWorkbook());
    const host = createOfficeHost();
    await host.read('sheet');
    await host.mark([finding('E6', 'error'), finding('E7', 'warning')]);
    await host.mark([finding('E6', 'error'), finding('E8', 'warning')]);
    expect(formulas(sim, MELTON_SHEET)).toEqual([MARK_FORMULA.warning, MARK_FORMULA.error]);
  });
});

describe('defect 2: sheets are tracked by id, so renaming or deleting one does not break marking', () => {
  type Ctx = {
    workbook: { worksheets: { getItem(n: string): { name: string; delete(): void; activate(): void } } };
    sync(): Promise<void>;
  };
  const inExcel = (s: Simulator, fn: (ctx: Ctx) => void) =>
    s.Excel.run(async (ctx: Ctx) => {
      fn(ctx);
      await ctx.sync();
    });
  const marksOn = (s: Simulator, sheet: string) =>
    s.sheet(sheet).conditionalFormats.filter((cf) => cf.formula?.includes('outturn:'));

  function twoSheets(): ExcelJS.Workbook {
    const wb = meltonWorkbook();
    const q2 = wb.addWorksheet('Q2 returns');
    q2.addRow(['Ref', 'Indicator description', 'Q2']);
    q2.addRow(['HC01', 'Homeless cases prevented', 41]);
    return wb;
  }

  test('renamed after the check: marking the old findings marks the renamed sheet and replaces its marks', async () => {
    sim = await simulatorFor(meltonWorkbook());
    const host = createOfficeHost();
    await host.read('sheet');
    await host.mark([finding('E6', 'error')]);
    await inExcel(sim, (ctx) => {
      ctx.workbook.worksheets.getItem(MELTON_SHEET).name = 'Q1 final';
    });
    await host.mark([finding('E7', 'warning')]); // the pane re-marks the findings it holds (named as read)
    expect(marksOn(sim, 'Q1 final').map((cf) => [cf.formula, cf.areas])).toEqual([
      [MARK_FORMULA.warning, [{ top: 6, left: 4, bottom: 6, right: 4 }]],
    ]);
    await host.select(MELTON_SHEET, 'H18'); // a finding clicked in the list still finds its cell
    expect(sim.workbook.activeSheet).toBe('Q1 final');
    // Checked again under the new name: the old marks are replaced, not doubled.
    const { sheets } = await host.read('sheet');
    expect(sheets[0].name).toBe('Q1 final');
    await host.mark([finding('E8', 'error', 'Q1 final')]);
    expect(marksOn(sim, 'Q1 final').map((cf) => cf.formula)).toEqual([MARK_FORMULA.error]);
  });

  test('a checked sheet deleted since: marking the others still works', async () => {
    sim = await simulatorFor(twoSheets());
    const host = createOfficeHost();
    sim.setSelection('Q2 returns', 'A1');
    await host.read('sheet');
    await host.mark([finding('C2', 'error', 'Q2 returns')]);
    sim.setSelection(MELTON_SHEET, 'A1');
    await host.read('sheet');
    await inExcel(sim, (ctx) => ctx.workbook.worksheets.getItem('Q2 returns').delete());
    await host.mark([finding('E6', 'error')]);
    expect(marksOn(sim, MELTON_SHEET).map((cf) => cf.formula)).toEqual([MARK_FORMULA.error]);
    expect(await host.clearMarks()).toBe(1);
  });
});

describe('defect 4: a custom rule Excel cannot read (office-js #6835) does not fail mark or clear', () => {
  const duplicated: ConditionalFormatInput = { range: 'C2:C3', formula: '=C2<D2', fill: '#DDDDDD', unreadable: true };

  test('the simulator refuses to read such a rule, as Excel does', async () => {
    sim = returnWith([duplicated]);
    await expect(
      sim.Excel.run(
        async (ctx: {
          workbook: {
            worksheets: {
              getItem(n: string): {
                getRange(): {
                  conditionalFormats: {
                    load(p: string): void;
                    items: { custom: { rule: { load(p: string): void } } }[];
                  };
                };
              };
            };
          };
          sync(): Promise<void>;
        }) => {
          const formats = ctx.workbook.worksheets.getItem('Return').getRange().conditionalFormats;
          formats.load('items/type');
          await ctx.sync();
          formats.items[0].custom.rule.load('formula');
          await ctx.sync();
        },
      ),
    ).rejects.toMatchObject({ code: 'GeneralException' });
  });

  test('marks are replaced and cleared around it, and it is left exactly as it was', async () => {
    sim = returnWith([
      { range: 'C2', formula: MARK_FORMULA.error },
      duplicated,
      { range: 'C3', formula: MARK_FORMULA.warning },
    ]);
    const host = createOfficeHost();
    await host.read('sheet');
    await host.mark([finding('D3', 'warning', 'Return')]);
    expect(formulas(sim, 'Return')).toEqual([MARK_FORMULA.warning, '=C2<D2']);
    expect(sim.sheet('Return').conditionalFormats[1].unreadable).toBe(true);
    expect(await host.clearMarks()).toBe(1);
    expect(formulas(sim, 'Return')).toEqual(['=C2<D2']);
  });

  test('without such a rule the formulas are still read in one round trip', async () => {
    sim = returnWith([
      { range: 'C2', formula: MARK_FORMULA.error },
      { range: 'C2:C3', formula: '=C2<D2' },
    ]);
    sim.resetStats();
    expect(await createOfficeHost().clearMarks()).toBe(1);
    expect(sim.stats.syncs).toBe(4); // sheets, formats, formulas, delete
  });
});

describe('defect 3: invalid cells under different validation rules (DataValidation type Inconsistent, rule null)', () => {
  function twoRulesInOneColumn(): ExcelJS.Workbook {
    const wb = meltonWorkbook();
    const ws = wb.getWorksheet(MELTON_SHEET)!;
    // One template author's RAG list on T6:T8, another's G/A/R list on T9:T10: adjacent broken cells T8 and T9.
    for (let r = 6; r <= 8; r++)
      ws.getCell(`T${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: ['"GREEN,AMBER,RED"'] };
    for (let r = 9; r <= 10; r++)
      ws.getCell(`T${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: ['"G,A,R"'] };
    ws.getCell('T8').value = 'Amber-ish';
    ws.getCell('T9').value = 'AMBER';
    ws.getCell('T10').value = 'R';
    return wb;
  }

  test('the simulator reports Inconsistent and a null rule over the two rules, as Excel does', async () => {
    sim = await simulatorFor(twoRulesInOneColumn());
    const got = await sim.Excel.run(
      async (ctx: {
        workbook: {
          worksheets: {
            getItem(n: string): {
              getRange(a: string): { dataValidation: { load(p: string): void; type: string; rule: unknown } };
            };
          };
        };
        sync(): Promise<void>;
      }) => {
        const dv = ctx.workbook.worksheets.getItem(MELTON_SHEET).getRange('T8:T9').dataValidation;
        const partly = ctx.workbook.worksheets.getItem(MELTON_SHEET).getRange('T10:T11').dataValidation;
        dv.load('type, rule');
        partly.load('type, rule');
        await ctx.sync();
        return [dv.type, dv.rule, partly.type, partly.rule];
      },
    );
    expect(got).toEqual(['Inconsistent', null, 'MixedCriteria', null]);
  });

  test('each broken cell is explained by its own rule, at the cost of one more round trip only then', async () => {
    sim = await simulatorFor(twoRulesInOneColumn());
    sim.resetStats();
    const r = await createOfficeHost().read('sheet');
    expect(r.validationFindings.map((f) => [f.cell, f.message])).toEqual([
      ['T8', 'The workbook\'s own validation allows only one of: GREEN, AMBER, RED here; "Amber-ish" breaks it.'],
      ['T9', 'The workbook\'s own validation allows only one of: G, A, R here; "AMBER" breaks it.'],
    ]);
    expect(sim.stats.syncs).toBe(3);
  });
});

describe('defect 7: ExcelApi 1.9 on perpetual Office means Office 2021, not 2019', () => {
  // https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets:
  // ExcelApi 1.9 — volume-licensed/retail perpetual Windows: "Office 2021: Version 1903"; Mac 16.24.
  test('too old a host is told which versions will do', async () => {
    sim = createSimulator({ sheets: [{ name: 'Data', cells: [['x']] }] }, { excelApi: '1.8' }).install();
    const err = await createOfficeHost()
      .read('sheet')
      .catch((e) => e);
    expect(err.userMessage).toBe(
      'This version of Excel is too old for Outturn: it needs Excel API 1.9 (Microsoft 365, Office 2021 or later, Excel on the web, or Excel for Mac 16.24 or later).',
    );
  });

  test('a feature missing at run time (ApiNotFound) gives the same advice', async () => {
    const { toHostError } = await import('../../src/excel/errors');
    expect(toHostError({ code: 'ApiNotFound' }, 'mark the cells').userMessage).toBe(
      'Outturn could not mark the cells: this version of Excel lacks a feature it needs (Excel API 1.9). Use Microsoft 365, Office 2021 or later, Excel on the web, or Excel for Mac 16.24 or later.',
    );
  });
});
