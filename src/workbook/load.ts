import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SheetModel } from '../engine/model/sheet';
import { REASONS, WorkbookReadError } from './errors';
import { sniffFileKind } from './sniff';
import { CsvLimitError, decodeText, sheetFromCsv, sheetFromCsvChunks } from './csv';
import { createReadStream } from 'node:fs';
import { isInternalSheet, StoredConfig } from './settings';
import { readXlsx, XlsxProblem, type XlsxBook } from './xlsx/read';
import { isStorageSheet, storedConfigOf, trailOf } from './xlsx/storage';
import type { LoadedTrail } from '../signoff/trail';

export interface LoadedWorkbook {
  file: string;
  kind: 'xlsx' | 'csv';
  /** Every sheet the checks may look at (Outturn's own and very hidden sheets left out). */
  sheets: SheetModel[];
  /** Names of all worksheets, hidden ones included, for messages ("no sheet named …"). */
  sheetNames: string[];
  storedConfig: StoredConfig;
  /** The audit trail and its chain head (xlsx only), from the same read. */
  trail?: LoadedTrail;
  /** The file's bytes and its parsed package (xlsx only), for the surgical writer. */
  bytes?: Buffer;
  book?: XlsxBook;
  /** Milliseconds: reading and parsing the file (unzip + XML, or CSV), then building SheetModels. */
  timings: { parseMs: number; modelMs: number };
}

/** Read the bytes of a file, turning file-system failures into a user sentence. */
export async function readFileBytes(file: string): Promise<Buffer> {
  try {
    const st = await fs.stat(file);
    if (st.isDirectory()) throw new WorkbookReadError(file, REASONS.folder);
    return await fs.readFile(file);
  } catch (err) {
    if (err instanceof WorkbookReadError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new WorkbookReadError(file, REASONS.missing);
    if (code === 'EACCES' || code === 'EPERM') throw new WorkbookReadError(file, REASONS.noPermission);
    if (code === 'EISDIR') throw new WorkbookReadError(file, REASONS.folder);
    throw new WorkbookReadError(file, `the file could not be opened (${code ?? 'unknown error'})`);
  }
}

export function assertXlsxKind(file: string, kind: ReturnType<typeof sniffFileKind>): void {
  switch (kind) {
    case 'xlsx':
      return;
    case 'empty':
      throw new WorkbookReadError(file, REASONS.empty);
    case 'encrypted':
      throw new WorkbookReadError(file, REASONS.encrypted);
    case 'xls':
      throw new WorkbookReadError(file, REASONS.legacyXls);
    case 'xlsb':
      throw new WorkbookReadError(file, REASONS.xlsb);
    case 'pdf':
      throw new WorkbookReadError(file, REASONS.pdf);
    case 'zip-damaged':
      throw new WorkbookReadError(file, REASONS.damagedZip);
    case 'zip-other':
      throw new WorkbookReadError(file, REASONS.zipNotWorkbook);
    default:
      throw new WorkbookReadError(file, REASONS.notSpreadsheet);
  }
}

const CSV_EXTENSIONS = new Set(['.csv', '.txt', '.tsv']);

/** Load a workbook (.xlsx, or .csv as a one-sheet workbook) into the engine's SheetModels. */
export async function loadWorkbook(file: string): Promise<LoadedWorkbook> {
  const t0 = performance.now();
  const ext = path.extname(file).toLowerCase();
  if (CSV_EXTENSIONS.has(ext)) {
    // Streamed (csv.ts): a large CSV is never held whole, as text or as a string per field.
    const csv = await streamCsvIfText(file, ext);
    if (csv)
      return {
        file,
        kind: 'csv',
        sheets: [csv],
        sheetNames: [csv.name],
        storedConfig: { found: false },
        timings: { parseMs: performance.now() - t0, modelMs: 0 },
      };
  }
  const bytes = await readFileBytes(file);
  const kind = sniffFileKind(bytes, ext);
  if (kind === 'text' && CSV_EXTENSIONS.has(ext)) {
    const text = decodeText(bytes);
    if (text.trim() === '') throw new WorkbookReadError(file, REASONS.empty);
    const t1 = performance.now();
    const sheet = sheetFromCsv(path.basename(file, path.extname(file)), text);
    return {
      file,
      kind: 'csv',
      sheets: [sheet],
      sheetNames: [sheet.name],
      storedConfig: { found: false },
      timings: { parseMs: t1 - t0, modelMs: performance.now() - t1 },
    };
  }
  if (kind === 'text' && !['.xlsx', '.xlsm'].includes(ext) && bytes.toString('utf8', 0, 200).includes(',')) {
    // Text with another name that looks like CSV: read it as CSV rather than refuse it.
    const t1 = performance.now();
    const sheet = sheetFromCsv(path.basename(file, path.extname(file)), decodeText(bytes));
    return {
      file,
      kind: 'csv',
      sheets: [sheet],
      sheetNames: [sheet.name],
      storedConfig: { found: false },
      timings: { parseMs: t1 - t0, modelMs: performance.now() - t1 },
    };
  }
  assertXlsxKind(file, kind);
  const book = readXlsxBook(file, bytes);
  const t1 = performance.now();
  const sheets: SheetModel[] = [];
  for (const ws of book.sheets) {
    const model = book.models.get(ws.name);
    if (model && !isInternalSheet(ws)) sheets.push(model);
  }
  const trail = trailOf(book);
  const storedConfig = storedConfigOf(book);
  // The storage sheets' cells are not needed past this point.
  for (const ws of book.sheets) if (isInternalSheet(ws)) book.models.delete(ws.name);
  return {
    file,
    kind: 'xlsx',
    sheets,
    sheetNames: book.sheets.filter((w) => w.kind === 'worksheet').map((w) => w.name),
    storedConfig,
    trail,
    bytes,
    book,
    timings: { parseMs: t1 - t0, modelMs: performance.now() - t1 },
  };
}

/**
 * Parse an .xlsx's bytes with the streaming reader: the sheets the checks may look at and
 * Outturn's storage sheets; very hidden sheets that are not Outturn's are not read at all.
 */
export function readXlsxBook(file: string, bytes: Uint8Array): XlsxBook {
  try {
    return readXlsx(bytes, { wanted: (ws) => !isInternalSheet(ws) || isStorageSheet(ws) });
  } catch (err) {
    if (err instanceof XlsxProblem) throw new WorkbookReadError(file, err.message);
    throw err;
  }
}

/**
 * A .csv/.txt/.tsv file whose first bytes are text, read as a stream of 1 MB chunks into a
 * sheet; null when the bytes are not text (an .xlsx renamed .csv goes the usual way).
 */
async function streamCsvIfText(file: string, ext: string): Promise<SheetModel | null> {
  let head: Buffer;
  try {
    const st = await fs.stat(file);
    if (st.isDirectory()) throw new WorkbookReadError(file, REASONS.folder);
    const handle = await fs.open(file, 'r');
    try {
      const buf = Buffer.alloc(65_536);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof WorkbookReadError) throw err;
    return null; // readFileBytes gives the sentence for a missing or unreadable file
  }
  if (head.length === 0) throw new WorkbookReadError(file, REASONS.empty);
  if (sniffFileKind(head, ext) !== 'text') return null;
  try {
    const { sheet, blank } = await sheetFromCsvChunks(
      path.basename(file, path.extname(file)),
      createReadStream(file, { highWaterMark: 1 << 20 }),
    );
    if (blank) throw new WorkbookReadError(file, REASONS.empty);
    return sheet;
  } catch (err) {
    if (err instanceof CsvLimitError) throw new WorkbookReadError(file, err.message);
    if (err instanceof RangeError)
      throw new WorkbookReadError(
        file,
        'it is too large to read in the memory available; split it and check each part',
      );
    throw err;
  }
}
