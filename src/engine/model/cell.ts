/**
 * The engine's view of one worksheet cell: what Excel keeps, no more.
 * Both adapters (Office.js in src/excel, ExcelJS in src/workbook) produce these,
 * so the engine never knows which one read the workbook.
 */
export type CellKind = 'number' | 'text' | 'boolean' | 'date' | 'error' | 'empty';

export interface Cell {
  kind: CellKind;
  /**
   * number for numbers and dates (dates as Excel serial numbers, 1900 date system),
   * string for text and for error values (the code, e.g. '#DIV/0!'),
   * boolean for booleans, null when empty.
   */
  value: number | string | boolean | null;
  /** Excel number format code, 'General' when none. */
  format: string;
  /** True when the cell holds a formula (value is then its cached result). */
  formula: boolean;
  /**
   * The formula as written ('=B7/C7'), when the reader knows it. The sign-off fingerprint
   * covers it, so a figure replaced by a formula whose cached result is unchanged still
   * makes a signature stale.
   */
  formulaText?: string;
}

export const EMPTY_CELL: Cell = Object.freeze({
  kind: 'empty',
  value: null,
  format: 'General',
  formula: false,
}) as Cell;

const ERROR_CODES = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BUSY!',
  '#BLOCKED!',
  '#CONNECT!',
  '#UNKNOWN!',
]);

export function isErrorCode(text: string): boolean {
  return ERROR_CODES.has(text.toUpperCase());
}

/** Strip quoted literals, escapes and colour/condition sections so only the format tokens remain. */
function formatTokens(format: string): string {
  return format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
}

/** A number format that shows a percentage ("0%", "0.0%", "0.00%;[Red]-0.00%"). */
export function isPercentFormat(format: string): boolean {
  return formatTokens(format).includes('%');
}

/** A number format that shows a date or time (d, m, y, h, s tokens outside literals). */
export function isDateFormat(format: string): boolean {
  if (!format || format === 'General') return false;
  const t = formatTokens(format.split(';')[0]).toLowerCase();
  return /[dy]/.test(t) || /m{3,}/.test(t) || (/m/.test(t) && /[dyh]/.test(t)) || /h/.test(t);
}

/**
 * Build a Cell from a raw value as an adapter sees it. Numbers with a date format become
 * 'date' cells (value stays the serial number); strings that are Excel error codes
 * become 'error' only when the adapter says so (isError), since text "#N/A" typed by
 * a user is still text in Excel.
 */
export function makeCell(raw: unknown, format = 'General', formula: boolean | string = false, isError = false): Cell {
  const cell = makeCellOf(raw, format || 'General', formula !== false, isError);
  if (typeof formula === 'string' && formula)
    return cell === EMPTY_CELL
      ? { ...EMPTY_CELL, formula: true, formulaText: formula }
      : Object.assign(cell, { formulaText: formula });
  return cell;
}

function makeCellOf(raw: unknown, fmt: string, formula: boolean, isError: boolean): Cell {
  if (raw === null || raw === undefined || raw === '')
    return formula
      ? { kind: 'empty', value: null, format: fmt, formula }
      : fmt === 'General'
        ? EMPTY_CELL
        : { kind: 'empty', value: null, format: fmt, formula };
  if (isError) return { kind: 'error', value: String(raw), format: fmt, formula };
  if (typeof raw === 'number') return { kind: isDateFormat(fmt) ? 'date' : 'number', value: raw, format: fmt, formula };
  if (typeof raw === 'boolean') return { kind: 'boolean', value: raw, format: fmt, formula };
  if (raw instanceof Date) return { kind: 'date', value: dateToSerial(raw), format: fmt, formula };
  return { kind: 'text', value: String(raw), format: fmt, formula };
}

const MS_PER_DAY = 86_400_000;
/** 1899-12-30 is serial 0 in Excel's 1900 date system (which keeps Lotus's 1900 leap-year bug). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/** A JS Date (read as UTC, as ExcelJS returns them) to an Excel serial number. */
export function dateToSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH_UTC) / MS_PER_DAY;
}

/** An Excel serial number to an ISO date 'YYYY-MM-DD' (time of day dropped). */
export function serialToIsoDate(serial: number): string {
  return new Date(EXCEL_EPOCH_UTC + Math.floor(serial) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' to an Excel serial number. */
export function isoDateToSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return (Date.UTC(y, m - 1, d) - EXCEL_EPOCH_UTC) / MS_PER_DAY;
}
