/**
 * Whole-column data validations (a drop-down on H:H, stored as sqref="H1:H1048576") make
 * ExcelJS expand the range into one entry per cell when it loads the workbook, and write
 * them back cell by cell: a 6 KB return took minutes to check and to mark. Outturn never
 * reads validations, so they are set aside, verbatim, before ExcelJS sees the workbook and
 * put back, verbatim, into every copy written from it. Validations over small ranges are
 * left to ExcelJS as before.
 */
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** A validation range covering more cells than this is set aside (a 100 × 1,000 block is fine). */
const LARGE_RANGE_CELLS = 100_000;

const BLOCK = /<(?:\w+:)?dataValidations\b[^>]*(?:\/>|>[\s\S]*?<\/(?:\w+:)?dataValidations>)/;

/** Sheet name → its <dataValidations> element as written in the input, per workbook loaded. */
const setAside = new WeakMap<ExcelJS.Workbook, Map<string, string>>();

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** Cells covered by a sqref ("H1:H1048576 C5", "A:A"). */
export function sqrefCells(sqref: string): number {
  let total = 0;
  for (const part of sqref.trim().split(/\s+/)) {
    const m = /^\$?([A-Z]+)?\$?(\d+)?(?::\$?([A-Z]+)?\$?(\d+)?)?$/i.exec(part);
    if (!m) continue;
    if (!part.includes(':')) {
      total += 1;
      continue;
    }
    // "A:A" is a whole column, "1:1" a whole row.
    const c1 = m[1] ? columnNumber(m[1]) : 1;
    const c2 = m[3] ? columnNumber(m[3]) : 16_384;
    const r1 = m[2] ? Number(m[2]) : 1;
    const r2 = m[4] ? Number(m[4]) : 1_048_576;
    total += (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
  }
  return total;
}

/** worksheet part path → sheet name, from xl/workbook.xml and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const wbXml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const parts = new Map<string, string>();
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]+)"/.exec(m[0])?.[1] ?? /\b\w+:id="([^"]+)"/.exec(m[0])?.[1];
    const part = id ? targets.get(id) : undefined;
    if (name !== undefined && part) parts.set(part, xmlText(name));
  }
  return parts;
}

function xmlText(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * The workbook's bytes without its large data validations, for ExcelJS to load; `remember`
 * ties what was set aside to the loaded workbook. Bytes with none come back unchanged.
 */
export async function withoutLargeValidations(
  bytes: Uint8Array,
): Promise<{ bytes: Uint8Array; kept: Map<string, string> }> {
  const kept = new Map<string, string>();
  // Cheap test first: most workbooks have no large validation at all.
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('xl/worksheets/')) return { bytes, kept };
  const zip = await JSZip.loadAsync(bytes);
  let changed = false;
  for (const [part, name] of await sheetParts(zip)) {
    const file = zip.file(part);
    if (!file) continue;
    const xml = await file.async('string');
    const block = BLOCK.exec(xml)?.[0];
    if (!block) continue;
    const large = [...block.matchAll(/\bsqref="([^"]*)"/g)].some((m) => sqrefCells(m[1]) > LARGE_RANGE_CELLS);
    if (!large) continue;
    kept.set(name, block);
    zip.file(part, xml.replace(block, ''));
    changed = true;
  }
  if (!changed) return { bytes, kept };
  return { bytes: await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }), kept };
}

/** Remember what was set aside for the workbook ExcelJS loaded from the lean bytes. */
export function rememberValidations(wb: ExcelJS.Workbook, kept: Map<string, string>): void {
  if (kept.size) setAside.set(wb, kept);
}

/** Elements that follow dataValidations in a worksheet (ECMA-376 CT_Worksheet order). */
const AFTER = [
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** Put `block` into a worksheet's XML at its place in the schema's sequence. */
function insertBlock(xml: string, block: string): string {
  const without = xml.replace(BLOCK, ''); // ExcelJS's own, if it wrote one for small ranges, gives way to the original
  let at = -1;
  for (const tag of AFTER) {
    const i = without.search(new RegExp(`<(?:\\w+:)?${tag}\\b`));
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) at = without.lastIndexOf('</');
  return `${without.slice(0, at)}${block}${without.slice(at)}`;
}

/**
 * The bytes ExcelJS wrote for `wb`, with the validations set aside at load put back into
 * the sheets of the same names. A workbook with nothing set aside comes back unchanged.
 */
export async function restoreValidations(wb: ExcelJS.Workbook, written: Uint8Array): Promise<Uint8Array> {
  const kept = setAside.get(wb);
  if (!kept?.size) return written;
  const zip = await JSZip.loadAsync(written);
  for (const [part, name] of await sheetParts(zip)) {
    const block = kept.get(name);
    const file = zip.file(part);
    if (!block || !file) continue;
    zip.file(part, insertBlock(await file.async('string'), block));
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
