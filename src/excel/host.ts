import type { SheetModel } from '../engine/model/sheet';
import type { Finding } from '../engine/model/finding';
import type { OwnSheetChange } from './own-sheet-events';

/** Where the task pane reads the grid from. */
/** 'workbook' reads every visible worksheet (the engine skips Outturn's own storage sheets). */
export type ReadScope = 'sheet' | 'selection' | 'table' | 'workbook';

export interface ReadResult {
  /** The sheet(s) read, as the engine's model (usually one: the active sheet). */
  sheets: SheetModel[];
  /** Findings Excel itself knows of: cells that break the workbook's own data-validation rules. */
  validationFindings: Finding[];
  /** Plain sentences for the pane (e.g. "The sheet is protected: marks could not be added."). */
  notices: string[];
  /** Which of `notices` (by index) say a sheet is protected, so a caller whose marking failed on it need not say it twice. */
  protectedNotices?: number[];
}

/**
 * What the task pane needs from a workbook. The Office.js implementation lives in
 * src/excel (the only code that calls Office.js); the workbench and tests run the same
 * implementation against the simulator in src/simulator.
 */
export interface WorkbookHost {
  read(scope: ReadScope): Promise<ReadResult>;
  /** Replace this add-in's marks with marks for these findings (one round trip for the write). */
  mark(findings: Finding[]): Promise<void>;
  /** Remove exactly the marks this add-in added; returns how many were removed. */
  clearMarks(): Promise<number>;
  /** Activate the sheet and select the cell. */
  select(sheet: string, address: string): Promise<void>;
  /** The rule configuration stored in the workbook (unvalidated JSON), or null. */
  loadSettings(): Promise<unknown | null>;
  saveSettings(settings: unknown): Promise<void>;
  /** Called (debounced by the caller) when cell values change, saying whether a co-author changed them; returns an unsubscribe function. */
  onChanged(listener: (change: { remote: boolean }) => void): Promise<() => void>;
  /** Called when Outturn's own sheets (trail, settings) change by anyone but this add-in (./own-sheet-events.ts). */
  onOwnSheetsChanged?(listener: (change: OwnSheetChange) => void): Promise<() => void>;
}
