import type { RuleInfo } from '../model/finding';
import { formatNumber } from '../format';
import { classify, parseTextNumber, percentFormat as isPercentFormat, V } from '../values';
import type { Emit, GridContext, RuleFamily } from './types';

/** Figures an indicator reports; counts must be whole and not negative here. */
const VALUE_ROLES = ['latest', 'previousPeriod', 'ytd', 'previousYear', 'result'] as const;
/** Figures it is judged against. */
const STANDARD_ROLES = ['target', 'floor', 'upperThreshold', 'lowerThreshold'] as const;
const OTHER_NUMERIC_ROLES = ['numerator', 'denominator'] as const;

const rules: RuleInfo[] = [
  { id: 'excel-error', dimension: 'accuracy', severity: 'error', title: 'Excel error value',
    description: 'A cell of an indicator row holds an Excel error value (#DIV/0!, #N/A, #REF!, #VALUE! …).',
    example: '#DIV/0! is an Excel error value: correct the formula or the figures it uses.' },
  { id: 'number-stored-as-text', dimension: 'accuracy', severity: 'error', title: 'Number stored as text',
    description: 'A figure typed as text ("93 %", "1,204"): Excel will not count or compare it.',
    example: '"93 %" is text, so Excel will not calculate with it: enter it as the number 93.0%.' },
  { id: 'unrecognised-text', dimension: 'accuracy', severity: 'error', title: 'Unrecognised text where a number belongs',
    description: 'Text in a figure column that is neither a number nor one of the configured annotations (N/a, New, Snapshot data, -, n/k …).',
    example: '"see note" is neither a figure nor a recognised annotation (such as N/a or n/k): enter the figure, or add the wording to the annotations.' },
  { id: 'percent-out-of-range', dimension: 'accuracy', severity: 'error', title: 'Percentage outside 0–100 %',
    description: 'A cell formatted as a percentage holds a value below 0 % or above 100 %; usually 96 typed into a % cell instead of 0.96.',
    example: '960.0% is outside 0% to 100%: if 9.6% was meant, enter 0.096 (percentages are fractions shown with a % format).' },
  { id: 'scale-mismatch', dimension: 'accuracy', severity: 'error', title: 'Value on a different scale from its target',
    description: 'A percentage indicator has a figure typed as percentage points (97) while its target is a fraction shown as a percentage (95 %), or the other way round.',
    example: '38.1 is on a different scale from the target of 38.0%: enter 38.1% as 0.381 with a % format.' },
  { id: 'negative-count', dimension: 'accuracy', severity: 'error', title: 'Negative count',
    description: 'An indicator that counts things has a negative figure.',
    example: '-11 is negative, but this indicator counts things: a count cannot be below 0.' },
  { id: 'fractional-count', dimension: 'accuracy', severity: 'error', title: 'Fractional count',
    description: 'An indicator that counts things (a whole-number format or "Number of …") has a figure that is not a whole number; the format may hide it.',
    example: '38.5 is not a whole number, but this indicator counts things (the cell shows 39): enter the whole number.' },
];

function valueColumns(ctx: GridContext): { value: number[]; standard: number[]; other: number[] } {
  const c = ctx.grid.columns;
  const value = ctx.grid.periods.map((p) => p.col);
  for (const r of VALUE_ROLES) if (c[r] !== undefined) value.push(c[r]!);
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
  const wantErrors = enabled('excel-error');
  const { grid, annotations } = ctx;
  for (const facts of ctx.rows) {
    const row = facts.row;
    const ref = facts.ref;
    if (wantErrors) {
      // Straight over the row's cells: this is the one rule that reads every cell of the grid.
      const cells = ctx.sheet.cells[row - ctx.sheet.top];
      const from = Math.max(grid.left - ctx.sheet.left, 0);
      const to = cells ? Math.min(grid.right - ctx.sheet.left, cells.length - 1) : -1;
      for (let i = from; i <= to; i++) {
        const c = cells![i];
        if (c !== undefined && c.kind === 'error') emit('excel-error', row, ctx.sheet.left + i, ref, `${c.value} is an Excel error value: correct the formula or the figures it uses.`);
        else if (c !== undefined && c.kind === 'number' && !Number.isFinite(c.value)) emit('excel-error', row, ctx.sheet.left + i, ref, `The cell holds ${String(c.value)}, which is not a number Excel can hold (the file was written by another program): enter the figure again.`);
      }
    }
    const targetPercent = isPercentFormat(facts.targetCell.format);
    const currentPercent = facts.currentCell.kind === 'number' && isPercentFormat(facts.currentCell.format);
    for (let k = 0; k < numeric.length; k++) {
      const col = numeric[k];
      const c = ctx.cell(row, col);
      const cls = classify(c, annotations);
      if (cls === V.textNumber) {
        const n = parseTextNumber(c.value as string)!;
        const shown = isPercentFormat(c.format) || (c.value as string).includes('%') ? formatNumber(n, isPercentFormat(c.format) ? c.format : '0%') : formatNumber(n, c.format);
        emit('number-stored-as-text', row, col, ref, `"${c.value}" is text, so Excel will not calculate with it: enter it as the number ${shown}.`);
        continue;
      }
      if (cls === V.text) {
        emit('unrecognised-text', row, col, ref, `"${String(c.value).trim()}" is neither a figure nor a recognised annotation (such as N/a or n/k): enter the figure, or add the wording to the annotations.`);
        continue;
      }
      if (cls !== V.number) continue;
      const v = c.value as number;
      const pct = isPercentFormat(c.format);
      if (pct) {
        if (v < 0 || v > 1) {
          const meant = v / 100;
          emit('percent-out-of-range', row, col, ref, v > 1 && v <= 100
            ? `${formatNumber(v, c.format)} is outside 0% to 100%: if ${formatNumber(meant, c.format)} was meant, enter ${Number(meant.toPrecision(10))} (percentages are fractions shown with a % format).`
            : `${formatNumber(v, c.format)} is outside 0% to 100%: a percentage of this kind must lie between 0% and 100%.`);
        }
        continue;
      }
      if (facts.percent) {
        if (isValueCol.has(col) && targetPercent && Math.abs(v) > 1 && Math.abs(v) <= 100) {
          emit('scale-mismatch', row, col, ref, `${formatNumber(v, c.format)} is on a different scale from the target of ${formatNumber(facts.target!, facts.targetCell.format)}: enter ${formatNumber(v / 100, facts.targetCell.format)} as ${Number((v / 100).toPrecision(10))} with a % format.`);
          continue;
        }
        if (isStandardCol.has(col) && currentPercent && Math.abs(v) > 1 && Math.abs(v) <= 100) {
          const label = grid.headers[col] ?? 'the standard';
          emit('scale-mismatch', row, col, ref, `${label} ${formatNumber(v, c.format)} is on a different scale from the value ${formatNumber(facts.current!, facts.currentCell.format)}: enter it as ${formatNumber(v / 100, facts.currentCell.format)} (${Number((v / 100).toPrecision(10))} with a % format).`);
          continue;
        }
      }
      // A formula's result follows its inputs; a fractional or negative input is reported where it was typed.
      if (facts.count && isValueCol.has(col) && !c.formula) {
        if (v < 0) emit('negative-count', row, col, ref, `${formatNumber(v, c.format)} is negative, but this indicator counts things: a count cannot be below 0.`);
        else if (!Number.isInteger(v) && Math.abs(v - Math.round(v)) > 1e-9) {
          emit('fractional-count', row, col, ref, `${Number(v.toPrecision(10))} is not a whole number, but this indicator counts things (the cell shows ${formatNumber(v, c.format)}): enter the whole number.`);
        }
      }
    }
  }
}

export const cellRules: RuleFamily = { rules, check };
