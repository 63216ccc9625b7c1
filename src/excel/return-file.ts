/**
 * A return chosen as a file in the pane (the previous month's or quarter's .xlsx), read in
 * the browser with Outturn's own reader (src/workbook/xlsx, the one the command line uses):
 * its bytes never leave the machine. The sheets the checks read, and its audit trail.
 */
import type { SheetModel } from '../engine/model/sheet';
import type { LoadedTrail } from '../signoff/trail';
import { isInternalSheet } from '../workbook/settings';
import { readXlsx, XlsxProblem } from '../workbook/xlsx/read';
import { isStorageSheet, trailOf } from '../workbook/xlsx/storage';

export interface ReturnFile {
  sheets: SheetModel[];
  /** Every worksheet's name, in workbook order. */
  sheetNames: string[];
  trail: LoadedTrail | null;
}

/** Why a chosen file cannot be read, as a sentence for the pane. */
export class ReturnFileError extends Error {}

export function readReturnFile(name: string, bytes: Uint8Array): ReturnFile {
  if (!/\.xlsx$/i.test(name))
    throw new ReturnFileError(`'${name}' is not an .xlsx workbook: choose the .xlsx file of the previous return.`);
  let book;
  try {
    book = readXlsx(bytes, { wanted: (ws) => !isInternalSheet(ws) || isStorageSheet(ws) });
  } catch (err) {
    if (err instanceof XlsxProblem) throw new ReturnFileError(`'${name}' could not be read: ${err.message}.`);
    throw new ReturnFileError(`'${name}' could not be read as an Excel workbook.`);
  }
  const sheets: SheetModel[] = [];
  for (const ws of book.sheets) {
    const model = book.models.get(ws.name);
    if (model && !isInternalSheet(ws)) sheets.push(model);
  }
  let trail: LoadedTrail | null;
  try {
    trail = trailOf(book);
  } catch {
    trail = null;
  }
  return { sheets, sheetNames: book.sheets.filter((w) => w.kind === 'worksheet').map((w) => w.name), trail };
}
