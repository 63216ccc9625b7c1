import type { RuleInfo } from '../model/finding';
import { formatNumber } from '../format';
import { figureAt } from '../model/sheet';
import { classify, percentFormat as isPercentFormat, V } from '../values';
import { measureOf } from './row-table';
import type { Emit, GridContext, RowFacts, RuleFamily } from './types';

const rules: RuleInfo[] = [
  {
    id: 'scale-jump',
    dimension: 'accuracy',
    severity: 'warning',
    title: 'A figure on another scale from the rest of its row',
    description:
      "A figure is 8 times or more (or an eighth or less) the median of the other figures of its row (the periods of the same kind, or the bodies of a grid by body), or exactly 10, 100 or 1,000 times a neighbouring figure (both at least 10) and 3 times or more from the others' median: the usual mark of a slip of scale (an extra 0, thousands typed as units, a figure typed in the wrong unit). Works on short series: 2 or 3 quarters are enough (with only two figures, the later one is reported). Changes, gaps and differences are not compared. A warning: check the figure, and explain a real jump in the commentary.",
    example:
      '20,000 is 10 times the other figures of its row (Q1 to Q3: median 2,000): check it for a slip of scale (an extra 0, thousands typed as units).',
  },
  {
    id: 'scale-jump-share',
    dimension: 'accuracy',
    severity: 'error',
    title: 'A share passes 100 % through a slip of scale',
    description:
      "A figure in a % format passes 100 % where the other figures of its row lie between 0 and 100 % and it is on another scale from them (as for scale-jump): a share of a whole cannot pass 100 %, and its neighbours show it is one. Reported where the words alone do not say the measure is a share (a share the words name is percent-out-of-range's to report, once); percentages of a budget or target and changes are never reported.",
    example:
      '8,200.0% passes 100% and is 100 times its neighbour Q1 (82.0%): the other figures of its row are shares, so enter it as 0.82.',
  },
];

/** Ratios that a slip of scale makes exactly: an extra 0, two, or thousands typed as units. */
const EXACT = [10, 100, 1000];
const FAR = 8;
const NEAR_EXACT = 3;

interface Figure {
  col: number;
  label: string;
  value: number;
  format: string;
}

/**
 * The median of the others as seen from x: of an even count, the middle figure nearer to x
 * (the low or the high median), not their mean, which one slip among three figures drags
 * halfway to itself. `sorted` holds every figure of the row, x among them at `skip`: the
 * others are the sorted figures without that one (whichever of equal figures, the others are the same).
 */
function medianFrom(x: number, sorted: readonly number[], skip: number): number {
  const n = sorted.length - 1;
  const at = (k: number) => sorted[k < skip ? k : k + 1];
  if (n % 2) return at((n - 1) / 2);
  const [a, b] = [at(n / 2 - 1), at(n / 2)];
  return times(x, a) <= times(x, b) ? a : b;
}

/** How many times larger (or smaller) a is than b, both of one sign; Infinity where they cannot be compared. */
function times(a: number, b: number): number {
  if (a === 0 || b === 0 || Math.sign(a) !== Math.sign(b)) return Infinity;
  const r = Math.abs(a / b);
  return r >= 1 ? r : 1 / r;
}

function exactMultiple(a: number, b: number): number | null {
  if (Math.min(Math.abs(a), Math.abs(b)) < 10) return null;
  const r = times(a, b);
  for (const e of EXACT) if (Math.abs(r - e) <= 1e-9 * e) return e;
  return null;
}

/** The figure's slip, if it has one: how far it is from the others, and the exact multiple of a neighbour it is. */
function slipOf(
  figures: readonly Figure[],
  i: number,
  sorted: readonly number[],
): { far: number; median: number; exact: number | null; neighbour: Figure | null } | null {
  const x = figures[i].value;
  const median = medianFrom(x, sorted, sorted.indexOf(x));
  const far = times(x, median);
  if (!Number.isFinite(far)) return null;
  let exact: number | null = null;
  let neighbour: Figure | null = null;
  for (const k of [i - 1, i + 1]) {
    if (k < 0 || k >= figures.length) continue;
    const e = exactMultiple(x, figures[k].value);
    if (e !== null && exact === null) {
      exact = e;
      neighbour = figures[k];
    }
  }
  if (far >= FAR || (exact !== null && far >= NEAR_EXACT)) return { far, median, exact, neighbour };
  return null;
}

/**
 * Whether no figure of the row can be a slip: all of one sign, none 0, and the largest less
 * than NEAR_EXACT times the smallest, so no figure is that far from any median of the others.
 * Most rows are, and they are passed over without a median per figure.
 */
function allNear(figures: readonly Figure[]): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (const f of figures) {
    if (f.value < lo) lo = f.value;
    if (f.value > hi) hi = f.value;
  }
  if (lo > 0) return hi < NEAR_EXACT * lo;
  if (hi < 0) return lo > NEAR_EXACT * hi;
  return false;
}

/** The columns whose figures are compared with each other: the bodies of a grid by body, else its period columns of each kind. */
function seriesColumns(ctx: GridContext): (readonly { col: number; label: string }[])[] {
  if (ctx.grid.bodies && ctx.grid.bodies.length > 0) return [ctx.grid.bodies];
  const periods = ctx.grid.periods;
  if (periods.length < 2) return [];
  const kinds = [...new Set(periods.map((p) => p.kind))];
  return kinds.map((k) => periods.filter((p) => p.kind === k));
}

/**
 * Whether a row's numbers in one series are all near each other (as allNear judges its figures), or too
 * few to compare: read with figureAt, which gives a number cell's value (classify's V.number) and NaN
 * for any other cell, without building a cell.
 */
function rowIsNear(ctx: GridContext, row: number, cols: readonly { col: number }[]): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  let n = 0;
  for (const p of cols) {
    const v = figureAt(ctx.sheet, row, p.col);
    if (Number.isNaN(v)) continue;
    n++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (n < 2) return true;
  if (lo > 0) return hi < NEAR_EXACT * lo;
  if (hi < 0) return lo > NEAR_EXACT * hi;
  return false;
}

/** The figures of a row in each series of columns: its number cells. */
function seriesOf(
  ctx: GridContext,
  facts: RowFacts,
  series: (readonly { col: number; label: string }[])[],
): Figure[][] {
  return series.map((cols) => {
    const out: Figure[] = [];
    for (const p of cols) {
      const c = ctx.cell(facts.row, p.col);
      if (classify(c, ctx.annotations) === V.number)
        out.push({ col: p.col, label: p.label, value: c.value as number, format: c.format });
    }
    return out;
  });
}

/**
 * A figure the cell rules report on its own: a percentage outside 0–100 %, a share written
 * as points outside 0 to 100, or a plain number in a row of percentages (scale-mismatch).
 * Each slip is reported once.
 */
function cellRulesReport(facts: RowFacts, f: Figure): boolean {
  if (isPercentFormat(f.format)) return f.value < 0 || f.value > 1;
  if (facts.percent) return true;
  const m = measureOf(facts);
  return m.kind === 'proportion' && m.sure && (f.value < 0 || f.value > 100);
}

function check(ctx: GridContext, emit: Emit): void {
  if (ctx.grid.periods.length < 2 && !(ctx.grid.bodies && ctx.grid.bodies.length >= 2)) return;
  const series = seriesColumns(ctx);
  for (const facts of ctx.rows) {
    // Most rows hold no figure on another scale: their numbers, read without building cells, say so.
    if (series.every((cols) => rowIsNear(ctx, facts.row, cols))) continue;
    for (const figures of seriesOf(ctx, facts, series)) {
      if (figures.length < 2) continue;
      if (allNear(figures)) continue;
      const sorted = figures.map((f) => f.value).sort((a, b) => a - b);
      // With two figures either could be the slip: the later one is the one being returned.
      const candidates = figures.length === 2 ? [1] : figures.map((_, i) => i);
      for (const i of candidates) {
        const slip = slipOf(figures, i, sorted);
        if (!slip) continue;
        const m = measureOf(facts);
        if (m.kind === 'signed') continue;
        const f = figures[i];
        // Of two figures, a later one beside an earlier slip the cell rules report is not the slip.
        if (figures.length === 2 && cellRulesReport(facts, figures[0])) continue;
        const shown = formatNumber(f.value, f.format);
        const pct = isPercentFormat(f.format);
        const shareSlip = pct && f.value > 1 && figures.every((g, k) => k === i || (g.value >= 0 && g.value <= 1));
        if (shareSlip) {
          // A share the words name is percent-out-of-range's; a percentage of a budget may pass 100 %.
          if (m.kind === 'percent-of-reference' || (m.kind === 'proportion' && m.sure)) continue;
          const meant = f.value / (slip.exact ?? 100);
          const against = slip.neighbour
            ? `${slip.exact} times its neighbour ${slip.neighbour.label} (${formatNumber(slip.neighbour.value, slip.neighbour.format)})`
            : `${Math.round(slip.far)} times the median of the others (${formatNumber(slip.median, f.format)})`;
          emit(
            'scale-jump-share',
            facts.row,
            f.col,
            facts.ref,
            `${shown} passes 100% and is ${against}: the other figures of its row are shares, so enter it as ${Number(meant.toPrecision(10))}.`,
          );
          continue;
        }
        if (cellRulesReport(facts, f)) continue;
        const others = figures.filter((_, k) => k !== i);
        const span = others.length > 1 ? `${others[0].label} to ${others[others.length - 1].label}` : others[0].label;
        const how =
          slip.exact !== null && slip.neighbour
            ? `exactly ${slip.exact} times ${Math.abs(f.value) > Math.abs(slip.neighbour.value) ? '' : 'smaller than '}${slip.neighbour.label} (${formatNumber(slip.neighbour.value, slip.neighbour.format)})`
            : `${Math.round(slip.far)} times ${Math.abs(f.value) > Math.abs(slip.median) ? 'the other figures of its row' : 'smaller than the other figures of its row'} (${span}: ${others.length > 1 ? 'median ' : ''}${formatNumber(slip.median, f.format)})`;
        emit(
          'scale-jump',
          facts.row,
          f.col,
          facts.ref,
          `${shown} is ${how}: check it for a slip of scale (an extra 0, thousands typed as units), and explain a real jump in the commentary.`,
        );
      }
    }
  }
}

export const scaleJumpRules: RuleFamily = { rules, check };
