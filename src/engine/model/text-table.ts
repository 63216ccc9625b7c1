/**
 * A sheet's own texts (CSV fields, inline strings, formula text results, error codes) kept
 * in a few long strings instead of one string each.
 *
 * Why: a JavaScript string costs about 16 bytes of header and 8 of array slot besides its
 * characters, which for the refs and descriptions of a large return is more than the texts
 * themselves (docs/BENCHMARKS.md). Here texts are joined into blocks of up to a million characters, and a text is
 * where it starts (4 bytes) and how long it is (2 bytes); reading one back is a slice of
 * its block, which V8 makes without copying. Texts with a character past U+00FF go to
 * blocks of their own, so that one en dash does not make a whole block two bytes a
 * character; texts are kept as JavaScript holds them, so byte-order marks and lone
 * surrogates come back exactly as they went in.
 */

const BLOCK_BITS = 20;
/** Characters a block holds at most. */
const BLOCK = 1 << BLOCK_BITS;
/** Length code of a text too long for two bytes, kept whole in `long`. */
const LONG = 0xffff;
/** Blocks a table can address with Int32 positions (2^31 characters). */
const MAX_BLOCKS = 1 << (31 - BLOCK_BITS);
const SHIFT = 16;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;
/** A character V8 cannot keep in a one-byte string. */
const WIDE_CHAR = /[\u0100-\uffff]/;

/** The texts of a sheet, by the index TextTableBuilder.add gave each. */
export class TextTable {
  constructor(
    private readonly blocks: readonly string[],
    private readonly starts: readonly Int32Array[],
    private readonly lengths: readonly Uint16Array[],
    private readonly long: ReadonlyMap<number, string>,
    /** Texts kept. */
    readonly size: number,
  ) {}

  /** Text i ('' for an index never handed out). */
  get(i: number): string {
    if (!(i >= 0 && i < this.size)) return '';
    const len = this.lengths[i >> SHIFT][i & MASK];
    if (len === LONG) return this.long.get(i) ?? '';
    const pos = this.starts[i >> SHIFT][i & MASK];
    const off = pos & (BLOCK - 1);
    return this.blocks[pos >>> BLOCK_BITS].slice(off, off + len);
  }

  /** Bytes the table takes, counting a block's characters at the width V8 keeps them. */
  get bytes(): number {
    let n = 0;
    for (const a of this.starts) n += a.byteLength;
    for (const a of this.lengths) n += a.byteLength;
    for (const b of this.blocks) n += WIDE_CHAR.test(b) ? 2 * b.length : b.length;
    for (const t of this.long.values()) n += 2 * t.length;
    return n;
  }
}

/** One block being filled: its texts wait in a list and are joined into one string when it is full. */
interface Pending {
  block: number;
  texts: string[];
  length: number;
}

export class TextTableBuilder {
  private readonly blocks: string[] = [];
  private readonly starts: Int32Array[] = [];
  private readonly lengths: Uint16Array[] = [];
  private readonly long = new Map<number, string>();
  private narrow: Pending | null = null;
  private wide: Pending | null = null;
  private n = 0;

  /** Keeps a text and gives its index (0, 1, 2, … in the order texts are added). */
  add(text: string): number {
    const i = this.n;
    if ((i & MASK) === 0) {
      this.starts.push(new Int32Array(CHUNK));
      this.lengths.push(new Uint16Array(CHUNK));
    }
    const c = i >> SHIFT;
    const k = i & MASK;
    if (text.length >= LONG) {
      this.lengths[c][k] = LONG;
      this.long.set(i, text);
    } else {
      const isWide = WIDE_CHAR.test(text);
      let p = isWide ? this.wide : this.narrow;
      if (!p || p.length + text.length > BLOCK) {
        if (p) this.seal(p);
        if (this.blocks.length >= MAX_BLOCKS)
          throw new RangeError('more than 2,147,483,648 characters of text on one sheet');
        p = { block: this.blocks.length, texts: [], length: 0 };
        this.blocks.push('');
        if (isWide) this.wide = p;
        else this.narrow = p;
      }
      this.starts[c][k] = (p.block << BLOCK_BITS) | p.length;
      this.lengths[c][k] = text.length;
      p.texts.push(text);
      p.length += text.length;
    }
    this.n = i + 1;
    return i;
  }

  /** Texts added so far. */
  get size(): number {
    return this.n;
  }

  /** The table; the builder is spent. */
  build(): TextTable {
    if (this.narrow) this.seal(this.narrow);
    if (this.wide) this.seal(this.wide);
    this.narrow = this.wide = null;
    const n = this.n;
    // The last chunk cut to the texts it holds.
    if (n > 0 && (n & MASK) !== 0) {
      const last = n >> SHIFT;
      this.starts[last] = this.starts[last].slice(0, n & MASK);
      this.lengths[last] = this.lengths[last].slice(0, n & MASK);
    }
    return new TextTable(this.blocks, this.starts, this.lengths, this.long, n);
  }

  private seal(p: Pending): void {
    // join makes one flat string of the block, and the separate texts are let go.
    this.blocks[p.block] = p.texts.join('');
    p.texts = [];
  }
}
