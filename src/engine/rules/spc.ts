import type { RuleInfo } from '../model/finding';
import { formatNumber } from '../format';
import type { Cell } from '../model/cell';
import type { Grid } from '../model/grid';
import { figureAt } from '../model/sheet';
import { classify, V, type AnnotationSet } from '../values';
import type { Emit, GridContext, RuleFamily } from './types';

/**
 * Statistical process control (NHS England's Making Data Count): an XmR chart of an
 * indicator's own history tells a real change from noise, which a RAG against a target and
 * a two-point direction of travel cannot.
 */
const rules: RuleInfo[] = [
  {
    id: 'spc-outside-limits',
    dimension: 'accuracy',
    severity: 'info',
    title: 'Special cause: a point outside the process limits',
    description:
      'For an indicator with 12 or more figures across its periods (and years, where the grid holds them), the XmR process limits are the mean ± 2.66 × the mean moving range (the mean difference between consecutive figures). A figure outside them is a special cause: something changed, and it is worth saying what in the commentary. Info by default; give it another severity in the configuration.',
    example:
      'Special cause: 412 in Mar is above the upper process limit of 351 (mean 287 ± 2.66 × mean moving range 24, over Apr 2016 to Mar 2017).',
  },
  {
    id: 'spc-run',
    dimension: 'accuracy',
    severity: 'info',
    title: 'Special cause: a run of 7 on one side of the mean',
    description:
      'For an indicator with 12 or more figures, 7 or more consecutive figures above the mean, or below it, are a special cause (a shift in the process), reported at the seventh. Figures on the mean break no run and extend none. Info by default.',
    example: 'Special cause: Oct to Apr are 7 figures in a row below the mean of 287: the process has shifted.',
  },
  {
    id: 'spc-trend',
    dimension: 'accuracy',
    severity: 'info',
    title: 'Special cause: 6 rising or falling',
    description:
      'For an indicator with 12 or more figures, 6 or more consecutive figures each higher than the one before (or each lower) are a special cause (a trend), reported at the sixth. Info by default.',
    example: 'Special cause: Nov to Apr are 6 figures in a row each higher than the one before: a rising trend.',
  },
];

export const SPC_MIN_POINTS = 12;
const RUN = 7;
const TREND = 6;

export interface SpcPoint {
  col: number;
  label: string;
  value: number;
  format: string;
}

export interface XmR {
  mean: number;
  movingRange: number;
  upper: number;
  lower: number;
}

/** XmR limits of a series: mean ± 2.66 × mean moving range. */
export function xmr(values: readonly number[]): XmR {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  let mr = 0;
  for (let i = 1; i < values.length; i++) mr += Math.abs(values[i] - values[i - 1]);
  const movingRange = values.length > 1 ? mr / (values.length - 1) : 0;
  return { mean, movingRange, upper: mean + 2.66 * movingRange, lower: mean - 2.66 * movingRange };
}

export interface SpcSignal {
  rule: 'spc-outside-limits' | 'spc-run' | 'spc-trend';
  /** Index of the point reported; for runs and trends, where it started. */
  at: number;
  from: number;
}

/** The special-cause signals of a series against its own limits. */
export function spcSignals(values: readonly number[], limits: XmR): SpcSignal[] {
  const out: SpcSignal[] = [];
  values.forEach((v, i) => {
    if (v > limits.upper || v < limits.lower) out.push({ rule: 'spc-outside-limits', at: i, from: i });
  });
  let side = 0;
  let start = 0;
  let length = 0;
  values.forEach((v, i) => {
    const s = Math.sign(v - limits.mean);
    if (s === 0) return; // on the mean: neither breaks nor extends a run
    if (s === side) length++;
    else {
      side = s;
      start = i;
      length = 1;
    }
    if (length === RUN) out.push({ rule: 'spc-run', at: i, from: start });
  });
  let dir = 0;
  let tStart = 0;
  let tLength = 1;
  for (let i = 1; i < values.length; i++) {
    const d = Math.sign(values[i] - values[i - 1]);
    if (d !== 0 && d === dir) tLength++;
    else {
      dir = d;
      tStart = i - 1;
      tLength = d === 0 ? 1 : 2;
    }
    if (tLength === TREND) out.push({ rule: 'spc-trend', at: i, from: tStart });
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * Whether the first n figures of a series give any signal spcSignals would report, worked out in one pass with nothing
 * allocated: the check asks it of every row of a grid. A flat line (mean moving range 0) has no
 * process to judge and gives none.
 */
function anySignal(values: ArrayLike<number>, n: number): boolean {
  let sum = 0;
  let mr = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i];
    if (i > 0) mr += Math.abs(values[i] - values[i - 1]);
  }
  const mean = sum / n;
  const movingRange = n > 1 ? mr / (n - 1) : 0;
  if (movingRange === 0) return false;
  const upper = mean + 2.66 * movingRange;
  const lower = mean - 2.66 * movingRange;
  let side = 0;
  let length = 0;
  let dir = 0;
  let tLength = 1;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v > upper || v < lower) return true;
    const s = Math.sign(v - mean);
    if (s !== 0) {
      length = s === side ? length + 1 : 1;
      side = s;
      if (length >= RUN) return true;
    }
    if (i > 0) {
      const d = Math.sign(v - values[i - 1]);
      if (d !== 0 && d === dir) tLength++;
      else {
        dir = d;
        tLength = d === 0 ? 1 : 2;
      }
      if (tLength >= TREND) return true;
    }
  }
  return false;
}

/** The same series read from a grid and its cells, for whoever draws the chart (app/spc-chart.ts). */
export function seriesOf(
  grid: Grid,
  row: number,
  cell: (row: number, col: number) => Cell,
  annotations: AnnotationSet,
): SpcPoint[] {
  return pointsOf(seriesColumns(grid), row, cell, annotations);
}

/** The period columns of the series, labelled: the grid's periods of the kind it has most of, in time order. */
function seriesColumns(grid: Grid): { col: number; label: string }[] {
  const periods = grid.periods;
  if (periods.length < SPC_MIN_POINTS) return [];
  const counts = new Map<string, number>();
  for (const p of periods) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  const kind = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  return periods
    .filter((p) => p.kind === kind)
    .map((p) => ({
      col: p.col,
      label: p.year !== undefined && !/\d{2}/.test(p.label) ? `${p.label} ${p.year}` : p.label,
    }));
}

/** A row's figures in the series' columns (worked out once per grid). */
function pointsOf(
  columns: readonly { col: number; label: string }[],
  row: number,
  cell: (row: number, col: number) => Cell,
  annotations: AnnotationSet,
): SpcPoint[] {
  const out: SpcPoint[] = [];
  for (const p of columns) {
    const c = cell(row, p.col);
    if (classify(c, annotations) === V.number)
      out.push({ col: p.col, label: p.label, value: c.value as number, format: c.format });
  }
  return out;
}

function check(ctx: GridContext, emit: Emit, enabled: (rule: string) => boolean): void {
  if (ctx.grid.periods.length < SPC_MIN_POINTS) return;
  if (!enabled('spc-outside-limits') && !enabled('spc-run') && !enabled('spc-trend')) return;
  const columns = seriesColumns(ctx.grid);
  if (columns.length < SPC_MIN_POINTS) return;
  const buffer = new Float64Array(columns.length);
  for (const facts of ctx.rows) {
    // The figures alone first: most rows give no signal, and need no points to name one.
    // (figureAt: a number cell's value, as classify's V.number, read without building each cell.)
    let count = 0;
    for (const p of columns) {
      const v = figureAt(ctx.sheet, facts.row, p.col);
      if (!Number.isNaN(v)) buffer[count++] = v;
    }
    if (count < SPC_MIN_POINTS) continue;
    // Most rows give no signal: that is told without building the limits or a list of signals.
    if (!anySignal(buffer, count)) continue;
    const values = Array.from(buffer.subarray(0, count));
    const limits = xmr(values);
    const signals = spcSignals(values, limits);
    if (signals.length === 0) continue;
    const points = pointsOf(columns, facts.row, ctx.cell, ctx.annotations);
    const fmt = points[points.length - 1].format;
    const n = (v: number) => formatNumber(v, fmt);
    for (const s of signals) {
      if (!enabled(s.rule)) continue;
      const p = points[s.at];
      const span = `${points[s.from].label} to ${p.label}`;
      const message =
        s.rule === 'spc-outside-limits'
          ? `Special cause: ${n(p.value)} in ${p.label} is ${p.value > limits.upper ? `above the upper process limit of ${n(limits.upper)}` : `below the lower process limit of ${n(limits.lower)}`} (mean ${n(limits.mean)} ± 2.66 × mean moving range ${n(limits.movingRange)}, over ${points[0].label} to ${points[points.length - 1].label}).`
          : s.rule === 'spc-run'
            ? `Special cause: ${span} are ${RUN} figures in a row ${p.value > limits.mean ? 'above' : 'below'} the mean of ${n(limits.mean)}: the process has shifted.`
            : `Special cause: ${span} are ${TREND} figures in a row each ${p.value > points[s.at - 1].value ? 'higher' : 'lower'} than the one before: a ${p.value > points[s.at - 1].value ? 'rising' : 'falling'} trend.`;
      emit(s.rule, facts.row, p.col, facts.ref, message);
    }
  }
}

export const spcRules: RuleFamily = { rules, check };
