/**
 * The audit trail in an .xlsx file, read and written with ExcelJS (docs/STORAGE.md):
 * the very hidden sheet OutturnTrail, one record per row under a header row, and the
 * workbook-level defined name OutturnTrailHead = "seq:hash".
 *
 * ExcelJS keeps only defined names that refer to ranges, so it drops a text-constant name
 * on load and never writes one. The head is therefore read from, and written into,
 * xl/workbook.xml directly (JSZip, which ExcelJS itself uses).
 */
import { promises as fs } from 'node:fs';
import type ExcelJS from 'exceljs';
import type JSZipType from 'jszip';
import * as os from 'node:os';
import { replaceFileAtomically, withFileLock, type LockOptions } from './atomic-write';
import {
  formatHead,
  parseHead,
  type AppendResult,
  type ChainHead,
  type LoadedTrail,
  type TrailRecord,
  type TrailStore,
} from '../signoff/trail';
import { HEAD_NAME, JSON_COLUMN, recordToRow, rowsToEntries, TRAIL_HEADER, TRAIL_SHEET } from '../signoff/storage-rows';
import type { SheetModel } from '../engine/model/sheet';
import { readXlsxBook } from './load';
import { isInternalSheet, type StoredConfig } from './settings';
import { readXlsx, type XlsxBook } from './xlsx/read';
import { storedConfigOf, trailOf } from './xlsx/storage';
import { PackageEdit } from './xlsx/package-edit';
import { appendTrailToPackage } from './xlsx/trail-write';

const HEAD_RE = new RegExp(`<definedName\\b[^>]*\\bname="${HEAD_NAME}"[^>]*>([^<]*)</definedName>`);

/** JSZip, loaded only by the ExcelJS-path helpers below (tests, fixture writers): no command needs it at start-up. */
async function jszip(): Promise<typeof JSZipType> {
  return (await import('jszip')).default;
}

function xmlUnescape(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The chain head stored in an .xlsx (its bytes), or null when the workbook has none. */
export async function readHeadFromXlsx(bytes: Uint8Array | Buffer): Promise<ChainHead | null> {
  const zip = await (await jszip()).loadAsync(bytes);
  const xml = await zip.file('xl/workbook.xml')?.async('string');
  if (!xml) return null;
  const m = HEAD_RE.exec(xml);
  return m ? parseHead(xmlUnescape(m[1])) : null;
}

/**
 * Put the chain head into an .xlsx's bytes (replacing any earlier one): a workbook-level
 * defined name whose formula is the text constant "seq:hash".
 */
export async function writeHeadIntoXlsx(bytes: Uint8Array | Buffer, head: ChainHead | null): Promise<Buffer> {
  const zip = await (await jszip()).loadAsync(bytes);
  const file = zip.file('xl/workbook.xml');
  if (!file) throw new Error('not an .xlsx workbook: xl/workbook.xml is missing');
  let xml = (await file.async('string')).replace(new RegExp(HEAD_RE.source, 'g'), '');
  if (head) {
    const node = `<definedName name="${HEAD_NAME}">&quot;${formatHead(head)}&quot;</definedName>`;
    if (/<definedNames\s*\/>/.test(xml))
      xml = xml.replace(/<definedNames\s*\/>/, `<definedNames>${node}</definedNames>`);
    else if (xml.includes('</definedNames>')) xml = xml.replace('</definedNames>', `${node}</definedNames>`);
    // definedNames comes after sheets (and before calcPr) in the workbook schema's sequence.
    else xml = xml.replace('</sheets>', `</sheets><definedNames>${node}</definedNames>`);
  }
  xml = xml.replace(/<definedNames>\s*<\/definedNames>/, '');
  zip.file('xl/workbook.xml', xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return (v as { result?: unknown }).result;
    if ('text' in v) return (v as { text: unknown }).text;
  }
  return v;
}

/** The trail sheet of a workbook, if it has one. */
export function trailSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  return wb.worksheets.find((w) => w.name === TRAIL_SHEET);
}

/** Read the stored trail rows of an ExcelJS workbook (the head comes from readHeadFromXlsx). */
export function readTrailRows(wb: ExcelJS.Workbook): LoadedTrail['entries'] {
  const ws = trailSheet(wb);
  if (!ws) return [];
  // getSheetValues: a sparse array, 1-based rows and columns.
  const all = ws.getSheetValues() as unknown as (ExcelJS.CellValue[] | undefined)[];
  const rows: unknown[][] = [];
  for (let r = 2; r < all.length; r++) {
    const values = all[r] ?? [];
    const out: unknown[] = [];
    for (let c = 1; c < Math.max(values.length, JSON_COLUMN + 2); c++) out.push(cellValue(values[c] ?? null));
    rows.push(out);
  }
  return rowsToEntries(rows);
}

/** Append records as rows, creating the very hidden trail sheet with its header when needed. */
export function appendTrailRows(wb: ExcelJS.Workbook, records: readonly TrailRecord[]): void {
  let ws = trailSheet(wb);
  if (!ws) {
    ws = wb.addWorksheet(TRAIL_SHEET, { state: 'veryHidden' });
    ws.getRow(1).values = [...TRAIL_HEADER];
    ws.getRow(1).font = { bold: true };
  }
  ws.state = 'veryHidden';
  // Rows 2 … n+1 hold records 1 … n; the next record goes after the last non-blank row.
  let next = ws.rowCount + 1;
  while (next > 2 && ws.getRow(next - 1).getCell(JSON_COLUMN + 1).value == null) next--;
  for (const record of records) {
    const row = ws.getRow(next++);
    recordToRow(record).forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v;
      if (typeof v === 'string') cell.numFmt = '@';
    });
  }
}

/**
 * Write an ExcelJS workbook to a file with the chain head, through a temporary file. With
 * the bytes it was read from, the other defined names ExcelJS drops (the user's named
 * constants and formulas) are carried over too.
 */
export async function writeWorkbookWithHead(
  wb: ExcelJS.Workbook,
  file: string,
  head: ChainHead | null,
  sourceBytes?: Uint8Array,
): Promise<void> {
  const { restoreValidations } = await import('./data-validations');
  const { carryOverDefinedNames } = await import('./defined-names');
  let written: Uint8Array = await restoreValidations(wb, new Uint8Array(await wb.xlsx.writeBuffer())); // validations set aside at load, back verbatim
  if (sourceBytes) written = await carryOverDefinedNames(sourceBytes, written);
  const bytes = await writeHeadIntoXlsx(written, head);
  await replaceFileAtomically(file, bytes);
}

/**
 * A TrailStore over one .xlsx file: load() reads `source` once (the grid, the settings, the
 * trail and its head in one pass); append() re-reads the head of `source` on disk and writes
 * only if nobody has appended since (else a conflict), then writes the workbook with the
 * records added to `target` (the same file when signing in place).
 *
 * The write is surgical: the trail sheet, workbook.xml (the head, and the sheet entry when
 * the trail is new), its relationships and [Content_Types].xml change; every other part is
 * copied as its original compressed bytes, so charts, pivot tables and macros survive signing.
 * `open`, when given, also opens the file as an ExcelJS workbook for callers that still read
 * the grid through `workbook`; `sheets` and `storedConfig` give the same from the one read.
 */
export class XlsxFileTrailStore implements TrailStore {
  private wb: ExcelJS.Workbook | null = null;
  private book: XlsxBook | null = null;
  private loaded: LoadedTrail | null = null;
  private loadedBytes: Buffer | null = null;
  /** True while exclusive() holds the lock, so append() inside it does not take it again. */
  private locked = false;

  constructor(
    private readonly source: string,
    private readonly target: string,
    /** Opens the file as an ExcelJS workbook (the CLI's openXlsx, with its readable errors). */
    private readonly open?: (file: string, bytes: Buffer) => Promise<ExcelJS.Workbook>,
    /** Whom the lock names and where a wait for it is told (default: the OS user, and stderr). */
    private readonly lock: Pick<LockOptions, 'holder' | 'onWait' | 'timeoutMs'> = {},
  ) {}

  private lockOptions(): LockOptions {
    return {
      holder: this.lock.holder ?? defaultHolder(),
      onWait: this.lock.onWait ?? ((line) => process.stderr.write(`outturn: ${line}\n`)),
      timeoutMs: this.lock.timeoutMs,
    };
  }

  /**
   * Hold the file's lock across `fn` (a whole load-decide-append): signers of one file
   * queue here, each reading the trail as the one before left it, so none is told to try again.
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.locked) return fn();
    return withFileLock(
      this.target,
      async () => {
        this.locked = true;
        try {
          return await fn();
        } finally {
          this.locked = false;
        }
      },
      this.lockOptions(),
    );
  }

  /** The workbook as last loaded, through ExcelJS (only when the store was given `open`). */
  get workbook(): ExcelJS.Workbook {
    if (!this.wb) throw new Error('XlsxFileTrailStore: load() first (with an ExcelJS opener)');
    return this.wb;
  }

  /** The sheets the checks may look at, from the streaming read of load(). */
  get sheets(): SheetModel[] {
    const book = this.requireBook();
    return book.sheets
      .filter((s) => !isInternalSheet(s) && book.models.has(s.name))
      .map((s) => book.models.get(s.name)!);
  }

  /** The rule configuration saved in the workbook, from the same read. */
  get storedConfig(): StoredConfig {
    return storedConfigOf(this.requireBook());
  }

  private requireBook(): XlsxBook {
    if (!this.book) throw new Error('XlsxFileTrailStore: load() first');
    return this.book;
  }

  async load(): Promise<LoadedTrail> {
    const bytes = await fs.readFile(this.source);
    this.loadedBytes = bytes;
    if (this.open) this.wb = await this.open(this.source, bytes);
    this.book = readXlsxBook(this.source, bytes);
    this.loaded = trailOf(this.book);
    return this.loaded;
  }

  async append(records: TrailRecord[], expectedSeq: number): Promise<AppendResult> {
    // Under an exclusive lock on the file written (atomic-write.ts), so that nobody can
    // append between our re-read of the head and our rename: two people signing in place
    // at once are serialised, and the second sees a conflict and re-reads.
    return this.exclusive(async () => {
      const book = this.requireBook();
      const onDisk = headOfPackage(await fs.readFile(this.source));
      const storedSeq = onDisk?.seq ?? 0;
      const loadedHead = this.loaded?.head ?? null;
      if (
        storedSeq !== (loadedHead?.seq ?? 0) ||
        onDisk?.hash !== loadedHead?.hash ||
        (this.loaded?.entries.length ?? 0) !== expectedSeq
      ) {
        return { ok: false, conflict: true, storedSeq } as const;
      }
      const last = records[records.length - 1];
      const edit = new PackageEdit(book.entries);
      appendTrailToPackage(edit, book, records, last ? { seq: last.seq, hash: last.hash } : loadedHead);
      await replaceFileAtomically(this.target, edit.toZip());
      this.loadedBytes = null;
      return { ok: true, records } as const;
    });
  }
}

/** The chain head of a package's bytes, reading only its directory and workbook part. */
function headOfPackage(bytes: Uint8Array): ChainHead | null {
  try {
    return trailOf(readXlsx(bytes, { wanted: () => false })).head;
  } catch {
    return null;
  }
}

/** Who holds the lock, for a signer waiting on it: the OS account and machine. */
function defaultHolder(): string {
  try {
    return `${os.userInfo().username} on ${os.hostname()}`;
  } catch {
    return os.hostname();
  }
}
