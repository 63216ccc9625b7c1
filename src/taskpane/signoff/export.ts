/** The audit trail as CSV and JSON for an auditor's download. Pure: no DOM. */
import type { TrailRecord, Verification } from '../../signoff/trail';
import { describeRecord } from '../../signoff/summary';

/** A record's verification state: 'verified', 'broken' (the first bad link) or 'unverified' (after it, or head missing). */
export function recordStatus(seq: number, v: Verification): 'verified' | 'broken' | 'unverified' {
  if (v.firstBrokenSeq !== null)
    return seq < v.firstBrokenSeq ? 'verified' : seq === v.firstBrokenSeq ? 'broken' : 'unverified';
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

export const CSV_HEADER = [
  'seq',
  'at',
  'type',
  'actor',
  'account',
  'identity',
  'summary',
  'hash',
  'prev',
  'verification',
];

export function trailCsv(records: readonly TrailRecord[], v: Verification): string {
  const rows = [
    CSV_HEADER,
    ...records.map((r) => [
      r.seq,
      r.at,
      r.type,
      r.actor?.name ?? '',
      r.actor?.upn ?? '',
      r.actor?.source ?? '',
      describeRecord(r),
      r.hash,
      r.prev,
      recordStatus(r.seq, v),
    ]),
  ];
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function trailJson(records: readonly TrailRecord[], v: Verification, file?: string): string {
  return `${JSON.stringify({ file, exportedAt: new Date().toISOString(), verification: { ok: v.ok, firstBrokenSeq: v.firstBrokenSeq, reason: v.reason, verifiedThrough: v.verifiedThrough }, records }, null, 2)}\n`;
}

// ------------------------------------------------------------------ delivering an export

export type ExportFormat = 'csv' | 'json';

export interface TrailExport {
  format: ExportFormat;
  fileName: string;
  mime: string;
  /** The file as downloaded. */
  text: string;
  /** The same export as worksheet rows (text cells), for where a download cannot work. */
  rows: string[][];
}

/** A cell's text with formula injection neutralised as in the CSV, unquoted (a worksheet cell holds it as text). */
export function textCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function trailRows(records: readonly TrailRecord[], v: Verification): string[][] {
  return [
    CSV_HEADER,
    ...records.map((r) =>
      [
        r.seq,
        r.at,
        r.type,
        r.actor?.name ?? '',
        r.actor?.upn ?? '',
        r.actor?.source ?? '',
        describeRecord(r),
        r.hash,
        r.prev,
        recordStatus(r.seq, v),
      ].map(textCell),
    ),
  ];
}

/** Excel keeps at most 32,767 characters in a cell. */
export const MAX_CELL_TEXT = 32_767;

export function trailExport(
  format: ExportFormat,
  records: readonly TrailRecord[],
  v: Verification,
  file?: string,
): TrailExport {
  if (format === 'csv') {
    return {
      format,
      fileName: 'outturn-audit-trail.csv',
      mime: 'text/csv;charset=utf-8',
      text: trailCsv(records, v),
      rows: trailRows(records, v),
    };
  }
  const text = trailJson(records, v, file);
  // One line of the pretty-printed JSON per row: copying column A into a text file gives the JSON back.
  const rows = text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => [line]);
  return { format, fileName: 'outturn-audit-trail.json', mime: 'application/json', text, rows };
}

export type ExportRoute = 'download' | 'worksheet';

/**
 * How an export reaches the user on this Office. Excel for Mac (and on iPad) shows the
 * pane in a web view that ignores a Blob download link (`<a download>`): nothing happens
 * (office-js #2700, #3385, #4681). There it is written to a new worksheet instead, which
 * the user can save as CSV or copy. Windows (WebView2) and Excel on the web download it.
 * `platform` is Office.context.platform (Office.PlatformType: PC, OfficeOnline, Mac, iOS,
 * Android, Universal); an unknown one gets the worksheet, which works everywhere.
 */
export function exportRoute(platform: string | null | undefined): ExportRoute {
  return platform === 'PC' || platform === 'OfficeOnline' ? 'download' : 'worksheet';
}

export interface ExportIo {
  /** Offer the text as a file download (the browser's Save). */
  download(text: string, fileName: string, mime: string): void;
  /** Write rows as text into a new worksheet named for the format ('CSV', 'JSON'); resolves to the sheet's name. */
  toWorksheet(label: string, rows: string[][]): Promise<string>;
}

export interface ExportOutcome {
  route: ExportRoute;
  /** The sheet written, on the worksheet route. */
  sheet?: string;
  /** A sentence for the pane. */
  message: string;
}

/** Deliver an export by the route this platform supports; worksheet failures reject with the adapter's sentence. */
export async function deliverExport(
  exp: TrailExport,
  platform: string | null | undefined,
  io: ExportIo,
): Promise<ExportOutcome> {
  const route = exportRoute(platform);
  if (route === 'download') {
    io.download(exp.text, exp.fileName, exp.mime);
    return { route, message: `${exp.fileName} is being downloaded.` };
  }
  const long = exp.rows.findIndex((r) => r.some((c) => c.length > MAX_CELL_TEXT));
  if (long >= 0)
    throw new Error(
      `Row ${long + 1} of the export is longer than an Excel cell holds (32,767 characters); export it from Excel on the web or Windows, or with \`outturn audit --format json\`.`,
    );
  const sheet = await io.toWorksheet(exp.format.toUpperCase(), exp.rows);
  const how =
    exp.format === 'csv'
      ? 'save it with File > Save As > CSV UTF-8, or copy it'
      : 'select column A, copy it and paste it into a text file to get the JSON';
  return {
    route,
    sheet,
    message: `Excel for Mac cannot download files from an add-in, so the export was written to a new sheet, '${sheet}': ${how}.`,
  };
}
