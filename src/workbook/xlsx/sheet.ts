/**
 * One worksheet part, streamed: only cells that hold something (a value, a formula, an
 * inline string) are kept, in the sheet's CellStore; rows are counted as they pass. Nothing
 * else of the sheet (styles of empty cells, column widths, drawings) is built into memory.
 *
 * Two readers find the cells: the fast scanner (sheet-scan.ts), which reads the ordinary
 * markup every writer produces, and saxes, the reference, which reads any well-formed XML.
 * The scanner goes first; when it meets anything it does not handle with certainty (CDATA,
 * a comment among the cells, a DOCTYPE, an unknown entity, malformed markup) the whole
 * part is read again through saxes, so what a file means never depends on the fast path.
 */
import { parseEntry } from './xml';
import { SheetCells, parseRef, type FormulaPart, type ReadSheet, type SheetContext } from './sheet-cells';
import { scanSheet } from './sheet-scan';
import type { ZipEntry } from './zip';

export { DAYS_1904, parseRef, type ReadSheet, type SheetContext } from './sheet-cells';

/** How worksheet parts were read since the process started (tests assert the fast path is taken). */
export const sheetReads = { scanned: 0, fellBack: 0 };

export interface SheetReadOptions {
  /** 'saxes' reads through the reference parser only (the differential tests). */
  reader?: 'auto' | 'saxes';
  /** Cut the decoded text into pieces of this many characters (tests: chunk boundaries everywhere). */
  pieceSize?: number;
}

export function readSheet(entry: ZipEntry, name: string, ctx: SheetContext, options: SheetReadOptions = {}): ReadSheet {
  if (options.reader !== 'saxes') {
    const cells = new SheetCells(ctx);
    if (scanSheet(entry, cells, ctx.limit, options.pieceSize)) {
      sheetReads.scanned++;
      return cells.build(name);
    }
    sheetReads.fellBack++;
  }
  return readSheetSaxes(entry, name, ctx);
}

/** The reference reader: saxes events into the same cell sink. */
export function readSheetSaxes(entry: ZipEntry, name: string, ctx: SheetContext): ReadSheet {
  const cells = new SheetCells(ctx);
  let row = -1;
  let col = -1;
  // The cell being read.
  let t = '';
  let s = 0;
  let v: string | null = null;
  let inline: string | null = null;
  let capture: 'v' | 'f' | 'is' | null = null;
  let phonetic = 0;
  let inCell = false;
  const f: FormulaPart = { present: false, text: null, t: undefined, si: undefined };

  const finish = () => {
    inCell = false;
    cells.cell(row, col, t, s, v, inline, cells.formula(row, col, f));
  };

  parseEntry(
    entry,
    {
      open(tag, a, selfClosing) {
        if (inCell) {
          if (tag === 'v') {
            capture = 'v';
            v = '';
          } else if (tag === 'f') {
            f.present = true;
            f.t = a.t;
            f.si = a.si;
            f.text = selfClosing ? null : '';
            capture = selfClosing ? null : 'f';
          } else if (tag === 'is') {
            inline = '';
            capture = 'is';
          } else if (tag === 'rPh') phonetic++;
          return;
        }
        if (tag === 'c') {
          const ref = a.r !== undefined ? parseRef(a.r) : null;
          if (ref) {
            col = ref.col;
            if (ref.row !== row) row = ref.row;
          } else col++;
          t = a.t ?? 'n';
          s = a.s !== undefined ? Number(a.s) : 0;
          v = null;
          inline = null;
          capture = null;
          phonetic = 0;
          f.present = false;
          f.text = null;
          f.t = undefined;
          f.si = undefined;
          inCell = true;
          if (selfClosing) finish();
        } else if (tag === 'row') {
          cells.rowCount++;
          row = a.r !== undefined && Number(a.r) >= 1 ? Number(a.r) - 1 : row + 1;
          col = -1;
        } else if (tag === 'mergeCell' && a.ref) {
          cells.mergeCell(a.ref);
        }
      },
      text(x) {
        if (capture === 'v') v += x;
        else if (capture === 'f') f.text += x;
        else if (capture === 'is' && phonetic === 0) inline += x;
      },
      close(tag) {
        if (!inCell) return;
        if (tag === 'c') finish();
        else if (tag === 'v' || tag === 'f') capture = null;
        else if (tag === 'is') capture = null;
        else if (tag === 'rPh') phonetic--;
      },
    },
    ctx.limit,
  );
  return cells.build(name);
}
