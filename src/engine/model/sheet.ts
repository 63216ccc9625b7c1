import { Cell, EMPTY_CELL } from './cell';

/**
 * One worksheet as read by an adapter: a rectangle of cells whose top-left corner is at
 * (top, left) on the sheet (0-based), e.g. the used range of an Office.js worksheet.
 * Rows may be ragged or sparse; a missing cell is empty.
 */
export interface SheetModel {
  name: string;
  top: number;
  left: number;
  cells: (Cell | undefined)[][];
  /**
   * Merged areas as A1 ranges ('X6:X11'), where the adapter knows them. Only the top-left
   * cell of a merged area holds a value; the engine reads an officer's name or a date
   * merged down a block as belonging to every row of it.
   */
  merged?: string[];
}

/** The cell at an absolute 0-based (row, col) on the sheet. */
export function cellAt(sheet: SheetModel, row: number, col: number): Cell {
  const r = sheet.cells[row - sheet.top];
  return (r && r[col - sheet.left]) || EMPTY_CELL;
}

/** Absolute index of the last row / column the model holds (top/left - 1 when empty). */
export function sheetBottom(sheet: SheetModel): number {
  return sheet.top + sheet.cells.length - 1;
}

export function sheetRight(sheet: SheetModel): number {
  let w = 0;
  for (const r of sheet.cells) if (r && r.length > w) w = r.length;
  return sheet.left + w - 1;
}
