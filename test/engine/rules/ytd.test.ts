import { checkBook, edit } from '../helpers';
import { meltonClean } from '../../fixtures';

describe('year to date', () => {
  test('a SUM over the wrong months is caught for a cumulative measure', async () => {
    const r = await checkBook(edit(meltonClean(), { Q16: [{ formula: 'SUM(E16:G16)', result: 5 } as never, '#,##0'] }));
    expect(r.findings.map((f) => [f.cell, f.message])).toEqual([
      ['Q16', 'Year to Date says 5 but Apr to Jul add up to 9 for this cumulative measure: should be 9.'],
    ]);
  });

  test('averages and snapshots are never summed', async () => {
    // CS05 is an average whose YTD is not the sum of the months; it is not cumulative.
    const r = await checkBook(edit(meltonClean(), { Q10: [99, '0.0'] }));
    expect(r.findings).toEqual([]);
  });

  test('a Cumulative column marks the measures to add up', async () => {
    const wb = meltonClean();
    const ws = wb.worksheets[0];
    ws.getCell('AA4').value = 'Cumulative?';
    ws.getCell('AA14').value = 'Cumulative?';
    ws.getCell('AA10').value = 'Yes';
    const r = await checkBook(edit(wb, { Q10: [99, '0.0'] }));
    expect(r.findings.map((f) => [f.cell, f.rule])).toEqual([['Q10', 'ytd-mismatch']]);
  });
});
