import type { SheetModel } from '../model/sheet';
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
 * A reading of a cell as the sheet shows it: inside a merged area, the reading of the
 * area's top-left cell. Returns a function that, given a reading (the cell itself, whether
 * it is blank), gives the same reading through the merges; without merged areas, the
 * reading itself.
 */
export function throughMerges(
  sheet: SheetModel,
): <T>(read: (row: number, col: number) => T) => (row: number, col: number) => T {
  const masters = mergedMasters(sheet);
  return <T>(read: (row: number, col: number) => T) =>
    masters.size === 0
      ? read
      : (row: number, col: number): T => {
          const m = masters.get(row * MAX_COLUMNS + col);
          return m === undefined ? read(row, col) : read(Math.floor(m / MAX_COLUMNS), m % MAX_COLUMNS);
        };
}
