import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { referencesOf, relativeR1C1, skeletonOf, volatileIn } from '../../../src/engine/rules/formula-text';
import { run, tmpDir } from '../../cli/helpers';
import { python, pythonWithModules } from '../../robust/python-writer';
import { checkBook } from '../helpers';

const MAKE = path.join(__dirname, '..', '..', 'fixtures', 'formulas', 'make.py');
const NOW = '2017-08-10T09:00:00Z';

/** The seeded formula mistakes of test/fixtures/formulas/make.py, with what else each rightly sets off. */
const SEEDS = [
  'H6 formula-inconsistent warning', // FR02's total copied from the row above
  'H6 ytd-mismatch error',
  'H7 formula-constant warning', // FR03's total typed over
  'H7 ytd-mismatch error',
  'H8 formula-sum-range error', // FR04's SUM stops a month short
  'H8 ytd-mismatch error',
  'H9 formula-ref-empty warning', // FR05 adds an empty cell
  'H10 formula-ref-outside warning', // FR06 adds a working cell outside the table
  'H16 formula-volatile warning', // FR09 averages through OFFSET
];

const key = (f: { cell: string | null; rule: string; severity: string }) => `${f.cell} ${f.rule} ${f.severity}`;
/** What the formula mistakes are about: commentary and sign-off are other rules' business. */
const relevant = (f: { rule: string }) => f.rule.startsWith('formula-') || f.rule === 'ytd-mismatch';

describe('formula text', () => {
  test('relative R1C1 reads a formula copied down a column the same in every cell', () => {
    expect(relativeR1C1('=SUM(E16:H16)', 15, 16)).toBe('SUM(RC[-12]:RC[-9])');
    expect(relativeR1C1('=SUM(E17:H17)', 16, 16)).toBe('SUM(RC[-12]:RC[-9])');
    expect(relativeR1C1('=SUM(E16:H16)', 16, 16)).toBe('SUM(R[-1]C[-12]:R[-1]C[-9])');
    expect(relativeR1C1("=$B$2*'Data sheet'!C3", 1, 1)).toBe("R2C2*'DATA SHEET'!R[1]C[1]");
    expect(relativeR1C1('=LOG10(A1)&"B2"', 0, 1)).toBe('LOG10(RC[-1])&""');
  });

  test('references, skeletons and volatile functions', () => {
    expect(referencesOf("=SUM(D5:G5)+'Data'!Z9")).toEqual([
      { sheet: null, top: 4, bottom: 4, left: 3, right: 6 },
      { sheet: 'Data', top: 8, bottom: 8, left: 25, right: 25 },
    ]);
    expect(skeletonOf('=SUM(D5:G5)')).toBe(skeletonOf('=sum(D9:G9)'));
    expect(skeletonOf('=SUM(D5:G5)')).not.toBe(skeletonOf('=AVERAGE(D5:G5)'));
    expect(volatileIn('=AVERAGE(OFFSET(D16,0,0,1,4))')).toBe('OFFSET');
    expect(volatileIn('=TODAY()-D5')).toBe('TODAY');
    expect(volatileIn('=SUM(D5:G5)')).toBeNull();
  });
});

/** The same return as make.py, written by ExcelJS (formulas with their cached results). */
function exceljsReturn(seeded: boolean): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Service PIs');
  ws.getCell('A1').value = 'Fire and rescue service performance';
  ws.getCell('A2').value = 'Results up to July 2017';
  ws.getRow(4).values = [
    'Ref',
    'Measure',
    'Polarity',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Year to Date',
    'Target',
    'Floor Standard',
    'Commentary',
  ];
  const rows: [string, string, number[]][] = [
    ['FR01', 'Number of incidents attended', [241, 262, 238, 255]],
    ['FR02', 'Number of 999 calls received', [610, 655, 640, 702]],
    ['FR03', 'Number of Safe and Well visits', [80, 84, 91, 77]],
    ['FR04', 'Number of fire safety inspections conducted', [52, 61, 58, 49]],
    ['FR05', 'Number of community safety contacts', [350, 372, 333, 359]],
    ['FR06', 'Number of accidental dwelling fires', [21, 18, 24, 19]],
  ];
  rows.forEach(([ref, desc, months], i) => {
    const n = 5 + i;
    const row = ws.getRow(n);
    row.values = [ref, desc, 'Lower is better', ...months];
    const sum = months.reduce((a, b) => a + b, 0);
    let total: ExcelJS.CellValue = { formula: `SUM(D${n}:G${n})`, result: sum } as ExcelJS.CellValue;
    if (seeded && ref === 'FR03') total = 300;
    if (seeded && ref === 'FR04') total = { formula: `SUM(D${n}:F${n})`, result: sum - months[3] } as ExcelJS.CellValue;
    if (seeded && ref === 'FR05') total = { formula: `SUM(D${n}:G${n})+TODAY()*0`, result: sum } as ExcelJS.CellValue;
    row.getCell(8).value = total;
    row.getCell(9).value = Math.round(sum * 1.1);
    row.getCell(10).value = Math.round(sum * 1.2);
    for (let c = 4; c <= 10; c++) row.getCell(c).numFmt = '#,##0';
  });
  return wb;
}

describe('formula integrity (issue #22)', () => {
  test('written by ExcelJS: the clean return raises nothing; each seeded mistake is found', async () => {
    const clean = await checkBook(exceljsReturn(false));
    expect(clean.findings.filter(relevant)).toEqual([]);
    const seeded = await checkBook(exceljsReturn(true));
    expect(seeded.findings.filter(relevant).map(key)).toEqual([
      'H7 formula-constant warning',
      'H7 ytd-mismatch error',
      'H8 formula-sum-range error',
      'H8 ytd-mismatch error',
      'H9 formula-volatile warning',
    ]);
    expect(seeded.findings.find((f) => f.rule === 'formula-sum-range')!.message).toBe(
      '=SUM(D8:F8) in Year to Date leaves out Jul (G8), which has a figure: the range should take it in.',
    );
  });

  const missing = pythonWithModules();
  (missing ? test.skip : test)(
    'written by xlsxwriter and checked by the CLI: faithful copy clean, every seeded mistake found, no false alarm',
    async () => {
      const dir = tmpDir();
      const out: Record<string, string[]> = {};
      for (const which of ['faithful', 'seeded']) {
        const file = path.join(dir, `${which}.xlsx`);
        python(
          `import runpy, sys; sys.argv = ['make.py', *sys.argv[1:]]; runpy.run_path(${JSON.stringify(MAKE)})`,
          file,
          which,
        );
        const r = await run(['check', file, '--format', 'json'], { now: NOW });
        const report = JSON.parse(r.stdout) as {
          findings: { cell: string | null; rule: string; severity: string; message: string }[];
        };
        out[which] = report.findings.filter(relevant).map(key);
        if (which === 'faithful') expect(report.findings.filter((f) => f.severity === 'error').map(key)).toEqual([]);
        if (which === 'seeded')
          expect(report.findings.find((f) => f.rule === 'formula-inconsistent')!.message).toBe(
            '=SUM(D5:G5) in H6 does not follow the pattern of the other cells of Year to Date (=SUM(D11:G11) in H11; 5 of 7 follow it): it refers to other cells than theirs, relative to its place. Check the cells it refers to.',
          );
      }
      expect(out.faithful).toEqual([]);
      expect(out.seeded.sort()).toEqual([...SEEDS].sort());
    },
  );
});
