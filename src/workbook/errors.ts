/**
 * A workbook file that cannot be used, with the reason in words a compiler understands.
 * `userMessage` is the whole line the command prints: "cannot read 'q1.xlsx': the file is empty".
 */
export class WorkbookReadError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`cannot read '${file}': ${reason}`);
    this.name = 'WorkbookReadError';
  }

  get userMessage(): string {
    return this.message;
  }
}

/** Reasons, kept together so the wording stays consistent across commands. */
export const REASONS = {
  missing: 'no such file',
  folder: 'it is a folder, not a file',
  empty: 'the file is empty',
  encrypted: 'the file is password-protected (encrypted); save an unprotected copy and try again',
  legacyXls: 'it is an old-style .xls workbook; open it in Excel, save it as .xlsx and try again',
  xlsb: 'it is a binary .xlsb workbook; save it as .xlsx (Excel Workbook) and try again',
  pdf: 'it is a PDF, not a spreadsheet',
  notSpreadsheet: 'it is not an Excel workbook (.xlsx) or a CSV file',
  zipNotWorkbook: 'it is a zip archive but not an Excel workbook (no xl/workbook.xml inside)',
  damagedZip: 'the file is damaged (an incomplete or corrupt .xlsx archive); save it again from Excel and try again',
  noPermission: 'permission denied',
} as const;

/** A file the command was asked to write and could not (or must not). */
export class WorkbookWriteError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`cannot write '${file}': ${reason}`);
    this.name = 'WorkbookWriteError';
  }

  get userMessage(): string {
    return this.message;
  }
}
