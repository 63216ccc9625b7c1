import { parseConfig, DEFAULT_CONFIG, DEFAULT_ANNOTATIONS } from '../../../src/engine/model/config';
import { RULES } from '../../../src/engine';
import { Dimension } from '../../../src/engine/model/finding';

describe('configuration', () => {
  test('an empty configuration gives the defaults', () => {
    expect(parseConfig({})).toEqual({ ok: true, config: DEFAULT_CONFIG });
    expect(DEFAULT_CONFIG.deadlineDays).toBe(10);
    expect(DEFAULT_CONFIG.annotations).toEqual(DEFAULT_ANNOTATIONS);
  });

  test('a bad configuration gives one readable line per problem', () => {
    const r = parseConfig({
      period: 'July 2017',
      deadlineDays: -1,
      rules: { 'rag-mismatch': { severity: 'fatal' } },
      columns: { H: 'jul' },
      colour: 'red',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(5);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        'period: must be a month written YYYY-MM',
        expect.stringMatching(/^deadlineDays: /),
        expect.stringMatching(/^rules\.rag-mismatch\.severity: .*"error".*"warning".*"info"/),
        expect.stringMatching(/^columns\.H: /),
        expect.stringMatching(/^\(top level\): .*colour/),
      ]),
    );
  });

  test('every rule in the catalogue has a stable kebab-case id, a dimension, a severity and an example sentence', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(Dimension.options).toContain(r.dimension);
      expect(['error', 'warning', 'info']).toContain(r.severity);
      expect(r.example).toMatch(/[.!]$/);
    }
    expect(ids).toEqual(
      expect.arrayContaining([
        'rag-mismatch',
        'rag-unrecognised',
        'dot-mismatch',
        'range-mismatch',
        'percent-out-of-range',
        'negative-count',
        'fractional-count',
        'scale-mismatch',
        'number-stored-as-text',
        'unrecognised-text',
        'excel-error',
        'ratio-mismatch',
        'ytd-mismatch',
        'duplicate-ref',
        'outlier',
        'missing-value',
        'missing-target',
        'missing-floor',
        'missing-ref',
        'missing-description',
        'missing-owner',
        'missing-commentary',
        'period-gap',
        'compiler-is-checker',
        'submitted-late',
        'not-submitted',
        'submitted-before-period-end',
        'submitted-after-as-of',
        'signoff-outstanding',
      ]),
    );
  });

  test('a rule setting may name any catalogue rule', () => {
    const rules = Object.fromEntries(RULES.map((r) => [r.id, { enabled: false }]));
    expect(parseConfig({ rules }).ok).toBe(true);
  });
});
