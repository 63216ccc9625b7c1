/**
 * The audit trail in the open workbook, through Office.js (docs/STORAGE.md): the very
 * hidden sheet OutturnTrail (one record per row under a header row) and the workbook
 * name OutturnTrailHead = "seq:hash". Same cells as the ExcelJS store in
 * src/workbook/trail-xlsx.ts, so a trail written here verifies there and back.
 *
 * Round trips: load() two syncs up to 500 records, then one per block of rows (each under
 * the web's 5 MB response limit); append() two syncs (read the trail's length and the
 * head; write the rows and the new head).
 */
import {
  formatHead,
  parseHead,
  type AppendResult,
  type ChainHead,
  type LoadedTrail,
  type TrailRecord,
  type TrailStore,
} from '../signoff/trail';
import {
  HEAD_NAME,
  JSON_COLUMN,
  recordToRow,
  rowsToEntries,
  TRAIL_HEADER,
  type RowValue,
} from '../signoff/storage-rows';
import { TRAIL_SHEET } from '../engine/own-sheets';
import { a1, columnLetters } from '../engine/model/address';

/** The head name's formula ('="3:abc…"') as text for parseHead; '' when there is none. */
function headFrom(name: Excel.NamedItem): ChainHead | null {
  if (name.isNullObject) return null;
  return parseHead(name.formula);
}

/** Rectangular rows (Excel needs every row of a write the same width), text cells as text. */
function rectangle(rows: RowValue[][], minWidth = 0): { values: RowValue[][]; formats: string[][]; width: number } {
  const width = rows.reduce((w, r) => Math.max(w, r.length), minWidth); // not Math.max(...spread): no call-stack limit on many rows
  const values = rows.map((r) => [...r, ...Array<RowValue>(width - r.length).fill('')]);
  // '@' keeps hashes such as '1234e567…' and the 64-zero first 'prev' as text, not numbers.
  const formats = values.map((r) => r.map((v) => (typeof v === 'number' ? '0' : '@')));
  return { values, formats, width };
}

/** Rows of the trail read with the round trip that finds its size: most trails end within them. */
const FIRST_BLOCK_ROWS = 500;
/** Excel on the web refuses a response above 5 MB: keep each block's under this. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

function isPayloadLimit(e: unknown): boolean {
  const code = e && typeof e === 'object' && 'code' in e ? (e as { code: unknown }).code : null;
  return (
    code === 'ResponsePayloadSizeLimitExceeded' ||
    code === 'RequestPayloadSizeLimitExceeded' ||
    code === 'RangeExceedsLimit'
  );
}

/** UTF-8 bytes of rows as JSON: what the response limit counts. */
function bytesOf(values: unknown[][]): number {
  return new TextEncoder().encode(JSON.stringify(values)).length;
}

/**
 * The trail's used range (its size) and its first rows, in one round trip; if Excel
 * refuses the rows as too large, again with half as many.
 */
async function sizeWithFirstRows(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  firstRows: number,
): Promise<{ used: Excel.Range; first: Excel.Range; firstRows: number }> {
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowIndex, columnIndex, rowCount, columnCount');
  const first = sheet.getRange(`1:${firstRows}`).getUsedRangeOrNullObject(true);
  first.load('values, rowIndex, columnIndex');
  try {
    await context.sync();
  } catch (e) {
    if (!isPayloadLimit(e) || firstRows <= 1) throw e;
    return sizeWithFirstRows(context, sheet, Math.ceil(firstRows / 2));
  }
  return { used, first, firstRows };
}

export interface TrailStoreOptions {
  /** Keep each response under this many bytes (tests lower it to force blocks). */
  maxResponseBytes?: number;
  /** Rows read with the first request. */
  firstBlockRows?: number;
  /** Excel.run of the workbook to use (tests give each co-authoring client its own); default the global. */
  run?: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  /**
   * Leave a random gap of up to this many blank rows before each append, so that co-authors
   * appending at the same moment write different rows and both records survive (docs/STORAGE.md,
   * "Co-authoring"). 0 (the default): each append goes on the next row.
   */
  spread?: number;
  /** Random numbers in [0, 1) for the gap (tests seed it). */
  random?: () => number;
  /**
   * The longest a change takes to reach one co-author from another (virtual in tests). Set, an
   * append builds only on records that can no longer be overwritten by a co-author's write still
   * on its way (this client's own after confirmAfterMs, others' after twice that: their writer may
   * still take back a write found lost in part), so a lost record is never linked to
   * (docs/STORAGE.md, "Co-authoring"). 0 (the default): every record is built on.
   */
  latencyMs?: number;
  /** The clock latencyMs is measured on (tests give the co-authoring simulator's); default Date.now. */
  now?: () => number;
}

/** Cells written per record row when spreading: a co-author's shorter row must not leave our JSON half-overwritten. */
const SPREAD_ROW_WIDTH = JSON_COLUMN + 3;

export class OfficeTrailStore implements TrailStore {
  /** Whether the trail sheet existed at the last load: append() picks its reads by it. */
  private sheetExisted = false;
  /** The head at the last load (undefined before one): an append goes ahead only if it still holds. */
  private loadedHead: ChainHead | null | undefined = undefined;
  private readonly maxResponseBytes: number;
  private readonly firstBlockRows: number;
  private readonly spread: number;
  private readonly random: () => number;
  private readonly run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  /** The end of the last append queued through this store (the pane has one): each waits for the one before. */
  private appending: Promise<unknown> = Promise.resolve();
  /** How long after a write its record is known to have survived every co-author's (0: not shared). */
  readonly confirmAfterMs: number;
  private readonly now: () => number;
  /** When each record (by hash) was first seen here: at a load, or when this store wrote it. */
  private readonly firstSeen = new Map<string, number>();
  /** Records this store wrote. */
  private readonly own = new Set<string>();
  /** Defined only when latencyMs is set, so appendWithRetry builds on every record otherwise. */
  readonly settled?: (hash: string) => boolean;

  constructor(options: TrailStoreOptions = {}) {
    this.run = options.run ?? ((batch) => Excel.run(batch));
    this.spread = Math.max(0, Math.floor(options.spread ?? 0));
    this.random = options.random ?? Math.random;
    this.maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    this.firstBlockRows = options.firstBlockRows ?? FIRST_BLOCK_ROWS;
    // A write that overwrites ours reaches the server within one latency of ours, and us within another.
    this.confirmAfterMs = 2 * Math.max(0, options.latencyMs ?? 0);
    this.now = options.now ?? Date.now;
    if (this.confirmAfterMs > 0) {
      this.settled = (hash) => {
        const seen = this.firstSeen.get(hash);
        const wait = this.own.has(hash) ? this.confirmAfterMs : 2 * this.confirmAfterMs;
        return seen !== undefined && this.now() - seen >= wait;
      };
    }
  }

  private see(hashes: Iterable<unknown>): void {
    const t = this.now();
    for (const h of hashes) if (typeof h === 'string' && !this.firstSeen.has(h)) this.firstSeen.set(h, t);
  }

  /**
   * Two round trips for a trail of up to 500 records (the sheet and head; its size with
   * its first rows); a longer trail is read in further blocks of rows, each sized from
   * what a row of the previous block cost, so no response passes the web's 5 MB limit.
   */
  async load(): Promise<LoadedTrail> {
    return this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(TRAIL_SHEET);
      const name = context.workbook.names.getItemOrNullObject(HEAD_NAME);
      sheet.load('name');
      name.load('formula');
      await context.sync();
      const head = headFrom(name);
      this.loadedHead = head;
      this.sheetExisted = !sheet.isNullObject;
      if (sheet.isNullObject) return { entries: [], head };
      const { used, first, firstRows } = await sizeWithFirstRows(context, sheet, this.firstBlockRows);
      if (used.isNullObject) return { entries: [], head };
      // Rows placed absolutely: the used range may not start at A1 if a person cleared the header.
      const rows: unknown[][] = [];
      const place = (rowIndex: number, columnIndex: number, values: unknown[][]) => {
        for (let r = 0; r < values.length; r++) {
          const absRow = rowIndex + r;
          if (absRow === 0) continue; // header
          const row: unknown[] = Array(columnIndex).fill('');
          row.push(...values[r]);
          rows[absRow - 1] = row;
        }
      };
      let bytesPerRow = this.maxResponseBytes;
      if (!first.isNullObject) {
        place(first.rowIndex, first.columnIndex, first.values);
        bytesPerRow = bytesOf(first.values) / Math.max(1, first.values.length);
      }
      const bottom = used.rowIndex + used.rowCount - 1;
      let top = Math.max(firstRows, used.rowIndex);
      while (top <= bottom) {
        const count = Math.max(1, Math.min(bottom - top + 1, Math.floor(this.maxResponseBytes / (bytesPerRow * 1.1))));
        const block = sheet.getRangeByIndexes(top, used.columnIndex, count, used.columnCount);
        block.load('values');
        try {
          // One request per block of rows is the point of reading in blocks.
          // eslint-disable-next-line office-addins/no-context-sync-in-loop
          await context.sync();
        } catch (e) {
          if (!isPayloadLimit(e) || count === 1) throw e;
          bytesPerRow *= 2;
          continue;
        }
        place(top, used.columnIndex, block.values);
        bytesPerRow = Math.max(1, bytesOf(block.values) / count);
        top += count;
      }
      for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
      const entries = rowsToEntries(rows);
      this.see(entries.map((e) => (e.raw as { hash?: unknown } | undefined)?.hash));
      return { entries, head };
    });
  }

  /**
   * Writes the records only if the trail still ends at `expectedSeq`. Appends from this pane
   * run one after another: two whose syncs interleaved would both pass the seq test and the
   * second would overwrite the first's rows.
   */
  append(records: TrailRecord[], expectedSeq: number): Promise<AppendResult> {
    if (records.length === 0) return Promise.resolve({ ok: true, records });
    const write = () => this.appendNow(records, expectedSeq);
    const next = this.appending.then(write, write);
    this.appending = next.catch(() => undefined);
    return next;
  }

  /**
   * Whether the head still says what it said at the load. Spread out or forked, a trail's rows
   * outnumber its head's seq, so the head is compared whole; before any load, by seq.
   */
  private headHolds(head: ChainHead | null, expectedSeq: number): boolean {
    if (this.loadedHead === undefined) return (head?.seq ?? 0) === expectedSeq;
    return (head?.seq ?? 0) === (this.loadedHead?.seq ?? 0) && head?.hash === this.loadedHead?.hash;
  }

  private async appendNow(records: TrailRecord[], expectedSeq: number): Promise<AppendResult> {
    const last = records[records.length - 1];
    const newHead = formatHead({ seq: last.seq, hash: last.hash });
    return this.run(async (context) => {
      const names = context.workbook.names;
      const name = names.getItemOrNullObject(HEAD_NAME);
      name.load('formula');
      let sheet: Excel.Worksheet;
      let storedSeq = 0;
      if (this.sheetExisted) {
        // getItem, not …OrNullObject: if the sheet vanished meanwhile the sync fails and we report a conflict.
        sheet = context.workbook.worksheets.getItem(TRAIL_SHEET);
        const used = sheet.getUsedRangeOrNullObject(true);
        used.load('rowIndex, rowCount');
        try {
          await context.sync();
        } catch {
          return { ok: false, conflict: true, storedSeq: -1 };
        }
        storedSeq = used.isNullObject ? 0 : Math.max(0, used.rowIndex + used.rowCount - 1);
      } else {
        const existing = context.workbook.worksheets.getItemOrNullObject(TRAIL_SHEET);
        existing.load('name');
        await context.sync();
        if (!existing.isNullObject) {
          this.sheetExisted = true;
          return { ok: false, conflict: true, storedSeq: -1 };
        }
        // Decide before queuing the sheet: anything queued still runs at Excel.run's closing sync.
        const headNow = headFrom(name);
        if (!this.headHolds(headNow, expectedSeq)) return { ok: false, conflict: true, storedSeq: headNow?.seq ?? 0 };
        sheet = context.workbook.worksheets.add(TRAIL_SHEET);
        const header = sheet.getRange(`A1:${columnLetters(TRAIL_HEADER.length - 1)}1`);
        header.values = [[...TRAIL_HEADER]];
        header.format.font.bold = true;
        sheet.visibility = 'VeryHidden';
      }
      const head = headFrom(name);
      if (storedSeq !== expectedSeq || !this.headHolds(head, expectedSeq)) {
        return { ok: false, conflict: true, storedSeq: Math.max(storedSeq, head?.seq ?? 0) };
      }
      const { values, formats, width } = rectangle(records.map(recordToRow), this.spread ? SPREAD_ROW_WIDTH : 0);
      // 0-based: row 0 is the header, the trail's rows follow; spread out, records may leave blank rows between.
      const gap = this.spread ? Math.floor(this.random() * (this.spread + 1)) : 0;
      const firstRow = expectedSeq + 1 + gap;
      const range = sheet.getRange(`${a1(firstRow, 0)}:${a1(firstRow + values.length - 1, width - 1)}`);
      range.numberFormat = formats;
      range.values = values;
      if (head || !name.isNullObject) name.formula = `="${newHead}"`;
      else names.add(HEAD_NAME, `="${newHead}"`);
      try {
        await context.sync();
      } catch (e) {
        // Another client made the trail sheet (or the head) between our read and our write: Excel stops the
        // batch at the failed add, so nothing of ours was written.
        if (!isAlreadyExists(e)) throw e;
        this.sheetExisted = true;
        return { ok: false, conflict: true, storedSeq: -1 };
      }
      this.sheetExisted = true;
      this.loadedHead = { seq: last.seq, hash: last.hash };
      this.see(records.map((r) => r.hash));
      for (const r of records) this.own.add(r.hash);
      return { ok: true, records };
    });
  }

  /**
   * Clear every row that still holds one of these records (found by the hash column). Queued
   * behind this pane's appends, so it never clears a row one of them is about to read.
   */
  retract(records: readonly TrailRecord[]): Promise<void> {
    const hashes = new Set(records.map((r) => r.hash));
    const clear = () =>
      this.run(async (context) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(TRAIL_SHEET);
        await context.sync();
        if (sheet.isNullObject) return;
        const used = sheet.getUsedRangeOrNullObject(true);
        used.load('rowIndex, rowCount, columnIndex, columnCount');
        await context.sync();
        if (used.isNullObject) return;
        const width = Math.max(SPREAD_ROW_WIDTH, used.columnIndex + used.columnCount);
        const column = sheet.getRangeByIndexes(used.rowIndex, HASH_COLUMN, used.rowCount, 1);
        column.load('values');
        await context.sync();
        column.values.forEach((row, i) => {
          if (hashes.has(String(row[0]))) {
            sheet.getRangeByIndexes(used.rowIndex + i, 0, 1, width).values = [Array<RowValue>(width).fill('')];
          }
        });
        await context.sync();
      });
    const next = this.appending.then(clear, clear);
    this.appending = next.catch(() => undefined);
    return next;
  }
}

/** Assumed longest trip of a change between co-authors of a shared workbook (AutoSave on). */
export const COAUTHOR_LATENCY_MS = 1500;
/** Blank rows a shared workbook's appends may leave before their records. */
export const COAUTHOR_SPREAD = 24;

/**
 * The store's options for the open workbook: spread out and built on settled records when the
 * file is on OneDrive or SharePoint (an https address), where co-authors can have it open;
 * as before for a file on this computer, which no one else can be writing.
 */
export function openWorkbookTrailOptions(): TrailStoreOptions {
  const url = typeof Office === 'undefined' ? '' : (Office.context?.document?.url ?? '');
  if (!/^https?:\/\//i.test(url)) return {};
  return { spread: COAUTHOR_SPREAD, latencyMs: COAUTHOR_LATENCY_MS };
}

/** Column (0-based) of a record row that holds its hash (storage-rows' 'hash' column). */
const HASH_COLUMN = TRAIL_HEADER.indexOf('hash');

function isAlreadyExists(e: unknown): boolean {
  return !!e && typeof e === 'object' && 'code' in e && (e as { code: unknown }).code === 'ItemAlreadyExists';
}
