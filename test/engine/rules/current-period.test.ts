import { checkWorkbook } from '../../../src/engine/check';
import { config, sheet } from '../helpers';

const pct = (v: number): [number, string] => [v, '0%'];

/** A quarterly return: Q1 … Q4 with a DoT column, as many district councils publish them. */
function quarterly(dot: string, q2: unknown = pct(0.82)) {
  return sheet('Quarterly', [
    ['Quarterly performance report 2017/18'],
    ['Ref', 'Measure', 'Q1', 'Q2', 'Q3', 'Q4', 'Target', 'Floor', 'RAG', 'DoT'],
    ['Q01', 'Percentage of calls answered in 20 seconds', pct(0.78), q2, null, null, pct(0.85), pct(0.8), 'AMBER', dot],
  ]);
}

describe('quarterly grids', () => {
  test('DoT is quarter on quarter: Q2 against Q1', () => {
    const r = checkWorkbook([quarterly('↓')], config({ period: '2017-09' }), { today: '2017-10-20' });
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      ['J3', 'dot-mismatch', 'DoT says ↓ but 82% is better than Q1 (78%; higher is better): should be ↑.'],
    ]);
  });

  test('a month inside a quarter reports the last complete quarter', () => {
    // August 2017: Q2 is not over, so Q1 is current and there is no quarter before it to compare with.
    const r = checkWorkbook([quarterly('↓')], config({ period: '2017-08' }), { today: '2017-10-20' });
    expect(r.findings.map((f) => [f.cell, f.rule])).toEqual([['I3', 'rag-mismatch']]);
    expect(r.findings[0].message).toBe('RAG says AMBER but 78% is below the floor standard of 80%: should be RED.');
  });

  test('without a period, the last quarter anyone filled in is current', () => {
    const r = checkWorkbook([quarterly('↑')], config(), { today: '2017-10-20' });
    expect(r.findings).toEqual([]);
  });

  test('the current quarter left empty is a missing value', () => {
    const r = checkWorkbook([quarterly('↑', null)], config({ period: '2017-09' }), { today: '2017-10-20' });
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      ['D3', 'missing-value', 'No figure for Q2, the current period: enter it, or an annotation such as n/k.'],
    ]);
  });
});

describe('grids without period columns', () => {
  test('a grid of year-to-date figures judges its RAG against Year to Date', () => {
    const s = sheet('Annual', [
      ['Ref', 'Indicator', 'Outturn', 'Target', 'Floor standard', 'RAG'],
      ['A1', 'Percentage of waste recycled', pct(0.39), pct(0.45), pct(0.4), 'AMBER'],
    ]);
    const r = checkWorkbook([s], config(), { today: '2017-10-20' });
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      ['F2', 'rag-mismatch', 'RAG says AMBER but 39% is below the floor standard of 40%: should be RED.'],
    ]);
  });

  test('a frequency column: annual indicators are not chased monthly, quarterly ones only at quarter ends', () => {
    const s = sheet('Mixed', [
      ['Results up to July 2017'],
      ['Ref', 'Indicator', 'Frequency', 'Apr', 'May', 'Jun', 'Jul', 'Target', 'Floor'],
      ['M1', 'Monthly thing counted', 'Monthly', [5, '0'], null, [6, '0'], null, [5, '0'], [3, '0']],
      ['Q1', 'Quarterly thing counted', 'Quarterly', null, null, [6, '0'], null, [5, '0'], [3, '0']],
      ['Y1', 'Annual thing counted', 'Annual', null, null, null, null, [5, '0'], [3, '0']],
    ]);
    const r = checkWorkbook([s], config(), { today: '2017-08-01' });
    expect(r.findings.map((f) => [f.cell, f.rule])).toEqual([
      ['E3', 'period-gap'],
      ['G3', 'missing-value'],
    ]);
  });
});
