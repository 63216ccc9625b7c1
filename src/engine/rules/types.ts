import type { Cell } from '../model/cell';
import type { SheetModel } from '../model/sheet';
import type { Grid } from '../model/grid';
import type { OutturnConfig } from '../model/config';
import type { RuleInfo } from '../model/finding';
import type { AnnotationSet } from '../values';
import type { Measure, MeasureWords } from './measure';

export type Polarity = 'higher' | 'lower';
export type Rag = 'GREEN' | 'AMBER' | 'RED';

/** The sign-off state, from callers that know the trail (the task pane, `outturn check` on a workbook with a trail). */
export interface SignoffState {
  complete: boolean;
  /** Roles still to sign, in words ('responsible officer', 'head of service'). */
  outstandingRoles: string[];
}

export interface Timeline {
  period?: string;
  asOf: string;
  deadline?: string;
}

/** A column that holds a figure, with the words the grid uses for it. */
export interface ValueColumn {
  col: number;
  label: string;
}

/** What the rules know about one indicator row: figures and flags read once, texts read from the sheet when asked. */
export interface RowFacts {
  row: number;
  ref: string | null;
  description: string;
  /** Key indicator (or every indicator, when the grid has no key column). */
  key: boolean;
  polarity: Polarity | null;
  /** Where the polarity came from, for messages. */
  polaritySource: 'column' | 'target-floor' | null;
  currentCell: Cell;
  current: number | null;
  previousCell: Cell | null;
  previous: number | null;
  targetCell: Cell;
  target: number | null;
  floorCell: Cell;
  floor: number | null;
  /** The indicator is a percentage (its value or target is formatted with %). */
  percent: boolean;
  /** What the kind of measure is decided from (src/engine/rules/measure.ts); see measureOf, which decides it once, when first asked. */
  measureWords: MeasureWords;
  measureCache?: Measure;
  cumulative: boolean;
  frequency: 'monthly' | 'quarterly' | 'annual';
  /** The current value and the target are on different scales (97 against 95 %): nothing is recomputed from them. */
  scaleTrouble: boolean;
  /** Robust z-score of the current value against this year's earlier periods; worked out once, when first asked (null: not enough history). */
  outlierZ: number | null | undefined;
}

export interface GridContext {
  sheet: SheetModel;
  grid: Grid;
  config: OutturnConfig;
  annotations: AnnotationSet;
  timeline: Timeline;
  /** The column holding the current value (the current period, Latest Month, Result or YTD), or null. */
  current: ValueColumn | null;
  /** The column holding the period before it, or null when the grid has none. */
  previous: ValueColumn | null;
  /** For grids with period columns: position of the current period among them (index into grid.periods), else -1. */
  currentPeriodPos: number;
  /** The indicator rows in sheet order, for `for (const facts of ctx.rows)`: views handed out a step at a time, not an array. */
  rows: Iterable<RowFacts> & { readonly length: number };
  cell(row: number, col: number): Cell;
  /** The cell as Excel shows it: inside a merged area, the area's top-left cell. */
  shown(row: number, col: number): Cell;
  /*
   * The readings below answer what a rule asks of every figure cell of a grid without
   * building the cell (a large return's store holds no Cell objects): the same answers as
   * reading `cell`, at a fraction of the cost (docs/BENCHMARKS.md, issue #22).
   */
  /** numberIn(cell(row, col)): the figure, a number typed as text parsed, else null. */
  numberAt(row: number, col: number): number | null;
  /** The number a number cell holds (NaN for any other cell): a figure's fast path. */
  figureAt(row: number, col: number): number;
  /** cell(row, col).format. */
  formatAt(row: number, col: number): string;
  /** isBlank(cell(row, col)): empty, or text of spaces only. */
  blank(row: number, col: number): boolean;
  /** isBlank(shown(row, col)). */
  blankShown(row: number, col: number): boolean;
}

export type Emit = (rule: string, row: number, col: number | null, ref: string | null, message: string) => void;

/** A rule family: the rules it reports and one pass over a grid that reports them. */
export interface RuleFamily {
  rules: readonly RuleInfo[];
  check(ctx: GridContext, emit: Emit, enabled: (rule: string) => boolean): void;
}
