import ExcelJS from 'exceljs';
import { checkBook } from '../helpers';

type Row = (string | number | null | [number, string])[];

/** A return as a service writes it: a title naming the period, a header, rows with real number formats. */
function book(headers: string[], rows: Row[], title = 'Performance: results up to December 2017') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Q3');
  ws.addRow([title]);
  ws.addRow(headers);
  for (const r of rows) {
    const row = ws.addRow(r.map((v) => (Array.isArray(v) ? v[0] : v)));
    r.forEach((v, i) => {
      if (Array.isArray(v)) row.getCell(i + 1).numFmt = v[1];
      else if (typeof v === 'number') row.getCell(i + 1).numFmt = '#,##0';
    });
  }
  return wb;
}

const QUARTERS = ['Ref', 'Measure', 'Q1', 'Q2', 'Q3', 'Target'];
const jumps = async (wb: ExcelJS.Workbook) =>
  (await checkBook(wb)).findings
    .filter((f) => f.rule.startsWith('scale-jump'))
    .map((f) => [f.cell, f.rule, f.severity, f.message]);

describe('scale slips in short series (issue #22)', () => {
  test('a quarter ten times the others is a warning naming the others', async () => {
    const wb = book(QUARTERS, [
      ['C1', '999 calls received', 2000, 2150, 20000, 6000],
      ['C2', 'Fires attended', 310, 290, 330, 1000],
    ]);
    expect(await jumps(wb)).toEqual([
      [
        'E3',
        'scale-jump',
        'warning',
        '20,000 is 9 times the other figures of its row (Q1 to Q2: median 2,150): check it for a slip of scale (an extra 0, thousands typed as units), and explain a real jump in the commentary.',
      ],
    ]);
  });

  test('thousands typed as units, and an exact ×100 beside its neighbour, in two quarters', async () => {
    const wb = book(
      ['Ref', 'Measure', 'Q1', 'Q2', 'Target'],
      [
        ['V1', 'Visits to leisure centres', 184401, 184, 180000],
        ['V2', 'Households in temporary accommodation', 45, 4500, 50],
        ['V3', 'Complaints received', 40, 44, 50],
      ],
    );
    expect((await jumps(wb)).map((f) => f.slice(0, 3))).toEqual([
      ['D3', 'scale-jump', 'warning'],
      ['D4', 'scale-jump', 'warning'],
    ]);
  });

  test('real growth and ordinary seasonal swings are not flagged; changes are not compared', async () => {
    const wb = book(QUARTERS, [
      ['G1', 'Garden waste collections', 5200, 4100, 900, 10000],
      ['G2', 'Net change in households on the register', -40, 12, -300, 0],
      [
        'G3',
        'Percentage of calls answered within 20 seconds',
        [0.82, '0.0%'],
        [0.79, '0.0%'],
        [0.81, '0.0%'],
        [0.8, '0.0%'],
      ],
    ]);
    expect(await jumps(wb)).toEqual([]);
  });

  test('a share that passes 100 % through a slip is an error where the words do not say it is a share', async () => {
    const wb = book(QUARTERS, [
      ['S1', 'Leisure centre performance', [0.82, '0.0%'], [0.8, '0.0%'], [82, '0.0%'], [0.8, '0.0%']],
    ]);
    expect((await jumps(wb)).map((f) => f.slice(0, 3))).toEqual([['E3', 'scale-jump-share', 'error']]);
  });

  test('across bodies, where the grid is laid out by body', async () => {
    const wb = book(
      ['Ref', 'Measure', 'Rugby', 'Nuneaton', 'Stratford', 'Total'],
      [['B1', 'Deliberate fires attended', 46, 520, 51, 617]],
      'Fire and rescue: figures by station 2017/18',
    );
    expect((await jumps(wb)).map((f) => f.slice(0, 3))).toEqual([['D3', 'scale-jump', 'warning']]);
  });
});
