/**
 * Signed returns for the robustness tests: a clean return written by ExcelJS (the Melton
 * fixture) or by xlsxwriter, signed by all three roles through the real `outturn sign`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { run, tmpDir } from '../cli/helpers';
import { meltonClean } from '../fixtures';
import { readHeadFromXlsx, writeWorkbookWithHead } from '../../src/workbook/trail-xlsx';
import { python, XLSXWRITER_RETURN } from './python-writer';

export type Writer = 'exceljs' | 'xlsxwriter';

export const SIGNERS = [
  ['compiler', 'Alan Pritchard'],
  ['responsible-officer', 'Dawn Garton'],
  ['head-of-service', 'Keith Aubrey'],
] as const;

/** The sheet holding the grid in each writer's return. */
export const GRID_SHEET: Record<Writer, string> = { exceljs: 'Corporate PIs', xlsxwriter: 'Service PIs' };

/** Before the deadline (14/08/2017), so a fully signed return has no sign-off finding. */
export const SIGNING_DAY = '2017-08-11T09:00:00Z';

/** Write the unsigned return of the given writer into a new folder. */
export async function unsignedReturn(writer: Writer, name = 'return.xlsx'): Promise<string> {
  const file = path.join(tmpDir(), name);
  if (writer === 'exceljs') await meltonClean().xlsx.writeFile(file);
  else python(XLSXWRITER_RETURN, file);
  return file;
}

/** The return signed by all three roles in place; throws when a signature is refused. */
export async function signedReturn(writer: Writer, roles: number = SIGNERS.length): Promise<string> {
  const file = await unsignedReturn(writer);
  for (const [role, name] of SIGNERS.slice(0, roles)) {
    const r = await run(['sign', file, '--role', role, '--name', name, '--in-place'], { now: SIGNING_DAY });
    if (r.code !== 0) throw new Error(`sign ${role} failed: ${r.stderr}`);
  }
  return file;
}

/** Edit with ExcelJS as a person would in Excel: the trail and its head stay as they were. */
export async function editWithExcelJS(file: string, change: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const bytes = fs.readFileSync(file);
  const head = await readHeadFromXlsx(bytes);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  change(wb);
  await writeWorkbookWithHead(wb, file, head, bytes);
}

/** Edit the package's XML directly (another writer: what a script or a zip tool does). */
export async function editXml(file: string, part: string, change: (xml: string) => string): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file(part)!.async('string');
  const next = change(xml);
  if (next === xml) throw new Error(`editXml: nothing changed in ${part}`);
  zip.file(part, next);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** The worksheet part (xl/worksheets/sheetN.xml) of a sheet, by name. */
export async function sheetPart(file: string, sheet: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const wbXml = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const m = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(wbXml) ?? new RegExp(`<sheet [^>]*r:id="([^"]+)"[^>]*name="${sheet}"`).exec(wbXml);
  if (!m) throw new Error(`no sheet ${sheet}`);
  const t = new RegExp(`<Relationship [^>]*Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(rels) ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${m[1]}"`).exec(rels);
  return `xl/${t![1].replace(/^\/?xl\//, '')}`;
}
