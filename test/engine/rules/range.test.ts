import { checkBook, edit } from '../helpers';
import { dashboardClean } from '../../fixtures';

describe('in expected range', () => {
  test('thresholds are inclusive; "No" is accepted on either side; other words are errors', async () => {
    const r = await checkBook(edit(dashboardClean(), { C16: [500, '#,##0'], D18: 'No', D17: 'Maybe' }));
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      [
        'D17',
        'range-mismatch',
        'In expected range? says "Maybe", which is not Yes, Above or Below; 156 is within the thresholds of 120 to 200: should be Yes.',
      ],
    ]);
  });
});
