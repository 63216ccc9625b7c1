import type { RuleInfo } from '../model/finding';
import { formatNumber } from '../format';
import { numberIn } from '../values';
import type { Emit, GridContext, RowFacts, RuleFamily } from './types';

const rules: RuleInfo[] = [
  { id: 'outlier', dimension: 'accuracy', severity: 'warning', title: 'Value far outside the indicator\'s own history',
    description: 'The current value lies more than tolerances.outlierZ (default 3.5) robust standard deviations (median and median absolute deviation) from the indicator\'s own earlier periods this year. Needs at least tolerances.outlierMinHistory (default 4) earlier figures. A warning: explain it in the commentary.',
    example: '95 is far outside this indicator\'s history (Apr to Jun: median 38): check it, and explain it in the commentary.' },
];

const scratch: number[] = [];

function median(xs: number[]): number {
  xs.sort((a, b) => a - b);
  const n = xs.length;
  return n % 2 ? xs[(n - 1) / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
}

/** Robust z-score of the current value against the row's earlier period figures, or null without enough history. */
export function outlierScore(ctx: GridContext, facts: RowFacts): { z: number; median: number; from: string; to: string } | null {
  if (facts.current === null || ctx.currentPeriodPos < 1) return null;
  scratch.length = 0;
  const periods = ctx.grid.periods;
  for (let i = 0; i < ctx.currentPeriodPos; i++) {
    const v = numberIn(ctx.cell(facts.row, periods[i].col));
    if (v !== null) scratch.push(v);
  }
  if (scratch.length < ctx.config.tolerances.outlierMinHistory) return null;
  const history = scratch.slice();
  const med = median(scratch);
  for (let i = 0; i < scratch.length; i++) scratch[i] = Math.abs(scratch[i] - med);
  let spread = median(scratch) / 0.6745;
  if (spread === 0) {
    // Flat history: fall back on the mean absolute deviation (scaled to a standard deviation).
    let sum = 0;
    for (const v of history) sum += Math.abs(v - med);
    spread = (sum / history.length) * 1.2533;
  }
  if (spread === 0) return null;
  return { z: (facts.current - med) / spread, median: med, from: periods[0].label, to: periods[ctx.currentPeriodPos - 1].label };
}

export function isOutlier(ctx: GridContext, facts: RowFacts): boolean {
  const s = outlierScore(ctx, facts);
  return s !== null && Math.abs(s.z) > ctx.config.tolerances.outlierZ;
}

function check(ctx: GridContext, emit: Emit): void {
  if (!ctx.current || ctx.currentPeriodPos < 0) return;
  for (const facts of ctx.rows) {
    const s = outlierScore(ctx, facts);
    if (!s || Math.abs(s.z) <= ctx.config.tolerances.outlierZ) continue;
    const fmt = facts.currentCell.format;
    emit('outlier', facts.row, ctx.current.col, facts.ref,
      `${formatNumber(facts.current!, fmt)} is far outside this indicator's history (${s.from} to ${s.to}: median ${formatNumber(s.median, fmt)}): check it, and explain it in the commentary.`);
  }
}

export const outlierRules: RuleFamily = { rules, check };
