import { a1, rangeA1 } from '../model/address';
import { formulaCellsOf, formulaOrNumberAt } from '../model/sheet';
import { normaliseHeader } from '../text';
import { classify, textIn, V } from '../values';
import { aggregateOf, parseFormula, type Reference } from './formula-text';
import type { Emit, GridContext } from './types';

/**
 * A Total row: an indicator row labelled only as the total ('Total', 'Totals', 'Grand total',
 * 'Total (2022/23)') under the rows it adds up, as a council lays out complaints by service or
 * incidents by station. Its figures are sums down their columns, so it is checked as a total
 * column is: a number typed among its sums (formula-constant), a SUM that leaves out a row
 * above it that has a figure (formula-sum-range), and a sum of another column's rows rather
 * than its own (formula-inconsistent). An indicator that merely starts with the word ('Total
 * number of complaints') is a measure, not a Total row.
 */
const TOTAL_ROW = /^(?:grand )?totals?(?: \d{2,4}(?: \d{2,4})?)?$/;

/** What the caller (formulas.ts) already knows of the grid, so nothing is worked out twice. */
export interface TotalRowScope {
  figureCols: ReadonlySet<number>;
  /** `${row}:${col}` of the cells already reported by another formula rule; the cells reported here are added. */
  reported: Set<string>;
  refOf(row: number): string | null;
}

interface TotalCell {
  col: number;
  /** The formula's text, or null for a number typed in. */
  text: string | null;
  references: Reference[];
}

export function checkTotalRows(
  ctx: GridContext,
  emit: Emit,
  enabled: (rule: string) => boolean,
  scope: TotalRowScope,
): void {
  const g = ctx.grid;
  const rows = g.indicatorRows; // in sheet order
  if (rows.length < 3) return;
  // Only a row with two formulas or more among its figures can hold a mistake reported here, so labels are read
  // for those rows and their blocks alone, not for every row of a long grid (issue #22's cost).
  // The sheet's formulas come row by row, so a row's count is a run: no map of every formula row is kept.
  const rowsWithTwo: number[] = [];
  let runRow = -1;
  let run = 0;
  for (const f of formulaCellsOf(ctx.sheet)) {
    if (f.row < g.top || f.row > g.bottom || !scope.figureCols.has(f.col)) continue;
    if (f.row !== runRow) {
      runRow = f.row;
      run = 0;
    }
    if (++run === 2) rowsWithTwo.push(f.row);
  }
  const labelCol = g.columns.description ?? g.columns.ref ?? g.left;
  const labelOf = (row: number) => textIn(ctx.cell(row, labelCol));
  const isTotal = (row: number) => TOTAL_ROW.test(normaliseHeader(labelOf(row)));
  for (const row of rowsWithTwo) {
    if (!isTotal(row)) continue;
    const at = indexOf(rows, row);
    if (at < 0) continue;
    // Its block: the indicator rows above it, back to the Total row before it.
    let start = at;
    while (start > 0 && !isTotal(rows[start - 1])) start--;
    const parts = rows.slice(start, at);
    if (parts.length >= 2) checkTotalRow(ctx, emit, enabled, scope, row, parts, labelOf);
  }
}

/** The position of a row among the grid's indicator rows (ascending), or -1. */
function indexOf(rows: readonly number[], row: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid] === row) return mid;
    if (rows[mid] < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function checkTotalRow(
  ctx: GridContext,
  emit: Emit,
  enabled: (rule: string) => boolean,
  scope: TotalRowScope,
  row: number,
  parts: readonly number[],
  labelOf: (row: number) => string,
): void {
  const first = parts[0];
  const last = parts[parts.length - 1];
  const cells: TotalCell[] = [];
  for (const col of [...scope.figureCols].sort((a, b) => a - b)) {
    const f = formulaOrNumberAt(ctx.sheet, row, col);
    if (f === true) cells.push({ col, text: null, references: [] });
    else if (typeof f === 'string' && f !== '') {
      const text = f.startsWith('=') ? f : `=${f}`;
      const references = parseFormula(text).references.filter((r) => r.sheet === null || r.sheet === ctx.sheet.name);
      cells.push({ col, text, references });
    }
  }
  // The row's sums: a SUM over rows of its block (in whatever column); the pattern the typed totals break.
  const overParts = (r: Reference) => r.top <= last && r.bottom >= first;
  const sums = cells.filter((c) => c.text !== null && aggregateOf(c.text) === 'SUM' && c.references.some(overParts));
  const typed = cells.filter((c) => c.text === null);
  const key = (col: number) => `${row}:${col}`;
  const name = labelOf(row) || 'Total';
  const report = (rule: string, col: number, message: string) => {
    scope.reported.add(key(col));
    emit(rule, row, col, scope.refOf(row), message);
  };

  for (const c of sums) {
    if (scope.reported.has(key(c.col))) continue;
    const inBlock = c.references.filter(overParts);
    const ownColumn = inBlock.filter((r) => r.left <= c.col && r.right >= c.col);
    if (ownColumn.length === 0) {
      if (!enabled('formula-inconsistent')) continue;
      const other = inBlock.map((r) => rangeA1(r.top, r.left, r.bottom, r.right)).join(', ');
      report(
        'formula-inconsistent',
        c.col,
        `${c.text} in ${a1(row, c.col)} adds ${other}, not the rows above it in its own column (${rangeA1(first, c.col, last, c.col)}): a total in the ${name} row adds its own column. Check the cells it refers to.`,
      );
      continue;
    }
    if (!enabled('formula-sum-range')) continue;
    const within = (r: number) => ownColumn.some((ref) => ref.top <= r && ref.bottom >= r);
    const left = parts.filter((r) => !within(r) && classify(ctx.cell(r, c.col), ctx.annotations) === V.number);
    if (left.length === 0) continue;
    report(
      'formula-sum-range',
      c.col,
      `${c.text} in the ${name} row leaves out ${left.map((r) => `${labelOf(r) || 'a row'} (${a1(r, c.col)})`).join(', ')}, which ${left.length > 1 ? 'have figures' : 'has a figure'}: the range should take ${left.length > 1 ? 'them' : 'it'} in.`,
    );
  }

  // A number typed where most of the row's totals are sums: it stops following its column.
  if (!enabled('formula-constant') || sums.length < 2 || typed.length > sums.length) return;
  // The example shown is a sum of its own column, one not reported if there is one.
  const own = sums.filter((c) => c.references.some((r) => overParts(r) && r.left <= c.col && r.right >= c.col));
  const example = own.find((c) => !scope.reported.has(key(c.col))) ?? own[0] ?? sums[0];
  for (const c of typed) {
    // A column of formulas is formula-constant's own ground (formulas.ts): not reported twice.
    if (scope.reported.has(key(c.col)) || formulasInColumn(ctx, c.col) >= 3) continue;
    report(
      'formula-constant',
      c.col,
      `${textIn(ctx.cell(row, c.col))} is typed as a number where the other totals of the ${name} row hold sums of their columns (${example.text} in ${a1(row, example.col)}): enter the formula, or say in the commentary why it is typed.`,
    );
  }
}

/** The formulas among a column's indicator rows, counted up to three. */
function formulasInColumn(ctx: GridContext, col: number): number {
  let n = 0;
  for (const row of ctx.grid.indicatorRows) {
    const f = formulaOrNumberAt(ctx.sheet, row, col);
    if (typeof f === 'string' && ++n >= 3) break;
  }
  return n;
}
