import { meltonClean } from '../../fixtures';
import { brief, checkBook, edit, only } from '../helpers';

/**
 * Officers are often merged down a block of indicators (one head of service for a
 * service area). The readers pass merged areas to the engine so those rows are not
 * reported as missing an owner.
 */
describe('officers merged down a block', () => {
  const blanked = () => edit(meltonClean(), { X7: null, X8: null, X9: null, X10: null, X11: null });

  it('without the merge, the blanked rows are missing a head of service', async () => {
    const result = await checkBook(blanked());
    expect(only(result, 'missing-owner').map((f) => f.cell)).toEqual(['X7', 'X8', 'X9', 'X10', 'X11']);
  });

  it('with X6:X11 merged, every row of the block has its head of service and the grid stays clean', async () => {
    const wb = blanked();
    wb.worksheets[0].mergeCells('X6:X11');
    const result = await checkBook(wb);
    expect(only(result, 'missing-owner')).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});

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
