import { brief, checkBook } from './helpers';
import {
  meltonWorkbook,
  meltonClean,
  dashboardWorkbook,
  dashboardClean,
  MELTON_ERRORS,
  DASHBOARD_ERRORS,
  MELTON_SHEET,
  DASHBOARD_SHEET,
} from '../fixtures';

describe('Melton-style monthly grid', () => {
  test('finds exactly the deliberate errors, in sheet order', async () => {
    const r = await checkBook(meltonWorkbook());
    expect(brief(r.findings)).toEqual(MELTON_ERRORS);
    expect(r.summary).toEqual({ errors: 18, warnings: 4, info: 0 });
    expect(r.findings.every((f) => f.sheet === MELTON_SHEET)).toBe(true);
    expect(r.indicators).toBe(12);
    expect(r.timeline).toEqual({ period: '2017-07', asOf: '2017-08-21', deadline: '2017-08-14' });
  });

  test('the clean twin gives no findings at all', async () => {
    const r = await checkBook(meltonClean());
    expect(r.findings).toEqual([]);
    expect(r.indicators).toBe(12);
    expect(r.notices).toEqual([]);
  });

  test('messages name the expected value, written as the cell shows it', async () => {
    const r = await checkBook(meltonWorkbook());
    const msg = (cell: string) => r.findings.find((f) => f.cell === cell)!.message;
    expect(msg('T6')).toBe(
      'RAG says GREEN but 94.0% is below the target of 95.0% and above the floor standard of 90.0%: should be AMBER.',
    );
    expect(msg('U7')).toBe('DoT says Worse but 0.6 is better than Jun (0.9; lower is better): should be Improving.');
    expect(msg('E6')).toBe(
      '960.0% is outside 0% to 100%: if 9.6% was meant, enter 0.096 (percentages are fractions shown with a % format).',
    );
    expect(msg('G8')).toBe('"93 %" is text, so Excel will not calculate with it: enter it as the number 93.0%.');
    expect(msg('H11')).toBe(
      '38.1 is on a different scale from the target of 38.0%: enter 38.1% as 0.381 with a % format.',
    );
    expect(msg('Q16')).toBe(
      'Year to Date says 10 but Apr to Jul add up to 9 (3 + 2 + 0 + 4) for this cumulative measure: should be 9.',
    );
    expect(msg('E18')).toBe(
      '38.5 is not a whole number, but this indicator counts things (the cell shows 39): enter the whole number.',
    );
    expect(msg('Z11')).toBe('Submitted 16/08/2017, after the deadline of 14/08/2017.');
    expect(msg('Z20')).toBe('No date submitted and the deadline of 14/08/2017 has passed.');
    expect(msg('W8')).toBe(
      'Sarah Jones is named as both compiling officer and responsible officer: the outturn must be checked by a colleague.',
    );
    expect(msg('A19')).toBe('HC04 is also the ref on row 18: each indicator needs its own ref.');
    expect(msg('H18')).toBe('No figure for Jul, the current period: enter it, or an annotation such as n/k.');
  });

  test('each finding carries the indicator ref and the rule dimension', async () => {
    const r = await checkBook(meltonWorkbook());
    const f = r.findings.find((x) => x.cell === 'Z16')!;
    expect(f).toMatchObject({
      sheet: MELTON_SHEET,
      ref: 'HC02',
      dimension: 'timeliness',
      severity: 'warning',
      rule: 'submitted-before-period-end',
    });
    expect(r.findings.find((x) => x.cell === 'W10')).toMatchObject({ ref: 'CS05', dimension: 'completeness' });
    expect(r.findings.find((x) => x.cell === 'T6')).toMatchObject({ ref: 'CS01', dimension: 'accuracy' });
  });

  test('the grid summary maps every column and period', async () => {
    const r = await checkBook(meltonWorkbook());
    expect(r.gridSummaries).toEqual([
      {
        sheet: MELTON_SHEET,
        range: 'A4:Z20',
        headerRow: 4,
        indicators: 12,
        unrecognised: [],
        columns: {
          ref: 'A',
          description: 'B',
          serviceArea: 'C',
          polarity: 'D',
          ytd: 'Q',
          target: 'R',
          floor: 'S',
          rag: 'T',
          dot: 'U',
          compiler: 'V',
          responsibleOfficer: 'W',
          headOfService: 'X',
          commentary: 'Y',
          dateSubmitted: 'Z',
          'period:Apr': 'E',
          'period:May': 'F',
          'period:Jun': 'G',
          'period:Jul': 'H',
          'period:Aug': 'I',
          'period:Sep': 'J',
          'period:Oct': 'K',
          'period:Nov': 'L',
          'period:Dec': 'M',
          'period:Jan': 'N',
          'period:Feb': 'O',
          'period:Mar': 'P',
        },
      },
    ]);
  });

  test('before the deadline nothing is chased as unsubmitted or late', async () => {
    const r = await checkBook(meltonWorkbook(), { asOf: '2017-08-14' });
    expect(brief(r.findings).filter((f) => f.rule === 'not-submitted')).toEqual([]);
    // 16/08 and 04/09 are now both after the as-of date.
    expect(brief(r.findings).filter((f) => f.cell === 'Z11' || f.cell === 'Z15')).toEqual([
      { cell: 'Z11', rule: 'submitted-after-as-of', severity: 'error' },
      { cell: 'Z15', rule: 'submitted-after-as-of', severity: 'error' },
    ]);
  });
});

describe('dashboard grid with activity indicators', () => {
  test('finds exactly the deliberate errors in both grids', async () => {
    const r = await checkBook(dashboardWorkbook());
    expect(brief(r.findings)).toEqual(DASHBOARD_ERRORS);
    expect(r.summary).toEqual({ errors: 10, warnings: 1, info: 0 });
    expect(r.indicators).toBe(13);
    expect(r.timeline).toEqual({ period: '2017-09', asOf: '2017-08-21', deadline: '2017-10-13' });
  });

  test('the clean twin gives no findings; the Notes sheet gets a plain notice', async () => {
    const r = await checkBook(dashboardClean());
    expect(r.findings).toEqual([]);
    expect(r.notices).toEqual([
      "No metric collection grid found on sheet 'Notes': no row reads as a header naming the indicator (Ref or Description) and a value, target or RAG column.",
    ]);
  });

  test('messages', async () => {
    const r = await checkBook(dashboardWorkbook());
    const msg = (cell: string) => r.findings.find((f) => f.cell === cell)!.message;
    expect(msg('H8')).toBe('YTD RAG says AMBER but 69% is below the floor standard of 70%: should be RED.');
    expect(msg('E4')).toBe(
      'Month RAG says G but 82% is below the target of 85% and above the floor standard of 80%: should be AMBER.',
    );
    expect(msg('C4')).toBe('Numerator 800 / denominator 1,000 gives 80% but Latest Month says 82%: should be 80%.');
    expect(msg('F5')).toBe('DoT says ↓ but 45.0 is better than Previous Month (52.0; lower is better): should be ↑.');
    expect(msg('F11')).toBe(
      'DoT says New but Previous Month has a figure (43,800) and 41,250 is worse (higher is better): should be ↓.',
    );
    expect(msg('E10')).toBe(
      '"G/A" is not a RAG rating: use GREEN, AMBER or RED (or G, A, R), or a status such as On target, Within tolerance, Off target or For info only.',
    );
    expect(msg('D19')).toBe('In expected range? says Yes but 18 is below the lower threshold of 20: should be Below.');
    expect(msg('O8')).toBe(
      'Month RAG is AMBER but there is no commentary: explain the performance and what is being done about it.',
    );
    expect(msg('A10')).toBe(
      'No ref for "% of FOI requests answered within 20 working days": every indicator needs its ref.',
    );
    expect(r.findings.find((f) => f.cell === 'A10')!.ref).toBeNull();
  });

  test('two grids on one sheet, each with its own mapping', async () => {
    const r = await checkBook(dashboardWorkbook());
    expect(r.gridSummaries).toEqual([
      {
        sheet: DASHBOARD_SHEET,
        range: 'A3:O11',
        headerRow: 3,
        indicators: 8,
        unrecognised: [],
        columns: {
          ref: 'A',
          description: 'B',
          latest: 'C',
          previousPeriod: 'D',
          rag: 'E',
          dot: 'F',
          ytd: 'G',
          ytdRag: 'H',
          target: 'I',
          floor: 'J',
          previousYear: 'K',
          numerator: 'L',
          denominator: 'M',
          responsibleOfficer: 'N',
          commentary: 'O',
        },
      },
      {
        sheet: DASHBOARD_SHEET,
        range: 'A15:F20',
        headerRow: 15,
        indicators: 5,
        unrecognised: [],
        columns: { ref: 'A', description: 'B', result: 'C', inRange: 'D', upperThreshold: 'E', lowerThreshold: 'F' },
      },
    ]);
  });

  test('--sheet checks only the named sheet (any case)', async () => {
    const r = await checkBook(dashboardWorkbook(), {}, { sheet: 'notes' });
    expect(r.grids).toEqual([]);
    expect(r.notices[0]).toMatch(/^No metric collection grid found on sheet 'Notes'/);
    const missing = await checkBook(dashboardWorkbook(), {}, { sheet: 'Summary' });
    expect(missing.notices).toEqual(["There is no sheet called 'Summary'."]);
  });
});
