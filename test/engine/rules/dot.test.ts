import { brief, checkBook, edit, only } from '../helpers';
import { meltonClean, dashboardClean, dashboardWorkbook } from '../../fixtures';

describe('direction of travel', () => {
  test('equal to the previous month is ↔ (words or arrows, as the grid writes them)', async () => {
    const r = await checkBook(edit(dashboardClean(), { F6: '↑' }));
    expect(r.findings.map((f) => [f.cell, f.message])).toEqual([
      ['F6', 'DoT says ↑ but 47% is the same as Previous Month (47%): should be ↔.'],
    ]);
  });

  test('"New" is expected where there is no previous value', async () => {
    const r = await checkBook(edit(dashboardClean(), { F9: '↑' }));
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      ['F9', 'dot-mismatch', 'DoT says ↑ but there is no Previous Month figure to compare with: should be New.'],
    ]);
  });

  test('the previous year is a different comparison and is never used for DoT', async () => {
    // D08: 41,250 against last month's 43,800 is worse (↓) though it beats the previous year's 39,870.
    const r = await checkBook(edit(dashboardClean(), { F11: '↑' }));
    expect(brief(r.findings)).toEqual([{ cell: 'F11', rule: 'dot-mismatch', severity: 'error' }]);
    expect(r.findings[0].message).toBe(
      'DoT says ↑ but 41,250 is worse than Previous Month (43,800; higher is better): should be ↓.',
    );
  });

  test('without a previous-period column DoT is not checked', async () => {
    const r = await checkBook(dashboardWorkbook(), { columns: { 'Previous Month': 'ignore' } });
    expect(only(r, 'dot-mismatch')).toEqual([]);
    expect(r.gridSummaries[0].columns.previousPeriod).toBeUndefined();
  });

  test('month on month in a monthly grid: Jul against Jun, with the polarity column', async () => {
    const r = await checkBook(edit(meltonClean(), { U8: 'Improving', U9: '↑' }));
    expect(r.findings.map((f) => [f.cell, f.message])).toEqual([
      ['U8', 'DoT says Improving but 92.0% is worse than Jun (93.0%; higher is better): should be Worse.'],
      ['U9', 'DoT says ↑ but 12 is worse than Jun (9; lower is better): should be ↓.'],
    ]);
  });

  test('text that is no direction of travel', async () => {
    const r = await checkBook(edit(meltonClean(), { U6: 'Sideways' }));
    expect(brief(r.findings)).toEqual([{ cell: 'U6', rule: 'dot-unrecognised', severity: 'error' }]);
  });
});
