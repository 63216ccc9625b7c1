import { cellAt, type SheetModel } from '../model/sheet';
import type { Grid, PeriodColumn } from '../model/grid';
import { classify, V, type AnnotationSet } from '../values';
import { periodSeq, periodStep, yearIndexOfMonth } from '../discovery/periods';

/** The kind most of a grid's period columns are (a quarterly grid may carry a month or two). */
function dominantKind(periods: readonly PeriodColumn[]): PeriodColumn['kind'] {
  const n = { month: 0, quarter: 0, year: 0 };
  for (const p of periods) n[p.kind]++;
  return n.quarter > periods.length / 2 ? 'quarter' : n.year > periods.length / 2 ? 'year' : 'month';
}

/**
 * The latest complete period of a kind at the end of reporting month 'YYYY-MM', as a
 * periodSeq: the month itself; in a quarterly grid, a month mid-quarter reports the last
 * complete quarter; in a grid of years, the last complete financial year.
 */
function wantedSeq(period: string, kind: PeriodColumn['kind'], withYears: boolean): number {
  const calendarMonth = Number(period.slice(5, 7));
  const monthIndex = yearIndexOfMonth(calendarMonth);
  const fy = withYears ? (calendarMonth >= 4 ? Number(period.slice(0, 4)) : Number(period.slice(0, 4)) - 1) : 0;
  if (kind === 'month') return fy * 12 + monthIndex;
  if (kind === 'quarter')
    return monthIndex % 3 === 2 ? fy * 12 + monthIndex : fy * 12 + Math.floor(monthIndex / 3) * 3 - 1;
  return monthIndex === 11 ? fy * 12 + 11 : fy * 12 - 1;
}

/**
 * The period the current value belongs to: the reporting period 'YYYY-MM' (the latest
 * period of the grid's kind that has ended by then), else the last period column any
 * indicator has filled in. A position among the grid's period columns, or -1.
 */
export function currentPeriodPosition(
  sheet: SheetModel,
  grid: Grid,
  period: string | undefined,
  annotations: AnnotationSet,
): number {
  const periods = grid.periods;
  if (periods.length === 0) return -1;
  if (period) {
    const kind = dominantKind(periods);
    const ofKind = periods.filter((p) => p.kind === kind);
    // Years in the headers ('Q1 2014/15') place the period among several years; without them all columns are this year.
    const withYears = ofKind.length > 0 && ofKind.every((p) => p.year !== undefined);
    const want = wantedSeq(period, kind, withYears);
    let pos = -1;
    for (let i = 0; i < periods.length; i++) {
      const p = periods[i];
      if (p.kind === kind && periodSeq(p, withYears ? p.year : 0) <= want) pos = i;
    }
    return pos;
  }
  // No period known: the last period column any indicator has filled in.
  for (let i = periods.length - 1; i >= 0; i--) {
    for (const row of grid.indicatorRows) {
      const c = classify(cellAt(sheet, row, periods[i].col), annotations);
      if (c !== V.empty) return i;
    }
  }
  return -1;
}

/** Whether `before` is the period immediately before `p` (month on month, quarter on quarter, year on year). */
export function isPeriodBefore(before: PeriodColumn | undefined, p: PeriodColumn): boolean {
  if (!before || before.kind !== p.kind) return false;
  const years = before.year !== undefined && p.year !== undefined;
  if (!years && p.kind === 'year') return false;
  return periodSeq(before, years ? before.year : 0) + periodStep(p.kind) === periodSeq(p, years ? p.year : 0);
}

/**
 * The target column for the current period where targets are labelled by period ('Q2
 * Target', 'Target 2017/18', a 'Target' group over Q1 … Q4): the one for the current
 * period itself, else its year's, else the latest before it, else the first. Without a
 * current period, the last one.
 */
export function periodTargetColumn(grid: Grid, current: PeriodColumn | null): number | undefined {
  const targets = grid.periodTargets ?? [];
  if (targets.length === 0) return undefined;
  if (!current) return targets[targets.length - 1].col;
  const sameYear = (t: PeriodColumn) => t.year === undefined || current.year === undefined || t.year === current.year;
  const exact = targets.find((t) => t.kind === current.kind && t.index === current.index && sameYear(t));
  if (exact) return exact.col;
  const year = targets.find((t) => t.kind === 'year' && sameYear(t));
  if (year) return year.col;
  const seq = periodSeq(current);
  let before: PeriodColumn | undefined;
  for (const t of targets) if (t.kind === current.kind && periodSeq(t) <= seq) before = t;
  return (before ?? targets[0]).col;
}
