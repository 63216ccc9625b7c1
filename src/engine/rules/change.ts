import type { RuleInfo } from '../model/finding';
import type { Cell } from '../model/cell';
import { formatNumber } from '../format';
import { collapseSpaces } from '../text';
import { numberIn, percentFormat as isPercentFormat } from '../values';
import type { Emit, GridContext, RuleFamily } from './types';

/**
 * A change column over the period columns ('change in value', '% change in value', the
 * benchmarking layout): the last figure less the first, and that as a share of the first.
 * Published figures are rounded, so the change is accepted anywhere the rounded figures
 * allow (each within half a unit of its last shown digit).
 */

const rules: RuleInfo[] = [
  {
    id: 'change-mismatch',
    dimension: 'accuracy',
    severity: 'error',
    title: 'Change does not match the figures',
    description:
      "A change column ('change in value') is not the last period's figure less the first one's, or a percentage change column ('% change in value') is not that change as a share of the first figure, allowing for the rounding of the figures as shown.",
    example: 'change in value says 354 but 2015-16 less 2010-11 is 253 (3,857 − 3,604): should be 253.',
  },
];

/** Decimal places a figure shows: its format's, else those of the number itself. */
function decimals(c: Cell): number {
  const f = /0\.(0+)/.exec(c.format ?? '');
  if (f) return f[1].length;
  const v = c.value as number;
  const s = String(v);
  const i = s.indexOf('.');
  return i < 0 || /e/i.test(s) ? 0 : Math.min(s.length - i - 1, 6);
}

const half = (c: Cell) => 0.5 * 10 ** -decimals(c);

function check(ctx: GridContext, emit: Emit, enabled: (rule: string) => boolean): void {
  const { change, percentChange } = ctx.grid.columns;
  const periods = ctx.grid.periods;
  if ((change === undefined && percentChange === undefined) || periods.length < 2 || !enabled('change-mismatch'))
    return;
  for (const facts of ctx.rows) {
    let first: { cell: Cell; label: string } | null = null;
    let last: { cell: Cell; label: string } | null = null;
    for (const p of periods) {
      const c = ctx.cell(facts.row, p.col);
      if (numberIn(c) === null || c.kind !== 'number') continue;
      first ??= { cell: c, label: p.label };
      last = { cell: c, label: p.label };
    }
    if (!first || !last || first === last) continue;
    const f = first.cell.value as number;
    const l = last.cell.value as number;
    const hf = half(first.cell);
    const hl = half(last.cell);
    const lo = l - hl - (f + hf);
    const hi = l + hl - (f - hf);
    const shownDiff = formatNumber(l - f, last.cell.format);
    const between = `${collapseSpaces(last.label)} less ${collapseSpaces(first.label)}`;
    if (change !== undefined) {
      const c = ctx.cell(facts.row, change);
      if (c.kind === 'number') {
        const v = c.value as number;
        const h = half(c);
        if (v < lo - h - 1e-9 || v > hi + h + 1e-9) {
          const label = collapseSpaces(ctx.grid.headers[change] ?? 'change');
          emit(
            'change-mismatch',
            facts.row,
            change,
            facts.ref,
            `${label} says ${formatNumber(v, c.format)} but ${between} is ${shownDiff} (${formatNumber(l, last.cell.format)} − ${formatNumber(f, first.cell.format)}): should be ${shownDiff}.`,
          );
        }
      }
    }
    if (percentChange !== undefined && f !== 0) {
      const c = ctx.cell(facts.row, percentChange);
      if (c.kind === 'number') {
        const v = c.value as number;
        const scale = isPercentFormat(c.format) ? 1 : 100;
        const ratios = [lo / (f + hf), lo / (f - hf), hi / (f + hf), hi / (f - hf)].map((x) => x * scale);
        const h = half(c);
        if (v < Math.min(...ratios) - h - 1e-9 || v > Math.max(...ratios) + h + 1e-9) {
          const expected = ((l - f) / f) * scale;
          const label = collapseSpaces(ctx.grid.headers[percentChange] ?? '% change');
          const shown = scale === 1 ? formatNumber(expected, c.format) : expected.toFixed(decimals(c));
          emit(
            'change-mismatch',
            facts.row,
            percentChange,
            facts.ref,
            `${label} says ${formatNumber(v, c.format)} but ${between} (${shownDiff}) is ${shown}${scale === 1 ? '' : ' %'} of ${formatNumber(f, first.cell.format)}: should be ${shown}.`,
          );
        }
      }
    }
  }
}

export const changeRules: RuleFamily = { rules, check };
