/**
 * An indicator's trend for the assurance pack: its figures period by period with the target
 * as a line. Where the indicator has enough figures for process limits it is the XmR chart
 * the spc-* rules judge (spc-chart.ts, drawn by spc-svg.ts); else a plain line chart drawn
 * here. Either way the chart says in words what it shows (first → last, the target), and
 * its figures are there as a table for screen readers. No DOM: the command line builds it.
 */
import { formatNumber } from '../engine/format';
import type { Grid } from '../engine/model/grid';
import { cellAt, type SheetModel } from '../engine/model/sheet';
import { classify, V, type AnnotationSet } from '../engine/values';
import { escapeControls } from '../signoff/text-safety';
import { spcChartOf, type SpcChart } from './spc-chart';
import { spcSvg } from './spc-svg';

export interface TrendPoint {
  label: string;
  value: number;
  /** The figure as the sheet shows it. */
  text: string;
}

export interface Trend {
  /** 'xmr' where the figures are enough for process limits, else 'line'. */
  kind: 'xmr' | 'line';
  title: string;
  points: TrendPoint[];
  target: number | null;
  targetText: string | null;
  /** The chart in words: first → last and the target. */
  summary: string;
  /** The XmR chart, when kind is 'xmr'. */
  spc: SpcChart | null;
}

/** The trend of an indicator row, or null when it has fewer than two figures to draw a line between. */
export function trendOf(
  sheet: SheetModel,
  grid: Grid,
  row: number,
  annotations: AnnotationSet,
  title: string,
): Trend | null {
  const spc = spcChartOf(sheet, grid, row, annotations, title);
  const points: TrendPoint[] = spc
    ? spc.points.map((p) => ({ label: p.label, value: p.value, text: p.text }))
    : grid.periods.flatMap((p) => {
        const c = cellAt(sheet, row, p.col);
        return classify(c, annotations) === V.number
          ? [{ label: p.label, value: c.value as number, text: formatNumber(c.value as number, c.format) }]
          : [];
      });
  if (points.length < 2) return null;
  const t = grid.columns.target !== undefined ? cellAt(sheet, row, grid.columns.target) : null;
  const target = t && t.kind === 'number' && typeof t.value === 'number' ? t.value : null;
  const targetText = target !== null && t ? formatNumber(target, t.format) : null;
  const first = points[0];
  const last = points[points.length - 1];
  const summary = `${spc ? 'XmR chart' : 'Trend'} of ${title}: ${points.length} figures, from ${first.text} in ${first.label} to ${last.text} in ${last.label}; ${
    targetText !== null ? `target ${targetText}` : 'no target'
  }.`;
  return { kind: spc ? 'xmr' : 'line', title, points, target, targetText, summary, spc };
}

/** Text from the workbook, safe inside SVG and HTML. */
function xml(text: string): string {
  return escapeControls(text).replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

const COLOURS = { frame: '#e1dfdd', line: '#605e5c', point: '#323130', target: '#5c2e91', text: '#323130' };
const MARGIN = { left: 52, right: 52, top: 12, bottom: 34 };

/** A line chart of the figures, the target dashed across it and named at its end. */
export function lineSvg(trend: Trend, id: string, width = 320, height = 180): string {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: width - MARGIN.right, bottom: height - MARGIN.bottom };
  const values = [...trend.points.map((p) => p.value), ...(trend.target !== null ? [trend.target] : [])];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 1;
  lo -= pad;
  hi += pad;
  const f = (v: number) => v.toFixed(1);
  const y = (v: number) => plot.bottom - ((v - lo) / (hi - lo)) * (plot.bottom - plot.top);
  const inset = 7;
  const step = (plot.right - plot.left - 2 * inset) / Math.max(trend.points.length - 1, 1);
  const xs = trend.points.map((_, i) => plot.left + inset + i * step);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title" class="trend-chart" font-family="Segoe UI, system-ui, sans-serif" font-size="10">`,
    `<title id="${id}-title">${xml(trend.summary)}</title>`,
    `<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" fill="#ffffff" stroke="${COLOURS.frame}"/>`,
  ];
  if (trend.target !== null) {
    const ty = y(trend.target);
    out.push(
      `<line x1="${plot.left}" x2="${plot.right}" y1="${f(ty)}" y2="${f(ty)}" stroke="${COLOURS.target}" stroke-dasharray="4 3" data-line="target"/>`,
      `<text x="${plot.right + 4}" y="${f(ty + 3.5)}" fill="${COLOURS.target}">Target</text>`,
      `<text x="${plot.left - 4}" y="${f(ty + 3.5)}" text-anchor="end" fill="${COLOURS.target}">${xml(trend.targetText ?? '')}</text>`,
    );
  }
  out.push(
    `<path d="${trend.points.map((p, i) => `${i ? 'L' : 'M'}${f(xs[i])} ${f(y(p.value))}`).join('')}" fill="none" stroke="${COLOURS.line}" stroke-width="1.4"/>`,
  );
  trend.points.forEach((p, i) =>
    out.push(
      `<g data-point="${xml(p.label)}"><title>${xml(`${p.label}: ${p.text}`)}</title><circle cx="${f(xs[i])}" cy="${f(y(p.value))}" r="2.8" fill="${COLOURS.point}"/></g>`,
    ),
  );
  const first = trend.points[0];
  const last = trend.points[trend.points.length - 1];
  const axisY = plot.bottom + 13;
  out.push(
    `<text x="${f(xs[0])}" y="${axisY}" fill="${COLOURS.text}">${xml(`${first.label} ${first.text}`)}</text>`,
    `<text x="${f(xs[xs.length - 1])}" y="${axisY}" text-anchor="end" fill="${COLOURS.text}">${xml(`${last.label} ${last.text}`)}</text>`,
    '</svg>',
  );
  return out.join('');
}

/**
 * The trend as a figure for the page: the chart (an image with its text alternative), the
 * same words as its caption, and its figures as a table screen readers can step through.
 */
export function trendFigure(trend: Trend, id: string): string {
  const chart = trend.spc ? spcSvg(trend.spc, id) : lineSvg(trend, id);
  const rows = trend.points.map((p) => `<tr><th scope="row">${xml(p.label)}</th><td>${xml(p.text)}</td></tr>`).join('');
  return [
    `<figure class="trend" data-kind="${trend.kind}">`,
    chart,
    `<figcaption>${xml(trend.summary)}</figcaption>`,
    `<div class="sr-only"><table><caption>Figures of the chart${trend.targetText !== null ? `; target ${xml(trend.targetText)}` : ''}</caption><thead><tr><th scope="col">Period</th><th scope="col">Figure</th></tr></thead><tbody>${rows}</tbody></table></div>`,
    '</figure>',
  ].join('');
}
