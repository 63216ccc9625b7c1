/**
 * One worksheet part, streamed: only cells that hold something (a value, a formula, an
 * inline string) are kept, as the engine's Cells; rows are counted as they pass. Nothing
 * else of the sheet (styles of empty cells, column widths, drawings) is built into memory.
 */
import { Cell, makeCell } from '../../engine/model/cell';
import type { SheetModel } from '../../engine/model/sheet';
import { isDateFormat } from '../../engine/model/cell';
import { parseArea } from '../../engine/model/areas';
import { parseEntry } from './xml';
import { shiftFormula } from './shared-formula';
import type { ZipEntry } from './zip';

export interface SheetContext {
  sharedStrings: readonly string[];
  /** Number format of each cellXfs index. */
  formats: readonly string[];
  /** The workbook counts dates from 1904: date serials are moved to the 1900 system the engine uses. */
  date1904: boolean;
  limit?: number;
}

export interface ReadSheet {
  model: SheetModel;
  /** Rows seen in the part (with or without cells). */
  rowCount: number;
}

/** Days between the 1900 and 1904 date systems' day zero. */
export const DAYS_1904 = 1462;
const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);

/** Column index and row of a cell reference such as 'B7' or 'b7' (0-based); null when it is not one. */
export function parseRef(ref: string): { row: number; col: number } | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower-case letters, upper-case folded
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  if (i === 0 || i > 3) return null;
  const row = Number(ref.slice(i));
  if (!Number.isInteger(row) || row < 1) return null;
  return { row: row - 1, col: col - 1 };
}

interface SharedMaster {
  text: string;
  row: number;
  col: number;
}

export function readSheet(entry: ZipEntry, name: string, ctx: SheetContext): ReadSheet {
  const cells: (Cell | undefined)[][] = [];
  const merged: string[] = [];
  const masters = new Map<string, SharedMaster>();
  // Text cells repeat ("GREEN", "N/a", an officer's name): one Cell per (string, style), not one per cell.
  const textCells = new Map<string, Cell>();
  // Whether each cell format shows a date, worked out once per format rather than per cell.
  const dateStyle = ctx.formats.map((f) => isDateFormat(f));
  let rowCount = 0;
  let row = -1;
  let col = -1;
  // The cell being read.
  let t = '';
  let s = 0;
  let v: string | null = null;
  let f: string | null = null;
  let fAttrs: Record<string, string> | null = null;
  let inline: string | null = null;
  let capture: 'v' | 'f' | 'is' | null = null;
  let phonetic = 0;
  let inCell = false;

  const finish = () => {
    inCell = false;
    let formulaText: string | undefined;
    if (fAttrs) {
      if (fAttrs.t === 'shared' && fAttrs.si !== undefined) {
        if (f !== null && f.trim() !== '') {
          masters.set(fAttrs.si, { text: f, row, col });
          formulaText = `=${f}`;
        } else {
          const m = masters.get(fAttrs.si);
          formulaText = m ? `=${shiftFormula(m.text, row - m.row, col - m.col)}` : undefined;
        }
      } else if (f !== null && f !== '') {
        formulaText = `=${f}`;
      }
    }
    const hasFormula = fAttrs !== null;
    if (v === null && !hasFormula && inline === null) return; // a styled empty cell: nothing to keep
    const fmt = ctx.formats[s] ?? 'General';
    const formula: boolean | string = hasFormula ? (formulaText ?? true) : false;
    let cell: Cell;
    switch (t) {
      case 's': {
        const text = v === null ? '' : ctx.sharedStrings[Number(v)] ?? '';
        if (!hasFormula) {
          const key = `${s}\u0000${text}`;
          const cached = textCells.get(key);
          if (cached) { cell = cached; break; }
          cell = makeCell(text, fmt);
          textCells.set(key, cell);
          break;
        }
        cell = makeCell(text, fmt, formula);
        break;
      }
      case 'str':
        cell = makeCell(v ?? '', fmt, formula);
        break;
      case 'inlineStr':
        cell = makeCell(inline ?? v ?? '', fmt, formula);
        break;
      case 'b':
        cell = makeCell(v === null ? null : v === '1' || v.toLowerCase() === 'true', fmt, formula);
        break;
      case 'e':
        cell = makeCell(v, fmt, formula, true);
        break;
      case 'd': {
        // ISO 8601 date (t="d"): a point in time, read as UTC as Excel does.
        const ms = v ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) || !v.includes('T') ? v : `${v}Z`) : NaN;
        if (Number.isNaN(ms)) { cell = makeCell(v, fmt, formula); break; }
        cell = makeCell((ms - EPOCH_1900) / MS_PER_DAY, fmt, formula);
        cell.kind = 'date';
        break;
      }
      default: {
        if (v === null || v.trim() === '') { cell = makeCell(null, fmt, formula); break; }
        let n = nonFinite(v) ?? Number(v);
        if (Number.isNaN(n) && !NON_FINITE.test(v)) { cell = makeCell(v, fmt, formula); break; }
        const isDate = dateStyle[s] ?? false;
        if (ctx.date1904 && isDate) n += DAYS_1904;
        // The cell makeCell would build, without re-reading the format for every number.
        cell = typeof formula === 'string'
          ? { kind: isDate ? 'date' : 'number', value: n, format: fmt, formula: true, formulaText: formula }
          : { kind: isDate ? 'date' : 'number', value: n, format: fmt, formula };
      }
    }
    let r = cells[row];
    if (!r) r = cells[row] = [];
    r[col] = cell;
  };

  parseEntry(entry, {
    open(tag, a, selfClosing) {
      if (inCell) {
        if (tag === 'v') { capture = 'v'; v = ''; }
        else if (tag === 'f') { fAttrs = a; f = selfClosing ? null : ''; capture = selfClosing ? null : 'f'; }
        else if (tag === 'is') { inline = ''; capture = 'is'; }
        else if (tag === 'rPh') phonetic++;
        return;
      }
      if (tag === 'c') {
        const ref = a.r !== undefined ? parseRef(a.r) : null;
        if (ref) { col = ref.col; if (ref.row !== row) row = ref.row; }
        else col++;
        t = a.t ?? 'n';
        s = a.s !== undefined ? Number(a.s) : 0;
        v = null; f = null; fAttrs = null; inline = null; capture = null; phonetic = 0;
        inCell = true;
        if (selfClosing) finish();
      } else if (tag === 'row') {
        rowCount++;
        row = a.r !== undefined && Number(a.r) >= 1 ? Number(a.r) - 1 : row + 1;
        col = -1;
      } else if (tag === 'mergeCell' && a.ref) {
        merged.push(a.ref.toUpperCase());
      }
    },
    text(x) {
      if (capture === 'v') v += x;
      else if (capture === 'f') f += x;
      else if (capture === 'is' && phonetic === 0) inline += x;
    },
    close(tag) {
      if (!inCell) return;
      if (tag === 'c') finish();
      else if (tag === 'v' || tag === 'f') capture = null;
      else if (tag === 'is') capture = null;
      else if (tag === 'rPh') phonetic--;
    },
  }, ctx.limit);

  // Merged areas: only the top-left cell holds the value, as Excel shows it.
  for (const ref of merged) {
    const area = parseArea(ref);
    if (!area) continue;
    for (let r = area.top; r <= area.bottom; r++) {
      const cr = cells[r];
      if (!cr) continue;
      for (let c = area.left; c <= Math.min(area.right, cr.length - 1); c++) if (r !== area.top || c !== area.left) cr[c] = undefined;
    }
  }
  const model: SheetModel = merged.length ? { name, top: 0, left: 0, cells, merged } : { name, top: 0, left: 0, cells };
  return { model, rowCount };
}

/**
 * A numeric cell (no t, or t="n") that another program wrote as NaN or inf (Python's
 * spellings, which Excel never writes): kept as the non-finite number it claims to be, so
 * the check names it as a number Excel cannot hold (rules/cells.ts), as ExcelJS read it,
 * rather than as stray text.
 */
const NON_FINITE = /^\s*[+-]?(?:nan|inf(?:inity)?)\s*$/i;

function nonFinite(v: string): number | null {
  if (!NON_FINITE.test(v)) return null;
  if (/nan/i.test(v)) return NaN;
  return v.trim().startsWith('-') ? -Infinity : Infinity;
}
