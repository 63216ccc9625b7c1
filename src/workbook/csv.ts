import { ownString } from './own-string';
import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';
import { Cell, CellKind, EMPTY_CELL, isErrorCode, isoDateToSerial, makeCell } from '../engine/model/cell';
import { CellStoreBuilder } from '../engine/model/cell-store';
import { SheetModel, storeSheet } from '../engine/model/sheet';

/**
 * CSV in: RFC 4180 fields (quotes, doubled quotes, commas and line breaks inside quotes),
 * a UTF-8 or UTF-16 byte-order mark, and the separator Excel used (comma, or semicolon /
 * tab in locales and "Unicode text" exports).
 */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The separator of the first line outside quotes: whichever of , ; tab occurs most (comma on a tie). */
export function detectSeparator(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  let best = ',';
  for (const sep of [';', '\t']) if (counts[sep] > counts[best]) best = sep;
  return best;
}

export function parseCsv(text: string, separator = detectSeparator(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
      continue;
    }
    if (ch === separator) {
      row.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const GROUPED_NUMBER = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PERCENT = /^([-+]?(\d+\.?\d*|\.\d+))%$/;
const POUNDS = /^([-+]?)£(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A CSV field as Excel would read it when opening the file, so the engine sees the same
 * kinds it would see in the workbook: plain and grouped numbers, "95%" as 0.95 with a
 * percentage format, dd/mm/yyyy (UK) and yyyy-mm-dd dates as serials with a date format,
 * TRUE/FALSE, and Excel's error codes as errors (Excel writes them into CSV as text).
 * Everything else, "95 %" and "N/a" included, stays text.
 */
export function cellFromCsvField(raw: string): Cell {
  const t = raw.trim();
  if (t === '') return EMPTY_CELL;
  // A leading zero (a ref such as "007") is kept as written rather than turned into 7.
  if (PLAIN_NUMBER.test(t) && !/^[-+]?0\d/.test(t)) return makeCell(Number(t));
  if (GROUPED_NUMBER.test(t)) return makeCell(Number(t.replace(/,/g, '')), t.includes('.') ? '#,##0.00' : '#,##0');
  let m = PERCENT.exec(t);
  if (m) {
    const decimals = (m[1].split('.')[1] ?? '').length;
    return makeCell(Number(m[1]) / 100, decimals ? `0.${'0'.repeat(decimals)}%` : '0%');
  }
  m = POUNDS.exec(t);
  if (m) return makeCell(Number(`${m[1]}${m[2].replace(/,/g, '')}${m[4] ?? ''}`), m[4] ? '"£"#,##0.00' : '"£"#,##0');
  m = UK_DATE.exec(t);
  if (m) {
    const iso = validIso(Number(m[3]), Number(m[2]), Number(m[1]));
    if (iso) return makeCell(isoDateToSerial(iso), 'dd/mm/yyyy');
  }
  m = ISO_DATE.exec(t);
  if (m) {
    const iso = validIso(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) return makeCell(isoDateToSerial(iso), 'yyyy-mm-dd');
  }
  const upper = t.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return makeCell(upper === 'TRUE');
  if (isErrorCode(t)) return makeCell(upper, 'General', false, true);
  return makeCell(raw);
}

function validIso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

/** A CSV file as a one-sheet workbook anchored at A1, named after the file. */
export function sheetFromCsv(name: string, text: string): SheetModel {
  const sheet = new CsvSheetBuilder();
  parseCsv(text).forEach((fields, r) => sheet.addRow(fields, r));
  return sheet.sheet(name);
}

/** Excel's own limits: a CSV beyond them cannot be opened as one sheet in Excel either. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_CELL_CHARS = 32_767;

/** A CSV that cannot be read as one sheet, with the sentence why (load.ts turns it into a WorkbookReadError). */
export class CsvLimitError extends Error {}

/**
 * Fields in, rows out, a chunk at a time: the same RFC 4180 rules as parseCsv, but the
 * text is never held whole and each row becomes cells as soon as it ends, so a 1M-row file
 * costs its cells, not its text and a string per field as well. Excel's row, column and
 * cell-length limits are enforced as the rows come (CsvLimitError), so a runaway file gets
 * a sentence, never a heap exhaustion.
 */
export class CsvRowStream {
  private separator: string | null = null;
  private pending = '';
  private field = '';
  private row: string[] = [];
  private quoted = false;
  private afterQuote = false;
  private skipLf = false;
  private rows = 0;

  constructor(private readonly onRow: (fields: string[], index: number) => void) {}

  push(chunk: string): void {
    if (this.separator === null) {
      // The separator comes from the first line; hold text until it has ended.
      this.pending += chunk;
      const end = firstLineEnd(this.pending);
      if (end < 0 && this.pending.length < 1_048_576) return;
      this.separator = detectSeparator(this.pending);
      chunk = this.pending;
      this.pending = '';
    }
    this.scan(chunk);
  }

  end(): number {
    if (this.separator === null) {
      this.separator = detectSeparator(this.pending);
      this.scan(this.pending);
      this.pending = '';
    }
    if (this.field !== '' || this.row.length > 0) this.finishRow();
    return this.rows;
  }

  private scan(text: string): void {
    const sep = this.separator!;
    let start = 0; // start of the unquoted run being added to `field`
    const n = text.length;
    let i = 0;
    const flush = (to: number) => {
      if (to > start) this.addToField(text.slice(start, to));
    };
    while (i < n) {
      const ch = text[i];
      if (this.skipLf) {
        this.skipLf = false;
        if (ch === '\n') {
          i++;
          start = i;
          continue;
        }
      }
      if (this.quoted) {
        if (ch === '"') {
          flush(i);
          if (i + 1 < n) {
            if (text[i + 1] === '"') {
              this.addToField('"');
              i += 2;
              start = i;
              continue;
            }
            this.quoted = false;
            i++;
            start = i;
            continue;
          }
          // A quote at the very end of the chunk: the next chunk tells whether it was doubled.
          this.quoted = false;
          this.afterQuote = true;
          i++;
          start = i;
          continue;
        }
        i++;
        continue;
      }
      if (this.afterQuote) {
        this.afterQuote = false;
        if (ch === '"') {
          this.addToField('"');
          this.quoted = true;
          i++;
          start = i;
          continue;
        }
      }
      if (ch === '"' && this.field === '' && i === start) {
        this.quoted = true;
        i++;
        start = i;
        continue;
      }
      if (ch === sep) {
        flush(i);
        this.row.push(this.field);
        this.field = '';
        this.checkColumns();
        i++;
        start = i;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        flush(i);
        this.finishRow();
        if (ch === '\r') this.skipLf = true;
        i++;
        start = i;
        continue;
      }
      i++;
    }
    flush(n);
  }

  private addToField(s: string): void {
    this.field += s;
    if (this.field.length > EXCEL_MAX_CELL_CHARS) {
      throw new CsvLimitError(
        `row ${this.rows + 1}, column ${this.row.length + 1} holds more than ${EXCEL_MAX_CELL_CHARS.toLocaleString('en-GB')} characters, more than an Excel cell can hold; is it really a CSV export of the return?`,
      );
    }
  }

  private checkColumns(): void {
    if (this.row.length > EXCEL_MAX_COLUMNS) {
      throw new CsvLimitError(
        `row ${this.rows + 1} has more than ${EXCEL_MAX_COLUMNS.toLocaleString('en-GB')} columns, more than an Excel sheet holds`,
      );
    }
  }

  private finishRow(): void {
    this.row.push(this.field);
    this.checkColumns();
    this.field = '';
    const fields = this.row;
    this.row = [];
    if (this.rows >= EXCEL_MAX_ROWS) {
      throw new CsvLimitError(
        `it has more than ${EXCEL_MAX_ROWS.toLocaleString('en-GB')} rows, more than an Excel sheet holds; split it (for example one file per service) and check each part`,
      );
    }
    this.onRow(fields, this.rows++);
  }
}

/** Index of the first line end outside quotes, or -1 when the first line has not ended yet. */
function firstLineEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) return i;
  }
  return -1;
}

/** A field as the store holds it: kind, number (a text index for text and errors) and format index. */
interface StoredField {
  kind: CellKind;
  value: number;
  formatId: number;
}

/**
 * Fields whose cell is remembered, so a repeated RAG, officer or figure is parsed and interned
 * once. The first distinct fields fill it, refs and descriptions among them, which never
 * repeat: a small map stays in the processor's cache, and on a 1M-row return reading was
 * 10 % faster with 20,000 than with 200,000.
 */
const KNOWN_FIELDS = 20_000;

/**
 * CSV rows into a CellStore, a few bytes a cell: the fields of a row are turned into cells
 * as soon as the row ends and nothing else of the row is kept. The cells are the ones
 * cellFromCsvField gives (test/robust/csv-stream.test.ts compares them on every fixture):
 * an empty field is kept only when it ends its row, so each row is as wide as it was
 * written and a blank line still counts as a row, while an empty field inside a row costs
 * nothing and reads as the empty cell it was.
 */
export class CsvSheetBuilder {
  private readonly store = new CellStoreBuilder();
  private readonly known = new Map<string, StoredField | null>();
  private readonly general = this.store.formatId('General');
  /** No field so far held anything (a file of commas and blank lines is empty). */
  blank = true;

  addRow(fields: readonly string[], row: number): void {
    const last = fields.length - 1;
    for (let c = 0; c <= last; c++) {
      const f = this.field(fields[c]);
      if (f === null) {
        if (c === last) this.store.put(row, c, 'empty', 0, this.general);
        continue;
      }
      this.blank = false;
      this.store.put(row, c, f.kind, f.value, f.formatId);
    }
  }

  /** The one-sheet workbook, anchored at A1. */
  sheet(name: string): SheetModel {
    return storeSheet(name, this.store.build());
  }

  private field(raw: string): StoredField | null {
    if (raw === '') return null;
    const seen = this.known.get(raw);
    if (seen !== undefined) return seen;
    const stored = this.encode(cellFromCsvField(raw), raw);
    if (this.known.size < KNOWN_FIELDS) this.known.set(raw, stored);
    return stored;
  }

  private encode(cell: Cell, raw: string): StoredField | null {
    if (cell === EMPTY_CELL) return null;
    const formatId = this.store.formatId(cell.format);
    switch (cell.kind) {
      case 'text':
        return { kind: 'text', value: this.store.textId(ownString(raw)), formatId };
      case 'error':
        return { kind: 'error', value: this.store.textId(String(cell.value)), formatId };
      case 'boolean':
        return { kind: 'boolean', value: cell.value ? 1 : 0, formatId };
      default:
        return { kind: cell.kind, value: cell.value as number, formatId };
    }
  }
}

/** Text from a file's bytes a chunk at a time, a character cut between chunks kept for the next. */
interface ChunkDecoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

/**
 * Streaming decoders for the byte-order marks decodeText knows. UTF-8 and UTF-16LE go
 * through Node's StringDecoder, which decodes as Buffer#toString does (so as decodeText
 * does) and gives one-byte strings for Latin-1 text, half the memory of the two-byte
 * strings util.TextDecoder makes; UTF-16BE, which it does not know, through TextDecoder.
 */
function decoderFor(head: Uint8Array): { decoder: ChunkDecoder; skip: number } {
  if (head[0] === 0xff && head[1] === 0xfe) return { decoder: new StringDecoder('utf16le'), skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) {
    const d = new TextDecoder('utf-16be');
    return { decoder: { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() }, skip: 2 };
  }
  return { decoder: new StringDecoder('utf8'), skip: 0 };
}

/**
 * A CSV file as a one-sheet workbook, read as a stream of chunks (`chunks` yields the
 * file's bytes in order, e.g. fs.createReadStream). Returns the sheet and whether every
 * field was blank.
 */
export async function sheetFromCsvChunks(
  name: string,
  chunks: AsyncIterable<Uint8Array>,
): Promise<{ sheet: SheetModel; blank: boolean }> {
  const sheet = new CsvSheetBuilder();
  const parser = new CsvRowStream((fields, r) => sheet.addRow(fields, r));
  let decoding: { decoder: ChunkDecoder; skip: number } | null = null;
  let started = false; // whether text has come yet: a UTF-8 byte-order mark leads it
  const take = (text: string) => {
    if (!started && text !== '') {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    parser.push(text);
  };
  for await (const chunk of chunks) {
    let bytes = chunk;
    if (!decoding) {
      decoding = decoderFor(bytes);
      bytes = bytes.subarray(decoding.skip);
    }
    take(decoding.decoder.write(bytes));
  }
  if (decoding) take(decoding.decoder.end());
  parser.end();
  return { sheet: sheet.sheet(name), blank: sheet.blank };
}
