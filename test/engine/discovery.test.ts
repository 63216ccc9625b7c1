import { discoverGrids } from '../../src/engine/discovery';
import { periodFromTitle } from '../../src/engine/discovery/title';
import { checkWorkbook } from '../../src/engine/check';
import { config, sheet } from './helpers';

const D = config();
const pct = (v: number): [number, string] => [v, '0%'];

describe('header rows are found by meaning', () => {
  test('case, spacing, punctuation and line breaks in headers do not matter', () => {
    const s = sheet('PIs', [
      [
        'PI code:',
        'Indicator\nDescription',
        'LATEST  month',
        'Month R.A.G.',
        'Direction of\ntravel',
        'Year-to-date',
        'YTD RAG',
        'Target (2017/18)',
        'Floor\r\nstandard',
        'Responsible Officer',
        'Comments / explanation',
      ],
      ['P1', 'Percentage of calls answered', pct(0.9), 'G', '↑', pct(0.88), 'A', pct(0.9), pct(0.85), 'Ann Lee', 'ok'],
    ]);
    const { grids, notices } = discoverGrids(s, D);
    expect(notices).toEqual([]);
    expect(grids).toHaveLength(1);
    expect(grids[0].columns).toEqual({
      ref: 0,
      description: 1,
      latest: 2,
      rag: 3,
      dot: 4,
      ytd: 5,
      ytdRag: 6,
      target: 7,
      floor: 8,
      responsibleOfficer: 9,
      commentary: 10,
    });
    expect(grids[0].headers[8]).toBe('Floor standard');
    expect(grids[0].indicatorRows).toEqual([1]);
  });

  test('month headers in every common form, and real dates as headers, give period columns in year order', () => {
    const s = sheet('M', [
      ['Ref', 'Measure', 'April 2017', 'May-17', 'jun', [42917, 'mmm-yy'], 'Aug 17', 'Target'],
      ['X1', 'Thing counted', 1, 2, 3, 4, 5, 3],
    ]);
    const [g] = discoverGrids(s, D).grids;
    expect(g.periods.map((p) => [p.col, p.kind, p.index])).toEqual([
      [2, 'month', 0],
      [3, 'month', 1],
      [4, 'month', 2],
      [5, 'month', 3],
      [6, 'month', 4],
    ]);
    expect(g.periods[3].label).toBe('Jul 2017');
  });

  test('quarters: Q1 … Q4 and "Quarter 2"', () => {
    const s = sheet('Q', [
      ['Ref', 'Measure', 'Q1', 'Quarter 2', 'Q3 2017/18', 'Qtr 4', 'Target', 'Floor'],
      ['X1', 'Thing', 1, 2, null, null, 3, 2],
    ]);
    const [g] = discoverGrids(s, D).grids;
    expect(g.periods.map((p) => [p.kind, p.index])).toEqual([
      ['quarter', 0],
      ['quarter', 1],
      ['quarter', 2],
      ['quarter', 3],
    ]);
  });

  test('a row of indicator data is never taken for a header', () => {
    const s = sheet('S', [
      ['Number of complaints received (cumulative)', 'Target met', 'Customer services', 'Higher is better'],
      ['Ref', 'Description', 'Target', 'Latest'],
      ['C1', 'Number of complaints received', 12, 10],
    ]);
    const { grids } = discoverGrids(s, D);
    expect(grids.map((g) => g.headerRow)).toEqual([1]);
  });
});

describe('the rows of a grid', () => {
  const rows = [
    ['Melton Borough Council — Corporate performance indicators'],
    ['Results up to July 2017'],
    [],
    ['Ref', 'Indicator description', 'Jun', 'Jul', 'Target', 'Floor Standard', 'RAG'],
    ['Corporate Services'],
    ['CS01', 'Percentage of invoices paid within 30 days', pct(0.95), pct(0.94), pct(0.95), pct(0.9), 'AMBER'],
    [],
    ['Housing and Communities'],
    ['REF', 'Indicator Description', 'Jun', 'Jul', 'Target', 'Floor standard', 'RAG'],
    ['HC01', 'Households in temporary accommodation', 27, 26, 25, 30, 'AMBER'],
    ['HC02', 'Affordable homes delivered', 0, 4, 3, 1, 'GREEN'],
    [],
    ['Source: performance system'],
  ];

  test('banner rows, a single blank row and a repeated header row stay inside one grid; titles give the period', () => {
    const { grids } = discoverGrids(sheet('Corporate', rows), D);
    expect(grids).toHaveLength(1);
    const g = grids[0];
    expect(g.headerRow).toBe(3);
    expect(g.indicatorRows).toEqual([5, 9, 10]);
    expect([g.top, g.bottom, g.left, g.right]).toEqual([3, 10, 0, 6]);
    expect(g.titles).toEqual(['Melton Borough Council — Corporate performance indicators', 'Results up to July 2017']);
    expect(g.periodFromTitle).toBe('2017-07');
  });

  test('a grid that does not start at A1 keeps absolute rows and columns (a used range from C5)', () => {
    const { grids } = discoverGrids(sheet('Offset', rows, 4, 2), D);
    const g = grids[0];
    expect(g.headerRow).toBe(7);
    expect(g.columns.ref).toBe(2);
    expect(g.periods.map((p) => p.col)).toEqual([4, 5]);
    expect(g.indicatorRows).toEqual([9, 13, 14]);
  });

  test('three blank rows end a grid; a header with another layout starts a second grid', () => {
    const s = sheet('Two', [
      ['Ref', 'Measure', 'Latest Month', 'Target', 'Floor Standard'],
      ['D1', 'Calls answered', pct(0.8), pct(0.85), pct(0.8)],
      [],
      ['Activity indicators'],
      ['Ref', 'Measure', 'Result', 'In expected range?', 'Upper threshold', 'Lower threshold'],
      ['A1', 'Benefit claims received', 412, 'Yes', 500, 300],
      [],
      [],
      [],
      ['Ref', 'Measure', 'Result', 'In expected range?', 'Upper threshold', 'Lower threshold'],
      ['A9', 'Noise complaints', 95, 'Above', 80, 40],
    ]);
    const { grids } = discoverGrids(s, D);
    expect(grids.map((g) => [g.headerRow, g.indicatorRows])).toEqual([
      [0, [1]],
      [4, [5]],
      [9, [10]],
    ]);
    expect(grids[1].columns.inRange).toBe(3);
  });

  test('no grid: a plain notice, and checkWorkbook says the same', () => {
    const notes = sheet('Notes', [['Notes'], ['Figures are provisional.'], ['Target', 'Floor']]);
    expect(discoverGrids(notes, D)).toEqual({
      grids: [],
      mappingsUsed: [],
      notices: [
        "No metric collection grid found on sheet 'Notes': no row reads as a header naming the indicator (Ref or Description) and a value, target or RAG column.",
      ],
    });
    const r = checkWorkbook([notes], D, { today: '2017-08-21' });
    expect(r.grids).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.notices).toHaveLength(1);
    expect(r.timeline).toEqual({ asOf: '2017-08-21' });
  });

  test("the add-in's own sheets (Outturn…) are never read", () => {
    const trail = sheet('OutturnTrail', [
      ['Ref', 'Description', 'Target', 'Latest'],
      ['x', 'y', 1, 2],
    ]);
    const r = checkWorkbook([trail], D, { today: '2017-08-21' });
    expect(r.grids).toEqual([]);
    expect(r.notices).toEqual([]);
  });
});

describe('the column mapping from the configuration overrides detection', () => {
  const s = sheet('Odd', [
    ['KPI No.', 'What we measure', 'Aim', 'Now', 'Worst acceptable', 'Status'],
    ['K1', 'Calls answered in 20 seconds', pct(0.85), pct(0.79), pct(0.8), 'AMBER'],
  ]);

  test('unusual wording is not understood until the configuration maps it', () => {
    // 'KPI no' is a ref, 'What we measure' a description and 'AIM' over figures a target (issue #7), but 'Now' and 'worst acceptable' are not understood: listed as such.
    const [alone] = discoverGrids(s, D).grids;
    expect([alone.columns.ref, alone.columns.target, alone.columns.latest, alone.columns.floor]).toEqual([
      0,
      2,
      undefined,
      undefined,
    ]);
    expect(alone.unrecognisedColumns).toEqual([3, 4]); // 'What we measure' reads as a description
    const cfg = config({
      columns: {
        'kpi no': 'ref',
        'What we measure': 'description',
        AIM: 'target',
        Now: 'latest',
        'worst acceptable': 'floor',
      },
    });
    const [g] = discoverGrids(s, cfg).grids;
    expect(g.columns).toEqual({ ref: 0, description: 1, target: 2, latest: 3, floor: 4, rag: 5 });
    expect(g.mappingSource).toEqual({
      0: 'configured',
      1: 'configured',
      2: 'configured',
      3: 'configured',
      4: 'configured',
      5: 'detected',
    });
    const r = checkWorkbook([s], cfg, { today: '2017-08-21' });
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      ['F2', 'rag-mismatch', 'Status says AMBER but 79% is below the floor standard of 80%: should be RED.'],
    ]);
  });

  test('by column letter, and "ignore" takes a column out', () => {
    const t = sheet('Letters', [
      ['Ref', 'Measure', 'Latest', 'Target', 'Floor', 'RAG', 'Notes'],
      ['K1', 'Calls', pct(0.79), pct(0.85), pct(0.8), 'AMBER', 'x'],
    ]);
    const [g] = discoverGrids(t, config({ columns: { F: 'ignore', G: 'commentary' } })).grids;
    expect(g.columns.rag).toBeUndefined();
    expect(g.columns.commentary).toBe(6);
    expect(g.mappingSource[6]).toBe('configured');
    expect(checkWorkbook([t], config({ columns: { F: 'ignore' } }), { today: '2017-08-21' }).findings).toEqual([]);
  });

  test('a mapping that matches nothing is named in a notice', () => {
    const t = sheet('Letters', [
      ['Ref', 'Measure', 'Latest', 'Target', 'Floor', 'RAG'],
      ['K1', 'Calls', pct(0.86), pct(0.85), pct(0.8), 'GREEN'],
    ]);
    const r = checkWorkbook(
      [t],
      config({ columns: { 'Floor\nstandard': 'floor', Measure: 'description', C: 'latest' } }),
      { today: '2017-08-21' },
    );
    expect(r.notices).toEqual([
      "The column mapping names 'Floor\nstandard', but no grid has a header or column of that name; it was not used.",
    ]);
  });
});

describe('the reporting period in a title', () => {
  test.each([
    ['Results up to July 2017', '2017-07'],
    ['Period: Q2 2017/18', '2017-09'],
    ['Quarter 4 2017/18', '2018-03'],
    ['Q1 2018-19 performance', '2018-06'],
    ['Performance report April to September 2017', '2017-09'],
    ['As at 31 January 2018', '2018-01'],
    ['Corporate performance indicators', null],
    ['Marketing 2017', null],
  ])('%s -> %s', (text, expected) => {
    expect(periodFromTitle(text)).toBe(expected);
  });
});

describe('what cannot be checked is said plainly', () => {
  test('without a reporting period, submission dates are not checked and a notice says why', () => {
    const s = sheet('Untitled', [
      ['Ref', 'Measure', 'Latest Month', 'Target', 'Floor', 'Date submitted'],
      ['P1', 'Calls answered', pct(0.9), pct(0.85), pct(0.8), [42957, 'dd/mm/yyyy']],
    ]);
    const r = checkWorkbook([s], D, { today: '2017-08-21' });
    expect(r.findings).toEqual([]);
    expect(r.timeline).toEqual({ asOf: '2017-08-21' });
    expect(r.notices).toEqual([
      'No reporting period is known for the grid on sheet \'Untitled\' (set one in the configuration or with --period, or give the sheet a title such as "Results up to July 2017"), so submission dates were not checked.',
    ]);
    const withPeriod = checkWorkbook([s], config({ period: '2017-07', asOf: '2017-08-21' }), { today: '2030-01-01' });
    expect(withPeriod.notices).toEqual([]);
    expect(withPeriod.timeline).toEqual({ period: '2017-07', asOf: '2017-08-21', deadline: '2017-08-14' });
  });
});

describe("a Total column after a whole year of periods is the year's total", () => {
  const quarters = [
    'April to June 2023',
    'July to September 2023',
    'October to December 2023',
    'January to March 2024',
  ];

  test('on the published FOI table (four quarters, then Total), without a mapping: read as the year to date', async () => {
    const { loadWorkbook } = await import('../../src/workbook/load');
    const wb = await loadWorkbook('test/fixtures/real/govuk-foi-compliance-2023-24/faithful.xlsx');
    const { grids } = discoverGrids(wb.sheets[0], D);
    expect(grids).toHaveLength(1);
    expect(grids[0].periods.map((p) => p.label)).toEqual(quarters);
    expect(grids[0].columns.ytd).toBe(5); // F
    expect(grids[0].unrecognisedColumns).toEqual([]);
    // Every total of the faithful copy adds up: nothing is called an error, and every figure is checked.
    const r = checkWorkbook(wb.sheets, D, { today: '2024-09-19' });
    expect(r.findings).toEqual([]);
    expect(r.coverage?.uncheckedCells).toBe(0);
  });

  test('a total it cannot be sure of stays a column Outturn says it did not check', () => {
    const row = (label: string, figures: number[]) => [label, ...figures];
    // Three quarters, not a year.
    const short = sheet('Short', [
      ['Measure', ...quarters.slice(0, 3), 'Total'],
      row('Number of requests received', [50, 60, 70, 180]),
      row('Number of requests answered', [45, 58, 66, 169]),
    ]);
    // A whole year, but a column between the periods and the Total.
    const apart = sheet('Apart', [
      ['Measure', ...quarters, 'Notes', 'Total'],
      row('Number of requests received', [50, 60, 70, 80, 0, 260]),
      row('Number of requests answered', [45, 58, 66, 75, 0, 244]),
    ]);
    for (const s of [short, apart]) {
      const { grids } = discoverGrids(s, D);
      expect(grids).toHaveLength(1);
      expect(grids[0].columns.ytd).toBeUndefined();
      const total = Number(Object.keys(grids[0].headers).find((c) => grids[0].headers[Number(c)] === 'Total'));
      expect(grids[0].unrecognisedColumns).toContain(total);
    }
  });
});
