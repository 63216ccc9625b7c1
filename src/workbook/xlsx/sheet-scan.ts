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
import { xmlUnescape } from './xml';
import { parseRef, type FormulaPart, type SheetCells } from './sheet-cells';

/** Thrown inside the scan to abandon it; never leaves this module. */
class GiveUp extends Error {}
const GIVE_UP = new GiveUp('not handled by the fast scanner');

// Local element names the reader acts on.
const OTHER = 0,
  C = 1,
  V = 2,
  F = 3,
  IS = 4,
  RPH = 5,
  ROW = 6,
  MERGE_CELL = 7,
  SHEET_DATA = 8;
const NAMES = ['', 'c', 'v', 'f', 'is', 'rPh', 'row', 'mergeCell', 'sheetData'];
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

/** Characters XML 1.0 forbids, and `]]>` outside CDATA: saxes refuses both, so the scanner must not read them. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|\]\]>/;
/** Text carried from one piece to the next beyond this (a single text of megabytes) is left to saxes. */
const MAX_CARRY = 1 << 22;
const MAX_ATTRS = 24;
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
];
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

function isWs(ch: number): boolean {
  return ch === 0x20 || ch === 0x0a || ch === 0x09 || ch === 0x0d;
}
/** ASCII name characters only: a worksheet never names an element or attribute otherwise, and saxes judges the rest. */
function isNameStart(ch: number): boolean {
  return (ch >= 0x61 && ch <= 0x7a) || (ch >= 0x41 && ch <= 0x5a) || ch === 0x5f || ch === 0x3a;
}
function isNameChar(ch: number): boolean {
  return isNameStart(ch) || (ch >= 0x30 && ch <= 0x39) || ch === 0x2d || ch === 0x2e;
}
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * A plain decimal (`-12`, `0.909`) of at most 15 significant digits as its number, NaN for
 * anything else. Exactly Number(text): the digits make an integer below 2^53 and 10^k is
 * exact for k ≤ 22, so one IEEE division rounds correctly (Clinger's fast path). Anything
 * longer, or with an exponent, goes to Number() on the text.
 */
function plainNumber(buf: string, a: number, b: number, intOnly: boolean): number {
  let p = a;
  let neg = false;
  if (p < b && buf.charCodeAt(p) === 0x2d) {
    if (intOnly) return NaN;
    neg = true;
    p++;
  }
  let m = 0;
  let digits = 0;
  let significant = 0;
  let frac = -1;
  for (; p < b; p++) {
    const d = buf.charCodeAt(p) - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
      if (m !== 0) significant++;
      if (frac >= 0) frac++;
    } else if (d === -2 && frac < 0 && !intOnly && digits > 0) frac = 0;
    else return NaN;
  }
  if (digits === 0 || significant > 15 || frac === 0) return NaN;
  const n = frac > 0 ? m / POW10[frac] : m;
  return neg ? -n : n;
}

class SheetScan {
  private carry = '';
  private atStart = true;
  private rootDone = false;
  private readonly stack: string[] = [];
  private inSheetData = false;
  // Attribute ranges of the tag being read: name start, name end, value start, value end.
  private readonly attrs = new Int32Array(MAX_ATTRS * 4);
  private nAttrs = 0;
  // Where the next '&' and '\r' are in the current buffer (len when none), found once per buffer.
  private ampAt = -1;
  private crAt = -1;
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

  constructor(private readonly cells: SheetCells) {}

  push(piece: string): void {
    // Joined text is a V8 cons string, and every charCodeAt or slice on one walks or
    // re-flattens it: cutting a fresh copy makes one flat string to scan (64 KB copied per piece).
    const buf = this.carry === '' ? piece : ` ${this.carry}${piece}`.slice(1);
    if (FORBIDDEN.test(buf)) throw GIVE_UP;
    this.scan(buf, false);
  }

  end(): void {
    this.scan(this.carry, true);
    if (this.stack.length !== 0 || !this.rootDone) throw GIVE_UP;
  }

  private scan(buf: string, final: boolean): void {
    const len = buf.length;
    this.ampAt = -1;
    this.crAt = -1;
    let i = buf.indexOf('<');
    if (i < 0) i = len;
    if (i > 0) {
      // Only the start of the document has text before its first '<' (a carry starts at one).
      if (!this.atStart || !this.blank(buf, 0, i)) throw GIVE_UP;
      if (i === len) {
        this.carry = final ? '' : buf;
        return;
      }
    }
    this.checkEntities(buf, final ? len : buf.lastIndexOf('<'));
    for (;;) {
      let j = buf.indexOf('<', i + 1);
      if (j < 0) {
        if (!final) {
          this.keep(buf, i);
          return;
        }
        j = len;
      }
      const c1 = buf.charCodeAt(i + 1);
      let gt: number;
      if (c1 === 0x2f) gt = this.close(buf, i, j);
      else if (c1 === 0x21 || c1 === 0x3f) {
        gt = this.special(buf, i, c1, final);
        if (gt < 0) {
          this.keep(buf, i);
          return;
        }
        j = buf.indexOf('<', gt + 1);
        if (j < 0) {
          if (!final) {
            this.keep(buf, i);
            return;
          }
          j = len;
        }
      } else gt = this.open(buf, i, j);
      this.atStart = false;
      if (gt + 1 < j) this.text(buf, gt + 1, j);
      if (j >= len) break;
      i = j;
    }
    this.carry = '';
  }

  /** Keep the unfinished tail (from the last '<') for the next piece. */
  private keep(buf: string, from: number): void {
    this.carry = buf.slice(from);
    if (this.carry.length > MAX_CARRY) throw GIVE_UP;
  }

  private blank(buf: string, a: number, b: number): boolean {
    for (let p = a; p < b; p++) if (!isWs(buf.charCodeAt(p))) return false;
    return true;
  }

  /** Every '&' before `end` must start one of the five predefined entities or a character reference of an XML character. */
  private checkEntities(buf: string, end: number): void {
    for (let k = buf.indexOf('&'); k >= 0 && k < end; k = buf.indexOf('&', k + 1)) {
      const e = buf.indexOf(';', k + 1);
      if (e < 0 || e - k > 10) throw GIVE_UP;
      if (buf.charCodeAt(k + 1) === 0x23) {
        const hex = buf.charCodeAt(k + 2) === 0x78;
        const digits = buf.slice(k + (hex ? 3 : 2), e);
        if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits) || !isXmlChar(parseInt(digits, hex ? 16 : 10)))
          throw GIVE_UP;
      } else if (!PREDEFINED.has(buf.slice(k + 1, e))) throw GIVE_UP;
    }
  }

  /** Comments outside the cells and the XML declaration; anything else beginning `<!` or `<?` is left to saxes. Returns the closing '>', or -1 when it lies in a later piece. */
  private special(buf: string, i: number, c1: number, final: boolean): number {
    if (c1 === 0x3f) {
      if (!this.atStart || i !== 0 || !buf.startsWith('<?xml', i) || !isWs(buf.charCodeAt(i + 5))) {
        if (i + 6 > buf.length && !final) return -1;
        throw GIVE_UP;
      }
      const e = buf.indexOf('?>', i + 5);
      if (e < 0) {
        if (final) throw GIVE_UP;
        return -1;
      }
      return e + 1;
    }
    if (this.inSheetData || this.stack.length === 0) throw GIVE_UP;
    if (!buf.startsWith('<!--', i)) {
      if (i + 4 > buf.length && !final) return -1;
      throw GIVE_UP;
    }
    const e = buf.indexOf('--', i + 4);
    if (e < 0 || e + 2 >= buf.length) {
      if (final) throw GIVE_UP;
      return -1;
    }
    if (buf.charCodeAt(e + 2) !== 0x3e) throw GIVE_UP; // '--' inside a comment
    return e + 2;
  }

  private open(buf: string, i: number, j: number): number {
    const ns = i + 1;
    let p = ns;
    let colon = -1;
    if (!isNameStart(buf.charCodeAt(p))) throw GIVE_UP;
    for (p++; p < j; p++) {
      const ch = buf.charCodeAt(p);
      if (!isNameChar(ch)) break;
      if (ch === 0x3a) colon = p;
    }
    const ne = p;
    const ls = colon < 0 ? ns : colon + 1;
    const code = tagCode(buf, ls, ne);
    // Attributes.
    let n = 0;
    let gt = -1;
    let selfClosing = false;
    const attrs = this.attrs;
    for (;;) {
      const ws = p;
      while (p < j && isWs(buf.charCodeAt(p))) p++;
      if (p >= j) throw GIVE_UP;
      const ch = buf.charCodeAt(p);
      if (ch === 0x3e) {
        gt = p;
        break;
      }
      if (ch === 0x2f) {
        if (p + 1 >= j || buf.charCodeAt(p + 1) !== 0x3e) throw GIVE_UP;
        gt = p + 1;
        selfClosing = true;
        break;
      }
      if (p === ws || !isNameStart(ch) || n === MAX_ATTRS) throw GIVE_UP;
      const as = p;
      for (p++; p < j && isNameChar(buf.charCodeAt(p)); p++);
      const ae = p;
      while (p < j && isWs(buf.charCodeAt(p))) p++;
      if (buf.charCodeAt(p) !== 0x3d) throw GIVE_UP;
      for (p++; p < j && isWs(buf.charCodeAt(p)); p++);
      const q = buf.charCodeAt(p);
      if (q !== 0x22 && q !== 0x27) throw GIVE_UP;
      const ve = buf.indexOf(q === 0x22 ? '"' : "'", p + 1);
      if (ve < 0 || ve >= j) throw GIVE_UP; // unterminated, or a '<' inside the value
      // The same attribute twice is malformed.
      for (let k = 0; k < n; k++) {
        const bs = attrs[4 * k];
        if (attrs[4 * k + 1] - bs === ae - as && sameRange(buf, bs, as, ae - as)) throw GIVE_UP;
      }
      attrs[4 * n] = as;
      attrs[4 * n + 1] = ae;
      attrs[4 * n + 2] = p + 1;
      attrs[4 * n + 3] = ve;
      n++;
      p = ve + 1;
    }
    this.nAttrs = n;
    if (this.stack.length === 0 && this.rootDone) throw GIVE_UP; // a second root element
    if (!selfClosing) this.stack.push(colon < 0 && code !== OTHER ? NAMES[code] : buf.slice(ns, ne));
    else if (this.stack.length === 0) this.rootDone = true;
    this.openElement(buf, code, selfClosing);
    if (selfClosing) this.closeElement(code);
    return gt;
  }

  private close(buf: string, i: number, j: number): number {
    const ns = i + 2;
    let p = ns;
    let colon = -1;
    for (; p < j; p++) {
      const ch = buf.charCodeAt(p);
      if (!isNameChar(ch)) break;
      if (ch === 0x3a) colon = p;
    }
    const ne = p;
    while (p < j && isWs(buf.charCodeAt(p))) p++;
    if (p >= j || buf.charCodeAt(p) !== 0x3e) throw GIVE_UP;
    const top = this.stack.pop();
    if (top === undefined || top.length !== ne - ns || !buf.startsWith(top, ns)) throw GIVE_UP;
    if (this.stack.length === 0) this.rootDone = true;
    this.closeElement(tagCode(buf, colon < 0 ? ns : colon + 1, ne));
    return p;
  }

  /** Attribute `name`'s value range index, or -1. */
  private attr(buf: string, name: string): number {
    const a = this.attrs;
    for (let k = 0; k < this.nAttrs; k++)
      if (a[4 * k + 1] - a[4 * k] === name.length && buf.startsWith(name, a[4 * k])) return k;
    return -1;
  }

  /** An attribute's value as text. Values that would need normalising (entities, line breaks, tabs) are left to saxes. */
  private value(buf: string, k: number): string {
    const a = this.attrs[4 * k + 2];
    const b = this.attrs[4 * k + 3];
    for (let p = a; p < b; p++) {
      const ch = buf.charCodeAt(p);
      if (ch === 0x26 || ch === 0x0a || ch === 0x0d || ch === 0x09) throw GIVE_UP;
    }
    return buf.slice(a, b);
  }

  private optional(buf: string, name: string): string | undefined {
    const k = this.attr(buf, name);
    return k < 0 ? undefined : this.value(buf, k);
  }

  // The reference reader's open handler (sheet.ts), on ranges instead of strings.
  private openElement(buf: string, code: number, selfClosing: boolean): void {
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
  private closeElement(code: number): void {
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
  private text(buf: string, a: number, b: number): void {
    if (this.stack.length === 0) {
      if (!this.blank(buf, a, b)) throw GIVE_UP; // text outside the root element
      return;
    }
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

  /** Text as saxes hands it on: line ends normalised to '\n', entities replaced (all checked by checkEntities). */
  private decode(buf: string, a: number, b: number): string {
    if (this.ampAt < a) {
      this.ampAt = buf.indexOf('&', a);
      if (this.ampAt < 0) this.ampAt = buf.length;
    }
    if (this.crAt < a) {
      this.crAt = buf.indexOf('\r', a);
      if (this.crAt < 0) this.crAt = buf.length;
    }
    let s = buf.slice(a, b);
    if (this.crAt < b) s = s.replace(/\r\n?/g, '\n');
    if (this.ampAt < b) s = xmlUnescape(s);
    return s;
  }
}

function sameRange(buf: string, a: number, b: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (buf.charCodeAt(a + k) !== buf.charCodeAt(b + k)) return false;
  return true;
}

function tagCode(buf: string, a: number, b: number): number {
  switch (b - a) {
    case 1: {
      const ch = buf.charCodeAt(a);
      return ch === 0x63 ? C : ch === 0x76 ? V : ch === 0x66 ? F : OTHER;
    }
    case 2:
      return buf.startsWith('is', a) ? IS : OTHER;
    case 3:
      return buf.startsWith('row', a) ? ROW : buf.startsWith('rPh', a) ? RPH : OTHER;
    case 9:
      return buf.startsWith('sheetData', a) ? SHEET_DATA : buf.startsWith('mergeCell', a) ? MERGE_CELL : OTHER;
    default:
      return OTHER;
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
