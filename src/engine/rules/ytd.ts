import type { RuleInfo } from '../model/finding';
import { formatNumber } from '../format';
import { classify, V } from '../values';
import type { Emit, GridContext, RuleFamily } from './types';

const rules: RuleInfo[] = [
  {
    id: 'ytd-mismatch',
    dimension: 'accuracy',
    severity: 'error',
    title: 'Year to date does not add up',
    description:
      'For cumulative measures only (a Cumulative column says so, the description or unit says "cumulative", or a count whose year-to-date header says cumulative), the year-to-date figure must equal the sum of the period figures up to the current period, within the YTD tolerance (default 0.5 %). Averages and snapshots are never summed.',
    example: 'Year to Date says 10 but Apr to Jul add up to 9 for this cumulative measure: should be 9.',
  },
];

function check(ctx: GridContext, emit: Emit): void {
  const ytdCol = ctx.grid.columns.ytd;
  if (ytdCol === undefined || ctx.currentPeriodPos < 0) return;
  // This financial year's periods of the current one's kind: a grid of several years sums only the current year.
  const current = ctx.grid.periods[ctx.currentPeriodPos];
  if (current.kind === 'year') return;
  const periods = ctx.grid.periods
    .slice(0, ctx.currentPeriodPos + 1)
    .filter((p) => p.kind === current.kind && p.year === current.year);
  const tol = ctx.config.tolerances.ytd;
  const ytdLabel = ctx.grid.headers[ytdCol] ?? 'Year to date';
  for (const facts of ctx.rows) {
    if (!facts.cumulative) continue;
    const ytdCell = ctx.cell(facts.row, ytdCol);
    if (ytdCell.kind !== 'number') continue;
    let sum = 0;
    let figures = 0;
    let unusable = false;
    for (const p of periods) {
      const c = ctx.cell(facts.row, p.col);
      const cls = classify(c, ctx.annotations);
      if (cls === V.number) {
        sum += c.value as number;
        figures++;
      } else if (cls !== V.empty && cls !== V.annotation) unusable = true; // errors and text are reported by their own rules
    }
    if (unusable || figures === 0) continue;
    const ytd = ytdCell.value as number;
    if (Math.abs(ytd - sum) <= tol * Math.max(Math.abs(sum), 1)) continue;
    const span =
      periods.length > 1
        ? `${periods[0].label} to ${periods[periods.length - 1].label} add up to`
        : `${periods[0].label} is`;
    const fmt = ytdCell.format;
    emit(
      'ytd-mismatch',
      facts.row,
      ytdCol,
      facts.ref,
      `${ytdLabel} says ${formatNumber(ytd, fmt)} but ${span} ${formatNumber(sum, fmt)} for this cumulative measure: should be ${formatNumber(sum, fmt)}.`,
    );
  }
}

export const ytdRules: RuleFamily = { rules, check };
