import ExcelJS from 'exceljs';
import { spcSignals, xmr } from '../../../src/engine/rules/spc';
import { checkBook } from '../helpers';

const MONTHS = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];
/** Two financial years of monthly headers as a service writes them: Apr-16 … Mar-18. */
const HEADERS = [2016, 2017].flatMap((y) => MONTHS.map((m, i) => `${m}-${String(i < 9 ? y % 100 : (y + 1) % 100)}`));

function monthly(rows: [string, string, number[]][]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Monthly PIs');
  ws.addRow(['Monthly indicators: results up to March 2018']);
  ws.addRow(['Ref', 'Measure', ...HEADERS]);
  for (const [ref, desc, values] of rows) {
    const row = ws.addRow([ref, desc, ...values]);
    row.eachCell((c) => {
      if (typeof c.value === 'number') c.numFmt = '#,##0';
    });
  }
  return wb;
}

const spc = async (wb: ExcelJS.Workbook, cfg = {}) =>
  (await checkBook(wb, cfg, { today: '2018-04-20' })).findings
    .filter((f) => f.rule.startsWith('spc-'))
    .map((f) => [f.cell, f.rule, f.severity]);

describe('XmR limits and special-cause signals', () => {
  test('limits are the mean ± 2.66 × the mean moving range', () => {
    const l = xmr([10, 12, 11, 13, 12, 10, 11, 12, 13, 11, 12, 11]);
    expect(l.mean).toBeCloseTo(11.5, 6);
    expect(l.movingRange).toBeCloseTo(15 / 11, 6);
    expect(l.upper).toBeCloseTo(11.5 + (2.66 * 15) / 11, 6);
  });

  test('a point outside, a run of 7 on one side, 6 rising', () => {
    const noise = [20, 22, 19, 21, 20, 23, 19, 21, 22, 20, 21, 20];
    // The spike lifts the mean above the first seven figures: a run too, rightly.
    expect(spcSignals([...noise, 60], xmr([...noise, 60])).map((s) => [s.rule, s.at])).toEqual([
      ['spc-run', 6],
      ['spc-outside-limits', 12],
    ]);
    const shift = [30, 28, 31, 29, 30, 32, 20, 21, 19, 20, 22, 21, 20];
    expect(spcSignals(shift, xmr(shift)).map((s) => [s.rule, s.from, s.at])).toContainEqual(['spc-run', 6, 12]);
    const rising = [20, 22, 19, 21, 20, 19, 20, 21, 22, 23, 24, 20];
    expect(spcSignals(rising, xmr(rising)).map((s) => [s.rule, s.from, s.at])).toContainEqual(['spc-trend', 5, 10]);
  });
});

describe('spc findings on a monthly return (issue #22)', () => {
  const calls = [
    640, 655, 610, 702, 688, 630, 671, 645, 660, 690, 620, 655, 648, 662, 630, 690, 1150, 640, 655, 670, 650, 640, 668,
    652,
  ];
  const fires = [52, 55, 49, 53, 51, 54, 50, 52, 53, 55, 51, 50, 41, 40, 42, 39, 41, 40, 38, 42, 40, 41, 39, 40];

  test('info by default: a point outside the limits, a run below the mean', async () => {
    const wb = monthly([
      ['C1', 'Number of 999 calls received', calls],
      ['F1', 'Number of accidental dwelling fires', fires],
    ]);
    const found = await spc(wb);
    expect(found).toContainEqual(['S3', 'spc-outside-limits', 'info']);
    expect(found).toContainEqual(['U4', 'spc-run', 'info']);
    expect(found.every(([, , severity]) => severity === 'info')).toBe(true);
  });

  test('severity is configurable like any rule; fewer than 12 points say nothing', async () => {
    const wb = monthly([['C1', 'Number of 999 calls received', calls]]);
    expect(await spc(wb, { rules: { 'spc-outside-limits': { severity: 'warning' } } })).toContainEqual([
      'S3',
      'spc-outside-limits',
      'warning',
    ]);
    const short = monthly([['C1', 'Number of 999 calls received', calls.slice(0, 11)]]);
    expect(await spc(short)).toEqual([]);
  });
});
