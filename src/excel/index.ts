/** The Office.js adapter: the only code that calls Office.js. */
export { createOfficeHost } from './office-host';
export type { OfficeHostOptions } from './office-host';
export type { WorkbookHost, ReadResult, ReadScope } from './host';
export { OutturnHostError } from './errors';
export { MARK_FORMULA, MARK_LOOK, isOutturnMark } from '../engine/mark-convention';
export { planMarks } from './marks';
export { SETTINGS_SHEET } from '../engine/own-sheets';
export { VALIDATION_RULE_ID, withIndicatorRefs } from './validation-findings';
export { supportsExcelApi, MIN_EXCEL_API } from './requirements';
