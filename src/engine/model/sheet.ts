import { Cell, EMPTY_CELL, type CellKind } from './cell';
import { CellStore } from './cell-store';
import { isBlank } from '../values';

/**
 * One worksheet as read by an adapter: a rectangle of cells whose top-left corner is at
 * (top, left) on the sheet (0-based), e.g. the used range of an Office.js worksheet.
 * Rows may be ragged or sparse; a missing cell is empty.
 *
 * Small sheets (the Office.js adapter's reads, tests) hold `cells` as arrays of Cells.
 * The file readers hold big sheets in a CellStore (`store`), a few bytes a cell; `cells`
 * of such a sheet is built whole only if something asks for it, which the engine never
 * does: it reads through cellAt, sheetRow, sheetHeight, sheetBottom and sheetRight.
 */
export interface SheetModel {
  name: string;
  top: number;
  left: number;
  cells: (Cell | undefined)[][];
  /** The compact form, when the reader kept one; `cells` is then built from it on demand. */
  store?: CellStore;
  /**
   * Merged areas as A1 ranges ('X6:X11'), where the adapter knows them. Only the top-left
   * cell of a merged area holds a value; the engine reads an officer's name or a date
   * merged down a block as belonging to every row of it.
   */
  merged?: string[];
}

/** A sheet held in a CellStore, with `cells` built (once) only for whoever asks for it. */
export function storeSheet(name: string, store: CellStore, merged?: string[], top = 0, left = 0): SheetModel {
  let rows: (Cell | undefined)[][] | undefined;
  const sheet = { name, top, left } as SheetModel;
  // `cells` stays enumerable (a test comparing two models compares their cells); `store` is
  // not, so a store-backed model equals the same sheet read into arrays.
  Object.defineProperty(sheet, 'cells', { enumerable: true, get: () => (rows ??= store.toRows()) });
  Object.defineProperty(sheet, 'store', { enumerable: false, value: store });
  if (merged && merged.length) sheet.merged = merged;
  return sheet;
}

/** The cell at an absolute 0-based (row, col) on the sheet. */
export function cellAt(sheet: SheetModel, row: number, col: number): Cell {
  if (sheet.store) return sheet.store.cell(row - sheet.top, col - sheet.left) ?? EMPTY_CELL;
  const r = sheet.cells[row - sheet.top];
  return (r && r[col - sheet.left]) || EMPTY_CELL;
}

/**
 * At an absolute (row, col): the formula's text ('' for a formula whose text is unknown), else
 * true for a number typed in, else false. A store answers without building the cell: the
 * formula rules ask it of every figure cell of a grid.
 */
export function formulaOrNumberAt(sheet: SheetModel, row: number, col: number): string | boolean {
  if (sheet.store) return sheet.store.formulaOrNumberAt(row - sheet.top, col - sheet.left);
  const c = cellAt(sheet, row, col);
  if (c.formula) return c.formulaText ?? '';
  return c.kind === 'number';
}

/**
 * The number at an absolute (row, col) when the cell holds a number (classify's V.number),
 * else NaN; a store answers without building the cell. For rules that read a row's figures and
 * nothing else of them (SPC), on every row of a grid.
 */
export function figureAt(sheet: SheetModel, row: number, col: number): number {
  if (sheet.store) return sheet.store.figureAt(row - sheet.top, col - sheet.left);
  const c = cellAt(sheet, row, col);
  return c.kind === 'number' ? (c.value as number) : NaN;
}

/** The kind of the cell at an absolute (row, col); a store answers without building the cell. */
export function kindAt(sheet: SheetModel, row: number, col: number): CellKind {
  if (sheet.store) return sheet.store.kindAt(row - sheet.top, col - sheet.left);
  return cellAt(sheet, row, col).kind;
}

/** isBlank of the cell at an absolute (row, col): empty, or text of spaces only; a store answers without building the cell. */
export function blankAt(sheet: SheetModel, row: number, col: number): boolean {
  if (sheet.store) return sheet.store.blankAt(row - sheet.top, col - sheet.left);
  return isBlank(cellAt(sheet, row, col));
}

/** The number format of the cell at an absolute (row, col); a store answers without building the cell. */
export function formatAt(sheet: SheetModel, row: number, col: number): string {
  if (sheet.store) return sheet.store.formatAt(row - sheet.top, col - sheet.left);
  return cellAt(sheet, row, col).format;
}

/** A cell holding a formula whose text is known, at its absolute (row, col). */
export interface FormulaCellText {
  row: number;
  col: number;
  text: string;
}

const formulaLists = new WeakMap<SheetModel, readonly FormulaCellText[]>();

/**
 * The sheet's cells whose formula text is known, row by row and left to right: what the
 * formula rules start from, so that a grid of 100,000 rows is not asked cell by cell whether
 * each figure is a formula (issue #22's cost). Worked out once a sheet.
 */
export function formulaCellsOf(sheet: SheetModel): readonly FormulaCellText[] {
  const known = formulaLists.get(sheet);
  if (known) return known;
  const out: FormulaCellText[] = [];
  if (sheet.store) {
    for (const f of sheet.store.formulaCells()) out.push({ row: f.r + sheet.top, col: f.c + sheet.left, text: f.text });
  } else {
    sheet.cells.forEach((cells, i) =>
      cells?.forEach((c, j) => {
        if (c?.formula && c.formulaText) out.push({ row: i + sheet.top, col: j + sheet.left, text: c.formulaText });
      }),
    );
  }
  formulaLists.set(sheet, out);
  return out;
}

/** Row i of the model (0-based from the sheet's top) as an array of cells, undefined when it holds none. */
export function sheetRow(sheet: SheetModel, i: number): (Cell | undefined)[] | undefined {
  return sheet.store ? sheet.store.row(i) : sheet.cells[i];
}

/** Rows the model spans from its top. */
export function sheetHeight(sheet: SheetModel): number {
  return sheet.store ? sheet.store.height : sheet.cells.length;
}

/** Absolute index of the last row / column the model holds (top/left - 1 when empty). */
export function sheetBottom(sheet: SheetModel): number {
  return sheet.top + sheetHeight(sheet) - 1;
}

export function sheetRight(sheet: SheetModel): number {
  if (sheet.store) return sheet.left + sheet.store.width - 1;
  let w = 0;
  for (const r of sheet.cells) if (r && r.length > w) w = r.length;
  return sheet.left + w - 1;
}

/** What a row holds, counted: cells with something in them (blank text aside), text cells, number cells. */
export interface RowShape {
  nonEmpty: number;
  text: number;
  numbers: number;
}

/** A row's shape from its cells (the array form's answer, and the store's, are the same). */
export function shapeOfCells(row: readonly (Cell | undefined)[] | undefined): RowShape {
  const s = { nonEmpty: 0, text: 0, numbers: 0 };
  if (!row) return s;
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (!c || c.kind === 'empty') continue;
    if (c.kind === 'text') {
      if ((c.value as string).trim() === '') continue;
      s.text++;
    } else if (c.kind === 'number') s.numbers++;
    s.nonEmpty++;
  }
  return s;
}

/** A sheet's rows, read one at a time: what discovery walks over. */
export interface SheetRows {
  readonly length: number;
  get(i: number): (Cell | undefined)[] | undefined;
  /** Row i's shape: a store answers without building the row, which discovery asks of every row of a grid. */
  shape(i: number): RowShape;
}

/**
 * The rows of a sheet. For a store-backed sheet the last few rows built are kept, since
 * discovery looks at a row, the row below it and back again.
 */
export function sheetRows(sheet: SheetModel): SheetRows {
  const store = sheet.store;
  if (!store) {
    const cells = sheet.cells;
    return { length: cells.length, get: (i) => cells[i], shape: (i) => shapeOfCells(cells[i]) };
  }
  const keys = [-1, -1, -1, -1];
  const built: ((Cell | undefined)[] | undefined)[] = [undefined, undefined, undefined, undefined];
  let next = 0;
  return {
    length: store.height,
    get(i) {
      for (let k = 0; k < 4; k++) if (keys[k] === i) return built[k];
      const row = store.row(i);
      keys[next] = i;
      built[next] = row;
      next = (next + 1) & 3;
      return row;
    },
    shape: (i) => store.rowShape(i),
  };
}
