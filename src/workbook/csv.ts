import { Cell, EMPTY_CELL, isErrorCode, isoDateToSerial, makeCell } from '../engine/model/cell';
import type { SheetModel } from '../engine/model/sheet';

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
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += ch; i++; continue;
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue; }
    if (ch === separator) { row.push(field); field = ''; i++; continue; }
    if (ch === '\r' || ch === '\n') {
      row.push(field); rows.push(row); row = []; field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch; i++;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
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
  const rows = parseCsv(text);
  return { name, top: 0, left: 0, cells: rows.map((r) => r.map(cellFromCsvField)) };
}
