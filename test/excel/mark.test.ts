import ExcelJS from 'exceljs';
import { createOfficeHost, OutturnHostError, MARK_FORMULA } from '../../src/excel';
import { checkWorkbook } from '../../src/engine/check';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import type { Finding } from '../../src/engine/model/finding';
import { areaA1, Simulator, SimConditionalFormat } from '../../src/simulator';
import { MELTON_AS_OF, MELTON_ERRORS, MELTON_SHEET, meltonWorkbook } from '../fixtures';
import { bigGrid, simulatorFor } from './helpers';

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

/** Melton with the template author's own conditional formats: a cell-value rule and a custom formula rule. */
function meltonWithUserFormats(): ExcelJS.Workbook {
  const wb = meltonWorkbook();
  const ws = wb.getWorksheet(MELTON_SHEET)!;
  ws.addConditionalFormatting({
    ref: 'T6:T21',
    rules: [
      {
        type: 'containsText',
        operator: 'containsText',
        text: 'RED',
        priority: 1,
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFF0000' } } },
      },
    ],
  });
  ws.addConditionalFormatting({
    ref: 'E6:H21',
    rules: [
      {
        type: 'expression',
        formulae: ['ISBLANK(E6)'],
        priority: 2,
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFDDDDDD' } } },
      },
    ],
  });
  return wb;
}

const outturnMarks = (s: Simulator, sheet = MELTON_SHEET): SimConditionalFormat[] =>
  s.sheet(sheet).conditionalFormats.filter((cf) => cf.formula?.includes('outturn:'));

describe('marking failing cells', () => {
  test("Check then Clear marks leaves values, formulas, formats and the user's own conditional formats exactly as before", async () => {
    sim = await simulatorFor(meltonWithUserFormats());
    const before = sim.snapshot();
    expect(sim.sheet(MELTON_SHEET).conditionalFormats).toHaveLength(2);
    const host = createOfficeHost();
    const { sheets } = await host.read('sheet');
    const result = checkWorkbook(sheets, DEFAULT_CONFIG, { today: MELTON_AS_OF });
    await host.mark(result.findings);
    expect(outturnMarks(sim).length).toBeGreaterThan(0);
    expect(sim.snapshot()).not.toEqual(before);
    const removed = await host.clearMarks();
    expect(removed).toBe(2); // one conditional format for the errors, one for the warnings
    expect(sim.snapshot()).toEqual(before);
  });

  test("the engine's findings on Melton mark exactly the error and warning cells of the fixture", async () => {
    sim = await simulatorFor(meltonWorkbook());
    const host = createOfficeHost();
    const { sheets } = await host.read('sheet');
    await host.mark(checkWorkbook(sheets, DEFAULT_CONFIG, { today: MELTON_AS_OF }).findings);
    const marked = (severity: 'error' | 'warning') => {
      const cf = outturnMarks(sim!).find((m) => m.formula === MARK_FORMULA[severity])!;
      const cells: string[] = [];
      for (const a of cf.areas)
        for (let r = a.top; r <= a.bottom; r++)
          for (let c = a.left; c <= a.right; c++) cells.push(areaA1({ top: r, left: c, bottom: r, right: c }));
      return cells.sort();
    };
    const expected = (severity: 'error' | 'warning') => {
      const errorCells = new Set(MELTON_ERRORS.filter((e) => e.severity === 'error').map((e) => e.cell));
      return [
        ...new Set(
          MELTON_ERRORS.filter((e) => e.severity === severity && (severity === 'error' || !errorCells.has(e.cell))).map(
            (e) => e.cell,
          ),
        ),
      ].sort();
    };
    expect(marked('error')).toEqual(expected('error'));
    expect(marked('warning')).toEqual(expected('warning'));
  });

  test('errors and warnings look different; info is not marked; a cell with both gets the error look', async () => {
    sim = await simulatorFor(meltonWorkbook());
    const host = createOfficeHost();
    await host.mark([
      finding('E6', 'error'),
      finding('E7', 'error'),
      finding('F6', 'error'),
      finding('F7', 'error'), // a 2x2 block
      finding('Z11', 'warning'),
      finding('E6', 'warning'),
      finding('B3', 'info'),
      finding(null, 'error'),
    ]);
    const marks = outturnMarks(sim).map((cf) => ({
      formula: cf.formula,
      fill: cf.fill,
      fontColor: cf.fontColor,
      areas: cf.areas.map(areaA1),
      type: cf.type,
    }));
    expect(marks).toEqual([
      { formula: '=N("outturn:warning")=0', fill: '#FFEB9C', fontColor: '#9C5700', areas: ['Z11'], type: 'Custom' },
      { formula: '=N("outturn:error")=0', fill: '#FFC7CE', fontColor: '#9C0006', areas: ['E6:F7'], type: 'Custom' },
    ]);
  });

  test('the write is one round trip, screen updating suspended; finding old marks is one more (two when there are custom formats), deleting them one more again', async () => {
    sim = await simulatorFor(meltonWorkbook());
    const host = createOfficeHost();
    sim.resetStats();
    await host.mark([finding('E6', 'error'), finding('Z11', 'warning')]);
    expect(sim.stats.syncs).toBe(2);
    expect(sim.stats.screenUpdatingSuspended).toBe(1);
    sim.resetStats();
    await host.mark([finding('E7', 'error')]); // now there are custom formats (our marks) to inspect and delete
    // Types, formulas, the deletes, the adds: apart, so a failed delete never leaves the sheet without marks.
    expect(sim.stats.syncs).toBe(4);
    expect(outturnMarks(sim).map((m) => m.areas.map(areaA1))).toEqual([['E7']]);
  });

  test('marking again replaces the old marks; marking with no findings clears the sheets that were read', async () => {
    sim = await simulatorFor(meltonWithUserFormats());
    const host = createOfficeHost();
    await host.read('sheet');
    await host.mark([finding('E6', 'error')]);
    await host.mark([finding('H18', 'error'), finding('Y15', 'warning')]);
    expect(outturnMarks(sim).map((m) => [m.formula, m.areas.map(areaA1)])).toEqual([
      ['=N("outturn:warning")=0', ['Y15']],
      ['=N("outturn:error")=0', ['H18']],
    ]);
    await host.mark([]);
    expect(outturnMarks(sim)).toEqual([]);
    expect(sim.sheet(MELTON_SHEET).conditionalFormats).toHaveLength(2);
  });

  test('marks the command line wrote into the file (same marker) are recognised and cleared', async () => {
    const wb = meltonWithUserFormats();
    wb.getWorksheet(MELTON_SHEET)!.addConditionalFormatting({
      ref: 'E6 G8',
      rules: [
        {
          type: 'expression',
          formulae: ['N("outturn:error")=0'],
          priority: 3,
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } },
        },
      ],
    });
    sim = await simulatorFor(wb);
    expect(sim.sheet(MELTON_SHEET).conditionalFormats).toHaveLength(3);
    expect(await createOfficeHost().clearMarks()).toBe(1);
    expect(sim.sheet(MELTON_SHEET).conditionalFormats.map((cf) => cf.formula ?? cf.type)).toEqual([
      'ContainsText',
      '=ISBLANK(E6)',
    ]);
  });

  test('a protected sheet: a clear message, and nothing is changed', async () => {
    const wb = meltonWithUserFormats();
    await wb.getWorksheet(MELTON_SHEET)!.protect('', {});
    sim = await simulatorFor(wb);
    const before = sim.snapshot();
    const err = await createOfficeHost()
      .mark([finding('E6', 'error')])
      .catch((e) => e);
    expect(err).toBeInstanceOf(OutturnHostError);
    expect(err.userMessage).toBe(
      `Sheet '${MELTON_SHEET}' is protected, so Outturn could not mark cells there. Unprotect (Review > Unprotect Sheet) and try again; nothing else was changed.`,
    );
    expect(sim.snapshot()).toEqual(before);
  });

  test("Clear marks covers every sheet, keeps a protected sheet's marks and says so", async () => {
    const wb = meltonWorkbook();
    const other = wb.addWorksheet('Q2');
    other.getCell('A1').value = 'Ref';
    sim = await simulatorFor(wb);
    const host = createOfficeHost();
    await host.mark([finding('E6', 'error'), finding('A1', 'warning', 'Q2'), finding('A2', 'error', 'Q2')]);
    expect(outturnMarks(sim, 'Q2')).toHaveLength(2);
    sim.sheet('Q2').protected = true;
    const err = await host.clearMarks().catch((e) => e);
    expect(err.userMessage).toBe(
      "Removed 1 mark, but sheet 'Q2' is protected, so its marks stay until unprotected (Review > Unprotect Sheet).",
    );
    expect(outturnMarks(sim)).toEqual([]);
    expect(outturnMarks(sim, 'Q2')).toHaveLength(2);
    sim.sheet('Q2').protected = false;
    expect(await host.clearMarks()).toBe(2);
  });

  test('findings on a sheet that no longer exists are skipped; the other sheets are still marked', async () => {
    sim = await simulatorFor(meltonWorkbook());
    await createOfficeHost().mark([finding('E6', 'error', 'Old name'), finding('E7', 'error')]);
    expect(outturnMarks(sim).map((m) => m.areas.map(areaA1))).toEqual([['E7']]);
  });

  test('100k cells with 5% failing: marks written in two round trips, each request under 5 MB', async () => {
    sim = await simulatorFor(bigGrid(4999, 20));
    const failing: Finding[] = [];
    for (let r = 1; r <= 5000; r++) {
      for (let c = 2; c < 20; c++) {
        const h = (r * 31 + c * 17) % 100;
        if (h < 5)
          failing.push(
            finding(areaA1({ top: r, left: c, bottom: r, right: c }), h < 3 ? 'error' : 'warning', 'Return'),
          );
      }
    }
    expect(failing.length).toBeGreaterThan(4000);
    sim.resetStats();
    await createOfficeHost().mark(failing);
    expect(sim.stats.syncs).toBe(2);
    expect(sim.stats.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
    const covered = outturnMarks(sim, 'Return').reduce(
      (n, cf) => n + cf.areas.reduce((m, a) => m + (a.bottom - a.top + 1) * (a.right - a.left + 1), 0),
      0,
    );
    expect(covered).toBe(failing.length);
  });
});
