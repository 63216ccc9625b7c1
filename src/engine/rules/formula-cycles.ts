/**
 * Circular references: a formula that refers to its own cell, directly or through the formulas
 * of other cells of its sheet. Excel then keeps whatever it last computed (or 0), so the figure
 * read is not the figure its formula would give.
 */
import { a1 } from '../model/address';
import { referencesOf, type Reference } from './formula-text';

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
export function cycleFrom(
  row: number,
  col: number,
  formulaAt: FormulaAt,
  sheetName: string,
  referencesAt: (row: number, col: number, text: string) => Reference[] = (_r, _c, text) => referencesOf(text),
): string[] | null {
  const start = `${row}:${col}`;
  const cameFrom = new Map<string, string | null>([[start, null]]);
  const queue: [number, number][] = [[row, col]];
  let visits = 0;
  while (queue.length > 0 && visits < MAX_VISITS) {
    const [r, c] = queue.shift()!;
    const here = `${r}:${c}`;
    const text = formulaAt(r, c);
    if (!text) continue;
    for (const ref of referencesAt(r, c, text)) {
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

/**
 * A cell as one number, for the walk below: Excel's rows stop at 1,048,576. Column first, so
 * that a key of the first thousand columns stays a small integer, which maps and sets hold
 * without boxing it.
 */
const ROWS = 1048576;
export const cellKey = (row: number, col: number): number => col * ROWS + row;

/**
 * The cells among `starts` that lie on a circle of references: those of a strongly connected
 * set of formula cells (or referring to themselves), the same references followed as by
 * cycleFrom. One walk over the sheet's formulas (Tarjan's), each visited once, where a walk
 * from every formula would go over the same cells again; cycleFrom then gives the chain of
 * the few it finds. Null when a chain of references runs deeper than MAX_VISITS cells: the
 * caller then asks cycleFrom of every cell, as it would without this walk.
 */
export function cellsOnCycles(
  starts: readonly { row: number; col: number }[],
  formulaAt: FormulaAt,
  sheetName: string,
  referencesAt: (row: number, col: number, text: string) => Reference[],
  formulaCellsIn: (top: number, left: number, bottom: number, right: number) => number[] = (t, l, b, r) => {
    const out: number[] = [];
    for (let rr = t; rr <= b; rr++) for (let cc = l; cc <= r; cc++) if (formulaAt(rr, cc)) out.push(cellKey(rr, cc));
    return out;
  },
): Set<number> | null {
  // Tarjan's walk, iterative; each cell seen gets an id, and its facts sit in arrays by id.
  const ids = new Map<number, number>();
  const keys: number[] = [];
  const index: number[] = [];
  const low: number[] = [];
  const onStack: boolean[] = [];
  const stack: number[] = [];
  const cyclic = new Set<number>();
  const edgesOf = (key: number): number[] => {
    const r = key % ROWS;
    const c = Math.floor(key / ROWS);
    const text = formulaAt(r, c);
    const out: number[] = [];
    if (!text) return out;
    for (const ref of referencesAt(r, c, text)) {
      if (ref.sheet !== null && ref.sheet !== sheetName) continue;
      if ((ref.bottom - ref.top + 1) * (ref.right - ref.left + 1) > MAX_RANGE_CELLS) continue;
      for (const k of formulaCellsIn(ref.top, ref.left, ref.bottom, ref.right)) out.push(k);
    }
    return out;
  };
  const frameId: number[] = [];
  const frameEdges: number[][] = [];
  const frameAt: number[] = [];
  const open = (key: number, edges: number[] = edgesOf(key)): number => {
    const id = keys.length;
    ids.set(key, id);
    keys.push(key);
    index.push(id);
    low.push(id);
    onStack.push(true);
    stack.push(id);
    frameId.push(id);
    frameEdges.push(edges);
    frameAt.push(0);
    return id;
  };
  for (const s of starts) {
    const root = cellKey(s.row, s.col);
    if (ids.has(root)) continue;
    // A formula that refers to no formula cell is on no circle: most are, and are passed over here
    // (should another lead to it, the walk opens it then).
    const edges = edgesOf(root);
    if (edges.length === 0) continue;
    open(root, edges);
    while (frameId.length > 0) {
      const top = frameId.length - 1;
      const id = frameId[top];
      const edges = frameEdges[top];
      if (frameAt[top] < edges.length) {
        const to = edges[frameAt[top]++];
        if (to === keys[id]) cyclic.add(to);
        const seen = ids.get(to);
        if (seen === undefined) {
          if (frameId.length >= MAX_VISITS) return null;
          open(to);
        } else if (onStack[seen] && index[seen] < low[id]) low[id] = index[seen];
        continue;
      }
      frameId.pop();
      frameEdges.pop();
      frameAt.pop();
      if (frameId.length > 0) {
        const parent = frameId[frameId.length - 1];
        if (low[id] < low[parent]) low[parent] = low[id];
      }
      if (low[id] === index[id]) {
        let k: number;
        let size = 0;
        const members: number[] = [];
        do {
          k = stack.pop()!;
          onStack[k] = false;
          members.push(k);
          size++;
        } while (k !== id);
        if (size > 1) for (const m of members) cyclic.add(keys[m]);
      }
    }
  }
  return cyclic;
}
