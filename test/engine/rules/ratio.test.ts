import { brief, checkBook, edit } from '../helpers';
import { dashboardClean } from '../../fixtures';

describe('numerator and denominator', () => {
  test('numerator / denominator within the tolerance is accepted', async () => {
    const r = await checkBook(edit(dashboardClean(), { L4: 819 }));
    expect(r.findings).toEqual([]);
    const off = await checkBook(edit(dashboardClean(), { L4: 840 }));
    expect(brief(off.findings)).toEqual([{ cell: 'C4', rule: 'ratio-mismatch', severity: 'error' }]);
  });
});
