import type { SheetModel } from './model/sheet';
import type { Grid, GridSummary } from './model/grid';
import type { Finding, FindingSummary } from './model/finding';
import type { OutturnConfig } from './model/config';

export interface CheckOptions {
  /** Only this sheet (by name, case-insensitive). */
  sheet?: string;
  /** 'YYYY-MM-DD' standing in for today when config.asOf is not set (tests, the CLI's clock). */
  today: string;
}

export interface CheckResult {
  /** Every grid found, in sheet order. */
  grids: Grid[];
  /** JSON-ready summaries of those grids. */
  gridSummaries: GridSummary[];
  /** Sorted by sheet, then row, then column, then rule. */
  findings: Finding[];
  summary: FindingSummary;
  /** Number of indicator rows checked. */
  indicators: number;
  /** Plain sentences about what could not be checked ("No metric collection grid found on sheet 'Notes'."). */
  notices: string[];
  /** Period, as-of date and deadline the timeliness rules used, as resolved. */
  timeline: { period?: string; asOf: string; deadline?: string };
}

/** Find every metric collection grid on the sheets and check it with the configured rule set. */
export function checkWorkbook(sheets: SheetModel[], config: OutturnConfig, options: CheckOptions): CheckResult {
  void sheets; void config; void options;
  throw new Error('checkWorkbook: not implemented yet');
}
