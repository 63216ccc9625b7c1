/**
 * The audit trail in an .xlsx file through ExcelJS, for tests and fixture writers
 * (docs/STORAGE.md): the very hidden sheet OutturnTrail, one record per row under a header
 * row, and the workbook-level defined name OutturnTrailHead = "seq:hash". The commands
 * read and write the trail with the streaming reader and the surgical writer instead
 * (src/workbook/trail-xlsx.ts).
 *
 * ExcelJS keeps only defined names that refer to ranges, so it drops a text-constant name
 * on load and never writes one. The head is therefore read from, and written into,
 * xl/workbook.xml directly (JSZip, which ExcelJS itself uses).
 */
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { replaceFileAtomically } from '../../src/workbook/atomic-write';
import { formatHead, parseHead, type ChainHead, type LoadedTrail, type TrailRecord } from '../../src/signoff/trail';
import { HEAD_NAME, JSON_COLUMN, recordToRow, rowsToEntries, TRAIL_HEADER } from '../../src/signoff/storage-rows';
import { TRAIL_SHEET } from '../../src/engine/own-sheets';
import { carryOverDefinedNames } from './defined-names';

const HEAD_RE = new RegExp(`<definedName\\b[^>]*\\bname="${HEAD_NAME}"[^>]*>([^<]*)</definedName>`);

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
  const zip = await JSZip.loadAsync(bytes);
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
  const zip = await JSZip.loadAsync(bytes);
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
function trailSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
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
  let written: Uint8Array = new Uint8Array(await wb.xlsx.writeBuffer());
  if (sourceBytes) written = await carryOverDefinedNames(sourceBytes, written);
  const bytes = await writeHeadIntoXlsx(written, head);
  await replaceFileAtomically(file, bytes);
}
