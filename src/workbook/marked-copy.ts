import { promises as fs } from 'node:fs';
import { restoreValidations } from './data-validations';
import * as path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Finding } from '../engine/model/finding';
import { replaceFileAtomically } from './atomic-write';
import { WorkbookWriteError } from './errors';
import { applyMarks, marksFromFindings } from './marks';
import { openXlsx, readFileBytes } from './load';
import { carryOverDefinedNames } from './defined-names';

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
    throw new WorkbookWriteError(out, 'it is the workbook being checked; give --out a new file name (the original is never changed)');
  }
  if (!/\.xlsx$/i.test(out)) throw new WorkbookWriteError(out, 'the marked copy must be an .xlsx file');
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
 * Defined names ExcelJS cannot keep (named constants, Outturn's trail head) are carried
 * over from the input's bytes. `workbook` is the already-loaded, unmodified ExcelJS
 * workbook of `input` when the caller has one.
 */
export async function writeMarkedCopy(input: string, out: string, findings: readonly Finding[], workbook?: ExcelJS.Workbook): Promise<{ marked: number }> {
  const dir = await assertCopyTarget(input, out);
  const inputBytes = await readFileBytes(input);
  const wb = workbook ?? (await openXlsx(input, inputBytes));
  const marked = applyMarks(wb, marksFromFindings(findings));
  const written = await restoreValidations(wb, new Uint8Array(await wb.xlsx.writeBuffer())); // validations set aside at load, back verbatim
  await replaceFileAtomically(path.join(dir, path.basename(out)), await carryOverDefinedNames(inputBytes, written));
  return { marked };
}
