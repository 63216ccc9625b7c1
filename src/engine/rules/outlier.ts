import type { RuleInfo } from '../model/finding';
import { formatNumber } from '../format';
import type { Emit, GridContext, RowFacts, RuleFamily } from './types';

const rules: RuleInfo[] = [
  {
    id: 'outlier',
    dimension: 'accuracy',
    severity: 'warning',
    title: "Value far outside the indicator's own history",
    description:
      "The current value lies more than tolerances.outlierZ (default 3.5) robust standard deviations (median and median absolute deviation) from the indicator's own earlier periods this year. Needs at least tolerances.outlierMinHistory (default 4) earlier figures. A warning: explain it in the commentary.",
    example:
      "95 is far outside this indicator's history (Apr to Jun: median 38): check it, and explain it in the commentary.",
  },
];

// Reused buffers: a year has at most a few dozen periods, and this runs once per indicator.
let values = new Float64Array(64);
let deviations = new Float64Array(64);

/** Median of the first n entries of xs, sorting them in place (insertion sort: n is small). */
function medianOf(xs: Float64Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const v = xs[i];
    let j = i - 1;
    while (j >= 0 && xs[j] > v) {
      xs[j + 1] = xs[j];
      j--;
    }
    xs[j + 1] = v;
  }
  return n % 2 ? xs[(n - 1) / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
}

/** The median of the indicator's earlier figures, and the robust z-score of its current value (null without enough history). */
function score(ctx: GridContext, facts: RowFacts): { z: number; median: number } | null {
  if (facts.current === null || ctx.currentPeriodPos < 1) return null;
  const periods = ctx.grid.periods;
  if (values.length < periods.length) {
    values = new Float64Array(periods.length);
    deviations = new Float64Array(periods.length);
  }
  let n = 0;
  // This year's earlier periods of the current one's kind: years as columns (benchmarking) have no year's history.
  const current = periods[ctx.currentPeriodPos];
  if (current.kind === 'year') return null;
  for (let i = 0; i < ctx.currentPeriodPos; i++) {
    if (periods[i].kind !== current.kind || periods[i].year !== current.year) continue;
    const v = ctx.numberAt(facts.row, periods[i].col);
    if (v !== null) values[n++] = v;
  }
  if (n < ctx.config.tolerances.outlierMinHistory) return null;
  const med = medianOf(values, n);
  let meanAbs = 0;
  for (let i = 0; i < n; i++) {
    deviations[i] = Math.abs(values[i] - med);
    meanAbs += deviations[i];
  }
  let spread = medianOf(deviations, n) / 0.6745;
  // Flat history: fall back on the mean absolute deviation (scaled to a standard deviation).
  if (spread === 0) spread = (meanAbs / n) * 1.2533;
  if (spread === 0) return null;
  return { z: (facts.current - med) / spread, median: med };
}

/** The robust z-score, worked out once per row. */
export function outlierZ(ctx: GridContext, facts: RowFacts): number | null {
  if (facts.outlierZ === undefined) facts.outlierZ = score(ctx, facts)?.z ?? null;
  return facts.outlierZ;
}

export function isOutlier(ctx: GridContext, facts: RowFacts): boolean {
  const z = outlierZ(ctx, facts);
  return z !== null && Math.abs(z) > ctx.config.tolerances.outlierZ;
}

function check(ctx: GridContext, emit: Emit): void {
  if (!ctx.current || ctx.currentPeriodPos < 1) return;
  const periods = ctx.grid.periods;
  for (const facts of ctx.rows) {
    if (!isOutlier(ctx, facts)) continue;
    const s = score(ctx, facts)!; // only for the few outliers: the median for the message
    const fmt = facts.currentCell.format;
    emit(
      'outlier',
      facts.row,
      ctx.current.col,
      facts.ref,
      `${formatNumber(facts.current!, fmt)} is far outside this indicator's history (${periods[0].label} to ${periods[ctx.currentPeriodPos - 1].label}: median ${formatNumber(s.median, fmt)}): check it, and explain it in the commentary.`,
    );
  }
}

export const outlierRules: RuleFamily = { rules, check };
