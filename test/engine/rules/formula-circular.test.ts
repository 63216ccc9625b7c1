/**
 * Circular references in a figure (issue #22): a total whose formula takes in its own cell, or
 * comes back to it through a working cell, written by ExcelJS and by openpyxl (a script editing
 * a return written by XlsxWriter, as another tool would).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { cycleFrom } from '../../../src/engine/rules/formula-cycles';
import { run, tmpDir } from '../../cli/helpers';
import { python, pythonWithModules } from '../../robust/python-writer';
import { checkBook } from '../helpers';

const MAKE = path.join(__dirname, '..', '..', 'fixtures', 'formulas', 'make.py');
const NOW = '2017-08-10T09:00:00Z';
const key = (f: { cell: string | null; rule: string; severity: string }) => `${f.cell} ${f.rule} ${f.severity}`;

describe('the chain of a circular reference', () => {
  const formulas: Record<string, string> = { H5: '=SUM(D5:G5)+Z5', Z5: '=H5*0', H6: '=SUM(D6:H6)', H7: '=SUM(D7:G7)' };
  const at = (row: number, col: number) => formulas[`${String.fromCharCode(65 + col)}${row + 1}`] ?? null;

  test('through another cell, directly, and not at all', () => {
    expect(cycleFrom(4, 7, at, 'Service PIs')).toEqual(['H5', 'Z5', 'H5']);
    expect(cycleFrom(5, 7, at, 'Service PIs')).toEqual(['H6', 'H6']);
    expect(cycleFrom(6, 7, at, 'Service PIs')).toBeNull();
  });

  test('a reference to another sheet is not followed', () => {
    const other = (row: number, col: number) => (row === 4 && col === 7 ? "='Other'!H5" : null);
    expect(cycleFrom(4, 7, other, 'Service PIs')).toBeNull();
  });
});

/** A monthly fire and rescue return written by ExcelJS: totals as SUMs with their cached results. */
function exceljsReturn(circular: boolean): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Service PIs');
  ws.getCell('A1').value = 'Fire and rescue service performance';
  ws.getCell('A2').value = 'Results up to July 2017';
  ws.getRow(4).values = ['Ref', 'Measure', 'Polarity', 'Apr', 'May', 'Jun', 'Jul', 'Year to Date', 'Target'];
  const rows: [string, string, number[]][] = [
    ['FR01', 'Number of incidents attended', [241, 262, 238, 255]],
    ['FR02', 'Number of 999 calls received', [610, 655, 640, 702]],
    ['FR03', 'Number of Safe and Well visits', [80, 84, 91, 77]],
    ['FR04', 'Number of fire safety inspections conducted', [52, 61, 58, 49]],
    ['FR05', 'Number of community safety contacts', [350, 372, 333, 359]],
  ];
  rows.forEach(([ref, desc, months], i) => {
    const n = 5 + i;
    const row = ws.getRow(n);
    row.values = [ref, desc, 'Higher is better', ...months];
    const sum = months.reduce((a, b) => a + b, 0);
    let formula = `SUM(D${n}:G${n})`;
    // FR02 takes its own cell into its range; FR04 comes back to itself through the target.
    if (circular && ref === 'FR02') formula = `SUM(D${n}:H${n})`;
    if (circular && ref === 'FR04') formula = `SUM(D${n}:G${n})+I${n}*0`;
    row.getCell(8).value = { formula, result: sum } as ExcelJS.CellValue;
    row.getCell(9).value =
      circular && ref === 'FR04'
        ? ({ formula: `ROUND(H${n}*1.1,0)`, result: Math.round(sum * 1.1) } as ExcelJS.CellValue)
        : Math.round(sum * 1.1);
    for (let c = 4; c <= 9; c++) row.getCell(c).numFmt = '#,##0';
  });
  return wb;
}

describe('formula-circular', () => {
  test('written by ExcelJS: none in the clean return; a total taking in itself and one coming back through its target', async () => {
    const clean = await checkBook(exceljsReturn(false));
    expect(clean.findings.filter((f) => f.rule === 'formula-circular')).toEqual([]);
    const seeded = await checkBook(exceljsReturn(true));
    const circular = seeded.findings.filter((f) => f.rule === 'formula-circular');
    // The target is not a figure the rules read as one: the total it comes back to is reported.
    expect(circular.map(key)).toEqual(['H6 formula-circular error', 'H8 formula-circular error']);
    expect(circular[0].message).toBe(
      '=SUM(D6:H6) in H6 refers to itself (H6 → H6): Excel cannot work it out, so the figure shown is not its result. Take its own cell out of the formula.',
    );
    expect(circular[1].message).toContain('(H8 → I8 → H8)');
  });

  const missing = pythonWithModules();
  (missing ? test.skip : test)(
    'edited by openpyxl and checked by the CLI: the circular total is found, the others are not',
    async () => {
      const file = path.join(tmpDir(), 'circular.xlsx');
      python(
        `import runpy, sys; sys.argv = ['make.py', *sys.argv[1:]]; runpy.run_path(${JSON.stringify(MAKE)})`,
        file,
        'faithful',
      );
      python(
        `import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb['Service PIs']\nws['H7'] = '=SUM(D7:G7)+Z7'\nws['Z7'] = '=H7-SUM(D7:G7)'\nwb.save(sys.argv[1])`,
        file,
      );
      expect(fs.existsSync(file)).toBe(true);
      const r = await run(['check', file, '--format', 'json'], { now: NOW });
      const report = JSON.parse(r.stdout) as { findings: { cell: string | null; rule: string; severity: string }[] };
      expect(report.findings.filter((f) => f.rule === 'formula-circular').map(key)).toEqual([
        'H7 formula-circular error',
      ]);
    },
  );
});
