/**
 * How a trail record sits in a worksheet row (docs/STORAGE.md), shared by the ExcelJS and
 * Office.js stores so both write and read exactly the same cells.
 *
 *   A seq (number) | B at | C type | D actor | E hash | F prev | G… record JSON
 *
 * Columns A–F are for people reading the sheet without the add-in; the record JSON is
 * authoritative, and a row whose readable columns disagree with its JSON is reported.
 * Excel holds at most 32,767 characters in a cell, so a longer JSON continues in H, I, …
 */
import { canonicalJson } from './canonical-json';
import type { StoredEntry, TrailRecord } from './trail';

export const HEAD_NAME = 'OutturnTrailHead';
export const TRAIL_HEADER = ['seq', 'at', 'type', 'actor', 'hash', 'prev', 'record JSON'] as const;
/** Column (0-based) where the record JSON starts. */
export const JSON_COLUMN = 6;
/** Characters per JSON cell: below Excel's 32,767 limit, with room to spare. */
export const JSON_CHUNK = 32_000;

/**
 * Characters a cell must not start with: Excel (and Office.js writing `values`) would take
 * the text as a formula or drop a leading apostrophe.
 */
const UNSAFE_START = /^[=+\-@']/;

/** Split JSON into chunks of at most JSON_CHUNK characters, none starting with an unsafe character. */
export function splitJson(json: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < json.length) {
    let end = Math.min(i + JSON_CHUNK, json.length);
    // Move the cut back until the next chunk starts safely (and not inside a surrogate pair).
    while (end < json.length && end > i + 1 && (UNSAFE_START.test(json[end]) || /[\udc00-\udfff]/.test(json[end])))
      end--;
    parts.push(json.slice(i, end));
    i = end;
  }
  return parts;
}

export type RowValue = string | number;

/** The cells of one trail row. */
export function recordToRow(record: TrailRecord): RowValue[] {
  const json = canonicalJson(record);
  return [record.seq, record.at, record.type, record.actor?.name ?? '', record.hash, record.prev, ...splitJson(json)];
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v);
}

/**
 * Read one stored row back. `cells` are the row's values from column A on, as either
 * adapter gives them (numbers may come back as numbers or text).
 */
export function rowToEntry(cells: readonly unknown[]): StoredEntry {
  const json = cells.slice(JSON_COLUMN).map(text).join('');
  if (!json) return { raw: undefined, problem: 'the record JSON is empty.' };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { raw: undefined, problem: 'the record JSON is not valid JSON.', text: json };
  }
  const r = (raw ?? {}) as Record<string, unknown>;
  const actor = (r.actor ?? null) as { name?: unknown } | null;
  const expected = [text(r.seq), text(r.at), text(r.type), text(actor?.name ?? ''), text(r.hash), text(r.prev)];
  for (let c = 0; c < JSON_COLUMN; c++) {
    if (text(cells[c]).trim() !== expected[c].trim()) {
      return {
        raw,
        text: json,
        problem: `its '${TRAIL_HEADER[c]}' column says "${text(cells[c])}" but its record JSON says "${expected[c]}".`,
      };
    }
  }
  return { raw, text: json };
}

/** Rows (below the header) to stored entries; trailing blank rows are ignored. */
export function rowsToEntries(rows: readonly (readonly unknown[])[]): StoredEntry[] {
  let end = rows.length;
  while (end > 0 && rows[end - 1].every((v) => v === null || v === undefined || v === '')) end--;
  // A blank row between records is a gap a co-author's append left (docs/STORAGE.md), told apart from a bad row.
  return rows
    .slice(0, end)
    .map((r) =>
      r.every((v) => v === null || v === undefined || v === '') ? { ...rowToEntry(r), gap: true } : rowToEntry(r),
    );
}
