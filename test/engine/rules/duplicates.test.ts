import { checkWorkbook } from '../../../src/engine/check';
import { config, only, sheet } from '../helpers';

/**
 * Issue #12: the facts of indicator rows are held in typed arrays for the whole grid and
 * handed to the rules as views; duplicate refs are found through a hash table rather than a
 * Map of every ref. What the rules see must not change.
 */
const HEADER = ['Ref', 'Indicator', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Target', 'Floor', 'Unit'];

describe('duplicate refs over a hash table', () => {
  test('finds every repeat, ignoring case and spacing, however far apart, and names the first row', () => {
    const rows: unknown[][] = [HEADER];
    for (let i = 0; i < 20_000; i++)
      rows.push([`PI ${String(i).padStart(5, '0')}`, `Number of visits ${i}`, 5, 6, 5, 6, 5, 6, 5, 4, '']);
    rows.push(['pi  00007', 'Repeated in lower case with two spaces', 5, 6, 5, 6, 5, 6, 5, 4, '']);
    rows.push(['PI 19999', 'Repeat of the last', 5, 6, 5, 6, 5, 6, 5, 4, '']);
    rows.push(['PI-00007', 'Punctuation counts as spacing', 5, 6, 5, 6, 5, 6, 5, 4, '']);
    rows.push(['PI 20000', 'Not a repeat', 5, 6, 5, 6, 5, 6, 5, 4, '']);
    const r = checkWorkbook([sheet('PIs', rows)], config(), { today: '2017-10-20' });
    const dups = only(r, 'duplicate-ref').map((f) => [f.cell, f.message]);
    expect(dups).toEqual([
      ['A20002', 'pi  00007 is also the ref on row 9: each indicator needs its own ref.'],
      ['A20003', 'PI 19999 is also the ref on row 20001: each indicator needs its own ref.'],
      ['A20004', 'PI-00007 is also the ref on row 9: each indicator needs its own ref.'],
    ]);
  });

  test('refs whose hashes collide are still told apart by their text', () => {
    // 'Aa' and 'BB' share a 31-based string hash; FNV differs, so force collisions by volume: 300,000 refs in a
    // table of 2^20 slots meet often, and not one may be reported unless it really repeats.
    const rows: unknown[][] = [HEADER];
    for (let i = 0; i < 300_000; i++) rows.push([`R${i.toString(36)}`, 'Number of things', 1, 1, 1, 1, 1, 1, 1, 1, '']);
    const r = checkWorkbook([sheet('PIs', rows)], config(), { today: '2017-10-20' });
    expect(only(r, 'duplicate-ref')).toEqual([]);
    expect(r.indicators).toBe(300_000);
  });
});
