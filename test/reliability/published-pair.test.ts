/**
 * Two consecutive published returns of the same body, compared: Maidstone's Communities,
 * Housing & Environment KPI updates for Quarter 1 and Quarter 2 2018/19
 * (test/fixtures/real/maidstone-che-kpi-q1-q2-2018-19, sources in SOURCES.md). The answer
 * key is the two reports read side by side: each indicator's value moved (each report
 * holds its own quarter's value, so a new figure, never a restatement), two indicators
 * were added in Q2, and nothing else changed. The Q2 copy holds its percentages as points
 * (83.3, target 50) where Q1 holds fractions with a % format (0.611, target 50%): the same
 * targets, so no target is reported as moved and no status as changed.
 */
import * as path from 'node:path';
import { REAL_DIR } from '../fixtures/real';
import { run } from '../cli/helpers';

const DIR = path.join(REAL_DIR, 'maidstone-che-kpi-q1-q2-2018-19');
const Q1 = path.join(DIR, 'q1.xlsx');
const Q2 = path.join(DIR, 'q2.xlsx');
const NOW = '2018-12-11T09:00:00Z';

const ANSWER_KEY = [
  ['figure', 'B6', 'Percentage of reports of littering attended to', '100%', '54.4'],
  ['figure', 'B7', 'Percentage of fly tips resulting in enforcement action', '61.1%', '83.3'],
  ['figure', 'B8', 'Percentage of fly-tips cleared or assessed within 2 working days', '96.88%', '90.27'],
  ['figure', 'B9', 'Percentage of fly-tips cleared or assessed within 4 working days', '99.22%', '94.97'],
  [
    'figure',
    'B10',
    'Percentage of household waste sent for reuse, recycling and composting (NI 192)',
    '54.96%',
    '54.34',
  ],
  [
    'indicator-added',
    'A11',
    'The percentage of relevant land and highways that is assessed as having acceptable levels of litter',
    null,
    null,
  ],
  [
    'indicator-added',
    'A12',
    'The percentage of relevant land and highways that is assessed as having acceptable levels of detritus',
    null,
    null,
  ],
];

test('Q1 → Q2: every real difference, once; no restatement, no moved target, no changed status', async () => {
  const r = await run(['compare', Q1, Q2, '--format', 'json'], { now: NOW });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(
    (
      out.differences as {
        kind: string;
        cell: string;
        description: string;
        old: string | null;
        new: string | null;
        what: string | null;
        reported: boolean;
      }[]
    ).map((d) => [d.kind, d.cell, d.description, d.old, d.new]),
  ).toEqual(ANSWER_KEY);
  expect(out.unrecordedRestatements).toBe(0);
  expect(out.indicators).toEqual({ previous: 5, current: 7 });
  // The findings: the two indicators added (info), nothing else.
  expect(
    out.findings.map((f: { rule: string; severity: string; cell: string }) => [f.rule, f.severity, f.cell]),
  ).toEqual([
    ['indicator-added', 'info', 'A11'],
    ['indicator-added', 'info', 'A12'],
  ]);
});

test('the other way round (Q2 taken as the previous return) the two indicators are removed, and still nothing is restated', async () => {
  const r = await run(['compare', Q2, Q1, '--format', 'json'], { now: NOW });
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.differences.filter((d: { kind: string }) => d.kind === 'indicator-removed')).toHaveLength(2);
  expect(out.differences.filter((d: { kind: string }) => d.kind === 'target' || d.kind === 'rag')).toEqual([]);
  expect(out.unrecordedRestatements).toBe(0);
});
