/**
 * The figures a whole-return signature signed, kept in the signature so the next period's
 * check can tell what changed since (the return's own trail is then the reference, with no
 * previous file). Compact: each grid's headers once, then each indicator's row as cells in
 * header order; a cell is its canonical text ('n:0.94', 't:N/a'), with its number format
 * beside it when it has one other than General (so 0.94 is still shown as 94%), null when
 * empty. A per-owner signature keeps its indicators' figures in scope.figures instead.
 */
import { z } from 'zod';
import type { Cell } from '../engine/model/cell';
import type { Grid } from '../engine/model/grid';
import { cellAt, type SheetModel } from '../engine/model/sheet';
import { canonicalCell } from './fingerprint';
import { ownershipFromGrids } from './owners';

// Built when a trail is first read (z.lazy), not at start-up: see trail.ts.
const SignedCell = z.lazy(() => z.union([z.string(), z.tuple([z.string(), z.string()]), z.null()]));
export type SignedCell = z.infer<typeof SignedCell>;

const SignedGrid = z.lazy(() =>
  z.object({
    sheet: z.string(),
    /** The grid's column headers, left to right, as the fingerprint's owners read them. */
    headers: z.array(z.string()),
    /** Indicator key ('Sheet|CS01') -> its cells in header order (trailing empty cells left off). */
    rows: z.record(z.string(), z.array(SignedCell)),
  }),
);

export const SignedFigures = z.lazy(() => z.object({ grids: z.array(SignedGrid) }));
export type SignedFigures = z.infer<typeof SignedFigures>;

/** Returns larger than this keep no figures in their signatures (the trail stays a reasonable size). */
const MOST_INDICATORS = 2000;

function signedCell(cell: Cell): SignedCell {
  const value = canonicalCell(cell);
  if (value === null) return null;
  const format = cell.kind === 'number' && cell.format && cell.format !== 'General' ? cell.format : '';
  return format ? [value, format] : value;
}

/** The header of column c, as the owners' reading names it (so per-owner and whole-return figures use the same words). */
export function headerOf(grid: Grid, sheet: SheetModel, c: number): string {
  const cell = cellAt(sheet, grid.headerRow, c);
  const own =
    cell.kind === 'text'
      ? String(cell.value).replace(/\s+/g, ' ').trim()
      : cell.kind === 'empty'
        ? ''
        : String(cell.value);
  return (grid.headers[c] ?? own) || `column ${c + 1}`;
}

/** The figures of every indicator of the grids, as a whole-return signature keeps them; undefined for a very large return. */
export function signedFiguresOf(grids: readonly Grid[], sheets: readonly SheetModel[]): SignedFigures | undefined {
  const ownership = ownershipFromGrids(grids, sheets);
  if (ownership.indicators.length === 0 || ownership.indicators.length > MOST_INDICATORS) return undefined;
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const out: SignedFigures['grids'] = [];
  let i = 0;
  for (const grid of grids) {
    const sheet = byName.get(grid.sheet);
    if (!sheet) continue;
    // The owners' reading gives each row its key ('Sheet|CS01', 'Sheet|CS01 (2)' for a repeated ref).
    const heads: string[] = [];
    for (let c = grid.left; c <= grid.right; c++) heads.push(headerOf(grid, sheet, c));
    const rows: Record<string, SignedCell[]> = {};
    for (const row of grid.indicatorRows) {
      const ind = ownership.indicators[i++];
      if (!ind) break;
      const cells: SignedCell[] = [];
      for (let c = grid.left; c <= grid.right; c++) cells.push(signedCell(cellAt(sheet, row, c)));
      while (cells.length && cells[cells.length - 1] === null) cells.pop();
      rows[ind.key] = cells;
    }
    out.push({ sheet: grid.sheet, headers: heads, rows });
  }
  return { grids: out };
}
