import type { SingleRole } from './roles';

/** One period column (a month or a quarter) of a grid, in reporting-year order. */
export interface PeriodColumn {
  col: number;
  /** The header as written, e.g. 'Apr', 'April 2017', 'Q1'. */
  label: string;
  kind: 'month' | 'quarter';
  /** Position in the reporting year: months 0 = April … 11 = March; quarters 0 = Q1 (Apr–Jun) … 3. */
  index: number;
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
}
