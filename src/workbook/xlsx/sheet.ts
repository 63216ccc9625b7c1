/**
 * One worksheet part, streamed: only cells that hold something (a value, a formula, an
 * inline string) are kept, as the engine's Cells; rows are counted as they pass. Nothing
 * else of the sheet (styles of empty cells, column widths, drawings) is built into memory.
 */
import { CellStoreBuilder } from '../../engine/model/cell-store';
import { storeSheet, type SheetModel } from '../../engine/model/sheet';
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
  const out = new CellStoreBuilder(ctx.sharedStrings);
  const merged: string[] = [];
  const masters = new Map<string, SharedMaster>();
  // The store's format index of each cell format (cellXfs index), looked up once per style.
  const formatIds: number[] = [];
  const formatId = (style: number): number => (formatIds[style] ??= out.formatId(ctx.formats[style] ?? 'General'));
  // Text that is not a shared string: kept as text, or as an empty cell when blank (as makeCell did).
  const putText = (text: string, fid: number, formula: boolean | string) => out.put(row, col, text === '' ? 'empty' : 'text', text === '' ? 0 : out.textId(text), fid, formula);
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
    const fid = formatId(s);
    const formula: boolean | string = hasFormula ? (formulaText ?? true) : false;
    switch (t) {
      case 's': {
        const i = v === null ? -1 : Number(v);
        if (i >= 0 && i < ctx.sharedStrings.length && Number.isInteger(i)) out.put(row, col, ctx.sharedStrings[i] === '' ? 'empty' : 'text', i, fid, formula);
        else out.put(row, col, 'empty', 0, fid, formula);
        return;
      }
      case 'str':
        putText(v ?? '', fid, formula);
        return;
      case 'inlineStr':
        putText(inline ?? v ?? '', fid, formula);
        return;
      case 'b':
        if (v === null || v === '') out.put(row, col, 'empty', 0, fid, formula);
        else out.put(row, col, 'boolean', v === '1' || v.toLowerCase() === 'true' ? 1 : 0, fid, formula);
        return;
      case 'e':
        if (v === null || v === '') out.put(row, col, 'empty', 0, fid, formula);
        else out.put(row, col, 'error', out.textId(v), fid, formula);
        return;
      case 'd': {
        // ISO 8601 date (t="d"): a point in time, read as UTC as Excel does.
        const ms = v ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) || !v.includes('T') ? v : `${v}Z`) : NaN;
        if (Number.isNaN(ms)) { putText(v ?? '', fid, formula); return; }
        out.put(row, col, 'date', (ms - EPOCH_1900) / MS_PER_DAY, fid, formula);
        return;
      }
      default: {
        if (v === null || v.trim() === '') { out.put(row, col, 'empty', 0, fid, formula); return; }
        let n = nonFinite(v) ?? Number(v);
        if (Number.isNaN(n) && !NON_FINITE.test(v)) { putText(v, fid, formula); return; }
        const isDate = dateStyle[s] ?? false;
        if (ctx.date1904 && isDate) n += DAYS_1904;
        out.put(row, col, isDate ? 'date' : 'number', n, fid, formula);
      }
    }
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
  // Indexed by row, since a sheet can hold thousands of merged areas and millions of cells.
  const byRow = new Map<number, { left: number; right: number; top: number; first: number }[]>();
  for (const ref of merged) {
    const a = parseArea(ref);
    if (!a) continue;
    for (let r = a.top; r <= a.bottom; r++) {
      let list = byRow.get(r);
      if (!list) byRow.set(r, (list = []));
      list.push({ left: a.left, right: a.right, top: a.top, first: a.left });
    }
  }
  const covered = byRow.size
    ? (r: number, c: number) => byRow.get(r)?.some((a) => c >= a.left && c <= a.right && (r !== a.top || c !== a.first)) ?? false
    : undefined;
  const model = storeSheet(name, out.build(covered), merged);
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
