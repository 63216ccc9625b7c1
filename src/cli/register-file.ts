/**
 * One file's row of the register: read as `outturn check` reads it, its trail judged as
 * `outturn audit` judges it (src/app/register.ts decides every cell). Used by the command in
 * one thread and by each worker thread alike (register-pool.ts), so the rows cannot differ.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { registerRow, unusableRow, type FoundReceipt, type RegisterRow } from '../app/register';
import { parseReceipt } from '../signoff/receipt';
import { loadWorkbook } from '../workbook/load';
import { WorkbookReadError } from '../workbook/errors';
import { ConfigOverrides, resolveConfigWithNotes } from './config';
import { checkOneFile } from './check';
import { CliError } from './errors';
import { htmlReport } from './report-html';
import { emptyTrailSuspicion, receiptPath } from './receipt-io';

/** Files a folder holds that are read as returns, and the receipts that go with them. */
export const WORKBOOK = /\.(xlsx|xlsm|csv)$/i;
export const RECEIPT = /\.receipt\.json$/i;

export interface RegisterSettings {
  overrides: ConfigOverrides;
  today: string;
  /** --reports: each return's own check report is written into `dir`, named for its path below `root`. */
  reports?: { dir: string; root: string; generatedAt: string };
}

/** The report's file name: the return's path below the register's folder, so two returns never share one. */
export function reportName(file: string, root: string): string {
  const below = root && file.startsWith(root) ? file.slice(root.length) : path.basename(file);
  return `${below.replace(/[\\/:]+/g, ' - ')}.html`;
}

/** Writes the return's `outturn check --format html` report for the register to link to. */
async function writeOwnReport(file: string, settings: RegisterSettings): Promise<string | undefined> {
  const reports = settings.reports;
  if (!reports) return undefined;
  const outcome = await checkOneFile(file, { overrides: settings.overrides, today: settings.today }, false);
  const target = path.join(reports.dir, reportName(file, reports.root));
  await fs.writeFile(target, htmlReport([outcome], new Date(reports.generatedAt), false));
  return target;
}

async function modifiedOf(file: string): Promise<string | null> {
  try {
    return (await fs.stat(file)).mtime.toISOString();
  } catch {
    return null;
  }
}

async function receiptBeside(file: string): Promise<FoundReceipt | undefined> {
  let text: string;
  try {
    text = await fs.readFile(receiptPath(file), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { ok: false, reason: 'The receipt beside the file could not be read.' };
  }
  const parsed = parseReceipt(text);
  return parsed.ok ? parsed : { ok: false, reason: `The receipt beside the file cannot be used: ${parsed.reason}` };
}

/** One file's row. Whatever is wrong with the file becomes the row's problem; only a fault of Outturn's own throws. */
export async function registerFile(file: string, settings: RegisterSettings): Promise<RegisterRow> {
  const name = path.basename(file);
  const modified = await modifiedOf(file);
  if (name.startsWith('~$'))
    return unusableRow(
      file,
      'An Excel lock file (someone has the workbook open, or Excel closed without tidying up): not a return.',
      modified,
    );
  if (RECEIPT.test(name))
    return unusableRow(file, 'A sign-off receipt with no workbook of the same name beside it.', modified);
  if (!WORKBOOK.test(name))
    return unusableRow(
      file,
      `Not a workbook Outturn reads (${path.extname(name) || 'no extension'}); returns are .xlsx, .xlsm or .csv files.`,
      modified,
    );
  try {
    const loaded = await loadWorkbook(file);
    const { config } = resolveConfigWithNotes(loaded.storedConfig, settings.overrides);
    const trail = loaded.kind === 'xlsx' ? (loaded.trail ?? null) : undefined;
    const suspicion = trail && trail.entries.length === 0 && loaded.book ? emptyTrailSuspicion(loaded.book) : null;
    const row = registerRow({
      file,
      modified,
      source: { sheets: loaded.sheets, config, allSheets: loaded.sheetNames },
      trail,
      today: settings.today,
      receipt: loaded.kind === 'xlsx' ? await receiptBeside(file) : undefined,
      emptyTrailSuspicion: suspicion,
    });
    if (row.kind === 'return') row.report = await writeOwnReport(file, settings);
    return row;
  } catch (err) {
    if (err instanceof WorkbookReadError) return unusableRow(file, sentence(err.userMessage), modified);
    if (err instanceof CliError) return unusableRow(file, sentence(err.message), modified);
    throw err;
  }
}

/** A read error as a sentence of the row ("cannot read 'x': …" already names the file; the row does too). */
function sentence(text: string): string {
  const t = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
