/**
 * The fast worksheet reader: the cells of a worksheet part found by scanning its text with
 * indexOf, written straight into the sheet's CellStore (no Cell, attribute or tag objects;
 * no string for a number or a shared-string index). A general XML tokenizer (saxes) spends
 * most of a large read building objects for markup a worksheet never varies.
 *
 * It reads only what it is certain of: the elements and attributes of ordinary markup, the
 * five predefined entities and character references, element prefixes (`<x:c>`), comments
 * outside the cells. On anything else (CDATA, a comment or processing instruction among
 * the cells, a DOCTYPE, an unknown entity, a character XML forbids, a duplicate attribute,
 * a mismatched tag, any malformed markup) it gives up on the whole part and the caller
 * reads it again through saxes (sheet.ts), which either reads it or refuses it in words.
 *
 * What each cell means is not decided here: the parts found (type, style, value, formula,
 * inline string) go to SheetCells, the same sink the saxes reader fills, and the state
 * machine below mirrors that reader's event handlers step for step.
 */
import { entryText, type ZipEntry } from './zip';
import { parseRef, type FormulaPart, type SheetCells } from './sheet-cells';
import {
  C,
  F,
  GIVE_UP,
  GiveUp,
  IS,
  MERGE_CELL,
  plainNumber,
  ROW,
  RPH,
  SHEET_DATA,
  SheetTokenizer,
  V,
} from './sheet-tokenizer';

// What text is being collected.
const NONE = 0,
  CAP_V = 1,
  CAP_F = 2,
  CAP_IS = 3;
// Cell types, as far as the fast paths care: a shared string, a number (no t, t="n" or a type
// Excel does not define, as the reference reads it), or anything else.
const T_S = 0,
  T_NUM = 1,
  T_OTHER = 2;

/** The worksheet state machine: the tokenizer's tags and text turned into cells, as sheet.ts's saxes handlers do. */
class SheetScan extends SheetTokenizer {
  // The reference reader's state, variable for variable.
  private row = -1;
  private col = -1;
  private t = 'n';
  private tKind = T_NUM;
  private s = 0;
  private v: string | null = null;
  private vNumber = 0;
  private vPlain = false;
  private inline: string | null = null;
  private capture = NONE;
  private phonetic = 0;
  private inCell = false;
  private readonly f: FormulaPart = { present: false, text: null, t: undefined, si: undefined };

  constructor(private readonly cells: SheetCells) {
    super();
  }

  // The reference reader's open handler (sheet.ts), on ranges instead of strings.
  protected openElement(buf: string, code: number, selfClosing: boolean): void {
    if (this.inCell) {
      if (code === V) {
        this.capture = CAP_V;
        this.v = '';
        this.vPlain = false;
      } else if (code === F) {
        const f = this.f;
        f.present = true;
        f.t = this.optional(buf, 't');
        f.si = this.optional(buf, 'si');
        f.text = selfClosing ? null : '';
        this.capture = selfClosing ? NONE : CAP_F;
      } else if (code === IS) {
        this.inline = '';
        this.capture = CAP_IS;
      } else if (code === RPH) this.phonetic++;
      return;
    }
    if (code === C) this.openCell(buf, selfClosing);
    else if (code === ROW) {
      this.cells.rowCount++;
      const k = this.attr(buf, 'r');
      let r = NaN;
      if (k >= 0) {
        r = plainNumber(buf, this.attrs[4 * k + 2], this.attrs[4 * k + 3], true);
        if (Number.isNaN(r)) r = Number(this.value(buf, k));
      }
      this.row = r >= 1 ? r - 1 : this.row + 1;
      this.col = -1;
    } else if (code === MERGE_CELL) {
      const ref = this.optional(buf, 'ref');
      if (ref) this.cells.mergeCell(ref);
    } else if (code === SHEET_DATA && !selfClosing) this.inSheetData = true;
  }

  private openCell(buf: string, selfClosing: boolean): void {
    const a = this.attrs;
    let rk = -1;
    let sk = -1;
    let tk = -1;
    for (let k = 0; k < this.nAttrs; k++) {
      if (a[4 * k + 1] - a[4 * k] !== 1) continue;
      const ch = buf.charCodeAt(a[4 * k]);
      if (ch === 0x72) rk = k;
      else if (ch === 0x73) sk = k;
      else if (ch === 0x74) tk = k;
    }
    if (rk < 0 || !this.cellRef(buf, a[4 * rk + 2], a[4 * rk + 3])) {
      const ref = rk >= 0 ? parseRef(this.value(buf, rk)) : null;
      if (ref) {
        this.col = ref.col;
        this.row = ref.row;
      } else this.col++;
    }
    if (tk < 0) {
      this.t = 'n';
      this.tKind = T_NUM;
    } else this.cellType(buf, a[4 * tk + 2], a[4 * tk + 3], tk);
    if (sk < 0) this.s = 0;
    else {
      const s = plainNumber(buf, a[4 * sk + 2], a[4 * sk + 3], true);
      this.s = Number.isNaN(s) ? Number(this.value(buf, sk)) : s;
    }
    this.v = null;
    this.vPlain = false;
    this.inline = null;
    this.capture = NONE;
    this.phonetic = 0;
    const f = this.f;
    f.present = false;
    f.text = null;
    f.t = undefined;
    f.si = undefined;
    this.inCell = true;
    if (selfClosing) this.finish();
  }

  /** A plain reference (`B7`, `b7`): its column and row taken, true; false for anything parseRef must judge. */
  private cellRef(buf: string, a: number, b: number): boolean {
    let col = 0;
    let p = a;
    for (; p < b && p - a < 4; p++) {
      const ch = buf.charCodeAt(p) | 0x20;
      if (ch < 97 || ch > 122) break;
      col = col * 26 + (ch - 96);
    }
    const letters = p - a;
    if (letters === 0 || letters > 3 || b - p > 9) return false;
    let row = 0;
    for (; p < b; p++) {
      const d = buf.charCodeAt(p) - 48;
      if (d < 0 || d > 9) return false;
      row = row * 10 + d;
    }
    if (row < 1) return false;
    this.col = col - 1;
    this.row = row - 1;
    return true;
  }

  private cellType(buf: string, a: number, b: number, k: number): void {
    const n = b - a;
    const c0 = buf.charCodeAt(a);
    if (n === 1 && c0 === 0x73) {
      this.t = 's';
      this.tKind = T_S;
      return;
    }
    if (n === 1 && c0 === 0x6e) {
      this.t = 'n';
      this.tKind = T_NUM;
      return;
    }
    const t = this.value(buf, k);
    this.t = t;
    this.tKind =
      t === 'str' || t === 'inlineStr' || t === 'b' || t === 'e' || t === 'd' ? T_OTHER : t === 's' ? T_S : T_NUM;
  }

  // The reference reader's close handler.
  protected closeElement(code: number): void {
    if (code === SHEET_DATA) this.inSheetData = false;
    if (!this.inCell) return;
    if (code === C) this.finish();
    else if (code === V || code === F || code === IS) this.capture = NONE;
    else if (code === RPH) this.phonetic--;
  }

  private finish(): void {
    this.inCell = false;
    const cells = this.cells;
    const formula = cells.formula(this.row, this.col, this.f);
    // A plain number read without a string is exactly what the reference makes of its text.
    if (this.vPlain) {
      if (this.tKind === T_S) cells.shared(this.row, this.col, this.s, this.vNumber, formula);
      else cells.number(this.row, this.col, this.s, this.vNumber, formula);
      return;
    }
    cells.cell(this.row, this.col, this.t, this.s, this.v, this.inline, formula);
  }

  // The reference reader's text handler.
  protected text(buf: string, a: number, b: number): void {
    const capture = this.capture;
    if (capture === NONE || (capture === CAP_IS && this.phonetic > 0)) return;
    if (capture === CAP_V) {
      if (this.vPlain) throw GIVE_UP; // more text after a plain number: no writer does this
      if (this.v === '' && this.tKind !== T_OTHER) {
        const n = plainNumber(buf, a, b, this.tKind === T_S);
        if (!Number.isNaN(n)) {
          this.vNumber = n;
          this.vPlain = true;
          return;
        }
      }
      this.v += this.decode(buf, a, b);
    } else if (capture === CAP_F) this.f.text += this.decode(buf, a, b);
    else this.inline += this.decode(buf, a, b);
  }
}

/**
 * Scan a worksheet part into `cells`. True when read; false when the part holds something
 * the scanner leaves to saxes (then `cells` is half-filled and must be thrown away).
 * `pieceSize` cuts the decoded text smaller (tests: a piece boundary inside every tag).
 */
export function scanSheet(entry: ZipEntry, cells: SheetCells, limit?: number, pieceSize?: number): boolean {
  const scan = new SheetScan(cells);
  try {
    entryText(
      entry,
      pieceSize
        ? (t) => {
            for (let o = 0; o < t.length; o += pieceSize) scan.push(t.slice(o, o + pieceSize));
          }
        : (t) => scan.push(t),
      limit,
    );
    scan.end();
    return true;
  } catch (err) {
    if (err instanceof GiveUp) return false;
    throw err;
  }
}
