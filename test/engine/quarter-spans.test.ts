/**
 * Quarters headed as a span of months ('April to June 2023', 'Jan-Mar'), the way the Freedom of
 * Information Code of Practice's quarterly table and many council pages head them, and the
 * next block's header naming the quarters again under its own title (issue #22: the GOV.UK
 * FOI compliance return in test/fixtures/real/govuk-foi-compliance-2023-24).
 */
import { discoverGrids } from '../../src/engine/discovery';
import { labelledPeriod } from '../../src/engine/discovery/periods';
import { checkWorkbook } from '../../src/engine/check';
import { normaliseHeader } from '../../src/engine/text';
import { config, sheet } from './helpers';

const period = (header: string) => labelledPeriod(normaliseHeader(header))?.period ?? null;

describe('a span of three months is the quarter it covers', () => {
  test.each([
    ['April to June 2023', { kind: 'quarter', index: 0, year: 2023 }],
    ['July to September 2023', { kind: 'quarter', index: 1, year: 2023 }],
    ['October to December 2023', { kind: 'quarter', index: 2, year: 2023 }],
    // January to March closes the financial year that began the April before.
    ['January to March 2024', { kind: 'quarter', index: 3, year: 2023 }],
    ['Jan-Mar', { kind: 'quarter', index: 3 }],
    ['Apr - Jun 2019/20', { kind: 'quarter', index: 0, year: 2019 }],
  ])('%s', (header, expected) => {
    expect(period(header)).toEqual(expected);
  });

  test.each(['April to May 2023', 'May to July', 'June to August 2023', 'April to June to September'])(
    '%s is not a quarter, and not read as a period',
    (header) => {
      expect(period(header)).toBeNull();
    },
  );

  test('a single month is still a month', () => {
    expect(period('April 2023')).toEqual({ kind: 'month', index: 0, year: 2023 });
  });
});

describe("a block's header naming the quarters again under its own title", () => {
  const quarters = [
    'April to June 2023',
    'July to September 2023',
    'October to December 2023',
    'January to March 2024',
  ];
  const rows = [
    ['Freedom of information compliance statistics financial year 2023-24'],
    [],
    ['Overview of requests', ...quarters, 'Total'],
    ['Number of requests', 44, 64, 59, 68, 235],
    ['Number of open requests', 0, 0, 0, 0, 0],
    [],
    ['Breakdown of responses', ...quarters, 'Total'],
    ['Refused - information not held', 1, 1, 4, 4, 10],
    ['Information released', 27, 34, 30, 32, 123],
  ];
  const cfg = config({ columns: { Total: 'ytd' } });

  test('stays inside one grid: the quarters are periods, the header row is not an indicator', () => {
    const { grids } = discoverGrids(sheet('2023-24', rows), cfg);
    expect(grids).toHaveLength(1);
    const [g] = grids;
    expect(g.periods.map((p) => [p.col, p.kind, p.index, p.year])).toEqual([
      [1, 'quarter', 0, 2023],
      [2, 'quarter', 1, 2023],
      [3, 'quarter', 2, 2023],
      [4, 'quarter', 3, 2023],
    ]);
    expect(g.columns.ytd).toBe(5);
    expect(g.indicatorRows).toEqual([3, 4, 7, 8]);
  });

  test('the check gives no finding on the repeated header', () => {
    const result = checkWorkbook([sheet('2023-24', rows)], cfg, { today: '2024-09-19' });
    expect(result.findings.filter((f) => f.cell !== null && f.cell.endsWith('7'))).toEqual([]);
  });

  test('a row repeating only some of the quarters is not a header: its figures are read', () => {
    const partial = rows.map((r, i) => (i === 6 ? ['Breakdown of responses', quarters[0], 1, 4, 4, 10] : r));
    const { grids } = discoverGrids(sheet('2023-24', partial), cfg);
    expect(grids[0].indicatorRows).toContain(6);
  });
});
