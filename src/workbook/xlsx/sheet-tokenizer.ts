/**
 * The tokenizer under the fast worksheet reader (sheet-scan.ts): it cuts a worksheet part's
 * text, piece by piece, into start tags (their attributes kept as index ranges into the
 * text), end tags and text, and checks as it goes what saxes would refuse. It gives up (throws
 * GIVE_UP) on anything it is not certain of; what the tags mean is the reader's job, in the
 * handlers a subclass implements.
 */
import { xmlUnescape } from './xml';

/** Thrown inside the scan to abandon it; caught by scanSheet, never leaves the reader. */
export class GiveUp extends Error {}
export const GIVE_UP = new GiveUp('not handled by the fast scanner');

// Local element names the reader acts on.
export const OTHER = 0,
  C = 1,
  V = 2,
  F = 3,
  IS = 4,
  RPH = 5,
  ROW = 6,
  MERGE_CELL = 7,
  SHEET_DATA = 8;
const NAMES = ['', 'c', 'v', 'f', 'is', 'rPh', 'row', 'mergeCell', 'sheetData'];

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
export function plainNumber(buf: string, a: number, b: number, intOnly: boolean): number {
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
 * Start tags, end tags and text of a worksheet part, handed to the reader's handlers
 * (openElement, closeElement, text) as they are found.
 */
export abstract class SheetTokenizer {
  private carry = '';
  private atStart = true;
  private rootDone = false;
  private readonly stack: string[] = [];
  /** Set by the reader while inside sheetData, where a comment is left to saxes. */
  protected inSheetData = false;
  // Attribute ranges of the tag being read: name start, name end, value start, value end.
  protected readonly attrs = new Int32Array(MAX_ATTRS * 4);
  protected nAttrs = 0;
  // Where the next '&' and '\r' are in the current buffer (len when none), found once per buffer.
  private ampAt = -1;
  private crAt = -1;

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
      if (gt + 1 < j) this.between(buf, gt + 1, j);
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
  protected attr(buf: string, name: string): number {
    const a = this.attrs;
    for (let k = 0; k < this.nAttrs; k++)
      if (a[4 * k + 1] - a[4 * k] === name.length && buf.startsWith(name, a[4 * k])) return k;
    return -1;
  }

  /** An attribute's value as text. Values that would need normalising (entities, line breaks, tabs) are left to saxes. */
  protected value(buf: string, k: number): string {
    const a = this.attrs[4 * k + 2];
    const b = this.attrs[4 * k + 3];
    for (let p = a; p < b; p++) {
      const ch = buf.charCodeAt(p);
      if (ch === 0x26 || ch === 0x0a || ch === 0x0d || ch === 0x09) throw GIVE_UP;
    }
    return buf.slice(a, b);
  }

  protected optional(buf: string, name: string): string | undefined {
    const k = this.attr(buf, name);
    return k < 0 ? undefined : this.value(buf, k);
  }

  /** Text between two tags: outside the root element only blanks are allowed; inside, the reader's. */
  private between(buf: string, a: number, b: number): void {
    if (this.stack.length === 0) {
      if (!this.blank(buf, a, b)) throw GIVE_UP; // text outside the root element
      return;
    }
    this.text(buf, a, b);
  }

  /** Text as saxes hands it on: line ends normalised to '\n', entities replaced (all checked by checkEntities). */
  protected decode(buf: string, a: number, b: number): string {
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

  /** A start tag (its attributes in `attrs`), `code` its local name's. */
  protected abstract openElement(buf: string, code: number, selfClosing: boolean): void;
  /** An end tag, or the end of a self-closing tag. */
  protected abstract closeElement(code: number): void;
  /** Text inside the root element, `buf` from `a` to `b`, undecoded (see decode). */
  protected abstract text(buf: string, a: number, b: number): void;
}
