/**
 * The engine's public face: pure TypeScript, no Office.js, DOM or Node imports.
 * Adapters turn a workbook into SheetModels; checkWorkbook finds the grids and checks them.
 */
export * from './model';
export { checkWorkbook } from './check';
export type { CheckOptions, CheckResult } from './check';
