import { brief, checkBook, edit } from '../helpers';
import { meltonClean, dashboardClean } from '../../fixtures';

describe('ratings written with a few more words', () => {
  test('"GREEN - on target", "↑ Improving" and "Below - seasonal" are read by their first word', async () => {
    const r = await checkBook(
      edit(meltonClean(), { T7: 'GREEN - on target', U7: 'Improving (down from 0.9)', T6: 'Amber (see commentary)' }),
    );
    expect(r.findings).toEqual([]);
    const d = await checkBook(edit(dashboardClean(), { F4: '↑ Improving', D19: 'Below - seasonal' }));
    expect(d.findings).toEqual([]);
  });

  test('but a rating split between two colours is not a rating', async () => {
    const r = await checkBook(edit(meltonClean(), { T7: 'Green/Amber' }));
    expect(brief(r.findings)).toEqual([{ cell: 'T7', rule: 'rag-unrecognised', severity: 'error' }]);
  });
});
