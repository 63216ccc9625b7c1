/**
 * The engine's public face: pure TypeScript, no Office.js, DOM or Node imports.
 * Adapters turn a workbook into SheetModels; checkWorkbook finds the grids and checks them.
 */
export * from './model';
export { checkWorkbook, gridSummary } from './check';
export { isOwnSheet, SETTINGS_SHEET, TRAIL_SHEET } from './own-sheets';
export type { CheckOptions, CheckResult, SignoffState } from './check';
export { RULES, RULES_BY_ID } from './rules';
export { discoverGrids, periodFromTitle } from './discovery';
export { addWorkingDays, bankHolidays, deadlineFor, isWorkingDay, periodEnd, workingDaysBetween } from './calendar';
export { formatNumber, ukDate } from './format';
export { normaliseHeader, normaliseName } from './text';
