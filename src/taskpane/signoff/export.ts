/** The audit trail as CSV and JSON for an auditor's download. Pure: no DOM. */
import type { TrailRecord, Verification } from '../../signoff/trail';
import { describeRecord } from '../../signoff/summary';

/** A record's verification state: 'verified', 'broken' (the first bad link) or 'unverified' (after it, or head missing). */
export function recordStatus(seq: number, v: Verification): 'verified' | 'broken' | 'unverified' {
  if (v.firstBrokenSeq !== null) return seq < v.firstBrokenSeq ? 'verified' : seq === v.firstBrokenSeq ? 'broken' : 'unverified';
  return v.ok ? 'verified' : 'unverified';
}

/**
 * A CSV cell: text starting with = + - @ tab or carriage return gets a leading apostrophe
 * so a spreadsheet opening the export shows it as text and never runs it as a formula;
 * every cell quoted.
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export const CSV_HEADER = ['seq', 'at', 'type', 'actor', 'account', 'identity', 'summary', 'hash', 'prev', 'verification'];

export function trailCsv(records: readonly TrailRecord[], v: Verification): string {
  const rows = [CSV_HEADER, ...records.map((r) => [r.seq, r.at, r.type, r.actor?.name ?? '', r.actor?.upn ?? '', r.actor?.source ?? '', describeRecord(r), r.hash, r.prev, recordStatus(r.seq, v)])];
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function trailJson(records: readonly TrailRecord[], v: Verification, file?: string): string {
  return `${JSON.stringify({ file, exportedAt: new Date().toISOString(), verification: { ok: v.ok, firstBrokenSeq: v.firstBrokenSeq, reason: v.reason, verifiedThrough: v.verifiedThrough }, records }, null, 2)}\n`;
}
