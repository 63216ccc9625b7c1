import type { Cell } from '../model/cell';
import type { RuleInfo } from '../model/finding';
import { formatNumber } from '../format';
import { classify, parseTextNumber, percentFormat as isPercentFormat, V } from '../values';
import type { Emit, GridContext, RowFacts, RuleFamily } from './types';
import { measureOf } from './row-table';
import { COUNTED_NOUNS } from './measure';
import { sheetRow } from '../model/sheet';

/** Figures an indicator reports; counts must be whole and not negative here. */
const VALUE_ROLES = ['latest', 'previousPeriod', 'ytd', 'previousYear', 'result'] as const;
/** Figures it is judged against. */
const STANDARD_ROLES = ['target', 'floor', 'upperThreshold', 'lowerThreshold'] as const;
const OTHER_NUMERIC_ROLES = ['numerator', 'denominator', 'change', 'percentChange', 'comparator'] as const;

const rules: RuleInfo[] = [
  {
    id: 'excel-error',
    dimension: 'accuracy',
    severity: 'error',
    title: 'Excel error value',
    description: 'A cell of an indicator row holds an Excel error value (#DIV/0!, #N/A, #REF!, #VALUE! …).',
    example: '#DIV/0! is an Excel error value: correct the formula or the figures it uses.',
  },
  {
    id: 'number-stored-as-text',
    dimension: 'accuracy',
    severity: 'error',
    title: 'Number stored as text',
    description: 'A figure typed as text ("93 %", "1,204"): Excel will not count or compare it.',
    example: '"93 %" is text, so Excel will not calculate with it: enter it as the number 93.0%.',
  },
  {
    id: 'unrecognised-text',
    dimension: 'accuracy',
    severity: 'error',
    title: 'Unrecognised text where a number belongs',
    description:
      'Text in a figure column that is neither a number nor one of the configured annotations (N/a, New, Snapshot data, -, n/k …). Targets and thresholds written in words ("Greater than 50%", "Top quartile") are not reported.',
    example:
      '"see note" is neither a figure nor a recognised annotation (such as N/a or n/k): enter the figure, or add the wording to the annotations.',
  },
  {
    id: 'percent-out-of-range',
    dimension: 'accuracy',
    severity: 'error',
    title: 'Percentage outside 0–100 %',
    description:
      'A cell formatted as a percentage holds a value below 0 % or above 100 % where the words say the measure is a share of a whole ("% of …", "Percentage of …", "… within 20 days", "satisfied"); usually 96 typed into a % cell instead of 0.96. Changes, gaps and variances ("% reduction", "pay gap") may be negative and percentages of a budget, target or fund ("outturn against budget", "% of fund spent") may pass 100 %: those are never reported. Where the words say neither, see kind-uncertain.',
    example:
      '960.0% is outside 0% to 100%: if 9.6% was meant, enter 0.096 (percentages are fractions shown with a % format).',
  },
  {
    id: 'scale-mismatch',
    dimension: 'accuracy',
    severity: 'error',
    title: 'Value on a different scale from its target',
    description:
      'A percentage indicator has a figure typed as percentage points (97) while its target is a fraction shown as a percentage (95 %), or the other way round.',
    example: '38.1 is on a different scale from the target of 38.0%: enter 38.1% as 0.381 with a % format.',
  },
  {
    id: 'kind-uncertain',
    dimension: 'accuracy',
    severity: 'warning',
    title: 'Figure out of bounds for a measure of unclear kind',
    description:
      'A figure lies outside the bounds of the kind its number format suggests (a percentage outside 0–100 %, a negative or fractional figure in a whole-number format), but the words (description, unit, header) do not say what kind of measure it is, so it may be right: a change, gap or percentage of a budget, thousands or an average. Also a negative rate, average or thousands of things counted (fires per 1,000, average calls): they cannot be below 0 unless the figure is a change. A warning, never an error: check it, and say what the measure is in its description or unit column.',
    example:
      '-16% is outside 0% to 100%, but the words do not say whether this is a share (0–100%) or a change, gap or percentage of a budget or target: check it, and say which in its description or unit.',
  },
  {
    id: 'negative-count',
    dimension: 'accuracy',
    severity: 'error',
    title: 'Negative count',
    description:
      'An indicator whose words say it counts things ("Number of …", a unit of "Number", or a counted noun: people, deaths, casualties, killed, injured, fires, incidents, calls, complaints, households, applications, cases, visits …) has a negative figure. Changes, net figures and gaps ("Net additional homes", "days behind timetable") are not counts.',
    example: '-11 is negative, but this indicator counts things: a count cannot be below 0.',
  },
  {
    id: 'fractional-count',
    dimension: 'accuracy',
    severity: 'error',
    title: 'Fractional count',
    description:
      'An indicator whose words say it counts things ("Number of …", or a counted noun: people, fires, calls, complaints, households …) has a figure that is not a whole number; the format may hide it. Thousands ("(000s)"), money ("£k"), rates ("per 1,000"), averages, days, hours and tonnes are not counts.',
    example:
      '38.5 is not a whole number, but this indicator counts things (the cell shows 39): enter the whole number.',
  },
];

function valueColumns(ctx: GridContext): { value: number[]; standard: number[]; other: number[] } {
  const c = ctx.grid.columns;
  const value = ctx.grid.periods.map((p) => p.col);
  for (const r of VALUE_ROLES) if (c[r] !== undefined) value.push(c[r]!);
  // Figures by body: every body's figure, and their total, is a figure like any other.
  for (const b of ctx.grid.bodies ?? []) value.push(b.col);
  if (ctx.grid.bodyTotal) value.push(ctx.grid.bodyTotal.col);
  const standard: number[] = [];
  for (const r of STANDARD_ROLES) if (c[r] !== undefined) standard.push(c[r]!);
  const other: number[] = [];
  for (const r of OTHER_NUMERIC_ROLES) if (c[r] !== undefined) other.push(c[r]!);
  return { value, standard, other };
}

/** One pass over every figure cell of the grid, reporting what is wrong with the cell itself. */
function check(ctx: GridContext, emit: Emit, enabled: (rule: string) => boolean): void {
  const { value, standard, other } = valueColumns(ctx);
  const numeric = [...value, ...standard, ...other];
  const isValueCol = new Set(value);
  const isStandardCol = new Set(standard);
  const signed = new Set([ctx.grid.columns.change, ctx.grid.columns.percentChange]);
  const wantErrors = enabled('excel-error');
  const { grid, annotations } = ctx;
  for (const facts of ctx.rows) {
    const row = facts.row;
    if (wantErrors) {
      // This is the one rule that reads every cell of the grid: a store finds the row's error values in
      // one pass over its cells, and only the cells found are built.
      const r = row - ctx.sheet.top;
      const store = ctx.sheet.store;
      const from = Math.max(grid.left - ctx.sheet.left, 0);
      const to = grid.right - ctx.sheet.left;
      const cells = store ? undefined : sheetRow(ctx.sheet, r);
      const found = store ? store.unusableIn(r, from, to) : unusableIn(cells, from, to);
      for (const i of found) {
        const c = store ? store.cell(r, i)! : cells![i]!;
        if (c.kind === 'error')
          emit(
            'excel-error',
            row,
            ctx.sheet.left + i,
            facts.ref,
            `${c.value} is an Excel error value: correct the formula or the figures it uses.`,
          );
        else
          emit(
            'excel-error',
            row,
            ctx.sheet.left + i,
            facts.ref,
            `The cell holds ${String(c.value)}, which is not a number Excel can hold (the file was written by another program): enter the figure again.`,
          );
      }
    }
    // Whether the target and the current value are shown as percentages: asked only of a figure that may be on
    // the other scale, so the row's cells are read only then.
    let scales: { target: boolean; current: boolean } | null = null;
    const percents = () =>
      (scales ??= {
        target: isPercentFormat(facts.targetCell.format),
        current: facts.currentCell.kind === 'number' && isPercentFormat(facts.currentCell.format),
      });
    for (let k = 0; k < numeric.length; k++) {
      const col = numeric[k];
      let v = ctx.figureAt(row, col);
      let format: string;
      if (Number.isNaN(v)) {
        // Not a number cell (or a number no cell can hold): only then is the cell built and read.
        const c = ctx.cell(row, col);
        const cls = classify(c, annotations);
        if (cls === V.textNumber) {
          const n = parseTextNumber(c.value as string)!;
          emit(
            'number-stored-as-text',
            row,
            col,
            facts.ref,
            `"${c.value}" is text, so Excel will not calculate with it: enter it as the number ${asTyped(c.value as string, n, c.format)}.`,
          );
          continue;
        }
        if (cls === V.text) {
          // A target or threshold written in words ('Greater than 50%', 'Top quartile', '10.3 days') is how reports state
          // some standards: not an error (RAG is then not recomputed from it).
          if (isStandardCol.has(col)) continue;
          emit(
            'unrecognised-text',
            row,
            col,
            facts.ref,
            `"${String(c.value).trim()}" is neither a figure nor a recognised annotation (such as N/a or n/k): enter the figure, or add the wording to the annotations.`,
          );
          continue;
        }
        if (cls !== V.number) continue;
        v = c.value as number;
        format = c.format;
      } else format = ctx.formatAt(row, col);
      const pct = isPercentFormat(format);
      if (pct) {
        // A change column is signed: a fall is negative and a percentage change may pass 100 %.
        if ((v < 0 || v > 1) && !signed.has(col)) percentOutOfBounds(emit, facts, row, col, v, format);
        continue;
      }
      // A share written as points ('% times the first appliance arrived …' in a 0.00 format): 0 to 100.
      if (
        !facts.percent &&
        (v < 0 || v > 100) &&
        (isValueCol.has(col) || isStandardCol.has(col)) &&
        measureOf(facts).kind === 'proportion' &&
        measureOf(facts).sure
      ) {
        emit(
          'percent-out-of-range',
          row,
          col,
          facts.ref,
          `${formatNumber(v, format)} is outside 0 to 100, but this indicator is a percentage written as a number: check it.`,
        );
        continue;
      }
      if (facts.percent) {
        if (isValueCol.has(col) && Math.abs(v) > 1 && Math.abs(v) <= 100 && percents().target) {
          emit(
            'scale-mismatch',
            row,
            col,
            facts.ref,
            `${formatNumber(v, format)} is on a different scale from the target of ${formatNumber(facts.target!, facts.targetCell.format)}: enter ${formatNumber(v / 100, facts.targetCell.format)} as ${Number((v / 100).toPrecision(10))} with a % format.`,
          );
          continue;
        }
        if (isStandardCol.has(col) && Math.abs(v) > 1 && Math.abs(v) <= 100 && percents().current) {
          const label = grid.headers[col] ?? 'the standard';
          emit(
            'scale-mismatch',
            row,
            col,
            facts.ref,
            `${label} ${formatNumber(v, format)} is on a different scale from the value ${formatNumber(facts.current!, facts.currentCell.format)}: enter it as ${formatNumber(v / 100, facts.currentCell.format)} (${Number((v / 100).toPrecision(10))} with a % format).`,
          );
          continue;
        }
      }
      // A formula's result follows its inputs; a fractional or negative input is reported where it was typed.
      const fractional = !Number.isInteger(v) && Math.abs(v - Math.round(v)) > 1e-9;
      if (
        (v < 0 || fractional) &&
        !facts.percent &&
        isValueCol.has(col) &&
        !ctx.cell(row, col).formula &&
        measureOf(facts).kind === 'count'
      ) {
        const sure = measureOf(facts).sure;
        if (v < 0) {
          if (sure)
            emit(
              'negative-count',
              row,
              col,
              facts.ref,
              `${formatNumber(v, format)} is negative, but this indicator counts things: a count cannot be below 0.`,
            );
          else
            emit(
              'kind-uncertain',
              row,
              col,
              facts.ref,
              `${formatNumber(v, format)} is negative, and its whole-number format suggests a count, but the words do not say what is counted: check it, or say what the measure is (a change, a net figure, a gap) in its description or unit.`,
            );
        } else {
          if (sure)
            emit(
              'fractional-count',
              row,
              col,
              facts.ref,
              `${Number(v.toPrecision(10))} is not a whole number, but this indicator counts things (the cell shows ${formatNumber(v, format)}): enter the whole number.`,
            );
          else
            emit(
              'kind-uncertain',
              row,
              col,
              facts.ref,
              `${Number(v.toPrecision(10))} is not a whole number, and its whole-number format (the cell shows ${formatNumber(v, format)}) suggests a count, but the words do not say what is counted: check it, or give the unit (thousands, an average, a rate) in its description or unit.`,
            );
        }
      } else if (
        v < 0 &&
        !facts.percent &&
        isValueCol.has(col) &&
        !ctx.cell(row, col).formula &&
        measureOf(facts).kind === 'amount' &&
        countsThings(facts)
      ) {
        // A rate, an average or thousands of people or fires is fractional, but never below 0.
        emit(
          'kind-uncertain',
          row,
          col,
          facts.ref,
          `${formatNumber(v, format)} is negative, but this indicator is a rate, average or total of things counted (${countedNoun(facts)}), which cannot be below 0: check it, or say in its description that it is a change.`,
        );
      }
    }
  }
}

/** CellStore.unusableIn for a row held as Cells: the columns holding an error value or a number no cell can hold. */
function unusableIn(cells: readonly (Cell | undefined)[] | undefined, from: number, to: number): number[] {
  const out: number[] = [];
  if (!cells) return out;
  for (let i = from; i <= Math.min(to, cells.length - 1); i++) {
    const c = cells[i];
    if (c && (c.kind === 'error' || (c.kind === 'number' && !Number.isFinite(c.value as number)))) out.push(i);
  }
  return out;
}

/** The counted noun the words of a row name ('fires'), or ''. */
function countedNoun(facts: RowFacts): string {
  const w = facts.measureWords;
  return (COUNTED_NOUNS.exec(w.description) ?? COUNTED_NOUNS.exec(w.unit))?.[0] ?? '';
}

function countsThings(facts: RowFacts): boolean {
  return countedNoun(facts) !== '';
}

/**
 * A percentage below 0 % or above 100 %, judged by the kind of measure: an error for a
 * share of a whole, nothing for a change or gap (may be negative) or above 100 % for a
 * percentage of a budget or target, a warning where the words do not say.
 */
function percentOutOfBounds(emit: Emit, facts: RowFacts, row: number, col: number, v: number, format: string): void {
  const { kind, sure } = measureOf(facts);
  if (kind === 'signed') return;
  const shown = formatNumber(v, format);
  if (kind === 'percent-of-reference') {
    if (v < 0)
      emit(
        'kind-uncertain',
        row,
        col,
        facts.ref,
        `${shown} is below 0% for a percentage of a budget, target or fund: check it (if it is a change or a variance, say so in its description or unit).`,
      );
    return;
  }
  const meant = pointsReading(v, facts);
  const advice =
    meant !== null
      ? `if ${formatNumber(meant, format)} was meant, enter ${Number(meant.toPrecision(10))} (percentages are fractions shown with a % format)`
      : v < 0
        ? 'a share cannot be below 0%'
        : 'a share of a whole cannot pass 100%';
  if (kind === 'proportion' && sure) {
    emit('percent-out-of-range', row, col, facts.ref, `${shown} is outside 0% to 100%: ${advice}.`);
  } else {
    emit(
      'kind-uncertain',
      row,
      col,
      facts.ref,
      `${shown} is outside 0% to 100%, but the words do not say whether this is a share (0–100%) or a change, gap or percentage of a budget or target: check it (${advice}), and say which in its description or unit.`,
    );
  }
}

/**
 * The fraction meant when a percentage was typed as points (96 in a % cell shows 9,600 %),
 * only where that reading makes sense: the figure is at least 2 (200 %) and at most 100,
 * and, where there is a target, the reading is nearer the target than the figure is. 109 %
 * is not read as 1.09 %.
 */
function pointsReading(v: number, facts: RowFacts): number | null {
  if (v < 2 || v > 100) return null;
  const meant = v / 100;
  if (
    facts.target !== null &&
    isPercentFormat(facts.targetCell.format) &&
    Math.abs(meant - facts.target) >= Math.abs(v - facts.target)
  )
    return null;
  return meant;
}

/** A text-number written as the number it spells, with the decimals the text shows ('97.4%' -> 97.4%, '1,204.50' -> 1,204.50). */
function asTyped(text: string, n: number, format: string): string {
  const digits = /\.(\d+)/.exec(text.replace(/[^\d.]/g, ''));
  const decimals = digits ? digits[1].length : 0;
  const places = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  if (text.includes('%') || isPercentFormat(format)) {
    // As many decimals as the text shows, or the cell's format would show, whichever is more.
    const shownByFormat = isPercentFormat(format) ? (/\.(0+)/.exec(format.split(';')[0])?.[1].length ?? 0) : 0;
    const d = Math.max(text.includes('%') ? decimals : 0, shownByFormat);
    return formatNumber(n, `0${d > 0 ? `.${'0'.repeat(d)}` : ''}%`);
  }
  return formatNumber(n, `${text.includes(',') ? '#,##0' : '0'}${places}`);
}

export const cellRules: RuleFamily = { rules, check };
