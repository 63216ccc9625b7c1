import { discoverGrids } from '../../../src/engine/discovery/grids';
import { buildContext } from '../../../src/engine/rules/context';
import { measureOf } from '../../../src/engine/rules/row-table';
import { outlierZ } from '../../../src/engine/rules/outlier';
import { annotationSet } from '../../../src/engine/values';
import { config, sheet } from '../helpers';

/**
 * Issue #12: the facts of indicator rows are held in typed arrays for the whole grid and
 * handed to the rules as views; duplicate refs are found through a hash table rather than a
 * Map of every ref. What the rules see must not change.
 */
const HEADER = ['Ref', 'Indicator', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Target', 'Floor', 'Unit'];

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
