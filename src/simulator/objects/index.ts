/* The simulated Office.js object model. Each proxy resolves against the workbook state at sync time. */

export { SimEventHandlerResult, SimEventSource } from './events';
export { ConditionalFormatProxy, ConditionalFormatCollectionProxy } from './conditional-formats';
export { DataValidationProxy } from './data-validation';
export { TableProxy, TableCollectionProxy } from './tables';
export { RangeProxy } from './range';
export { RangeAreasProxy } from './range-areas';
export { MAX_GET_RANGES_CHARS, WorksheetProxy, WorksheetCollectionProxy } from './worksheet';
export { NamedItemProxy, NamedItemCollectionProxy } from './names';
export { ApplicationProxy, WorkbookProxy, newContext } from './workbook';
export { newId } from '../state';
