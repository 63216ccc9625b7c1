/** Areas (rectangles) and multi-area A1 addresses, shared by the Office.js adapter, the simulator and the xlsx reader. */
import { columnIndex, columnLetters } from './address';

/** Excel's grid size: addresses beyond it do not exist. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** A rectangle of cells, 0-based and inclusive. */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function areaRows(a: Area): number {
  return a.bottom - a.top + 1;
}
export function areaCols(a: Area): number {
  return a.right - a.left + 1;
}
export function areaCells(a: Area): number {
  return areaRows(a) * areaCols(a);
}
export function intersect(a: Area, b: Area): Area | null {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.bottom, b.bottom);
  const right = Math.min(a.right, b.right);
  return top <= bottom && left <= right ? { top, left, bottom, right } : null;
}
/** Sheet names that need quoting in an address ('Q1 Return'!A1), with quotes doubled. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** An area as Excel writes it: 'B3', 'B3:D9', 'A:C' (whole columns), '2:4' (whole rows). */
export function areaA1(a: Area): string {
  const wholeCols = a.top === 0 && a.bottom === MAX_ROWS - 1;
  const wholeRows = a.left === 0 && a.right === MAX_COLS - 1;
  if (wholeCols && !wholeRows) return `${columnLetters(a.left)}:${columnLetters(a.right)}`;
  if (wholeRows) return `${a.top + 1}:${a.bottom + 1}`;
  const tl = `${columnLetters(a.left)}${a.top + 1}`;
  if (a.top === a.bottom && a.left === a.right) return tl;
  return `${tl}:${columnLetters(a.right)}${a.bottom + 1}`;
}

export function qualifiedA1(sheet: string, a: Area): string {
  return `${quoteSheet(sheet)}!${areaA1(a)}`;
}

interface Corner {
  row: number | null;
  col: number | null;
}

function parseCorner(text: string): Corner | null {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(text.trim());
  if (!m || (!m[1] && !m[2])) return null;
  const col = m[1] ? columnIndex(m[1]) : null;
  const row = m[2] ? Number(m[2]) - 1 : null;
  if (col !== null && (col < 0 || col >= MAX_COLS)) return null;
  if (row !== null && (row < 0 || row >= MAX_ROWS)) return null;
  return { row, col };
}

/** Split 'Sheet1!A1:B2' into sheet and area text; the sheet may be quoted. */
export function splitSheet(address: string): { sheet: string | null; ref: string } {
  const t = address.trim();
  const bang = t.lastIndexOf('!');
  if (bang < 0) return { sheet: null, ref: t };
  let sheet = t.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, ref: t.slice(bang + 1) };
}

/** One area in A1 text ('B3', '$B$3:$D$9', 'A:C', '2:4'), without a sheet; null when it is not one. */
export function parseArea(ref: string): Area | null {
  const parts = ref.split(':');
  if (parts.length > 2) return null;
  const a = parseCorner(parts[0]);
  const b = parts.length === 2 ? parseCorner(parts[1]) : a;
  if (!a || !b) return null;
  // Whole columns ('A:C') or whole rows ('2:4') need both corners of the same kind.
  if ((a.row === null) !== (b.row === null) || (a.col === null) !== (b.col === null)) return null;
  if (parts.length === 1 && (a.row === null || a.col === null)) return null;
  const top = a.row === null ? 0 : Math.min(a.row, b.row as number);
  const bottom = a.row === null ? MAX_ROWS - 1 : Math.max(a.row, b.row as number);
  const left = a.col === null ? 0 : Math.min(a.col, b.col as number);
  const right = a.col === null ? MAX_COLS - 1 : Math.max(a.col, b.col as number);
  return { top, left, bottom, right };
}

/** Split a multi-area address ('Sheet1!A1:B2, Sheet1!D4' or 'A1:B2,D4') on commas outside quotes. */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/**
 * Group cells (0-based row, col) into rectangles: vertical runs per column, then runs
 * with the same rows in adjacent columns merged. Marks and invalid-cell areas use it so a
 * column of failing cells becomes one area rather than one per cell.
 */
export function cellsToAreas(cells: Iterable<{ row: number; col: number }>): Area[] {
  const byCol = new Map<number, number[]>();
  for (const { row, col } of cells) {
    let rows = byCol.get(col);
    if (!rows) byCol.set(col, (rows = []));
    rows.push(row);
  }
  const cols = [...byCol.keys()].sort((a, b) => a - b);
  const open = new Map<string, Area>(); // runs that may extend to the next column, keyed by 'top:bottom'
  const done: Area[] = [];
  let prevCol = -2;
  for (const col of cols) {
    const rows = [...new Set(byCol.get(col))].sort((a, b) => a - b);
    const runs: Area[] = [];
    for (const r of rows) {
      const last = runs[runs.length - 1];
      if (last && last.bottom === r - 1) last.bottom = r;
      else runs.push({ top: r, bottom: r, left: col, right: col });
    }
    const next = new Map<string, Area>();
    for (const run of runs) {
      const key = `${run.top}:${run.bottom}`;
      const prev = col === prevCol + 1 ? open.get(key) : undefined;
      if (prev) {
        prev.right = col;
        next.set(key, prev);
        open.delete(key);
      } else next.set(key, run);
    }
    for (const a of open.values()) done.push(a);
    open.clear();
    for (const [k, a] of next) open.set(k, a);
    prevCol = col;
  }
  for (const a of open.values()) done.push(a);
  return done.sort((a, b) => a.top - b.top || a.left - b.left);
}
