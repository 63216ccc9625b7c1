import { brief, edit } from '../helpers';
import { meltonClean } from '../../fixtures';

describe('merged cells', () => {
  test('an officer, commentary or date merged down a block belongs to every row of it, where the adapter reports merges', async () => {
    const { sheetsOf } = await import('../../fixtures');
    const { checkWorkbook } = await import('../../../src/engine/check');
    const wb = edit(meltonClean(), { X7: null, X8: null, X9: null, Z10: null, Z11: null, Y16: null });
    const [s] = await sheetsOf(wb);
    const unmerged = checkWorkbook([s], (await import('../helpers')).config(), { today: '2017-08-21' });
    expect(brief(unmerged.findings).map((f) => `${f.cell} ${f.rule}`)).toEqual([
      'X7 missing-owner',
      'X8 missing-owner',
      'X9 missing-owner',
      'Z10 not-submitted',
      'Z11 not-submitted',
    ]);
    const merged = checkWorkbook(
      [{ ...s, merged: ['X6:X9', "'Corporate PIs'!Z9:Z11"] }],
      (await import('../helpers')).config(),
      { today: '2017-08-21' },
    );
    expect(merged.findings).toEqual([]);
  });
});
