/**
 * Issue #21: never call a return clean when its figures were not checked. Coverage is
 * stated for every grid; figures under headings Outturn cannot place raise
 * `figures-not-checked`; status words are read in the report's own words.
 * Workbooks are written with ExcelJS and read back as a real .xlsx is.
 */
import ExcelJS from 'exceljs';
import { brief, checkBook, only } from './helpers';
import { uncheckedSentence } from '../../src/engine/rules/coverage';
import { RULES_BY_ID } from '../../src/engine/rules';

type Value = string | number | null | [number, string];

function book(sheetName: string, rows: Value[][]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null) return;
      const cell = ws.getCell(r + 1, c + 1);
      if (Array.isArray(v)) {
        cell.value = v[0];
        cell.numFmt = v[1];
      } else cell.value = v;
    }),
  );
  return wb;
}

const PCT = '0%';

describe('a monthly grid whose figure column is headed "Outturn so far"', () => {
  const rows: Value[][] = [
    ['Ref', 'Indicator', 'Target', 'Floor', 'Outturn so far', 'RAG'],
    ['CS01', '% of calls answered within 20 seconds', [0.9, PCT], [0.8, PCT], [0.12, PCT], 'GREEN'],
    ['CS02', '% of invoices paid within 30 days', [0.95, PCT], [0.9, PCT], [0.96, PCT], 'GREEN'],
    ['CS03', '% of complaints answered on time', [0.9, PCT], [0.85, PCT], [0.91, PCT], 'GREEN'],
  ];

  test('is not clean: figures-not-checked names the column and the exact mapping', async () => {
    const r = await checkBook(book('Monthly', rows));
    expect(brief(r.findings)).toEqual([{ cell: 'E1', rule: 'figures-not-checked', severity: 'warning' }]);
    expect(r.findings[0].message).toBe(
      'The figures of 3 indicators were not checked: Outturn could not place the column `Outturn so far` (E). Map them in the configuration: "columns": { "Outturn so far": "latest" }.',
    );
    expect(r.coverage).toMatchObject({ figureCells: 9, checkedCells: 6, uncheckedCells: 3, indicatorsUnchecked: 3 });
    expect(uncheckedSentence(r.coverage)).toBe('but the figures of 3 indicators were not checked: map the columns');
    const g = r.gridCoverage![0];
    expect(g.unchecked).toEqual([{ column: 'E', header: 'Outturn so far', holds: 'figures', cells: 3 }]);
    expect(g.understood.map((u) => `${u.column} ${u.as}`)).toEqual([
      'A ref',
      'B description',
      'C target',
      'D floor',
      'F rag',
    ]);
  });

  test('mapped as the message says, every figure is checked and the GREEN on 12% is an error', async () => {
    const r = await checkBook(book('Monthly', rows), { columns: { 'Outturn so far': 'latest' } });
    expect(brief(r.findings)).toEqual([{ cell: 'F2', rule: 'rag-mismatch', severity: 'error' }]);
    expect(r.coverage).toMatchObject({ figureCells: 9, checkedCells: 9, uncheckedCells: 0 });
    expect(uncheckedSentence(r.coverage)).toBe('');
  });

  test('is a warning in the catalogue, of completeness', () => {
    expect(RULES_BY_ID.get('figures-not-checked')).toMatchObject({ severity: 'warning', dimension: 'completeness' });
  });
});

/** Three by-body layouts, with headings invented so that nothing says what their figure columns are. */
const INVENTED: Record<string, Value[][]> = {
  'fire and rescue, per station': [
    ['Ref', 'Measure', 'Benchline', 'Zorp', 'Verdict', 'Quix', 'Verdict', 'Blorb', 'Verdict', 'Sigma'],
    ['FR1', 'Accidental dwelling fires', 20, 12, 'Grand', 25, 'Poor', 18, 'Grand', 55],
    ['FR2', 'Fire-related injuries', 6, 2, 'Grand', 4, 'Grand', 1, 'Grand', 7],
  ],
  'housing provider, per landlord': [
    ['Indicator', 'Yardstick', 'Plinth Homes', 'Marrow Living', 'Quern Housing', 'Welkin'],
    ['Rent collected as % of rent due', [0.99, PCT], [0.985, PCT], [0.992, PCT], [0.978, PCT], [0.986, PCT]],
    ['Average days to re-let empty homes', 28, 31, 25, 40, 32],
    ['Repairs completed right first time', [0.9, PCT], [0.88, PCT], [0.93, PCT], [0.86, PCT], [0.9, PCT]],
  ],
  'benchmarking table, per family-group member': [
    ['Code', 'Indicator', 'Abermoor', 'Kilbrack', 'Strathloy', 'Dunvane', 'Glenairn'],
    ['CHN1', 'Cost per primary school pupil (£)', 5421, 5876, 6012, 5710, 5533],
    [
      'CHN4',
      '% of pupils gaining 5+ awards at level 5',
      [0.61, PCT],
      [0.58, PCT],
      [0.66, PCT],
      [0.55, PCT],
      [0.6, PCT],
    ],
  ],
};

describe.each(Object.entries(INVENTED))('%s, with invented headings', (_layout, rows) => {
  test('raises figures-not-checked and the result says the figures were not checked', async () => {
    const r = await checkBook(book('Return', rows));
    expect(r.grids).toHaveLength(1);
    expect(r.summary.errors).toBe(0);
    expect(only(r, 'figures-not-checked')).toHaveLength(1);
    const indicators = rows.length - 1;
    expect(r.coverage).toMatchObject({ checkedCells: 0, indicatorsUnchecked: indicators });
    expect(uncheckedSentence(r.coverage)).toBe(
      `but the figures of ${indicators} indicators were not checked: map the columns`,
    );
    expect(only(r, 'figures-not-checked')[0].message).toMatch(/"columns": \{ .*"body".* \}\.$/);
  });
});

describe('figures by body, recognised by their shape', () => {
  const stations: Value[][] = [
    [
      'Ref',
      'Measure',
      'Polarity',
      'Target',
      'Rugby',
      'Target met?',
      'Nuneaton',
      'Target met?',
      'Leamington',
      'Target met?',
      'Bedworth',
      'Target met?',
      'Service total',
    ],
    [
      'FR1',
      'Number of accidental dwelling fires',
      'Lower is better',
      20,
      12,
      'Yes',
      25,
      'No',
      18,
      'Yes',
      19,
      'Yes',
      74,
    ],
    [
      'FR2',
      '% of emergency calls handled within 90 seconds',
      'Higher is better',
      [0.85, PCT],
      [0.9, PCT],
      '✓',
      [0.8, PCT],
      '✗',
      [0.88, PCT],
      '✓',
      [0.86, PCT],
      '✓',
      [0.86, PCT],
    ],
    [
      'FR3',
      'Number of safe and well visits',
      'Higher is better',
      1000,
      1200,
      'Met',
      900,
      'Not met',
      1100,
      'Met',
      1000,
      'Met',
      4200,
    ],
  ];

  test('a faithful grid: every figure checked, no finding', async () => {
    const r = await checkBook(book('Stations', stations));
    expect(brief(r.findings)).toEqual([]);
    expect(r.coverage).toMatchObject({ figureCells: 18, checkedCells: 18, uncheckedCells: 0 });
    const columns = r.gridSummaries[0].columns;
    expect(columns).toMatchObject({ 'body:Rugby': 'E', 'status:Rugby': 'F', 'body:Bedworth': 'K', total: 'M' });
    expect(columns.rag).toBeUndefined();
  });

  test('seeded: a status against its figure, a total, a missing figure, a percentage out of range', async () => {
    const seeded = stations.map((row) => [...row]);
    seeded[1][7] = 'Yes'; // Nuneaton 25 fires against a target of 20, lower is better: No
    seeded[3][12] = 4100; // safe and well visits add up to 4,200
    seeded[1][10] = null; // Bedworth's figure left out
    seeded[1][11] = null;
    seeded[1][12] = 55;
    seeded[2][8] = [88, PCT]; // 88 typed into a % cell
    seeded[2][9] = 'Grand'; // a word nobody knows
    const r = await checkBook(book('Stations', seeded));
    expect(brief(r.findings)).toEqual([
      { cell: 'H2', rule: 'body-status-mismatch', severity: 'error' },
      { cell: 'K2', rule: 'body-figure-missing', severity: 'warning' },
      { cell: 'I3', rule: 'percent-out-of-range', severity: 'error' },
      { cell: 'J3', rule: 'status-word-unknown', severity: 'warning' },
      { cell: 'M4', rule: 'body-total-mismatch', severity: 'error' },
    ]);
    expect(r.findings[0].message).toBe(
      'Target met? for Nuneaton says Yes but 25 does not meet the target of 20 (lower is better): should be No.',
    );
    expect(r.findings[4].message).toBe(
      "Service total 4100 is not the sum of the bodies' figures (4200): should be 4200.",
    );
  });

  test('a rate total lies between the bodies, and one far from the others is an outlier', async () => {
    const rows: Value[][] = [
      ['Indicator', 'Target', 'North', 'South', 'East', 'West', 'Central', 'Combined'],
      ['Average days to re-let empty homes', 30, 28, 31, 25, 29, 290, 33],
      [
        '% of rent collected',
        [0.98, PCT],
        [0.97, PCT],
        [0.99, PCT],
        [0.985, PCT],
        [0.975, PCT],
        [0.98, PCT],
        [0.995, PCT],
      ],
    ];
    const r = await checkBook(book('Landlords', rows));
    // The far body is a scale slip too (scale-jump), said alongside body-outlier.
    expect(brief(r.findings).filter((f) => f.rule !== 'scale-jump')).toEqual([
      { cell: 'G2', rule: 'body-outlier', severity: 'warning' },
      { cell: 'H3', rule: 'body-total-mismatch', severity: 'error' },
    ]);
    expect(r.coverage).toMatchObject({ uncheckedCells: 0 });
  });

  test('bodies the configuration names are bodies, whatever their headings', async () => {
    const r = await checkBook(book('Return', INVENTED['fire and rescue, per station']), {
      columns: { Benchline: 'target', Zorp: 'body', Quix: 'body', Blorb: 'body', Sigma: 'ignore' },
      statusWords: { Grand: 'GREEN', Poor: 'AMBER or RED' },
    });
    expect(brief(r.findings)).toEqual([]);
    expect(r.gridSummaries[0].columns).toMatchObject({ 'body:Zorp': 'D', 'status:Zorp': 'E', target: 'C' });
    expect(r.coverage).toMatchObject({ uncheckedCells: 0 });
  });
});

describe("status in the report's own words", () => {
  const grid = (heading: string, status: string, value: number): Value[][] => [
    ['Ref', 'Indicator', 'Latest', 'Target', 'Polarity', heading],
    ['P1', 'Number of households in temporary accommodation', value, 50, 'Lower is better', status],
  ];

  test.each([
    ['Target met?', 'Yes', 40],
    ['Target met?', 'No', 60],
    ['Met?', 'Y', 40],
    ['Achieved?', 'N', 60],
    ['Status', 'Target met', 40],
    ['Status', 'Target not met', 60],
    ['Status', 'Achieved', 40],
    ['Status', 'Not achieved', 60],
    ['Status', 'On track', 40],
    ['Status', 'Off track', 60],
    ['Status', '✓', 40],
    ['Status', '✗', 60],
  ])('%s "%s" with %s is no error', async (heading, status, value) => {
    const r = await checkBook(book('S', grid(heading, status, value)));
    expect(brief(r.findings)).toEqual([]);
  });

  test.each([
    ['Target met?', 'Yes', 60],
    ['Target met?', 'No', 40],
    ['Status', '✗', 40],
  ])('%s "%s" with %s contradicts the figure', async (heading, status, value) => {
    const r = await checkBook(book('S', grid(heading, status, value)));
    expect(brief(r.findings)).toEqual([{ cell: 'F2', rule: 'rag-mismatch', severity: 'error' }]);
  });

  test('Yes under a heading that asks no question is a word Outturn does not know: a warning, never an error', async () => {
    const r = await checkBook(book('S', grid('Status', 'Yes', 40)));
    expect(brief(r.findings)).toEqual([{ cell: 'F2', rule: 'status-word-unknown', severity: 'warning' }]);
  });

  test('an unknown word names itself and the statusWords entry that maps it', async () => {
    const r = await checkBook(book('S', grid('Status', 'Exceeded expectations', 40)));
    expect(brief(r.findings)).toEqual([{ cell: 'F2', rule: 'status-word-unknown', severity: 'warning' }]);
    expect(r.findings[0].message).toContain('"Exceeded expectations" is a status word Outturn does not know');
    expect(r.findings[0].message).toContain('"statusWords": { "Exceeded expectations": "GREEN" }');
  });

  test('statusWords maps it, and then it is checked against the figure', async () => {
    const mapped = { statusWords: { 'Exceeded expectations': 'GREEN' as const } };
    expect(brief((await checkBook(book('S', grid('Status', 'Exceeded expectations', 40)), mapped)).findings)).toEqual(
      [],
    );
    expect(brief((await checkBook(book('S', grid('Status', 'Exceeded expectations', 60)), mapped)).findings)).toEqual([
      { cell: 'F2', rule: 'rag-mismatch', severity: 'error' },
    ]);
  });

  test('under a RAG heading a word that is not a colour, and two ratings at once, stay errors', async () => {
    expect(brief((await checkBook(book('S', grid('RAG', 'Purple', 40)))).findings)).toEqual([
      { cell: 'F2', rule: 'rag-unrecognised', severity: 'error' },
    ]);
    expect(brief((await checkBook(book('S', grid('Status', 'G/A', 40)))).findings)).toEqual([
      { cell: 'F2', rule: 'rag-unrecognised', severity: 'error' },
    ]);
  });
});

describe('change columns over the years (the benchmarking layout)', () => {
  const rows = (change: number, pct: number): Value[][] => [
    [
      'Indicator description',
      'average 2010-11',
      'average 2014-15',
      'average 2015-16',
      'change in value',
      '% change in value',
      'Benchmark',
    ],
    ['Cost per pre-school education registration £', 3604, 3324, 3857, change, pct, 3700],
  ];

  test('figures rounded as published are accepted, and every figure is checked', async () => {
    const r = await checkBook(book('Children', rows(254, 7.0)));
    expect(brief(r.findings)).toEqual([]);
    expect(r.gridSummaries[0].columns).toMatchObject({ change: 'E', percentChange: 'F', comparator: 'G' });
    expect(r.coverage).toMatchObject({ figureCells: 6, checkedCells: 6 });
  });

  test('a change that is not last less first, and a percentage that is not its share of the first, are errors', async () => {
    const r = await checkBook(book('Children', rows(354, 9.8)));
    expect(brief(r.findings)).toEqual([
      { cell: 'E2', rule: 'change-mismatch', severity: 'error' },
      { cell: 'F2', rule: 'change-mismatch', severity: 'error' },
    ]);
    expect(r.findings[0].message).toBe(
      'change in value says 354 but average 2015-16 less average 2010-11 is 253 (3857 − 3604): should be 253.',
    );
  });
});
