import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Finding } from '../engine/model/finding';
import { replaceFileAtomically } from './atomic-write';
import { WorkbookWriteError } from './errors';
import { marksFromFindings } from './marks';
import { assertXlsxKind, readFileBytes } from './load';
import { WorkbookReadError } from './errors';
import { sniffFileKind } from './sniff';
import { readXlsx, XlsxProblem, type XlsxBook } from './xlsx/read';
import { PackageEdit } from './xlsx/package-edit';
import { applyMarksToPackage } from './xlsx/marks-xlsx';

/** Resolve both paths (following links) and say whether they name the same file. */
export async function isSameFile(a: string, b: string): Promise<boolean> {
  const ra = path.resolve(a);
  const rb = path.resolve(b);
  if (ra === rb) return true;
  try {
    const [sa, sb] = await Promise.all([fs.stat(ra), fs.stat(rb)]);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false; // the output does not exist yet
  }
}

/**
 * Refuse an --out that would overwrite the input, is not an .xlsx, or sits in a folder that
 * does not exist; checked before any work is done. Returns the output's folder.
 */
export async function assertCopyTarget(input: string, out: string): Promise<string> {
  if (await isSameFile(input, out)) {
    throw new WorkbookWriteError(
      out,
      'it is the workbook being checked; give --out a new file name (the original is never changed)',
    );
  }
  // A macro-enabled workbook stays one: its package says so, and Excel refuses an .xlsx holding macros.
  const macro = /\.xlsm$/i.test(input);
  if (macro && !/\.xlsm$/i.test(out))
    throw new WorkbookWriteError(out, 'the marked copy of a macro-enabled workbook must be an .xlsm file');
  if (!macro && !/\.xlsx$/i.test(out)) throw new WorkbookWriteError(out, 'the marked copy must be an .xlsx file');
  const dir = path.dirname(path.resolve(out));
  try {
    if (!(await fs.stat(dir)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new WorkbookWriteError(out, `the folder '${path.dirname(out)}' does not exist`);
  }
  try {
    if ((await fs.stat(out)).isDirectory()) throw new WorkbookWriteError(out, 'it is a folder');
  } catch (err) {
    if (err instanceof WorkbookWriteError) throw err;
  }
  return dir;
}

/**
 * Write a copy of `input` with the failing cells marked to `out`. The input file is never
 * written: refusing when `out` is the input, and writing through a temporary file so a
 * failure leaves no half-written workbook behind.
 *
 * The copy is made surgically: every part of the package but the marked sheets, their notes
 * (comments and VML parts, relationships), the styles part (the marks' two looks) and
 * [Content_Types].xml is copied as its original compressed bytes, so charts, pivot tables,
 * images, tables, slicers, macros and everything Outturn does not understand come through
 * unchanged. `source` is the already-read bytes and package of `input` (one read per command);
 * an ExcelJS workbook is accepted for older callers but only its file is used.
 */
export async function writeMarkedCopy(
  input: string,
  out: string,
  findings: readonly Finding[],
  source?: ExcelJS.Workbook | { bytes: Buffer; book?: XlsxBook },
): Promise<{ marked: number }> {
  const dir = await assertCopyTarget(input, out);
  const bytes = source && 'bytes' in source ? source.bytes : await readFileBytes(input);
  const book = source && 'bytes' in source && source.book ? source.book : readPackage(input, bytes);
  const edit = new PackageEdit(book.entries);
  const marked = applyMarksToPackage(edit, book, marksFromFindings(findings));
  await replaceFileAtomically(path.join(dir, path.basename(out)), edit.toZip());
  return { marked };
}

/** The package's directory and workbook part, without reading any sheet. */
export function readPackage(file: string, bytes: Uint8Array): XlsxBook {
  const kind = sniffFileKind(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    path.extname(file).toLowerCase(),
  );
  assertXlsxKind(file, kind);
  try {
    return readXlsx(bytes, { wanted: () => false });
  } catch (err) {
    if (err instanceof XlsxProblem) throw new WorkbookReadError(file, err.message);
    throw err;
  }
}
