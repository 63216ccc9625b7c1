import type { RuleInfo } from '../model/finding';
import type { PeriodColumn } from '../model/grid';
import { formatNumber } from '../format';
import { normaliseHeader } from '../text';
import { labelledPeriod } from '../discovery/periods';
import { figureAt } from '../model/sheet';
import { classify, V } from '../values';
import { measureOf } from './row-table';
import type { Emit, GridContext, RowFacts, RuleFamily } from './types';

const rules: RuleInfo[] = [
  {
    id: 'ytd-mismatch',
    dimension: 'accuracy',
    severity: 'error',
    title: 'Year to date does not add up',
    description:
      'Where a grid has period columns and a year-to-date or total column, the total of an additive measure must be the sum of its own year\'s periods up to the current one, within the YTD tolerance (default 0.5 %): below the sum of the periods known so far is an error, and so is any difference once every period to date has its figure. Additive: a count (its words say what is counted: "Number of …", people, fires, calls, complaints …) or a measure marked cumulative (a Cumulative column, "cumulative" in the description or unit, or a count under a cumulative year-to-date header). Rates, percentages, averages, ratios and snapshots are never summed, and a total of another year (last year\'s outturn beside this year\'s quarters) is never compared with this year\'s periods.',
    example: 'Year to Date says 2,400 but Q1 to Q2 add up to 2,700 (1,200 + 1,500): should be 2,700.',
  },
];

/** The financial year a year-to-date header names ('2013/14 Outturn', 'Outturn 2016/17'), or undefined. */
function yearOfHeader(header: string): number | undefined {
  return labelledPeriod(normaliseHeader(header))?.period.year;
}

/** Added up: a cumulative measure, or a count (sure of its words) that is not a percentage. */
function additive(facts: RowFacts): boolean {
  if (facts.cumulative) return true;
  if (facts.percent) return false;
  const m = measureOf(facts);
  return m.kind === 'count' && m.sure;
}

function check(ctx: GridContext, emit: Emit): void {
  const ytdCol = ctx.grid.columns.ytd;
  if (ytdCol === undefined || ctx.currentPeriodPos < 0) return;
  // This financial year's periods of the current one's kind: a grid of several years sums only the current year.
  const current = ctx.grid.periods[ctx.currentPeriodPos];
  if (current.kind === 'year') return;
  const ytdLabel = ctx.grid.headers[ytdCol] ?? 'Year to date';
  // A total of another year (last year's outturn left of this year's quarters) is not this year's total.
  const ytdYear = yearOfHeader(ytdLabel);
  if (ytdYear !== undefined && current.year !== undefined && ytdYear !== current.year) return;
  const periods = ctx.grid.periods
    .slice(0, ctx.currentPeriodPos + 1)
    .filter((p) => p.kind === current.kind && p.year === current.year);
  const tol = ctx.config.tolerances.ytd;
  for (const facts of ctx.rows) {
    // Figures read as numbers without building cells (figureAt: NaN where the cell is not a number);
    // only a cell that is not a number is built, to be classified.
    const ytd = figureAt(ctx.sheet, facts.row, ytdCol);
    if (Number.isNaN(ytd)) continue;
    if (!additive(facts)) continue;
    let sum = 0;
    const known: PeriodColumn[] = [];
    const figures: number[] = [];
    let unusable = false;
    for (const p of periods) {
      const v = figureAt(ctx.sheet, facts.row, p.col);
      if (!Number.isNaN(v)) {
        sum += v;
        known.push(p);
        figures.push(v);
        continue;
      }
      const cls = classify(ctx.cell(facts.row, p.col), ctx.annotations);
      if (cls !== V.empty && cls !== V.annotation) unusable = true; // errors and text are reported by their own rules
    }
    if (unusable || known.length === 0) continue;
    const ytdCell = ctx.cell(facts.row, ytdCol);
    const slack = tol * Math.max(Math.abs(sum), 1);
    const complete = known.length === periods.length;
    // With a period still to come in, the total may include it: only a total below the known sum is wrong.
    if (complete ? Math.abs(ytd - sum) <= slack : ytd >= sum - slack) continue;
    const fmt = ytdCell.format;
    const shown = (v: number) => formatNumber(v, fmt);
    const parts = known.length > 1 ? ` (${figures.map(shown).join(' + ')})` : '';
    const what = facts.cumulative ? ' for this cumulative measure' : '';
    if (complete) {
      const span =
        periods.length > 1
          ? `${periods[0].label} to ${periods[periods.length - 1].label} add up to`
          : `${periods[0].label} is`;
      emit(
        'ytd-mismatch',
        facts.row,
        ytdCol,
        facts.ref,
        `${ytdLabel} says ${shown(ytd)} but ${span} ${shown(sum)}${parts}${what}: should be ${shown(sum)}.`,
      );
    } else {
      const missing = periods.filter((p) => !known.includes(p)).map((p) => p.label);
      emit(
        'ytd-mismatch',
        facts.row,
        ytdCol,
        facts.ref,
        `${ytdLabel} says ${shown(ytd)}, less than ${known.length > 1 ? `the ${shown(sum)} that ${known.map((p) => p.label).join(', ')} add up to${parts}` : `the ${shown(sum)} of ${known[0].label}`}${what} (no figure yet for ${missing.join(', ')}): should be at least ${shown(sum)}.`,
      );
    }
  }
}

export const ytdRules: RuleFamily = { rules, check };
