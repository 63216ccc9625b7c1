/**
 * The XmR chart of one indicator, as the pane and the HTML report draw it: the figures the
 * spc-* rules judged, their mean and process limits, the target, and the special-cause signals
 * at the points the rules report them. Worked out here once, from the same series and limits
 * as src/engine/rules/spc.ts, so the chart never says something the findings do not.
 */
import type { Finding } from '../engine/model/finding';
import type { Grid } from '../engine/model/grid';
import { cellAt, type SheetModel } from '../engine/model/sheet';
import { formatNumber } from '../engine/format';
import { seriesOf, spcSignals, xmr, SPC_MIN_POINTS, type SpcSignal } from '../engine/rules/spc';
import { annotationSet, type AnnotationSet } from '../engine/values';
import { findingPosition } from './findings';

export type SpcRule = SpcSignal['rule'];

export interface SpcChartPoint {
  label: string;
  value: number;
  /** The figure as the sheet shows it. */
  text: string;
  /** The signals reported at this point (none for common-cause variation). */
  signals: SpcRule[];
}

export interface SpcChart {
  sheet: string;
  row: number;
  /** What the chart is of: the indicator's ref and description. */
  title: string;
  points: SpcChartPoint[];
  mean: number;
  upper: number;
  lower: number;
  target: number | null;
  /** Number format of the latest figure, for the axis and the limits. */
  format: string;
}

/** What each signal is called on the chart's key and in its text alternative. */
export const SIGNAL_NAMES: Record<SpcRule, string> = {
  'spc-outside-limits': 'outside the process limits',
  'spc-run': 'run of 7 on one side of the mean',
  'spc-trend': '6 rising or falling',
};

/** The chart of an indicator row, or null when it has too few figures or no variation to judge. */
export function spcChartOf(
  sheet: SheetModel,
  grid: Grid,
  row: number,
  annotations: AnnotationSet,
  title: string,
): SpcChart | null {
  const series = seriesOf(grid, row, (r, c) => cellAt(sheet, r, c), annotations);
  if (series.length < SPC_MIN_POINTS) return null;
  const values = series.map((p) => p.value);
  const limits = xmr(values);
  if (limits.movingRange === 0) return null;
  const format = series[series.length - 1].format;
  const points: SpcChartPoint[] = series.map((p) => ({
    label: p.label,
    value: p.value,
    text: formatNumber(p.value, p.format),
    signals: [],
  }));
  for (const s of spcSignals(values, limits)) points[s.at].signals.push(s.rule);
  const t = grid.columns.target !== undefined ? cellAt(sheet, row, grid.columns.target) : null;
  return {
    sheet: grid.sheet,
    row,
    title,
    points,
    mean: limits.mean,
    upper: limits.upper,
    lower: limits.lower,
    target: t && t.kind === 'number' && typeof t.value === 'number' ? t.value : null,
    format,
  };
}

/** The charts of every indicator row with an spc-* finding, in the findings' order. */
export function spcChartsFor(
  sheets: readonly SheetModel[],
  grids: readonly Grid[],
  findings: readonly Finding[],
  annotations: readonly string[],
  titleOf: (f: Finding) => string,
): SpcChart[] {
  const set = annotationSet(annotations);
  const out: SpcChart[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (!f.rule.startsWith('spc-')) continue;
    const at = findingPosition(f);
    if (!at || seen.has(`${f.sheet}\u0000${at.row}`)) continue;
    seen.add(`${f.sheet}\u0000${at.row}`);
    const grid = grids.find((g) => g.sheet === f.sheet && g.indicatorRows.includes(at.row));
    const sheet = sheets.find((s) => s.name === f.sheet);
    if (!grid || !sheet) continue;
    const chart = spcChartOf(sheet, grid, at.row, set, titleOf(f));
    if (chart) out.push(chart);
  }
  return out;
}

/** The chart in words, for screen readers: what it shows and every signal, point by point. */
export function spcSummary(chart: SpcChart): string {
  const n = (v: number) => formatNumber(v, chart.format);
  const first = chart.points[0].label;
  const last = chart.points[chart.points.length - 1].label;
  const signalled = chart.points.filter((p) => p.signals.length > 0);
  const head = `XmR chart of ${chart.title}: ${chart.points.length} figures from ${first} to ${last}; mean ${n(chart.mean)}, process limits ${n(chart.lower)} to ${n(chart.upper)}${chart.target !== null ? `, target ${n(chart.target)}` : ''}.`;
  if (signalled.length === 0) return `${head} No special cause: the variation is common cause.`;
  const list = signalled.map((p) => `${p.label} (${p.text}): ${p.signals.map((s) => SIGNAL_NAMES[s]).join(' and ')}`);
  return `${head} Special causes: ${list.join('; ')}.`;
}
