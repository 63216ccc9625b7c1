import { HOSTS_WITH_MIN_API, MIN_EXCEL_API } from './requirements';

/**
 * The one error the Office.js adapter throws: `userMessage` is a plain sentence the
 * task pane shows as it is; `code` is the Office error code behind it, when there was one.
 */
export class OutturnHostError extends Error {
  readonly userMessage: string;
  readonly code: string | null;
  constructor(userMessage: string, code: string | null = null, options?: { cause?: unknown }) {
    super(userMessage);
    this.name = 'OutturnHostError';
    this.userMessage = userMessage;
    this.code = code;
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** The `code` of an OfficeExtension.Error (or anything shaped like one). */
export function officeCode(e: unknown): string | null {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string')
    return (e as { code: string }).code;
  return null;
}

const PAYLOAD_CODES = new Set([
  'RequestPayloadSizeLimitExceeded',
  'ResponsePayloadSizeLimitExceeded',
  'RangeExceedsLimit',
]);

/** True for the errors Excel gives when one request or response is too large: split and try again. */
export function isPayloadLimit(e: unknown): boolean {
  const c = officeCode(e);
  return c !== null && PAYLOAD_CODES.has(c);
}

/**
 * Turn whatever Excel threw into an OutturnHostError with a sentence a compiler can act
 * on. `doing` completes "Outturn could not …" ("read the sheet", "mark the cells").
 */
export function toHostError(e: unknown, doing: string): OutturnHostError {
  if (e instanceof OutturnHostError) return e;
  const code = officeCode(e);
  switch (code) {
    case 'AccessDenied':
      return new OutturnHostError(
        `Outturn could not ${doing}: the sheet or workbook is protected. Unprotect it (Review > Unprotect Sheet) and try again.`,
        code,
        { cause: e },
      );
    case 'InvalidOperationInCellEditMode':
      return new OutturnHostError(
        `Outturn could not ${doing} while a cell is being edited. Press Enter or Esc to finish editing the cell, then try again.`,
        code,
        { cause: e },
      );
    case 'UnsupportedSheet':
      return new OutturnHostError(
        `Outturn could not ${doing}: the active sheet is not a worksheet (a chart sheet?). Select the worksheet that holds the grid and try again.`,
        code,
        { cause: e },
      );
    case 'InvalidSelection':
      return new OutturnHostError(
        `Outturn could not ${doing}: select one block of cells (not several separate ones) and try again.`,
        code,
        { cause: e },
      );
    case 'ItemNotFound':
      return new OutturnHostError(
        `Outturn could not ${doing}: a sheet or range it expected is no longer there (renamed or deleted?). Press Check again.`,
        code,
        { cause: e },
      );
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
    case 'RangeExceedsLimit':
      return new OutturnHostError(
        `Outturn could not ${doing}: the sheet is too large for one request to Excel even in small blocks. Select the grid itself and check the selection.`,
        code,
        { cause: e },
      );
    case 'ApiNotFound':
      return new OutturnHostError(
        `Outturn could not ${doing}: this version of Excel lacks a feature it needs (Excel API ${MIN_EXCEL_API}). Use ${HOSTS_WITH_MIN_API}.`,
        code,
        { cause: e },
      );
    case 'Conflict':
      return new OutturnHostError(
        `Outturn could not ${doing}: someone else changed the workbook at the same moment. Try again.`,
        code,
        { cause: e },
      );
    default:
      return new OutturnHostError(
        code
          ? `Outturn could not ${doing}: Excel reported "${code}". Try again; if it persists, save the workbook and reopen it.`
          : `Outturn could not ${doing}: ${e instanceof Error ? e.message : String(e)}`,
        code,
        { cause: e },
      );
  }
}
