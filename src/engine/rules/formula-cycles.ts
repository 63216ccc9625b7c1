/**
 * Circular references: a formula that refers to its own cell, directly or through the formulas
 * of other cells of its sheet. Excel then keeps whatever it last computed (or 0), so the figure
 * read is not the figure its formula would give.
 */
import { a1 } from '../model/address';
import { referencesOf } from './formula-text';

/** The formula text of a cell of the sheet ('=SUM(D5:G5)'), or null when it holds none. */
export type FormulaAt = (row: number, col: number) => string | null;

/** Cells a range may stand for before the walk leaves it out: a whole-column SUM is not walked cell by cell. */
const MAX_RANGE_CELLS = 4096;
/** Cells one walk may visit: a sheet of formulas chained end to end stops being followed here. */
const MAX_VISITS = 20000;

/**
 * The chain of cells by which the formula in (row, col) comes back to itself, as A1 addresses
 * from the cell to the cell ('H5', 'Z5', 'H5'), or null when it does not. Only references to
 * the formula's own sheet are followed (`sheetName` names it, for references that spell it out).
 */
export function cycleFrom(row: number, col: number, formulaAt: FormulaAt, sheetName: string): string[] | null {
  const start = `${row}:${col}`;
  const cameFrom = new Map<string, string | null>([[start, null]]);
  const queue: [number, number][] = [[row, col]];
  let visits = 0;
  while (queue.length > 0 && visits < MAX_VISITS) {
    const [r, c] = queue.shift()!;
    const here = `${r}:${c}`;
    const text = formulaAt(r, c);
    if (!text) continue;
    for (const ref of referencesOf(text)) {
      if (ref.sheet !== null && ref.sheet !== sheetName) continue;
      if ((ref.bottom - ref.top + 1) * (ref.right - ref.left + 1) > MAX_RANGE_CELLS) continue;
      for (let rr = ref.top; rr <= ref.bottom; rr++)
        for (let cc = ref.left; cc <= ref.right; cc++) {
          const k = `${rr}:${cc}`;
          if (k === start) return chain(cameFrom, here).concat(a1(row, col));
          if (cameFrom.has(k)) continue;
          visits += 1;
          cameFrom.set(k, here);
          // Only cells holding formulas lead anywhere.
          if (formulaAt(rr, cc)) queue.push([rr, cc]);
        }
    }
  }
  return null;
}

function chain(cameFrom: Map<string, string | null>, last: string): string[] {
  const out: string[] = [];
  for (let k: string | null = last; k !== null; k = cameFrom.get(k) ?? null) {
    const [r, c] = k.split(':').map(Number);
    out.unshift(a1(r, c));
  }
  return out;
}
