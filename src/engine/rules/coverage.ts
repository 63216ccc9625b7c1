import { grouped } from '../format';
import type { RuleInfo } from '../model/finding';
import type { Grid, GridCoverage } from '../model/grid';
import type { SheetModel } from '../model/sheet';
import { cellAt } from '../model/sheet';
import { columnLetters } from '../model/address';
import type { SingleRole } from '../model/roles';
import { classify, V, type AnnotationSet } from '../values';
import { collapseSpaces } from '../text';
import { readStatus } from './status-words';
import type { Emit, GridContext, RuleFamily } from './types';

/**
 * Coverage: which columns a check understood, and how many figure cells it checked. A
 * return is never called clean when its figures were not read: the result says how many
 * were not, and `figures-not-checked` asks the compiler to map the columns.
 */

/** Roles whose cells are an indicator's own figures (what it reports). */
const VALUE_ROLES: readonly SingleRole[] = [
  'latest',
  'previousPeriod',
  'ytd',
  'previousYear',
  'result',
  'numerator',
  'denominator',
  'change',
  'percentChange',
  'comparator',
];
/** Roles whose cells are figures it is judged against. */
const STANDARD_ROLES: readonly SingleRole[] = ['target', 'floor', 'upperThreshold', 'lowerThreshold'];

const rules: RuleInfo[] = [
  {
    id: 'figures-not-checked',
    dimension: 'completeness',
    severity: 'warning',
    title: 'Figures not checked',
    description:
      "Indicators of the grid have figures only in columns Outturn could not place (headings it does not know), so none of their figures, nor the statuses that judge them, were checked. One warning a grid, on the first such column's heading, naming every such column and the `columns` entry of the configuration that maps them (to a role such as `latest`, or to `body` for one column per organisation, or to `ignore`). Acknowledge it with a reason to sign anyway.",
    example:
      'The figures of 14 indicators were not checked: Outturn could not place the columns `Outturn so far` (D). Map them in the configuration: "columns": { "Outturn so far": "latest" }.',
  },
];

/** The columns of a grid the rules read as figures: every period, value, standard and body column. */
export function checkedFigureColumns(grid: Grid): { value: number[]; standard: number[] } {
  const value = grid.periods.map((p) => p.col);
  for (const r of VALUE_ROLES) if (grid.columns[r] !== undefined) value.push(grid.columns[r]!);
  for (const b of grid.bodies ?? []) value.push(b.col);
  if (grid.bodyTotal) value.push(grid.bodyTotal.col);
  const standard: number[] = [];
  for (const r of STANDARD_ROLES) if (grid.columns[r] !== undefined) standard.push(grid.columns[r]!);
  return { value, standard };
}

interface Worked {
  coverage: GridCoverage;
  /** Rows with unchecked figures and no figure of their own read (a standard alone does not count). */
  unreadRows: number;
  uncheckedCols: number[];
}

const memo = new WeakMap<Grid, Worked>();

function filled(cls: number): boolean {
  return cls !== V.empty && cls !== V.annotation;
}

/** Whether a figure cell is filled (not empty, not an annotation), asking a store for the kind first: no Cell is built for a number. */
function filledAt(sheet: SheetModel, row: number, col: number, annotations: AnnotationSet): boolean {
  const store = sheet.store;
  if (store) {
    const kind = store.kindAt(row - sheet.top, col - sheet.left);
    if (kind === 'empty') return false;
    if (kind === 'number') return true;
  }
  return filled(classify(cellAt(sheet, row, col), annotations));
}

function work(sheet: SheetModel, grid: Grid, annotations: AnnotationSet): Worked {
  const known = memo.get(grid);
  if (known) return known;
  const { value, standard } = checkedFigureColumns(grid);
  const valueSet = new Set(value);
  const checked = [...new Set([...value, ...standard])];
  const rows = grid.indicatorRows;
  const unrecognised = grid.unrecognisedColumns ?? [];

  // What each unrecognised column holds, judged over all the grid's rows.
  const uncheckedFigures: number[] = [];
  const unchecked: GridCoverage['unchecked'] = [];
  for (const col of unrecognised) {
    let numbers = 0;
    let statuses = 0;
    let other = 0;
    const header = grid.headers[col] ?? '';
    for (const row of rows) {
      const c = cellAt(sheet, row, col);
      const cls = classify(c, annotations);
      if (!filled(cls)) continue;
      if (cls === V.number || cls === V.textNumber) numbers++;
      else if (c.kind === 'text' && readStatus(c.value as string, header, new Map())) statuses++;
      else other++;
    }
    if (numbers > 0 && numbers >= (statuses + other) * 2) {
      uncheckedFigures.push(col);
      unchecked.push({ column: columnLetters(col), header, holds: 'figures', cells: 0 });
    } else if (statuses > 0 && statuses >= other) {
      unchecked.push({ column: columnLetters(col), header, holds: 'status', cells: statuses });
    }
  }

  let figureCells = 0;
  let checkedCells = 0;
  let indicatorsUnchecked = 0;
  let unreadRows = 0;
  const uncheckedCount = new Map<number, number>();
  for (const row of rows) {
    let ownRead = 0;
    for (const col of checked) {
      if (!filledAt(sheet, row, col, annotations)) continue;
      figureCells++;
      checkedCells++;
      if (valueSet.has(col)) ownRead++;
    }
    let notRead = 0;
    for (const col of uncheckedFigures) {
      if (!filledAt(sheet, row, col, annotations)) continue;
      figureCells++;
      notRead++;
      uncheckedCount.set(col, (uncheckedCount.get(col) ?? 0) + 1);
    }
    if (notRead > 0) {
      indicatorsUnchecked++;
      if (ownRead === 0) unreadRows++;
    }
  }
  for (const u of unchecked) if (u.holds === 'figures') u.cells = uncheckedCount.get(columnIndexOf(u.column)) ?? 0;

  const coverage: GridCoverage = {
    figureCells,
    checkedCells,
    uncheckedCells: figureCells - checkedCells,
    indicators: rows.length,
    indicatorsUnchecked,
    understood: understoodColumns(grid),
    unchecked,
  };
  const worked = { coverage, unreadRows, uncheckedCols: uncheckedFigures };
  memo.set(grid, worked);
  return worked;
}

function columnIndexOf(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Every column the check understood, left to right, with what it was read as. */
function understoodColumns(grid: Grid): GridCoverage['understood'] {
  const as = new Map<number, string>();
  for (const [role, col] of Object.entries(grid.columns)) if (col !== undefined) as.set(col, role);
  for (const p of grid.periods) as.set(p.col, `period ${p.label}`);
  for (const t of grid.periodTargets ?? []) if (!as.has(t.col)) as.set(t.col, `target ${t.label}`);
  for (const b of grid.bodies ?? []) {
    as.set(b.col, `body ${b.label}`);
    if (b.status !== undefined) as.set(b.status, `status of ${b.label}`);
  }
  if (grid.bodyTotal) as.set(grid.bodyTotal.col, grid.bodyTotal.kind === 'total' ? 'total of the bodies' : 'average');
  return [...as.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([col, what]) => ({ column: columnLetters(col), header: grid.headers[col] ?? '', as: what }));
}

/** A grid's coverage: worked out once, for the rule and for the report. */
export function gridCoverage(sheet: SheetModel, grid: Grid, annotations: AnnotationSet): GridCoverage {
  return work(sheet, grid, annotations).coverage;
}

/** The role a column's figures most likely have, for the suggested mapping (the CLI's entry and the pane's dropdowns). */
export function suggestedRole(grid: Grid, cols: readonly number[]): string {
  const hasCurrent = grid.periods.length > 0 || grid.columns.latest !== undefined || grid.columns.result !== undefined;
  // Three or more columns of figures side by side, and no current value: one column per body.
  return cols.length >= 3 && !hasCurrent ? 'body' : 'latest';
}

/** The `columns` entry of the configuration that maps these columns: exact JSON, to paste into --config. */
export function columnsEntry(grid: Grid, cols: readonly number[]): string {
  const role = suggestedRole(grid, cols);
  const entries = cols.map((col, i) => {
    const header = collapseSpaces(grid.headers[col] ?? '') || columnLetters(col);
    // One current value: the first column; the rest are left for the compiler to say (ignore them if they are not figures).
    const r = role === 'latest' && i > 0 ? 'ignore' : role;
    return `${JSON.stringify(header)}: ${JSON.stringify(r)}`;
  });
  return `"columns": { ${entries.join(', ')} }`;
}

function check(ctx: GridContext, emit: Emit, enabled: (rule: string) => boolean): void {
  if (!enabled('figures-not-checked')) return;
  const w = work(ctx.sheet, ctx.grid, ctx.annotations);
  if (w.unreadRows === 0 || w.uncheckedCols.length === 0) return;
  const grid = ctx.grid;
  const cols = w.uncheckedCols;
  const named = cols
    .map((c) => `\`${collapseSpaces(grid.headers[c] ?? '') || '(no heading)'}\` (${columnLetters(c)})`)
    .join(', ');
  const n = w.coverage.indicatorsUnchecked;
  emit(
    'figures-not-checked',
    grid.headerRow,
    cols[0],
    null,
    `The figures of ${n} ${n === 1 ? 'indicator were' : 'indicators were'} not checked: Outturn could not place the ${cols.length === 1 ? 'column' : 'columns'} ${named}. Map them in the configuration: ${columnsEntry(grid, cols)}.`,
  );
}

export const coverageRules: RuleFamily = { rules, check };

/** Coverage over every grid of a check: what the result line and the summaries say. */
export interface CoverageTotals {
  figureCells: number;
  checkedCells: number;
  uncheckedCells: number;
  /** Indicators with at least one figure that was not checked. */
  indicatorsUnchecked: number;
  /** Checked cells as a share of figure cells, 0–1 (1 where there are no figure cells). */
  share: number;
}

export function coverageTotals(grids: readonly GridCoverage[]): CoverageTotals {
  const t = { figureCells: 0, checkedCells: 0, uncheckedCells: 0, indicatorsUnchecked: 0, share: 1 };
  for (const g of grids) {
    t.figureCells += g.figureCells;
    t.checkedCells += g.checkedCells;
    t.uncheckedCells += g.uncheckedCells;
    t.indicatorsUnchecked += g.indicatorsUnchecked;
  }
  t.share = t.figureCells === 0 ? 1 : t.checkedCells / t.figureCells;
  return t;
}

const plural = (n: number, one: string, many = `${one}s`) => `${grouped(n)} ${n === 1 ? one : many}`;

/**
 * What the result line adds when figures were left unchecked, in the same words
 * everywhere (CLI, HTML, pane, ribbon): "but the figures of 14 indicators were not
 * checked: map the columns". Empty when every figure was checked.
 */
export function uncheckedSentence(
  t: Pick<CoverageTotals, 'uncheckedCells' | 'indicatorsUnchecked'> | undefined,
): string {
  if (!t || t.uncheckedCells === 0) return '';
  return `but the figures of ${plural(t.indicatorsUnchecked, 'indicator')} were not checked: map the columns`;
}

/** "Coverage: 412 of 420 figure cells checked (98.1 %)": always stated. */
export function coverageLine(t: CoverageTotals | undefined): string {
  if (!t) return '';
  if (t.figureCells === 0) return 'Coverage: no figure cells found';
  const pct =
    t.checkedCells === t.figureCells ? '100' : (Math.floor((t.checkedCells / t.figureCells) * 1000) / 10).toFixed(1);
  return `Coverage: ${grouped(t.checkedCells)} of ${plural(t.figureCells, 'figure cell')} checked (${pct} %)`;
}
