/**
 * An XmR chart as SVG text, shared by the pane and the HTML report (no DOM: the command line
 * builds it too). Special causes are drawn in a colour AND a shape of their own, named in a
 * key, and the chart carries its text alternative (<title>, <desc>).
 */
import { formatNumber } from '../engine/format';
import { escapeControls } from '../signoff/text-safety';
import { SIGNAL_NAMES, spcSummary, type SpcChart, type SpcRule } from './spc-chart';

const SPC_COLOURS = {
  line: '#8a8886',
  point: '#605e5c',
  mean: '#323130',
  limit: '#8a8886',
  target: '#5c2e91',
  signal: '#c43e1c',
};

/** Shapes by signal, in the order one is chosen when a point has several. */
const SHAPES: Record<SpcRule, string> = {
  'spc-outside-limits': 'diamond',
  'spc-run': 'square',
  'spc-trend': 'triangle',
};
const ORDER: SpcRule[] = ['spc-outside-limits', 'spc-run', 'spc-trend'];
/** The key's words: short, so the key fits under a chart in the pane. */
const KEY_NAMES: Record<SpcRule, string> = {
  'spc-outside-limits': 'outside limits',
  'spc-run': 'run of 7',
  'spc-trend': 'trend of 6',
};

export interface SpcGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  /** Points in drawing coordinates, with the signal drawn (the first of ORDER it has). */
  points: { x: number; y: number; label: string; text: string; signal: SpcRule | null }[];
  /** Horizontal lines: the process limits, the mean and the target, with where their labels go. */
  lines: { kind: 'upper' | 'mean' | 'lower' | 'target'; y: number; labelY: number; name: string; value: string }[];
}

const MARGIN = { left: 46, right: 46, top: 12, bottom: 52 };
const LABEL_GAP = 11;

/** Where everything goes on a chart `width` wide: the one layout both renderers draw. */
export function spcGeometry(chart: SpcChart, width = 320, height = 220): SpcGeometry {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: width - MARGIN.right, bottom: height - MARGIN.bottom };
  const values = chart.points.map((p) => p.value);
  const all = [...values, chart.upper, chart.lower, chart.mean, ...(chart.target !== null ? [chart.target] : [])];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  const pad = (hi - lo) * 0.06 || 1;
  lo -= pad;
  hi += pad;
  const y = (v: number) => plot.bottom - ((v - lo) / (hi - lo)) * (plot.bottom - plot.top);
  // Points kept clear of the plot's edges, so a marker at either end is drawn whole.
  const inset = 7;
  const step = (plot.right - plot.left - 2 * inset) / Math.max(chart.points.length - 1, 1);
  const points = chart.points.map((p, i) => ({
    x: plot.left + inset + i * step,
    y: y(p.value),
    label: p.label,
    text: p.text,
    signal: ORDER.find((r) => p.signals.includes(r)) ?? null,
  }));
  const n = (v: number) => formatNumber(v, chart.format);
  const lines: SpcGeometry['lines'] = [
    { kind: 'upper' as const, y: y(chart.upper), labelY: 0, name: 'UPL', value: n(chart.upper) },
    { kind: 'mean' as const, y: y(chart.mean), labelY: 0, name: 'Mean', value: n(chart.mean) },
    { kind: 'lower' as const, y: y(chart.lower), labelY: 0, name: 'LPL', value: n(chart.lower) },
    ...(chart.target !== null
      ? [{ kind: 'target' as const, y: y(chart.target), labelY: 0, name: 'Target', value: n(chart.target) }]
      : []),
  ];
  // Labels at least a line apart, top to bottom, so a target near the mean does not overprint it.
  const sorted = [...lines].sort((a, b) => a.y - b.y);
  let prev = -Infinity;
  for (const l of sorted) {
    l.labelY = Math.max(l.y + 3.5, prev + LABEL_GAP);
    prev = l.labelY;
  }
  const overflow = prev - (plot.bottom + 4);
  if (overflow > 0) for (const l of sorted) l.labelY -= overflow;
  return { width, height, plot, points, lines };
}

/** Text from the workbook, safe inside SVG: control characters and bidi overrides shown escaped. */
function xml(text: string): string {
  return escapeControls(text).replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

function marker(shape: string, x: number, y: number, fill: string): string {
  const f = (v: number) => v.toFixed(1);
  if (shape === 'diamond')
    return `<path d="M${f(x)} ${f(y - 5.5)}L${f(x + 5.5)} ${f(y)}L${f(x)} ${f(y + 5.5)}L${f(x - 5.5)} ${f(y)}Z" fill="${fill}"/>`;
  if (shape === 'square') return `<rect x="${f(x - 4.2)}" y="${f(y - 4.2)}" width="8.4" height="8.4" fill="${fill}"/>`;
  if (shape === 'triangle')
    return `<path d="M${f(x)} ${f(y - 5.5)}L${f(x + 5.5)} ${f(y + 4.5)}L${f(x - 5.5)} ${f(y + 4.5)}Z" fill="${fill}"/>`;
  return `<circle cx="${f(x)}" cy="${f(y)}" r="2.6" fill="${fill}"/>`;
}

/** The chart as one <svg> element; `id` makes its title and description ids unique on the page. */
export function spcSvg(chart: SpcChart, id: string, width = 320): string {
  const g = spcGeometry(chart, width);
  const c = SPC_COLOURS;
  const f = (v: number) => v.toFixed(1);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${g.width}" height="${g.height}" viewBox="0 0 ${g.width} ${g.height}" role="img" aria-labelledby="${id}-title ${id}-desc" class="spc-chart" data-testid="spc-chart" font-family="Segoe UI, system-ui, sans-serif" font-size="10">`,
    `<title id="${id}-title">${xml(`XmR chart: ${chart.title}`)}</title>`,
    `<desc id="${id}-desc">${xml(spcSummary(chart))}</desc>`,
    `<rect x="${g.plot.left}" y="${g.plot.top}" width="${g.plot.right - g.plot.left}" height="${g.plot.bottom - g.plot.top}" fill="#ffffff" stroke="#e1dfdd"/>`,
  );
  for (const l of g.lines) {
    const stroke = l.kind === 'target' ? c.target : l.kind === 'mean' ? c.mean : c.limit;
    const dash = l.kind === 'mean' ? '' : l.kind === 'target' ? ' stroke-dasharray="2 3"' : ' stroke-dasharray="5 3"';
    out.push(
      `<line x1="${g.plot.left}" x2="${g.plot.right}" y1="${f(l.y)}" y2="${f(l.y)}" stroke="${stroke}" stroke-width="${l.kind === 'mean' ? 1.2 : 1}"${dash} data-line="${l.kind}"/>`,
      `<text x="${g.plot.right + 4}" y="${f(l.labelY)}" fill="${stroke}">${xml(l.name)}</text>`,
      `<text x="${g.plot.left - 4}" y="${f(l.labelY)}" text-anchor="end" fill="${stroke}">${xml(l.value)}</text>`,
    );
  }
  out.push(
    `<path d="${g.points.map((p, i) => `${i ? 'L' : 'M'}${f(p.x)} ${f(p.y)}`).join('')}" fill="none" stroke="${c.line}" stroke-width="1.2"/>`,
  );
  for (const p of g.points) {
    const shape = p.signal ? SHAPES[p.signal] : 'circle';
    out.push(
      `<g data-point="${xml(p.label)}"${p.signal ? ` data-signal="${p.signal}"` : ''}><title>${xml(
        `${p.label}: ${p.text}${
          p.signal
            ? `, special cause (${chart.points
                .find((q) => q.label === p.label)!
                .signals.map((s) => SIGNAL_NAMES[s])
                .join(', ')})`
            : ''
        }`,
      )}</title>${marker(shape, p.x, p.y, p.signal ? c.signal : c.point)}</g>`,
    );
  }
  // The first and last periods under the axis: every label would overprint at this width.
  const first = g.points[0];
  const last = g.points[g.points.length - 1];
  const axisY = g.plot.bottom + 13;
  out.push(
    `<text x="${f(first.x)}" y="${axisY}" fill="${c.mean}">${xml(first.label)}</text>`,
    `<text x="${f(last.x)}" y="${axisY}" text-anchor="end" fill="${c.mean}">${xml(last.label)}</text>`,
  );
  // The key: one entry per kind of signal on the chart, after the common-cause point.
  const present = ORDER.filter((r) => g.points.some((p) => p.signal === r));
  const key: [string, string, string][] = [
    ['circle', c.point, 'common cause'],
    ...present.map((r): [string, string, string] => [SHAPES[r], c.signal, KEY_NAMES[r]]),
  ];
  let kx = 6;
  let ky = g.plot.bottom + 30;
  for (const [shape, fill, text] of key) {
    const w = 14 + text.length * 6 + 12;
    if (kx + w > g.width) {
      kx = 6;
      ky += 13;
    }
    out.push(
      marker(shape, kx + 4, ky - 3.5, fill),
      `<text x="${f(kx + 12)}" y="${ky}" fill="${c.mean}">${xml(text)}</text>`,
    );
    kx += w;
  }
  out.push('</svg>');
  return out.join('');
}
