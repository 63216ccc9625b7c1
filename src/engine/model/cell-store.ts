/**
 * A worksheet's cells held compactly: a few typed arrays instead of one object per cell.
 *
 * Why: a JavaScript object per cell costs about a hundred bytes, which made a large return's
 * read the bulk of the check's memory (docs/BENCHMARKS.md has the figures). Here a cell is
 * kind 1 byte, value 4, column 1 and format 1 (a chunk of cells moves to two bytes for
 * columns or formats only once one passes 255). A value is an Int32 with a scale code in
 * the kind byte (see `encodeNumber`): integers, text indexes and decimals as a return holds
 * them ("83.4%", 12.5, 0.974) fit, and any other number goes to a Float64 side table. Text
 * is an index into the workbook's shared strings, kept once, or into the sheet's own texts
 * (./text-table), number formats an index into the sheet's list of distinct formats, and
 * formula text a sparse map. The
 * engine still sees Cells: `cell()` builds one when asked (cellAt in ./sheet), so no rule
 * knows how the sheet is held.
 *
 * Cells are kept row by row in the order rows end; within a row, by column. A reader that
 * delivers rows or cells out of order (the format requires ascending order, a few writers
 * do not keep to it) is sorted once at build(), the later of two cells at one address
 * winning, as Excel does when it opens such a file.
 */
import type { Cell, CellKind } from './cell';
import { TextTable, TextTableBuilder } from './text-table';

const KIND_CODES: Record<CellKind, number> = { empty: 0, number: 1, text: 2, boolean: 3, date: 4, error: 5 };
const KINDS: readonly CellKind[] = ['empty', 'number', 'text', 'boolean', 'date', 'error'];
/** The kind byte: kind in bits 0-2, scale code in bits 3-5, formula in bit 7. */
const KIND_MASK = 0x07;
const SCALE_SHIFT = 3;
const FORMULA = 0x80;
/** Scale code 5: the Int32 is an index into the Float64 side table. */
const WIDE = 5;
/**
 * Strings interned at most this many times per builder: past it, text is appended as it
 * comes. The first distinct texts fill the map (refs and descriptions among them, which
 * never repeat); a repeat past it costs only its characters in the text table.
 */
const INTERN_LIMIT = 20_000;

/**
 * Cells are kept in chunks of 65,536: a store grows by a chunk at a time, never by copying
 * everything into an array twice the size (which, at the moment of growing, held three
 * times the cells in memory), and build() hands the chunks over.
 */
const SHIFT = 16;
const CHUNK = 1 << SHIFT;
/** Cells kept once built (a power of two): see `cell`. */
const CACHED = 1024;
const MASK = CHUNK - 1;

/** A chunk of columns or format ids: one byte a cell until a value past 255 arrives. */
type Narrow = Uint8Array | Uint16Array;

interface Chunks {
  cols: Narrow[];
  kinds: Uint8Array[];
  values: Int32Array[];
  formatIds: Narrow[];
  /** Numbers no scale code holds exactly, by the index their cell's value gives. */
  wide: Float64Array[];
  wideCount: number;
}

function newChunks(): Chunks {
  return { cols: [], kinds: [], values: [], formatIds: [], wide: [], wideCount: 0 };
}

function addChunk(c: Chunks): void {
  c.cols.push(new Uint8Array(CHUNK));
  c.kinds.push(new Uint8Array(CHUNK));
  c.values.push(new Int32Array(CHUNK));
  c.formatIds.push(new Uint8Array(CHUNK));
}

/** Writes v at i of a narrow chunk list, widening that chunk to two bytes when v needs it. */
function setNarrow(list: Narrow[], i: number, v: number): void {
  const ch = i >> SHIFT;
  let a = list[ch];
  if (v > 0xff && a.BYTES_PER_ELEMENT === 1) list[ch] = a = Uint16Array.from(a);
  a[i & MASK] = v;
}

/** The last chunk cut to the cells it holds, so a store keeps no unused tail. */
function trimChunks(c: Chunks, n: number): void {
  const last = (n - 1) >> SHIFT;
  c.cols.length = c.kinds.length = c.values.length = c.formatIds.length = n === 0 ? 0 : last + 1;
  const used = n - (last << SHIFT);
  if (n > 0 && used < CHUNK) {
    c.cols[last] = c.cols[last].slice(0, used);
    c.kinds[last] = c.kinds[last].slice(0, used);
    c.values[last] = c.values[last].slice(0, used);
    c.formatIds[last] = c.formatIds[last].slice(0, used);
  }
  const w = c.wideCount;
  if (w > 0 && (w & MASK) !== 0) c.wide[w >> SHIFT] = c.wide[w >> SHIFT].slice(0, w & MASK);
}

function growInt32(a: Int32Array<ArrayBufferLike>, need: number): Int32Array<ArrayBufferLike> {
  if (need <= a.length) return a;
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const fitsInt32 = (i: number) => i >= INT32_MIN && i <= INT32_MAX;

/**
 * The number an Int32 and its scale code stand for. Codes 1-4 are i / 10^k, which IEEE
 * division rounds to the double nearest the decimal, so exactly `Number('12.5')`; codes 6
 * and 7 are how a percentage is read ("83.4%" is Number('83.4') / 100, which is not always
 * the double nearest 0.834).
 */
function decodeNumber(i: number, scale: number): number {
  switch (scale) {
    case 0:
      return i;
    case 1:
      return i / 10;
    case 2:
      return i / 100;
    case 3:
      return i / 1000;
    case 4:
      return i / 10000;
    case 6:
      return i / 10 / 100;
    case 7:
      return i / 100 / 100;
    default:
      return NaN;
  }
}

/** Scale codes tried in turn, with the factor that undoes each. */
const SCALE_CODES = [1, 2, 3, 4, 6, 7];
const SCALE_FACTORS = [10, 100, 1000, 10000, 1000, 10000];

/**
 * Writes v into values at i as an Int32 that gives it back exactly, bit for bit, and
 * returns the scale code; -0, NaN, infinities and any number with more decimals or digits
 * go to the side table (code WIDE).
 */
function putNumber(c: Chunks, i: number, v: number): number {
  const values = c.values[i >> SHIFT];
  if (Number.isInteger(v) && fitsInt32(v) && !Object.is(v, -0)) {
    values[i & MASK] = v;
    return 0;
  }
  if (!Object.is(v, -0)) {
    for (let s = 0; s < SCALE_CODES.length; s++) {
      const n = Math.round(v * SCALE_FACTORS[s]);
      if (fitsInt32(n) && decodeNumber(n, SCALE_CODES[s]) === v) {
        values[i & MASK] = n;
        return SCALE_CODES[s];
      }
    }
  }
  const w = c.wideCount++;
  if ((w & MASK) === 0) c.wide.push(new Float64Array(CHUNK));
  c.wide[w >> SHIFT][w & MASK] = v;
  values[i & MASK] = w;
  return WIDE;
}

export class CellStore {
  /** Rows the store spans (0-based, relative to the sheet's top). */
  readonly height: number;
  /** One past the rightmost column that holds a cell (relative to the sheet's left). */
  readonly width: number;
  /** Cells kept (empty-with-format cells included). */
  readonly size: number;
  /** How many times `cells` of a store-backed sheet was built whole (tests assert the engine never does). */
  materialised = 0;
  private readonly cachedAt = new Int32Array(CACHED).fill(-1);
  private readonly cached: Cell[] = new Array<Cell>(CACHED);
  private readonly cols: Narrow[];
  private readonly kinds: Uint8Array[];
  private readonly values: Int32Array[];
  private readonly formatIds: Narrow[];
  private readonly wide: Float64Array[];

  constructor(
    private readonly rowStart: Int32Array,
    chunks: Chunks,
    private readonly formats: readonly string[],
    private readonly baseStrings: readonly string[],
    private readonly texts: TextTable,
    private readonly formulaTexts: Map<number, string>,
    width: number,
  ) {
    this.height = rowStart.length - 1;
    this.width = width;
    this.size = rowStart[rowStart.length - 1];
    ({ cols: this.cols, kinds: this.kinds, values: this.values, formatIds: this.formatIds, wide: this.wide } = chunks);
  }

  /** The number cell i holds, from its Int32 and scale code. */
  private number(i: number, code: number): number {
    const v = this.values[i >> SHIFT][i & MASK];
    const scale = (code >> SCALE_SHIFT) & 7;
    if (scale === 0) return v;
    return scale === WIDE ? this.wide[v >> SHIFT][v & MASK] : decodeNumber(v, scale);
  }

  private col(i: number): number {
    return this.cols[i >> SHIFT][i & MASK];
  }

  private kind(i: number): number {
    return this.kinds[i >> SHIFT][i & MASK];
  }

  private lastR = -1;
  private lastC = -1;
  private lastI = -1;

  /** Index of the cell at (r, c), or -1. */
  private indexOf(r: number, c: number): number {
    // A rule often asks two things of one cell (its number, then its format): the second is not looked up again.
    if (r === this.lastR && c === this.lastC) return this.lastI;
    const i = this.find(r, c);
    this.lastR = r;
    this.lastC = c;
    this.lastI = i;
    return i;
  }

  private find(r: number, c: number): number {
    if (r < 0 || r >= this.height) return -1;
    let lo = this.rowStart[r];
    let hi = this.rowStart[r + 1] - 1;
    if (lo > hi) return -1;
    // Rows are usually dense from their first cell: try the direct position first.
    const guess = lo + (c - this.col(lo));
    if (guess >= lo && guess <= hi && this.col(guess) === c) return guess;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = this.col(mid);
      if (m === c) return mid;
      if (m < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private text(i: number): string {
    const base = this.baseStrings;
    return i < base.length ? base[i] : this.texts.get(i - base.length);
  }

  private build(i: number): Cell {
    const code = this.kind(i);
    const kind = KINDS[code & KIND_MASK];
    const format = this.formats[this.formatIds[i >> SHIFT][i & MASK]];
    const formula = (code & FORMULA) !== 0;
    const v = this.values[i >> SHIFT][i & MASK];
    const value =
      kind === 'empty'
        ? null
        : kind === 'text' || kind === 'error'
          ? this.text(v)
          : kind === 'boolean'
            ? v !== 0
            : this.number(i, code);
    if (formula) {
      const formulaText = this.formulaTexts.get(i);
      if (formulaText !== undefined) return { kind, value, format, formula, formulaText };
    }
    return { kind, value, format, formula };
  }

  /** The cell at (r, c), relative to the sheet's top-left corner; undefined where none is kept. */
  cell(r: number, c: number): Cell | undefined {
    const i = this.indexOf(r, c);
    if (i < 0) return undefined;
    // The Cells built last are kept by their index, in a table of CACHED slots (a row's cells have
    // consecutive indexes, so no two cells of a row up to CACHED cells wide share a slot): a cell
    // read twice in a row is built once and is the same object both times, as with arrays of
    // Cells, and reading one cell from each of many rows allocates nothing but the Cell.
    const slot = i & (CACHED - 1);
    if (this.cachedAt[slot] === i) return this.cached[slot];
    const built = this.build(i);
    this.cachedAt[slot] = i;
    this.cached[slot] = built;
    return built;
  }

  /** The kind of the cell at (r, c) without building it ('empty' where none is kept). */
  kindAt(r: number, c: number): CellKind {
    const i = this.indexOf(r, c);
    return i < 0 ? 'empty' : KINDS[this.kind(i) & KIND_MASK];
  }

  /**
   * What the formula rules ask of every figure cell, without building it: the formula's text
   * ('' for a formula whose text was not kept), else true for a number typed in, else false.
   */
  formulaOrNumberAt(r: number, c: number): string | boolean {
    const i = this.indexOf(r, c);
    if (i < 0) return false;
    const code = this.kind(i);
    if (code & FORMULA) return this.formulaTexts.get(i) ?? '';
    return (code & KIND_MASK) === 1;
  }

  private formulaList?: { r: number; c: number; text: string }[];

  /**
   * Every cell whose formula text was kept, row by row and left to right within a row
   * (relative to the sheet's top-left corner). Built once: the formula rules read a sheet's
   * formulas from here rather than asking every figure cell of every grid whether it holds one.
   */
  formulaCells(): readonly { r: number; c: number; text: string }[] {
    if (this.formulaList) return this.formulaList;
    const out: { r: number; c: number; text: string }[] = [];
    for (const [i, text] of this.formulaTexts) {
      // The row holding cell i: the last row that starts at or before it.
      let lo = 0;
      let hi = this.height - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.rowStart[mid] <= i) lo = mid;
        else hi = mid - 1;
      }
      out.push({ r: lo, c: this.col(i), text });
    }
    // The map is filled in the order a reader put the cells, which need not be the sheet's.
    out.sort((a, b) => a.r - b.r || a.c - b.c);
    return (this.formulaList = out);
  }

  /** Whether the cell at (r, c) is blank (none kept, empty, or text of spaces only), without building it. */
  blankAt(r: number, c: number): boolean {
    const i = this.indexOf(r, c);
    if (i < 0) return true;
    const kind = this.kind(i) & KIND_MASK;
    return kind === 0 || (kind === 2 && this.text(this.values[i >> SHIFT][i & MASK]).trim() === '');
  }

  /** The number format of the cell at (r, c) without building it ('General' where none is kept). */
  formatAt(r: number, c: number): string {
    const i = this.indexOf(r, c);
    return i < 0 ? 'General' : this.formats[this.formatIds[i >> SHIFT][i & MASK]];
  }

  /** The number held at (r, c) (a number, date serial or boolean as 1/0), NaN where none or not a number. */
  numberAt(r: number, c: number): number {
    const i = this.indexOf(r, c);
    if (i < 0) return NaN;
    const code = this.kind(i);
    const k = code & KIND_MASK;
    return k === 1 || k === 3 || k === 4 ? this.number(i, code) : NaN;
  }

  /** The number at (r, c) when the cell is a number (not a date or a boolean), else NaN: no cell is built. */
  figureAt(r: number, c: number): number {
    const i = this.indexOf(r, c);
    if (i < 0) return NaN;
    const code = this.kind(i);
    return (code & KIND_MASK) === 1 ? this.number(i, code) : NaN;
  }

  /** Row r as an array of cells (holes where none is kept); undefined for a row with no cells. */
  row(r: number): (Cell | undefined)[] | undefined {
    if (r < 0 || r >= this.height) return undefined;
    const from = this.rowStart[r];
    const to = this.rowStart[r + 1];
    if (from === to) return undefined;
    const out: (Cell | undefined)[] = [];
    for (let i = from; i < to; i++) out[this.col(i)] = this.build(i);
    return out;
  }

  /**
   * How many cells of row r hold something (blank text aside), how many text and how many
   * numbers: what discovery asks of every row below a header, answered without building the
   * row's Cells.
   */
  rowShape(r: number): { nonEmpty: number; text: number; numbers: number } {
    const s = { nonEmpty: 0, text: 0, numbers: 0 };
    if (r < 0 || r >= this.height) return s;
    for (let i = this.rowStart[r], to = this.rowStart[r + 1]; i < to; i++) {
      const kind = this.kind(i) & KIND_MASK;
      if (kind === 0) continue;
      if (kind === 2) {
        if (this.text(this.values[i >> SHIFT][i & MASK]).trim() === '') continue;
        s.text++;
      } else if (kind === 1) s.numbers++;
      s.nonEmpty++;
    }
    return s;
  }

  /**
   * The columns of row r, from `from` to `to`, whose cell holds an Excel error value or a number
   * no cell can hold (NaN, ±Infinity, as another program may write): what the excel-error rule
   * looks for in every cell of a grid, found by one pass over the row's cells.
   */
  unusableIn(r: number, from: number, to: number): number[] {
    const out: number[] = [];
    if (r < 0 || r >= this.height) return out;
    for (let i = this.rowStart[r], end = this.rowStart[r + 1]; i < end; i++) {
      const col = this.col(i);
      if (col < from || col > to) continue;
      const code = this.kind(i);
      const kind = code & KIND_MASK;
      // Only the side table holds a number that is not finite.
      if (kind === 5 || (kind === 1 && ((code >> SCALE_SHIFT) & 7) === WIDE && !Number.isFinite(this.number(i, code))))
        out.push(col);
    }
    return out;
  }

  /** One past the rightmost column of row r that holds a cell (0 for an empty row). */
  rowWidth(r: number): number {
    if (r < 0 || r >= this.height) return 0;
    const to = this.rowStart[r + 1];
    return to > this.rowStart[r] ? this.col(to - 1) + 1 : 0;
  }

  /** Every row, as the classic array of arrays. Only tests and small sheets should want this. */
  toRows(): (Cell | undefined)[][] {
    this.materialised++;
    const rows: (Cell | undefined)[][] = [];
    for (let r = 0; r < this.height; r++) {
      const row = this.row(r);
      if (row) rows[r] = row;
    }
    // A trailing run of empty rows still counts in the height, as it did for the array form.
    if (rows.length < this.height) rows.length = this.height;
    return rows;
  }

  /** Bytes the typed arrays and the sheet's own texts take (for the benchmark's memory table). */
  get bytes(): number {
    let n = this.rowStart.byteLength + this.texts.bytes;
    for (const list of [this.cols, this.kinds, this.values, this.formatIds, this.wide])
      for (const a of list) n += a.byteLength;
    return n;
  }
}

/**
 * Builds a CellStore as a reader streams cells. Text is given as an index: into `strings`
 * (the workbook's shared strings, passed once) or one `textId` hands out.
 */
export class CellStoreBuilder {
  private chunks = newChunks();
  /** First cell of each row, kept as rows arrive in order (the usual case). */
  private rowStart: Int32Array<ArrayBufferLike> = new Int32Array(1024);
  /** Each cell's row: only once a cell arrives out of order (then build() sorts). */
  private rowOf: Int32Array[] | null = null;
  private n = 0;
  private lastRow = -1;
  private lastCol = -1;
  private maxCol = -1;
  private readonly formats: string[] = [];
  private readonly formatIndex = new Map<string, number>();
  private readonly texts = new TextTableBuilder();
  private readonly stringIndex = new Map<string, number>();
  private readonly formulaTexts = new Map<number, string>();
  private readonly baseStrings: readonly string[];

  constructor(baseStrings: readonly string[] = []) {
    this.baseStrings = baseStrings;
  }

  /** The index of a number format ('General' when blank), the same index for the same code. */
  formatId(format: string): number {
    const f = format || 'General';
    let id = this.formatIndex.get(f);
    if (id === undefined) {
      id = this.formats.length;
      if (id > 0xffff) throw new RangeError('more than 65,536 distinct number formats on one sheet');
      this.formats.push(f);
      this.formatIndex.set(f, id);
    }
    return id;
  }

  /** The index of a text value that is not one of the shared strings (inline strings, formula text results, CSV fields, error codes). */
  textId(text: string): number {
    const known = this.stringIndex.get(text);
    if (known !== undefined) return known;
    const id = this.baseStrings.length + this.texts.add(text);
    if (this.stringIndex.size < INTERN_LIMIT) this.stringIndex.set(text, id);
    return id;
  }

  /**
   * One cell at absolute (row, col), 0-based. `value`: the number (dates as 1900-system
   * serials), 1/0 for booleans, a text index (shared-string index or textId) for text and
   * errors, ignored for empty. `formula`: true for a formula whose text is unknown, its text
   * ('=B7/C7') when known.
   */
  put(
    row: number,
    col: number,
    kind: CellKind,
    value: number,
    formatId: number,
    formula: boolean | string = false,
  ): void {
    if (col > 0xffff || col < 0 || row < 0) throw new RangeError(`cell (${row}, ${col}) is outside any sheet`);
    const i = this.n;
    const k = i & MASK;
    if (k === 0) {
      addChunk(this.chunks);
      if (this.rowOf) this.rowOf.push(new Int32Array(CHUNK));
    }
    if (!this.rowOf) {
      if (row < this.lastRow || (row === this.lastRow && col <= this.lastCol)) this.unordered();
      else if (row > this.lastRow) {
        // Rows lastRow+1 .. row start here (those between hold no cells).
        this.rowStart = growInt32(this.rowStart, row + 2);
        for (let r = this.lastRow + 1; r <= row; r++) this.rowStart[r] = i;
        this.lastRow = row;
      }
      this.lastCol = col;
    }
    if (col > this.maxCol) this.maxCol = col;
    const c = i >> SHIFT;
    const chunks = this.chunks;
    if (this.rowOf) this.rowOf[c][k] = row;
    setNarrow(chunks.cols, i, col);
    setNarrow(chunks.formatIds, i, formatId);
    const code = KIND_CODES[kind];
    let scale = 0;
    if (code === 1 || code === 4) scale = putNumber(chunks, i, value);
    else chunks.values[c][k] = value;
    chunks.kinds[c][k] = code | (scale << SCALE_SHIFT) | (formula !== false ? FORMULA : 0);
    if (typeof formula === 'string' && formula !== '') this.formulaTexts.set(i, formula);
    this.n = i + 1;
  }

  /** A cell arrived before one already put: from now on each cell's row is kept, and build() sorts. */
  private unordered(): void {
    const rowOf: Int32Array[] = [];
    for (let c = 0; c < this.chunks.cols.length; c++) rowOf.push(new Int32Array(CHUNK));
    let r = 0;
    for (let i = 0; i < this.n; i++) {
      while (r + 1 <= this.lastRow && this.rowStart[r + 1] <= i) r++;
      rowOf[i >> SHIFT][i & MASK] = r;
    }
    this.rowOf = rowOf;
  }

  /** A cell as the engine models it (CSV readers, adapters that already hold Cells). */
  putCell(row: number, col: number, cell: Cell): void {
    const formula = cell.formula ? (cell.formulaText ?? true) : false;
    const f = this.formatId(cell.format);
    switch (cell.kind) {
      case 'text':
      case 'error':
        this.put(row, col, cell.kind, this.textId(String(cell.value)), f, formula);
        return;
      case 'boolean':
        this.put(row, col, 'boolean', cell.value ? 1 : 0, f, formula);
        return;
      case 'empty':
        this.put(row, col, 'empty', 0, f, formula);
        return;
      default:
        this.put(row, col, cell.kind, cell.value as number, f, formula);
    }
  }

  /** Cells put so far. */
  get size(): number {
    return this.n;
  }

  /**
   * The store, with `clear` cells (absolute row, col) made empty: the covered cells of
   * merged areas, which Excel shows empty whatever the file holds under them. `height`:
   * rows the sheet spans below its last cell (empty rows still count).
   */
  build(clear?: (row: number, col: number) => boolean, height?: number): CellStore {
    const formats = this.formats.length ? this.formats : ['General'];
    const width = this.maxCol + 1;
    if (!this.rowOf) {
      // In order: the chunks become the store as they are.
      const n = this.n;
      const rows = Math.max(this.lastRow + 1, height ?? 0);
      const rowStart = new Int32Array(rows + 1);
      rowStart.set(this.rowStart.subarray(0, this.lastRow + 1));
      for (let r = this.lastRow + 1; r <= rows; r++) rowStart[r] = n;
      const chunks = this.chunks;
      trimChunks(chunks, n);
      if (clear) {
        for (let r = 0; r < rows; r++) {
          for (let i = rowStart[r]; i < rowStart[r + 1]; i++) {
            const k = i & MASK;
            const ch = i >> SHIFT;
            if (clear(r, chunks.cols[ch][k])) {
              chunks.kinds[ch][k] = 0;
              this.formulaTexts.delete(i);
            }
          }
        }
      }
      this.chunks = newChunks();
      return new CellStore(rowStart, chunks, formats, this.baseStrings, this.texts.build(), this.formulaTexts, width);
    }
    return this.buildSorted(clear, height, formats, width);
  }

  /** Cells that came out of order: sorted by (row, col), stable, so of two at one address the later put wins. */
  private buildSorted(
    clear: ((row: number, col: number) => boolean) | undefined,
    height: number | undefined,
    formats: readonly string[],
    width: number,
  ): CellStore {
    const n = this.n;
    const src = this.chunks;
    const rowOf = this.rowOf!;
    const at = (a: readonly (Int32Array | Narrow)[], i: number) => a[i >> SHIFT][i & MASK];
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => at(rowOf, a) - at(rowOf, b) || at(src.cols, a) - at(src.cols, b) || a - b);
    let maxRow = -1;
    for (let i = 0; i < n; i++) maxRow = Math.max(maxRow, at(rowOf, i));
    const rows = Math.max(maxRow + 1, height ?? 0);
    const rowStart = new Int32Array(rows + 1);
    const out = newChunks();
    // Wide numbers stay where they are: the cells' values still index them.
    out.wide = src.wide;
    out.wideCount = src.wideCount;
    const texts = new Map<number, string>();
    let m = 0;
    let row = 0;
    for (const i of idx) {
      const r = at(rowOf, i);
      const c = at(src.cols, i);
      // A later cell at the same address replaces the one before it.
      if (m > 0 && row === r && out.cols[(m - 1) >> SHIFT][(m - 1) & MASK] === c) {
        m--;
        texts.delete(m);
      }
      while (row < r) rowStart[++row] = m;
      if ((m & MASK) === 0 && out.cols.length <= m >> SHIFT) addChunk(out);
      const ch = m >> SHIFT;
      const k = m & MASK;
      const kind = clear && clear(r, c) ? 0 : src.kinds[i >> SHIFT][i & MASK];
      setNarrow(out.cols, m, c);
      out.kinds[ch][k] = kind;
      out.values[ch][k] = src.values[i >> SHIFT][i & MASK];
      setNarrow(out.formatIds, m, src.formatIds[i >> SHIFT][i & MASK]);
      const t = kind & FORMULA ? this.formulaTexts.get(i) : undefined;
      if (t !== undefined) texts.set(m, t);
      m++;
    }
    while (row < rows) rowStart[++row] = m;
    trimChunks(out, m);
    this.chunks = newChunks();
    return new CellStore(rowStart, out, formats, this.baseStrings, this.texts.build(), texts, width);
  }
}
