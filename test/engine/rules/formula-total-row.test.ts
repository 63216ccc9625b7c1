/**
 * Formula integrity in a Total row (issue #22): the row labelled Total under the rows it adds,
 * its figures sums down their columns, as a council lays out complaints by service by year
 * (test/fixtures/real/southlanarkshire-complaints-closed-2016-19 is the published one).
 * Workbooks written by ExcelJS with formulas and their cached results, read as a real .xlsx.
 */
import ExcelJS from 'exceljs';
import { checkBook } from '../helpers';

type Total = number | { formula: string; result: number } | undefined;

const SERVICES: [string, number[]][] = [
  ['Community and Enterprise', [256, 209, 245, 231]],
  ['Education', [122, 185, 85, 97]],
  ['Finance and Corporate', [86, 213, 169, 140]],
  ['Housing and Technical', [388, 249, 250, 262]],
  ['Social Work', [235, 192, 165, 171]],
];
const YEARS = ['2015/16', '2016/17', '2017/18', '2018/19'];
const COLS = ['B', 'C', 'D', 'E'];
const sumOf = (i: number) => SERVICES.reduce((a, [, v]) => a + v[i], 0);
const sumDown = (i: number): Total => ({ formula: `SUM(${COLS[i]}6:${COLS[i]}10)`, result: sumOf(i) });

/** Complaints closed by service and year, a Totals row under them (row 11), as the council's page sets it out. */
function complaintsBook(totals: Total[] = YEARS.map((_, i) => sumDown(i)), label = 'Totals'): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Complaints closed');
  ws.getCell('A1').value = 'Complaints performance';
  ws.getCell('A2').value = 'Complaints closed from 1 April 2015 to 31 March 2019';
  ws.getRow(5).values = ['Resource', ...YEARS];
  SERVICES.forEach(([name, figures], i) => {
    const row = ws.getRow(6 + i);
    row.values = [name, ...figures];
    for (let c = 2; c <= 5; c++) row.getCell(c).numFmt = '#,##0';
  });
  const total = ws.getRow(11);
  total.getCell(1).value = label;
  totals.forEach((t, i) => {
    if (t !== undefined) total.getCell(2 + i).value = t as ExcelJS.CellValue;
    total.getCell(2 + i).numFmt = '#,##0';
  });
  return wb;
}

const formulaFindings = async (wb: ExcelJS.Workbook) =>
  (await checkBook(wb, {}, { today: '2019-10-01' })).findings
    .filter((f) => f.rule.startsWith('formula-'))
    .map((f) => `${f.cell} ${f.rule} ${f.severity}`);

describe('a Total row is checked as a total column is (issue #22)', () => {
  test('a Totals row of sums down their columns raises nothing', async () => {
    expect(await formulaFindings(complaintsBook())).toEqual([]);
  });

  test('a total typed among sums, a sum of the wrong column and a SUM a row short are each found once', async () => {
    const totals = YEARS.map((_, i) => sumDown(i));
    totals[0] = sumOf(0); // typed over its formula
    totals[1] = { formula: 'SUM(B6:B10)', result: sumOf(0) }; // adds the column to its left
    totals[3] = { formula: 'SUM(E6:E9)', result: sumOf(3) - 171 }; // leaves out Social Work
    const result = await checkBook(complaintsBook(totals), {}, { today: '2019-10-01' });
    const found = result.findings.filter((f) => f.rule.startsWith('formula-'));
    expect(found.map((f) => `${f.cell} ${f.rule} ${f.severity}`)).toEqual([
      'B11 formula-constant warning',
      'C11 formula-inconsistent warning',
      'E11 formula-sum-range error',
    ]);
    const by = (cell: string) => found.find((f) => f.cell === cell)!.message;
    expect(by('E11')).toBe(
      '=SUM(E6:E9) in the Totals row leaves out Social Work (E10), which has a figure: the range should take it in.',
    );
    expect(by('C11')).toBe(
      '=SUM(B6:B10) in C11 adds B6:B10, not the rows above it in its own column (C6:C10): a total in the Totals row adds its own column. Check the cells it refers to.',
    );
    expect(by('B11')).toBe(
      '1087 is typed as a number where the other totals of the Totals row hold sums of their columns (=SUM(D6:D10) in D11): enter the formula, or say in the commentary why it is typed.',
    );
  });

  test('an indicator that only starts with the word ("Total complaints closed") is a measure, not a Total row', async () => {
    const totals: Total[] = [sumOf(0), sumDown(1), sumDown(2), sumDown(3)];
    expect(await formulaFindings(complaintsBook(totals, 'Total complaints closed'))).toEqual([]);
    expect(await formulaFindings(complaintsBook(totals, 'TOTAL'))).toEqual(['B11 formula-constant warning']);
  });

  test('a Totals row typed throughout, as most published tables are, is not a mistake', async () => {
    expect(await formulaFindings(complaintsBook(YEARS.map((_, i) => sumOf(i))))).toEqual([]);
  });

  test('a total that leaves out an empty row above it is not short of a figure (its range is another matter)', async () => {
    const wb = complaintsBook([sumDown(0), sumDown(1), sumDown(2), { formula: 'SUM(E6:E9)', result: sumOf(3) - 171 }]);
    wb.getWorksheet('Complaints closed')!.getCell('E10').value = null;
    const found = await formulaFindings(wb);
    expect(found.filter((f) => f.includes('formula-sum-range'))).toEqual([]);
    // Its range still differs from its neighbours' (the row's pattern, formulas.ts): a figure to come would be left out.
    expect(found).toEqual(['E11 formula-inconsistent warning']);
  });
});

describe('subtotals: each Total row adds the rows since the one before it', () => {
  function blocks(secondTotal: Total): ExcelJS.Workbook {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Incidents');
    ws.getRow(3).values = ['Incident type', 'Q1', 'Q2', 'Q3'];
    const rows: [string, number[] | Total[]][] = [
      ['Accidental dwelling fires', [41, 38, 45]],
      ['Deliberate fires', [60, 72, 55]],
      [
        'Total',
        [
          { formula: 'SUM(B4:B5)', result: 101 },
          { formula: 'SUM(C4:C5)', result: 110 },
          { formula: 'SUM(D4:D5)', result: 100 },
        ],
      ],
      ['Road traffic collisions', [30, 28, 33]],
      ['Flooding', [12, 9, 15]],
      ['Total', [{ formula: 'SUM(B7:B8)', result: 42 }, secondTotal, { formula: 'SUM(D7:D8)', result: 48 }]],
    ];
    rows.forEach(([name, figures], i) => {
      const row = ws.getRow(4 + i);
      row.getCell(1).value = name;
      figures.forEach((v, c) => (row.getCell(2 + c).value = v as ExcelJS.CellValue));
    });
    return wb;
  }

  test("a block's Total adding its own block raises nothing", async () => {
    expect(await formulaFindings(blocks({ formula: 'SUM(C7:C8)', result: 37 }))).toEqual([]);
  });

  test("a SUM that stops short of its block's last row is found, and named by that row", async () => {
    const result = await checkBook(blocks({ formula: 'SUM(C7:C7)', result: 28 }), {}, { today: '2017-12-01' });
    const short = result.findings.filter((f) => f.rule === 'formula-sum-range');
    expect(short.map((f) => [f.cell, f.message])).toEqual([
      ['C9', '=SUM(C7:C7) in the Total row leaves out Flooding (C8), which has a figure: the range should take it in.'],
    ]);
  });
});
