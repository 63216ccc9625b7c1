import { checkWorkbook } from '../../../src/engine/check';
import { measureKind } from '../../../src/engine/rules/measure';
import { config, sheet } from '../helpers';

/**
 * Issue #7: a correct published figure is never an error. Each false error the issue lists
 * is a row here that must give no error; the real mistakes beside them still do; where
 * the kind cannot be told, a warning (kind-uncertain).
 */
const run = (rows: unknown[][], cfg = {}) =>
  checkWorkbook([sheet('PIs', [['Ref', 'Indicator', 'Latest', 'Target', 'Unit'], ...rows])], config(cfg), {
    today: '2017-10-20',
  });
const brief = (r: ReturnType<typeof run>) => r.findings.map((f) => [f.cell, f.rule, f.severity]);

describe('the false errors issue #7 lists are no longer errors', () => {
  test.each([
    ['196.3 in an indicator headed "(000s)"', ['L1', 'Visits to leisure centres (000s)', [196.3, '0'], [190, '0'], '']],
    [
      '-16% for a "% reduction"',
      ['C1', '% reduction in CO2 emissions from council buildings', [-0.16, '0%'], [-0.1, '0%'], ''],
    ],
    ['-0.1% for a pay gap', ['HR1', 'The gender pay gap (%)', [-0.001, '0.0%'], [0, '0.0%'], '']],
    ['101.8% outturn against budget', ['F1', 'Revenue outturn against budget', [1.018, '0.0%'], [1, '0.0%'], '']],
    ['153% of a fund spent', ['F2', '% of the Disabled Facilities Grant fund spent', [1.53, '0%'], [1, '0%'], '']],
    ['-28 days behind timetable', ['P1', 'Local Plan: days behind timetable', [-28, '0'], [0, '0'], '']],
    ['£k with decimals', ['F3', 'Net cost of the service', [412.5, '£#,##0'], [400, '£#,##0'], '£k']],
    ['a rate per 1,000', ['H1', 'Homelessness acceptances per 1,000 households', [2.4, '0'], [2, '0'], '']],
    ['average days', ['B1', 'Average number of days to process a new claim', [21.4, '0'], [22, '0'], '']],
    ['tonnes', ['W1', 'Residual waste per household', [512.6, '#,##0'], [500, '#,##0'], 'kg']],
    ['net additional homes (may fall)', ['N1', 'Net additional homes provided', [-12, '0'], [200, '0'], '']],
    ['a variance', ['V1', 'Budget variance', [-0.032, '0.0%'], [0, '0.0%'], '']],
    ['occupancy against capacity', ['O1', 'Car park occupancy against capacity', [1.07, '0%'], [0.9, '0%'], '']],
    ['% of target achieved', ['T1', '% of target achieved for new homes', [1.25, '0%'], [1, '0%'], '']],
  ])('%s', (_what, row) => {
    const r = run([row as unknown[]]);
    expect(r.findings).toEqual([]);
  });

  test('"For info only" as the status is no unrecognised RAG', () => {
    const s = sheet('PIs', [
      ['Ref', 'Indicator', 'Latest', 'Target', 'Status'],
      ['X1', 'Number of visits', [12, '0'], null, 'For info only'],
    ]);
    expect(checkWorkbook([s], config(), { today: '2017-10-20' }).findings).toEqual([]);
  });
});

describe('real mistakes beside them are still errors', () => {
  test('a share typed as points, a negative and a fractional count', () => {
    const r = run([
      ['A1', 'Percentage of calls answered within 20 seconds', [96, '0%'], [0.95, '0%'], ''],
      ['A2', 'Number of complaints received', [-3, '0'], [10, '0'], ''],
      ['A3', 'Number of households in temporary accommodation', [26.5, '0'], [25, '0'], ''],
      ['A4', 'Complaints', [4, '0'], [5, '0'], 'Number'],
      ['A5', 'Complaints upheld', [-1, '0'], [5, '0'], 'Number'],
    ]);
    expect(brief(r)).toEqual([
      ['C2', 'percent-out-of-range', 'error'],
      ['C3', 'negative-count', 'error'],
      ['C4', 'fractional-count', 'error'],
      ['C6', 'negative-count', 'error'],
    ]);
    expect(r.findings[0].message).toBe(
      '9600% is outside 0% to 100%: if 96% was meant, enter 0.96 (percentages are fractions shown with a % format).',
    );
  });

  test('a share written as points (no % format) above 100', () => {
    const r = run([['F1', '% times the first appliance arrived within 10 minutes', [680, '0.00'], [90, '0.00'], '']]);
    expect(brief(r)).toEqual([['C2', 'percent-out-of-range', 'error']]);
    expect(r.findings[0].message).toBe(
      '680.00 is outside 0 to 100, but this indicator is a percentage written as a number: check it.',
    );
  });
});

describe('where the kind cannot be told: a warning, never an error', () => {
  test('a % with no words saying what it is a percentage of, a whole-number format with no words saying what is counted', () => {
    const r = run([
      ['U1', 'Leisure centre performance', [1.12, '0%'], [1, '0%'], ''],
      ['U2', 'Planning service', [-2, '0'], [0, '0'], ''],
      ['U3', 'Library service', [38.5, '0'], [40, '0'], ''],
    ]);
    expect(brief(r)).toEqual([
      ['C2', 'kind-uncertain', 'warning'],
      ['C3', 'kind-uncertain', 'warning'],
      ['C4', 'kind-uncertain', 'warning'],
    ]);
    // 112% against a 100% target: reading it as 1.12% would make no sense, so it is not suggested.
    expect(r.findings[0].message).toBe(
      '112% is outside 0% to 100%, but the words do not say whether this is a share (0–100%) or a change, gap or percentage of a budget or target: check it (a share of a whole cannot pass 100%), and say which in its description or unit.',
    );
    expect(r.findings[1].message).toMatch(
      /^-2 is negative, and its whole-number format suggests a count, but the words do not say what is counted/,
    );
  });

  test('the warning can be made an error or switched off like any rule', () => {
    const rows = [['U1', 'Leisure centre performance', [1.12, '0%'], [1, '0%'], '']];
    expect(brief(run(rows, { rules: { 'kind-uncertain': { severity: 'error' } } }))).toEqual([
      ['C2', 'kind-uncertain', 'error'],
    ]);
    expect(run(rows, { rules: { 'kind-uncertain': { enabled: false } } }).findings).toEqual([]);
  });
});

describe('advice only suggests a reading that makes sense', () => {
  test('109% of a share is not "enter 0.0109"', () => {
    const r = run([['A1', 'Percentage of invoices paid within 30 days', [1.09, '0%'], [0.95, '0%'], '']]);
    expect(r.findings.map((f) => f.message)).toEqual([
      '109% is outside 0% to 100%: a share of a whole cannot pass 100%.',
    ]);
  });

  test('a negative share', () => {
    const r = run([['A1', 'Percentage of invoices paid within 30 days', [-0.05, '0%'], [0.95, '0%'], '']]);
    expect(r.findings.map((f) => f.message)).toEqual(['-5% is outside 0% to 100%: a share cannot be below 0%.']);
  });

  test('text numbers keep the decimals they show', () => {
    const r = run([
      ['A1', 'Percentage of invoices paid within 30 days', '97.4%', [0.95, '0%'], ''],
      ['A2', 'Number of invoices paid', '1,204.50', [1000, '#,##0'], ''],
      ['A3', 'Percentage of calls answered', '0.93', [0.9, '0.0%'], ''],
    ]);
    expect(r.findings.map((f) => [f.cell, f.message])).toEqual([
      ['C2', '"97.4%" is text, so Excel will not calculate with it: enter it as the number 97.4%.'],
      ['C3', '"1,204.50" is text, so Excel will not calculate with it: enter it as the number 1,204.50.'],
      ['C4', '"0.93" is text, so Excel will not calculate with it: enter it as the number 0.93.'],
    ]);
  });

  test('thousands separated by spaces are a text number too', () => {
    const r = run([['A1', 'Cost per primary school pupil £', '4 684', [4500, '#,##0'], '']]);
    expect(r.findings.map((f) => [f.cell, f.rule])).toEqual([['C2', 'number-stored-as-text']]);
  });
});

describe('measureKind precedence', () => {
  const kind = (description: string, percentFormat = false, valueFormat = 'General', unit = '', header = '') =>
    measureKind({ description, unit, header, percentFormat, valueFormat });
  test('signed words first, then a reference for percentages, then shares; amounts before counts; a whole-number format alone is a guess', () => {
    expect(kind('Number of homes: net change', false, '0')).toEqual({ kind: 'signed', percent: false, sure: true });
    expect(kind('% of budget spent', true)).toEqual({ kind: 'percent-of-reference', percent: true, sure: true });
    expect(kind('Percentage of calls answered', true)).toEqual({ kind: 'proportion', percent: true, sure: true });
    expect(kind('Calls', true)).toEqual({ kind: 'proportion', percent: true, sure: false });
    expect(kind('Number of visits (000s)', false, '0.0')).toEqual({ kind: 'amount', percent: false, sure: true });
    expect(kind('Number of visits', false, 'General')).toEqual({ kind: 'count', percent: false, sure: true });
    // A counted noun says what is counted; a whole-number format alone only suggests a count.
    expect(kind('Visits', false, '#,##0')).toEqual({ kind: 'count', percent: false, sure: true });
    expect(kind('Library service', false, '#,##0')).toEqual({ kind: 'count', percent: false, sure: false });
    expect(kind('Visits', false, '£#,##0')).toEqual({ kind: 'amount', percent: false, sure: true });
    expect(kind('Visits', false, '0', '', 'Value (£000)')).toEqual({ kind: 'amount', percent: false, sure: true });
    expect(kind('Complaints', false, '0.0', '%')).toEqual({ kind: 'proportion', percent: true, sure: false });
  });
});

describe('a time limit on what is counted does not make a count a duration', () => {
  const kind = (description: string, unit = '') =>
    measureKind({ description, unit, header: 'Q1', percentFormat: false, valueFormat: '#,##0' });
  test.each([
    // Published FOI compliance tables (test/fixtures/real/govuk-foi-compliance-2023-24) count requests by their deadline.
    'Number of requests responded to within 20 working days',
    'Number of households in temporary accommodation for more than 6 weeks',
    'Planning applications determined in under 13 weeks',
    'Number of calls answered within 20 seconds',
  ])('%s is a count', (description) => {
    expect(kind(description)).toEqual({ kind: 'count', percent: false, sure: true });
  });
  test.each([
    'Average number of days to process a new claim',
    'Number of working days lost per FTE',
    'Days taken to process a new claim',
  ])('%s is still an amount', (description) => {
    expect(kind(description).kind).toBe('amount');
  });
  test('a unit of days is still an amount', () => {
    expect(kind('Time to relet a council home', 'days').kind).toBe('amount');
  });
  test('negative requests answered within 20 working days are an error, as any count', () => {
    const r = run([
      ['FOI1', 'Number of requests responded to within 20 working days', [-3, '#,##0'], [100, '#,##0'], ''],
    ]);
    expect(r.findings.map((f) => [f.rule, f.severity])).toContainEqual(['negative-count', 'error']);
  });
});
