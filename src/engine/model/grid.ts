import type { SingleRole } from './roles';

/** One period column (a month, a quarter or a financial year) of a grid, in time order. */
export interface PeriodColumn {
  col: number;
  /** The header as written, e.g. 'Apr', 'April 2017', 'Q1', '2015/16', 'Q1 2014/15'. */
  label: string;
  kind: 'month' | 'quarter' | 'year';
  /** Position in the reporting year: months 0 = April … 11 = March; quarters 0 = Q1 (Apr–Jun) … 3; years 0. */
  index: number;
  /**
   * The financial year the period falls in, by its first calendar year (2014 for 2014/15),
   * when the header says it ('Q1 2014/15', 'Apr-17', '2015/16'). Periods of several years
   * in one grid are ordered by it.
   */
  year?: number;
}

/** One body's figure column (a station, district, landlord or family-group member), with its own status column when it has one. */
export interface BodyColumn {
  col: number;
  /** The heading as written: the body's name. */
  label: string;
  /** The column beside it that says whether this body met the target ('Target met?'). */
  status?: number;
}

/** A column over the bodies: their total (the sum, for counts; between them, for rates) or their average (between them). */
export interface BodyTotal {
  col: number;
  kind: 'total' | 'average';
}

/**
 * A metric collection grid found on a sheet: where it is, what each column means and
 * which rows are indicators. All row/column numbers are absolute and 0-based.
 */
export interface Grid {
  sheet: string;
  headerRow: number;
  /** Rows and columns the grid spans, header row included. */
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** Header text by absolute column, as written (line breaks collapsed to spaces). */
  headers: Record<number, string>;
  /** Columns by role (absolute column index). */
  columns: Partial<Record<SingleRole, number>>;
  /** Period columns in reporting-year order. */
  periods: PeriodColumn[];
  /** Absolute row indices of indicator rows (banner, blank and repeated header rows excluded). */
  indicatorRows: number[];
  /** Title lines above the grid (e.g. 'Results up to July 2017'), nearest last. */
  titles: string[];
  /** Reporting period read from a title, 'YYYY-MM', when one says so. */
  periodFromTitle?: string;
  /** How the mapping was decided for each mapped column: detected from the header, or set by the configuration. */
  mappingSource: Record<number, 'detected' | 'configured'>;
  /**
   * Targets labelled by period ('Q2 Target', 'Target 2017/18', a 'Target' group over
   * 'Q1 … Q4'), in time order. Where the header gives no plain Target, the check uses the
   * one for the current period (columns.target is then set to it).
   */
  periodTargets?: PeriodColumn[];
  /**
   * Absolute columns that have a header but map to no role (and are not ignored by the
   * configuration), left to right. Always set by discovery; optional only so that grids
   * built by hand (tests, older callers) need not name it.
   */
  unrecognisedColumns?: number[];
  /** Figures by body, where the grid's figure columns are bodies rather than periods (discovery/bodies.ts). */
  bodies?: BodyColumn[];
  bodyTotal?: BodyTotal;
}

/** The JSON shape of a grid in `outturn check --format json` and in the task pane summary. */
export interface GridSummary {
  sheet: string;
  /** A1 range, e.g. 'A3:T40'. */
  range: string;
  /** 1-based header row number, as Excel shows it. */
  headerRow: number;
  /** Role to column letter; period columns as 'period:<label>'. */
  columns: Record<string, string>;
  indicators: number;
  /** Columns with a header that maps to no role, e.g. [{ column: 'F', header: 'Value' }]: what was not understood. Always set by gridSummary. */
  unrecognised?: { column: string; header: string }[];
}

/** Which columns a check understood, and how many figure cells it checked and did not. */
export interface GridCoverage {
  /** Figure cells of the indicator rows: filled cells of every column holding figures, read or not. */
  figureCells: number;
  /** Of them, those in a column the rules read (checked by at least one rule). */
  checkedCells: number;
  uncheckedCells: number;
  indicators: number;
  /** Indicators with at least one figure that was not checked. */
  indicatorsUnchecked: number;
  /** Columns understood, left to right: letter, heading and what it was read as ('target', 'period Q1', 'body Rugby'). */
  understood: { column: string; header: string; as: string }[];
  /** Columns holding figures or statuses that were not read, with how many filled cells each has. */
  unchecked: { column: string; header: string; holds: 'figures' | 'status'; cells: number }[];
}
