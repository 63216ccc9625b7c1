/**
 * What a worksheet cell becomes in the CellStore, once its parts have been read. Both
 * worksheet readers (the fast scanner in sheet-scan.ts and the saxes reference in
 * sheet.ts) hand their cells here, so they cannot differ in what a cell means: only in
 * how they find its parts in the XML.
 */
import { ownString } from '../own-string';
import { CellStoreBuilder } from '../../engine/model/cell-store';
import { storeSheet, type SheetModel } from '../../engine/model/sheet';
import { isDateFormat } from '../../engine/model/cell';
import { parseArea } from '../../engine/model/areas';
import { shiftFormula } from './shared-formula';

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

/** A copy of `s` that shares no memory with the chunk of sheet XML it was cut from (../own-string.ts). */
export const flat = ownString;

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

/** A cell's formula as read: whether it has an `<f>` at all, its text, and the shared-formula attributes. */
export interface FormulaPart {
  present: boolean;
  text: string | null;
  t: string | undefined;
  si: string | undefined;
}

export class SheetCells {
  readonly out: CellStoreBuilder;
  readonly merged: string[] = [];
  rowCount = 0;
  private readonly masters = new Map<string, SharedMaster>();
  // The store's format index of each cell format (cellXfs index), looked up once per style.
  private readonly formatIds: number[] = [];
  // Whether each cell format shows a date, worked out once per format rather than per cell.
  private readonly dateStyle: boolean[];
  private readonly strings: readonly string[];

  constructor(private readonly ctx: SheetContext) {
    this.out = new CellStoreBuilder(ctx.sharedStrings);
    this.dateStyle = ctx.formats.map((f) => isDateFormat(f));
    this.strings = ctx.sharedStrings;
  }

  formatId(style: number): number {
    return (this.formatIds[style] ??= this.out.formatId(this.ctx.formats[style] ?? 'General'));
  }

  /** The formula to store for a cell: false (none), true (a formula whose text is unknown) or its text. */
  formula(row: number, col: number, f: FormulaPart): boolean | string {
    if (!f.present) return false;
    let text: string | undefined;
    if (f.t === 'shared' && f.si !== undefined) {
      if (f.text !== null && f.text.trim() !== '') {
        this.masters.set(f.si, { text: flat(f.text), row, col });
        text = flat(`=${f.text}`);
      } else {
        const m = this.masters.get(f.si);
        text = m ? flat(`=${shiftFormula(m.text, row - m.row, col - m.col)}`) : undefined;
      }
    } else if (f.text !== null && f.text !== '') {
      text = flat(`=${f.text}`);
    }
    return text ?? true;
  }

  /** Text that is not a shared string: kept as text, or as an empty cell when blank. */
  private putText(row: number, col: number, text: string, fid: number, formula: boolean | string): void {
    if (text === '') this.out.put(row, col, 'empty', 0, fid, formula);
    else this.out.put(row, col, 'text', this.out.textId(flat(text)), fid, formula);
  }

  /** A cell whose `<v>` holds the shared-string index `i` (t="s"), already read as a number. */
  shared(row: number, col: number, style: number, i: number, formula: boolean | string): void {
    const fid = this.formatId(style);
    const strings = this.strings;
    if (i >= 0 && i < strings.length && Number.isInteger(i))
      this.out.put(row, col, strings[i] === '' ? 'empty' : 'text', i, fid, formula);
    else this.out.put(row, col, 'empty', 0, fid, formula);
  }

  /** A numeric cell (no t, t="n" or an unknown t) whose `<v>` is the finite number `n`. */
  number(row: number, col: number, style: number, n: number, formula: boolean | string): void {
    const fid = this.formatId(style);
    const isDate = this.dateStyle[style] ?? false;
    this.out.put(row, col, isDate ? 'date' : 'number', this.ctx.date1904 && isDate ? n + DAYS_1904 : n, fid, formula);
  }

  /** Any cell, from its type (t), style (s), value text (`<v>`), inline string (`<is>`) and formula. */
  cell(
    row: number,
    col: number,
    t: string,
    s: number,
    v: string | null,
    inline: string | null,
    formula: boolean | string,
  ): void {
    if (v === null && formula === false && inline === null) return; // a styled empty cell: nothing to keep
    const fid = this.formatId(s);
    const out = this.out;
    switch (t) {
      case 's':
        this.shared(row, col, s, v === null ? -1 : Number(v), formula);
        return;
      case 'str':
        this.putText(row, col, v ?? '', fid, formula);
        return;
      case 'inlineStr':
        this.putText(row, col, inline ?? v ?? '', fid, formula);
        return;
      case 'b':
        if (v === null || v === '') out.put(row, col, 'empty', 0, fid, formula);
        else out.put(row, col, 'boolean', v === '1' || v.toLowerCase() === 'true' ? 1 : 0, fid, formula);
        return;
      case 'e':
        if (v === null || v === '') out.put(row, col, 'empty', 0, fid, formula);
        else out.put(row, col, 'error', out.textId(flat(v)), fid, formula);
        return;
      case 'd': {
        // ISO 8601 date (t="d"): a point in time, read as UTC as Excel does.
        const ms = v ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) || !v.includes('T') ? v : `${v}Z`) : NaN;
        if (Number.isNaN(ms)) {
          this.putText(row, col, v ?? '', fid, formula);
          return;
        }
        out.put(row, col, 'date', (ms - EPOCH_1900) / MS_PER_DAY, fid, formula);
        return;
      }
      default: {
        if (v === null || v.trim() === '') {
          out.put(row, col, 'empty', 0, fid, formula);
          return;
        }
        const n = nonFinite(v) ?? Number(v);
        if (Number.isNaN(n) && !NON_FINITE.test(v)) {
          this.putText(row, col, v, fid, formula);
          return;
        }
        this.number(row, col, s, n, formula);
      }
    }
  }

  mergeCell(ref: string): void {
    this.merged.push(flat(ref.toUpperCase()));
  }

  build(name: string): ReadSheet {
    // Merged areas: only the top-left cell holds the value, as Excel shows it.
    // Indexed by row, since a sheet can hold thousands of merged areas and millions of cells.
    const byRow = new Map<number, { left: number; right: number; top: number; first: number }[]>();
    for (const ref of this.merged) {
      const a = parseArea(ref);
      if (!a) continue;
      for (let r = a.top; r <= a.bottom; r++) {
        let list = byRow.get(r);
        if (!list) byRow.set(r, (list = []));
        list.push({ left: a.left, right: a.right, top: a.top, first: a.left });
      }
    }
    const covered = byRow.size
      ? (r: number, c: number) =>
          byRow.get(r)?.some((a) => c >= a.left && c <= a.right && (r !== a.top || c !== a.first)) ?? false
      : undefined;
    return { model: storeSheet(name, this.out.build(covered), this.merged), rowCount: this.rowCount };
  }
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
