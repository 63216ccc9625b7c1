import { checkBook, edit } from '../helpers';
import { meltonClean } from '../../fixtures';

describe('year to date', () => {
  test('a SUM over the wrong months is caught for a cumulative measure', async () => {
    const r = await checkBook(edit(meltonClean(), { Q16: [{ formula: 'SUM(E16:G16)', result: 5 } as never, '#,##0'] }));
    // The short range is formula-sum-range's too; here, what ytd-mismatch says.
    expect(r.findings.filter((f) => f.rule === 'ytd-mismatch').map((f) => [f.cell, f.message])).toEqual([
      [
        'Q16',
        'Year to Date says 5 but Apr to Jul add up to 9 (3 + 2 + 0 + 4) for this cumulative measure: should be 9.',
      ],
    ]);
  });

  test('averages and snapshots are never summed', async () => {
    // CS05 is an average whose YTD is not the sum of the months; it is not cumulative.
    const r = await checkBook(edit(meltonClean(), { Q10: [99, '0.0'] }));
    // The typed 99 among formulas is formula-constant's to report; nothing is summed.
    expect(r.findings.filter((f) => f.rule === 'ytd-mismatch')).toEqual([]);
  });

  test('a Cumulative column marks the measures to add up', async () => {
    const wb = meltonClean();
    const ws = wb.worksheets[0];
    ws.getCell('AA4').value = 'Cumulative?';
    ws.getCell('AA14').value = 'Cumulative?';
    ws.getCell('AA10').value = 'Yes';
    const r = await checkBook(edit(wb, { Q10: [99, '0.0'] }));
    expect(r.findings.filter((f) => f.rule === 'ytd-mismatch').map((f) => [f.cell, f.rule])).toEqual([
      ['Q10', 'ytd-mismatch'],
    ]);
  });
});

import ExcelJS from 'exceljs';

/** A quarterly fire and rescue return as a service writes it: quarters, a year-to-date column, a target. */
function fireReturn(
  rows: (string | number | null)[][],
  headers = ['Ref', 'Measure', 'Q1', 'Q2', 'Q3', 'Q4', 'Year to date', 'Target'],
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('FRS Q2 2017-18');
  ws.addRow(['Fire and rescue performance: results up to September 2017']);
  ws.addRow(headers);
  for (const r of rows) {
    const row = ws.addRow(r);
    row.eachCell((c) => {
      if (typeof c.value === 'number') c.numFmt = '#,##0';
    });
  }
  return wb;
}

describe('year to date of an additive measure (issue #22)', () => {
  test('a count of calls whose total is below the sum of its quarters is an error, naming the sum and the quarters', async () => {
    const r = await checkBook(
      fireReturn([
        ['FRS1', '999 calls received', 1200, 1500, null, null, 2400, 5000],
        ['FRS2', 'Fires attended', 310, 290, null, null, 600, 1200],
      ]),
    );
    expect(r.findings.filter((f) => f.rule === 'ytd-mismatch').map((f) => [f.cell, f.severity, f.message])).toEqual([
      ['G3', 'error', 'Year to date says 2,400 but Q1 to Q2 add up to 2,700 (1,200 + 1,500): should be 2,700.'],
    ]);
  });

  test('with a quarter still to come in, only a total below the known quarters is wrong', async () => {
    const r = await checkBook(
      fireReturn([
        ['FRS1', 'Number of 999 calls received', 1200, null, null, null, 2600, 5000],
        ['FRS2', 'Fires attended', 310, null, null, null, 300, 1200],
      ]),
      { period: '2017-09' },
    );
    expect(r.findings.filter((f) => f.rule === 'ytd-mismatch').map((f) => [f.cell, f.message])).toEqual([
      ['G4', 'Year to date says 300, less than the 310 of Q1 (no figure yet for Q2): should be at least 310.'],
    ]);
  });

  test('rates, percentages and averages are never summed', async () => {
    const wb = fireReturn([
      ['FRS3', 'Average attendance time to dwelling fires (minutes)', 8, 9, null, null, 8.5, 10],
      ['FRS4', 'Fires per 10,000 population', 3, 4, null, null, 3.5, 4],
    ]);
    const r = await checkBook(wb);
    expect(r.findings.filter((f) => f.rule === 'ytd-mismatch')).toEqual([]);
  });

  test("last year's outturn beside this year's quarter is not this year's total", async () => {
    const wb = fireReturn(
      [['FRS5', 'Cumulative number of fires attended', 1240, 300, 310, 300]],
      ['Ref', 'Indicator', '2013/14 Outturn', 'Q4 2013/14', 'Q1 2014/15', 'Q1 Target'],
    );
    const r = await checkBook(wb, {}, { today: '2014-08-01' });
    expect(r.findings.filter((f) => f.rule === 'ytd-mismatch')).toEqual([]);
  });

  test("this year's outturn after this year's quarters is compared", async () => {
    const wb = fireReturn(
      [['FRS5', 'Fires attended', 300, 310, 290, 305, 1000, 1300]],
      ['Ref', 'Indicator', 'Q1 2014/15', 'Q2 2014/15', 'Q3 2014/15', 'Q4 2014/15', 'Outturn 2014/15', 'Target'],
    );
    const r = await checkBook(wb, {}, { today: '2015-05-01' });
    expect(r.findings.filter((f) => f.rule === 'ytd-mismatch').map((f) => [f.cell, f.message])).toEqual([
      [
        'G3',
        'Outturn 2014/15 says 1,000 but Q1 2014/15 to Q4 2014/15 add up to 1,205 (300 + 310 + 290 + 305): should be 1,205.',
      ],
    ]);
  });
});
