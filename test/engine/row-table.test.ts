import { checkWorkbook } from '../../src/engine/check';
import { discoverGrids } from '../../src/engine/discovery/grids';
import { buildContext } from '../../src/engine/rules/context';
import { measureOf } from '../../src/engine/rules/row-table';
import { outlierZ } from '../../src/engine/rules/outlier';
import { annotationSet } from '../../src/engine/values';
import { config, only, sheet } from './helpers';

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

describe('rows as views on one table', () => {
  const rows: unknown[][] = [
    HEADER,
    ['A1', 'Number of visits', 10, 11, 10, 12, 11, 400, 10, 8, ''],
    [
      'A2',
      '% of calls answered',
      [0.9, '0%'],
      [0.91, '0%'],
      [0.9, '0%'],
      [0.92, '0%'],
      [0.9, '0%'],
      [0.91, '0%'],
      [0.95, '0%'],
      [0.85, '0%'],
      '%',
    ],
    ['A3', 'Average days to decide', 21.5, 22, 21, 20, 23, 22, 20, 25, 'days'],
  ];
  const s = sheet('PIs', rows);
  const cfg = config({ period: '2017-09' });
  const grid = discoverGrids(s, cfg).grids[0];
  const ctx = buildContext(s, grid, cfg, annotationSet(cfg.annotations), { asOf: '2017-10-20', period: '2017-09' });

  test('each row reads its own texts and figures from the sheet', () => {
    const seen = [...ctx.rows].map((f) => [
      f.row,
      f.ref,
      f.description,
      f.current,
      f.target,
      f.floor,
      f.percent,
      f.polarity,
    ]);
    expect(seen).toEqual([
      [1, 'A1', 'Number of visits', 400, 10, 8, false, 'higher'],
      [2, 'A2', '% of calls answered', 0.91, 0.95, 0.85, true, 'higher'],
      [3, 'A3', 'Average days to decide', 22, 20, 25, false, 'lower'],
    ]);
    expect(ctx.rows.length).toBe(3);
  });

  test('what a rule works out once for a row is there on the next walk over the rows', () => {
    const first = [...ctx.rows];
    const kinds = first.map((f) => measureOf(f).kind);
    const scores = first.map((f) => outlierZ(ctx, f));
    expect(kinds).toEqual(['count', 'proportion', 'amount']);
    expect(scores[0]).toBeGreaterThan(3.5); // 400 after a history of 10s
    const again = [...ctx.rows];
    expect(again.map((f) => f.measureCache?.kind)).toEqual(kinds);
    expect(again.map((f) => f.outlierZ)).toEqual(scores);
    expect(again[0]).not.toBe(first[0]); // a fresh view each walk, the same facts behind it
  });
});
