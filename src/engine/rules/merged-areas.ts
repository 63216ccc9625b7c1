import type { SheetModel } from '../model/sheet';
import type { Cell } from '../model/cell';
import { parseA1 } from '../model/address';

const MAX_COLUMNS = 16384;

/** Every non-top-left cell of a merged area, keyed row * MAX_COLUMNS + col, to its area's top-left cell. */
function mergedMasters(sheet: SheetModel): Map<number, number> {
  const map = new Map<number, number>();
  for (const range of sheet.merged ?? []) {
    const [from, to] = range.replace(/^.*!/, '').split(':');
    const a = parseA1(from);
    const b = to ? parseA1(to) : a;
    if (!a || !b) continue;
    const master = a.row * MAX_COLUMNS + a.col;
    for (let r = a.row; r <= b.row; r++) {
      for (let c = a.col; c <= b.col; c++) if (r !== a.row || c !== a.col) map.set(r * MAX_COLUMNS + c, master);
    }
  }
  return map;
}

/**
 * A cell as the sheet shows it: a cell inside a merged area shows its area's top-left cell.
 * Without merged areas, `cell` itself.
 */
export function shownThroughMerges(
  sheet: SheetModel,
  cell: (row: number, col: number) => Cell,
): (row: number, col: number) => Cell {
  const masters = mergedMasters(sheet);
  return masters.size === 0
    ? cell
    : (row: number, col: number): Cell => {
        const m = masters.get(row * MAX_COLUMNS + col);
        return m === undefined ? cell(row, col) : cell(Math.floor(m / MAX_COLUMNS), m % MAX_COLUMNS);
      };
}
