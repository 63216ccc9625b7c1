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
import { readHeadFromXlsx, writeWorkbookWithHead } from '../support/trail-exceljs';
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

/**
 * Whose sign-off the return gets: 'per-owner' as written (the grid names each indicator's
 * compiler, responsible officer and head of service, so each signs only their own), or
 * 'whole-return' with the owner columns' headers cleared (the columns are no longer
 * recognised, the grid names no owners, and the return is signed as a whole, once per role).
 */
export type SignOffMode = 'per-owner' | 'whole-return';

/** The owner columns' header cells of each writer's grids. */
const OWNER_HEADERS: Record<Writer, string[]> = {
  exceljs: ['V4', 'W4', 'X4', 'V14', 'W14', 'X14'],
  xlsxwriter: ['L4', 'M4', 'N4'],
};

/** Write the unsigned return of the given writer into a new folder. */
export async function unsignedReturn(
  writer: Writer,
  name = 'return.xlsx',
  mode: SignOffMode = 'per-owner',
): Promise<string> {
  const file = path.join(tmpDir(), name);
  if (writer === 'exceljs') {
    const wb = meltonClean();
    if (mode === 'whole-return')
      for (const a of OWNER_HEADERS.exceljs) wb.getWorksheet(GRID_SHEET.exceljs)!.getCell(a).value = null;
    await wb.xlsx.writeFile(file);
  } else python(XLSXWRITER_RETURN, file, ...(mode === 'whole-return' ? OWNER_HEADERS.xlsxwriter : []));
  return file;
}

/**
 * Every owner of the per-owner return, in signing order: each compiler, then each
 * responsible officer, then each head of service, as the grid names them.
 */
export const OWNERS: Record<Writer, [string, string][]> = {
  exceljs: [
    ['compiler', 'Alan Pritchard'],
    ['compiler', 'Sarah Jones'],
    ['compiler', 'Mark Selby'],
    ['compiler', 'Linda Hewitt'],
    ['compiler', 'Paul Dunn'],
    ['responsible-officer', 'Dawn Garton'],
    ['responsible-officer', 'Jim Worley'],
    ['head-of-service', 'Keith Aubrey'],
    ['head-of-service', 'Harry Bell'],
  ],
  xlsxwriter: [
    ['compiler', 'Alan Pritchard'],
    ['responsible-officer', 'Dawn Garton'],
    ['head-of-service', 'Keith Aubrey'],
  ],
};

/** The return signed by all three roles in place; throws when a signature is refused. */
export async function signedReturn(
  writer: Writer,
  roles: number = SIGNERS.length,
  mode: SignOffMode = 'per-owner',
): Promise<string> {
  const file = await unsignedReturn(writer, 'return.xlsx', mode);
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
  const m =
    new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(wbXml) ??
    new RegExp(`<sheet [^>]*r:id="([^"]+)"[^>]*name="${sheet}"`).exec(wbXml);
  if (!m) throw new Error(`no sheet ${sheet}`);
  const t =
    new RegExp(`<Relationship [^>]*Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(rels) ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${m[1]}"`).exec(rels);
  return `xl/${t![1].replace(/^\/?xl\//, '')}`;
}

/** Sign every owner of a per-owner return in place, in order; returns each run (all must succeed). */
export async function signAllOwners(
  file: string,
  writer: Writer,
  now = SIGNING_DAY,
): Promise<{ code: number; stdout: string; stderr: string }[]> {
  const runs = [];
  for (const [role, name] of OWNERS[writer]) {
    const r = await run(['sign', file, '--role', role, '--name', name, '--in-place'], { now });
    if (r.code !== 0) throw new Error(`sign ${role} ${name} failed: ${r.stderr}`);
    runs.push(r);
  }
  return runs;
}
