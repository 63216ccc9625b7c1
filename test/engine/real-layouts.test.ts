import { checkWorkbook } from '../../src/engine/check';
import { discoverGrids } from '../../src/engine/discovery';
import type { SheetModel } from '../../src/engine/model/sheet';
import { config, sheet } from './helpers';

/**
 * Layouts councils publish (issue #7): generic value headers, period-labelled headers,
 * years as columns, two-row headers with merged group cells, one sheet per service, and
 * the report's own words for owners, dates, status, polarity and direction of travel.
 */
const D = config();
const pct = (v: number, f = '0.0%'): [number, string] => [v, f];
const num = (v: number, f = '#,##0'): [number, string] => [v, f];
const run = (sheets: SheetModel[], cfg = {}, today = '2017-10-20') => checkWorkbook(sheets, config(cfg), { today });
const brief = (r: ReturnType<typeof run>) => r.findings.map((f) => [f.cell, f.rule, f.severity]);

describe('generic value headers', () => {
  const s = sheet('District KPIs', [
    ['Quarterly key performance indicators'],
    ['Code', 'Indicator', 'Value', 'Previous Value', 'Target', 'Status', 'DoT', 'Data owner', 'Good performance is'],
    [
      'HS1',
      'Percentage of household waste recycled',
      pct(0.452),
      pct(0.431),
      pct(0.45),
      'On target',
      'Improving',
      'J. Smith',
      'Higher',
    ],
    [
      'HS2',
      'Average days to process new benefit claims',
      num(21.4, '0.0'),
      num(19.8, '0.0'),
      num(22, '0.0'),
      'On target',
      'Deteriorating',
      'K. Patel',
      'Lower',
    ],
  ]);

  test('Value is the current figure and Previous Value the one before: DoT and RAG are checked', () => {
    const [g] = discoverGrids(s, D).grids;
    expect(g.columns).toMatchObject({
      ref: 0,
      description: 1,
      latest: 2,
      previousPeriod: 3,
      target: 4,
      rag: 5,
      dot: 6,
      responsibleOfficer: 7,
      polarity: 8,
    });
    expect(g.unrecognisedColumns).toEqual([]);
    expect(run([s]).findings).toEqual([]);
  });

  test('a wrong direction of travel and a % typed as points are caught in Value columns', () => {
    const bad = sheet('District KPIs', [
      ['Code', 'Indicator', 'Value', 'Previous Value', 'Target', 'Status', 'DoT', 'Data owner', 'Good performance is'],
      [
        'HS1',
        'Percentage of household waste recycled',
        pct(45.2),
        pct(0.431),
        pct(0.45),
        'On target',
        'Improving',
        'J. Smith',
        'Higher',
      ],
      [
        'HS2',
        'Average days to process new benefit claims',
        num(21.4, '0.0'),
        num(19.8, '0.0'),
        num(22, '0.0'),
        'On target',
        'Improving',
        'K. Patel',
        'Lower',
      ],
      [
        'HS3',
        'Percentage of council tax collected',
        '97.4%',
        pct(0.962),
        pct(0.97),
        'Green',
        '↑',
        'L. Brown',
        'Higher',
      ],
    ]);
    const r = run([bad]);
    expect(brief(r)).toEqual([
      ['C2', 'percent-out-of-range', 'error'],
      ['G3', 'dot-mismatch', 'error'],
      ['C4', 'number-stored-as-text', 'error'],
    ]);
    expect(r.findings[0].message).toBe(
      '4520.0% is outside 0% to 100%: if 45.2% was meant, enter 0.452 (percentages are fractions shown with a % format).',
    );
    expect(r.findings[1].message).toBe(
      'DoT says Improving but 21.4 is worse than Previous Value (19.8; lower is better): should be Worse.',
    );
    // The text keeps the decimals it shows: 97.4%, not 97%.
    expect(r.findings[2].message).toBe(
      '"97.4%" is text, so Excel will not calculate with it: enter it as the number 97.4%.',
    );
  });

  test('Current, This quarter, Last quarter, Latest and Actual', () => {
    for (const [cur, prev] of [
      ['Current', 'Previous'],
      ['This quarter', 'Last quarter'],
      ['Latest', 'Previous value'],
      ['Actual', 'Last value'],
    ]) {
      const [g] = discoverGrids(
        sheet('S', [
          ['Ref', 'Measure', cur, prev, 'Target'],
          ['A', 'Thing', 1, 2, 3],
        ]),
        D,
      ).grids;
      expect([cur, g.columns.latest, g.columns.previousPeriod]).toEqual([cur, 2, 3]);
    }
  });
});

describe('period-labelled headers', () => {
  test('Q1 2014/15 … Q1 2015/16: the latest quarter is current and DoT crosses the year end', () => {
    const s = sheet('Quarterly', [
      [
        'Ref',
        'Measure',
        'Q1 2014/15',
        'Q2 2014/15',
        'Q3 2014/15',
        'Q4 2014/15',
        'Q1 2015/16',
        'Q1 Target',
        'Q2 Target',
        'DoT',
        'Aim',
      ],
      [
        'P1',
        'Percentage of calls answered within 20 seconds',
        pct(0.81),
        pct(0.8),
        pct(0.79),
        pct(0.83),
        pct(0.85),
        pct(0.8),
        pct(0.82),
        'Deteriorating',
        'Maximise',
      ],
    ]);
    const [g] = discoverGrids(s, D).grids;
    expect(g.periods.map((p) => [p.label, p.kind, p.index, p.year])).toEqual([
      ['Q1 2014/15', 'quarter', 0, 2014],
      ['Q2 2014/15', 'quarter', 1, 2014],
      ['Q3 2014/15', 'quarter', 2, 2014],
      ['Q4 2014/15', 'quarter', 3, 2014],
      ['Q1 2015/16', 'quarter', 0, 2015],
    ]);
    expect(g.periodTargets!.map((p) => [p.label, p.index])).toEqual([
      ['Q1 Target', 0],
      ['Q2 Target', 1],
    ]);
    const r = run([s]);
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      [
        'J2',
        'dot-mismatch',
        'DoT says Deteriorating but 85.0% is better than Q4 2014/15 (83.0%; higher is better): should be Improving.',
      ],
    ]);
    // The target for the current quarter (Q1) became the target.
    expect(r.gridSummaries[0].columns.target).toBe('H');
    expect(r.gridSummaries[0].columns['target:Q2 Target']).toBe('I');
  });

  test('with a reporting period, the target of its quarter judges the RAG (Q2 Target for September)', () => {
    const s = sheet('Q', [
      ['Ref', 'Measure', 'Q1', 'Q2', 'Q1 Target', 'Q2 Target', 'Floor', 'RAG'],
      ['P1', 'Percentage of invoices paid in 30 days', pct(0.9), pct(0.93), pct(0.9), pct(0.95), pct(0.85), 'Green'],
    ]);
    const r = run([s], { period: '2017-09' });
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      [
        'H2',
        'rag-mismatch',
        'RAG says Green but 93.0% is below the target of 95.0% and above the floor standard of 85.0%: should be AMBER.',
      ],
    ]);
  });

  test('Apr-17 months with their years; Target 2017/18 is the target; 2016/17 Outturn before them is the previous year', () => {
    const s = sheet('M', [
      ['Ref', 'Indicator', '2016/17 Outturn', 'Apr-17', 'May-17', 'Jun-17', 'Target 2017/18', 'Floor'],
      ['M1', 'Number of missed bin collections', num(410), num(35), num(31), num(29), num(30), num(40)],
    ]);
    const [g] = discoverGrids(s, D).grids;
    expect(g.columns).toMatchObject({ previousYear: 2, target: 6, floor: 7 });
    expect(g.periods.map((p) => [p.label, p.year])).toEqual([
      ['Apr-17', 2017],
      ['May-17', 2017],
      ['Jun-17', 2017],
    ]);
    expect(run([s], { period: '2017-06' }).findings).toEqual([]);
  });

  test("Outturn 2016/17 after the months is the year's outturn", () => {
    const [g] = discoverGrids(
      sheet('M', [
        ['Ref', 'Indicator', 'Q1', 'Q2', 'Q3', 'Q4', 'Outturn 2016/17', 'Target'],
        ['A', 'Thing', 1, 2, 3, 4, 10, 9],
      ]),
      D,
    ).grids;
    expect(g.columns.ytd).toBe(6);
    expect(g.periods).toHaveLength(4);
  });
});

describe('years as columns (the benchmarking layout)', () => {
  const s = sheet('LGBF', [
    ['Local Government Benchmarking Framework: Corporate services'],
    [
      'Code',
      'Indicator',
      '2012/13',
      '2013/14',
      '2014/15',
      '2015/16',
      '2016/17',
      'Good performance is',
      'Direction of travel',
    ],
    [
      'CORP1',
      'Support services as a % of total gross expenditure',
      pct(0.052),
      pct(0.049),
      pct(0.047),
      pct(0.046),
      pct(0.044),
      'Lower',
      'Improving',
    ],
    [
      'CORP3b',
      'The percentage of the highest paid 5% employees who are women',
      pct(0.48),
      pct(0.5),
      pct(0.51),
      pct(0.53),
      pct(0.52),
      'Higher',
      'Improving',
    ],
    [
      'CORP3c',
      'The gender pay gap (%)',
      pct(0.041),
      pct(0.032),
      pct(0.018),
      pct(0.006),
      pct(-0.001),
      'Lower',
      'Improving',
    ],
  ]);

  test('the latest year is current and the one before it previous; DoT is year on year', () => {
    const [g] = discoverGrids(s, D).grids;
    expect(g.periods.map((p) => [p.label, p.kind, p.year])).toEqual([
      ['2012/13', 'year', 2012],
      ['2013/14', 'year', 2013],
      ['2014/15', 'year', 2014],
      ['2015/16', 'year', 2015],
      ['2016/17', 'year', 2016],
    ]);
    expect(g.columns).toMatchObject({ polarity: 7, dot: 8 });
    const r = run([s]);
    // CORP3b fell from 53% to 52% although higher is better; the -0.1% pay gap is a gap, not an error.
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      [
        'I4',
        'dot-mismatch',
        'Direction of travel says Improving but 52.0% is worse than 2015/16 (53.0%; higher is better): should be Worse.',
      ],
    ]);
  });

  test('a reporting period picks the last complete year', () => {
    const r = run([s], { period: '2016-12' });
    // December 2016: 2016/17 is not over, so 2015/16 is current and compared with 2014/15 (CORP3b rose: Improving is right).
    expect(r.findings).toEqual([]);
  });
});

describe('two-row headers', () => {
  test('a merged year and a merged Target over Q1 … Q4, with Ref and Indicator merged down both rows', () => {
    const s: SheetModel = {
      ...sheet('Committee', [
        ['Performance dashboard, Quarter 2 2016/17'],
        [
          'Ref',
          'Indicator',
          '2016/17',
          null,
          null,
          null,
          'Target',
          null,
          null,
          null,
          'Status',
          'Lead officer',
          'Tolerance',
        ],
        [null, null, 'Q1', 'Q2', 'Q3', 'Q4', 'Q1', 'Q2', 'Q3', 'Q4', null, null, null],
        [
          'C01',
          'Percentage of FOI requests answered within 20 working days',
          pct(0.91),
          pct(0.87),
          null,
          null,
          pct(0.9),
          pct(0.92),
          pct(0.9),
          pct(0.9),
          'Green',
          'A. Jones',
          pct(0.85),
        ],
        [
          'C02',
          'Number of complaints received',
          num(41),
          num(38),
          null,
          null,
          num(45),
          num(40),
          num(45),
          num(45),
          'On target',
          'B. Khan',
          num(50),
        ],
      ]),
      merged: ['A2:A3', 'B2:B3', 'C2:F2', 'G2:J2', 'K2:K3', 'L2:L3', 'M2:M3'],
    };
    const { grids } = discoverGrids(s, D);
    expect(grids).toHaveLength(1);
    const g = grids[0];
    expect([g.top, g.headerRow]).toEqual([1, 2]);
    expect(g.indicatorRows).toEqual([3, 4]);
    expect(g.periods.map((p) => [p.label, p.index, p.year])).toEqual([
      ['2016/17 Q1', 0, 2016],
      ['2016/17 Q2', 1, 2016],
      ['2016/17 Q3', 2, 2016],
      ['2016/17 Q4', 3, 2016],
    ]);
    expect(g.periodTargets!.map((p) => p.label)).toEqual(['Target Q1', 'Target Q2', 'Target Q3', 'Target Q4']);
    expect(g.columns).toMatchObject({ ref: 0, description: 1, rag: 10, responsibleOfficer: 11, floor: 12 });
    const r = run([s], { period: '2016-09' }, '2016-10-20');
    // Q2 is current, judged against Q2's target (H): 87% is below 92% and above the 85% tolerance.
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      [
        'K4',
        'rag-mismatch',
        'Status says Green but 87.0% is below the target of 92.0% and above the floor standard of 85.0%: should be AMBER.',
      ],
    ]);
    expect(r.gridSummaries[0].columns.target).toBe('H');
  });

  test('the group label written once above its first column (no merges) still groups the columns to its right', () => {
    const s = sheet('Plain', [
      [null, null, '2015/16', null, '2016/17', null],
      ['Ref', 'Indicator', 'Q3', 'Q4', 'Q1', 'Q2', 'Target', 'Tolerance', 'RAG'],
      [
        'E1',
        'Percentage of invoices paid on time',
        pct(0.9),
        pct(0.92),
        pct(0.93),
        pct(0.86),
        pct(0.95),
        pct(0.9),
        'Amber',
      ],
    ]);
    const [g] = discoverGrids(s, D).grids;
    expect(g.periods.map((p) => p.label)).toEqual(['2015/16 Q3', '2015/16 Q4', '2016/17 Q1', '2016/17 Q2']);
    const r = run([s]);
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      ['I3', 'rag-mismatch', 'RAG says Amber but 86.0% is below the floor standard of 90.0%: should be RED.'],
    ]);
  });

  test('Month and YTD under a month group', () => {
    const s = sheet('MonthYtd', [
      [null, null, 'September 2017', null, null],
      ['Ref', 'Measure', 'Month', 'YTD', 'Target'],
      ['S1', 'Number of new homes completed', num(12), num(61), num(60)],
    ]);
    const [g] = discoverGrids(s, D).grids;
    expect(g.columns.ytd).toBe(3);
    expect(g.periods.map((p) => [p.label, p.index])).toEqual([['September 2017 Month', 5]]);
  });

  test('a title above an ordinary header is not read as a group row', () => {
    const s = sheet('Title', [
      ['Results up to July 2017'],
      ['Ref', 'Indicator description', 'Jun', 'Jul', 'Target', 'Floor standard', 'RAG'],
      ['CS01', 'Percentage of invoices paid within 30 days', pct(0.95), pct(0.94), pct(0.95), pct(0.9), 'AMBER'],
    ]);
    const [g] = discoverGrids(s, D).grids;
    expect([g.top, g.headerRow, g.periodFromTitle]).toEqual([1, 1, '2017-07']);
    expect(g.periods.map((p) => p.label)).toEqual(['Jun', 'Jul']);
  });
});

describe('one sheet per service, with banners and repeated headers', () => {
  const service = (name: string, rows: unknown[][]) =>
    sheet(name, [
      [`${name}: quarterly performance report`],
      ['Results up to September 2017'],
      [],
      ['PI Code', 'Performance Indicator', 'Q1', 'Q2', 'Target', 'Status', 'Indicator owner', 'Date entered'],
      ...rows,
    ]);
  const housing = service('Housing', [
    ['Homelessness'],
    [
      'H1',
      'Number of households in temporary accommodation',
      num(27),
      num(24),
      num(25),
      'On target',
      'D. Garton',
      [43018, 'dd/mm/yyyy'],
    ],
    [],
    ['Allocations'],
    ['PI Code', 'Performance Indicator', 'Q1', 'Q2', 'Target', 'Status', 'Indicator owner', 'Date entered'],
    [
      'H2',
      'Average days to relet council homes',
      num(24.5, '0.0'),
      num(22.1, '0.0'),
      num(25, '0.0'),
      'On target',
      'D. Garton',
      [43018, 'dd/mm/yyyy'],
    ],
  ]);
  const leisure = service('Leisure', [
    [
      'L1',
      'Visits to leisure centres (000s)',
      num(196.3, '0.0'),
      num(201.7, '0.0'),
      num(190, '0.0'),
      'For info only',
      'J. Worley',
      [43019, 'dd/mm/yyyy'],
    ],
  ]);

  test('every sheet is a grid of its own; thousands are not a fractional count; For info only is not a RAG error', () => {
    const r = run([housing, leisure], {}, '2017-10-20');
    expect(r.gridSummaries.map((g) => [g.sheet, g.range, g.indicators])).toEqual([
      ['Housing', 'A4:H10', 2],
      ['Leisure', 'A4:H5', 1],
    ]);
    expect(r.grids[0].columns).toMatchObject({ responsibleOfficer: 6, dateSubmitted: 7 });
    expect(r.findings).toEqual([]);
  });
});

describe('owner and date synonyms', () => {
  test.each([
    ['Data owner', 'responsibleOfficer'],
    ['Lead officer', 'responsibleOfficer'],
    ['Indicator owner', 'responsibleOfficer'],
    ['Compiled by', 'compiler'],
    ['Entered by', 'compiler'],
    ['Date entered', 'dateSubmitted'],
    ['Updated', 'dateSubmitted'],
    ['Last updated', 'dateSubmitted'],
  ])('%s is %s', (header, role) => {
    const [g] = discoverGrids(
      sheet('S', [
        ['Ref', 'Indicator', 'Value', 'Target', header],
        ['A', 'Thing', 1, 2, 'x'],
      ]),
      D,
    ).grids;
    expect(g.columns[role as 'compiler']).toBe(4);
  });

  test('a missing Data owner is a missing responsible officer', () => {
    const s = sheet('S', [
      ['Ref', 'Indicator', 'Value', 'Target', 'Data owner'],
      ['A', 'Number of things', num(1), num(2), null],
    ]);
    expect(brief(run([s]))).toEqual([['E2', 'missing-owner', 'error']]);
  });
});

describe('status and RAG in the words of reports', () => {
  const grid = (status: string, value: number) =>
    sheet('S', [
      ['Ref', 'Indicator', 'Value', 'Target', 'Tolerance', 'Status'],
      ['A1', 'Percentage of calls answered', pct(value), pct(0.9), pct(0.85), status],
    ]);

  test.each([
    ['On target', 0.92],
    ['On track', 0.95],
    ['Achieved', 0.9],
    ['Within tolerance', 0.87],
    ['Near target', 0.88],
    ['Off target', 0.87],
    ['Off target', 0.8],
    ['Outside tolerance', 0.8],
    ['Not met', 0.8],
    ['Grey', 0.5],
    ['For info only', 0.5],
    ['For information only', 0.99],
    ['Data only', 0.1],
    ['Baseline year', 0.4],
    ['Contextual', 0.3],
    ['No target', 0.7],
    ['GREEN - on target', 0.95],
    ['On target (green)', 0.93],
    ['Blue', 1],
  ])('"%s" with %s is no error', (status, value) => {
    expect(run([grid(status, value)]).summary.errors).toBe(0);
  });

  test.each([
    ['On target', 0.8, 'RED'],
    ['Within tolerance', 0.95, 'GREEN'],
    ['Off target', 0.95, 'GREEN'],
    ['Outside tolerance', 0.87, 'AMBER'],
  ])('"%s" with %s contradicts the figures (should be %s)', (status, value, expected) => {
    const r = run([grid(status, value)]);
    expect(brief(r)).toEqual([['F2', 'rag-mismatch', 'error']]);
    expect(r.findings[0].message).toMatch(new RegExp(`^Status says ${status} but .*: should be ${expected}\\.$`));
  });

  test('a word that is not a rating is still reported', () => {
    expect(brief(run([grid('G/A', 0.9)]))).toEqual([['F2', 'rag-unrecognised', 'error']]);
  });
});

describe('polarity and direction of travel in the words of reports', () => {
  const grid = (polarityHeader: string, polarity: string, dot: string) =>
    sheet('S', [
      ['Ref', 'Indicator', 'Latest', 'Previous', 'Target', 'Floor', polarityHeader, 'DoT', 'RAG'],
      [
        'A1',
        'Average days to process a planning application',
        num(52, '0'),
        num(60, '0'),
        num(56, '0'),
        num(60, '0'),
        polarity,
        dot,
        'Green',
      ],
    ]);

  test.each([
    ['Good performance is', 'Lower', 'Improving'],
    ['Polarity', 'Lower is better', '↑'],
    ['Aim', 'Minimise', 'Improving & Decreasing'],
    ['Aim', 'Aim low', 'Getting better'],
  ])('%s: %s with %s agrees', (h, p, d) => {
    expect(run([grid(h, p, d)]).findings).toEqual([]);
  });

  test('Maximise against falling figures: the DoT and the RAG are wrong', () => {
    expect(brief(run([grid('Aim', 'Maximise', 'Improving')]))).toEqual([
      ['H2', 'dot-mismatch', 'error'],
      ['I2', 'rag-mismatch', 'error'],
    ]);
  });

  test('"Closest to 100%" says neither way is better: nothing is recomputed from target against floor', () => {
    expect(run([grid('Polarity', 'Closest to 100%', 'Deteriorating')]).findings).toEqual([]);
  });

  test.each(['Deteriorating', 'No change'])('"%s" is read and checked', (dot) => {
    const r = run([grid('Good performance is', 'Lower', dot)]);
    expect(brief(r)).toEqual([['H2', 'dot-mismatch', 'error']]);
    expect(r.findings[0].message).toBe(
      `DoT says ${dot} but 52 is better than Previous (60; lower is better): should be Improving.`,
    );
  });

  test.each(['Not comparable', 'Baseline year', 'N/a', 'No trend data'])(
    '"%s" in the DoT column is no error',
    (dot) => {
      expect(run([grid('Good performance is', 'Lower', dot)]).findings).toEqual([]);
    },
  );
});

describe('unrecognised columns are listed', () => {
  test('headers that map to no role, in Grid and GridSummary', () => {
    const s = sheet('S', [
      ['Ref', 'Indicator', 'Latest', 'Target', 'Benchmark quartile', 'Scottish average', 'RAG'],
      ['A1', 'Percentage of calls answered', pct(0.9), pct(0.9), '2nd', pct(0.88), 'Green'],
    ]);
    const r = run([s]);
    expect(r.grids[0].unrecognisedColumns).toEqual([4, 5]);
    expect(r.gridSummaries[0].unrecognised).toEqual([
      { column: 'E', header: 'Benchmark quartile' },
      { column: 'F', header: 'Scottish average' },
    ]);
    expect(r.findings).toEqual([]);
  });

  test('a column the configuration ignores is not listed; one it maps is no longer unrecognised', () => {
    const s = sheet('S', [
      ['Ref', 'Indicator', 'Latest', 'Target', 'Quartile', 'Scot avg'],
      ['A1', 'Thing', 1, 2, '2nd', 3],
    ]);
    const r = run([s], { columns: { Quartile: 'ignore', 'Scot avg': 'previousYear' } });
    expect(r.gridSummaries[0].unrecognised).toEqual([]);
    expect(r.grids[0].columns.previousYear).toBe(5);
  });
});
