/**
 * The audit trail of an .xlsx file for the commands (docs/STORAGE.md): read with the
 * streaming reader, appended with the surgical writer. Tests that build trails through
 * ExcelJS use test/support/trail-exceljs.ts.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { replaceFileAtomically, withFileLock, type LockOptions } from './atomic-write';
import type { AppendResult, ChainHead, LoadedTrail, TrailRecord, TrailStore } from '../signoff/trail';
import type { SheetModel } from '../engine/model/sheet';
import { readXlsxBook } from './load';
import { isInternalSheet, type StoredConfig } from './settings';
import { readXlsx, type XlsxBook } from './xlsx/read';
import { storedConfigOf, trailOf } from './xlsx/storage';
import { PackageEdit } from './xlsx/package-edit';
import { appendTrailToPackage } from './xlsx/trail-write';

/**
 * A TrailStore over one .xlsx file: load() reads `source` once (the grid, the settings, the
 * trail and its head in one pass); append() re-reads the head of `source` on disk and writes
 * only if nobody has appended since (else a conflict), then writes the workbook with the
 * records added to `target` (the same file when signing in place).
 *
 * The write is surgical: the trail sheet, workbook.xml (the head, and the sheet entry when
 * the trail is new), its relationships and [Content_Types].xml change; every other part is
 * copied as its original compressed bytes, so charts, pivot tables and macros survive signing.
 * `sheets` and `storedConfig` give the grid and the settings from the same read.
 */
export class XlsxFileTrailStore implements TrailStore {
  private book: XlsxBook | null = null;
  private loaded: LoadedTrail | null = null;
  private loadedBytes: Buffer | null = null;
  /** True while exclusive() holds the lock, so append() inside it does not take it again. */
  private locked = false;

  constructor(
    private readonly source: string,
    private readonly target: string,
    /** Whom the lock names and where a wait for it is told (default: the OS user, and stderr). */
    private readonly lock: Pick<LockOptions, 'holder' | 'onWait' | 'timeoutMs'> = {},
  ) {}

  private lockOptions(): LockOptions {
    return {
      holder: this.lock.holder ?? defaultHolder(),
      onWait: this.lock.onWait ?? ((line) => process.stderr.write(`outturn: ${line}\n`)),
      timeoutMs: this.lock.timeoutMs,
    };
  }

  /**
   * Hold the file's lock across `fn` (a whole load-decide-append): signers of one file
   * queue here, each reading the trail as the one before left it, so none is told to try again.
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.locked) return fn();
    return withFileLock(
      this.target,
      async () => {
        this.locked = true;
        try {
          return await fn();
        } finally {
          this.locked = false;
        }
      },
      this.lockOptions(),
    );
  }

  /** The sheets the checks may look at, from the streaming read of load(). */
  get sheets(): SheetModel[] {
    const book = this.requireBook();
    return book.sheets
      .filter((s) => !isInternalSheet(s) && book.models.has(s.name))
      .map((s) => book.models.get(s.name)!);
  }

  /** The rule configuration saved in the workbook, from the same read. */
  get storedConfig(): StoredConfig {
    return storedConfigOf(this.requireBook());
  }

  private requireBook(): XlsxBook {
    if (!this.book) throw new Error('XlsxFileTrailStore: load() first');
    return this.book;
  }

  async load(): Promise<LoadedTrail> {
    const bytes = await fs.readFile(this.source);
    this.loadedBytes = bytes;
    this.book = readXlsxBook(this.source, bytes);
    this.loaded = trailOf(this.book);
    return this.loaded;
  }

  async append(records: TrailRecord[], expectedSeq: number): Promise<AppendResult> {
    // Under an exclusive lock on the file written (atomic-write.ts), so that nobody can
    // append between our re-read of the head and our rename: two people signing in place
    // at once are serialised, and the second sees a conflict and re-reads.
    return this.exclusive(async () => {
      const book = this.requireBook();
      const onDisk = headOfPackage(await fs.readFile(this.source));
      const storedSeq = onDisk?.seq ?? 0;
      const loadedHead = this.loaded?.head ?? null;
      if (
        storedSeq !== (loadedHead?.seq ?? 0) ||
        onDisk?.hash !== loadedHead?.hash ||
        (this.loaded?.entries.length ?? 0) !== expectedSeq
      ) {
        return { ok: false, conflict: true, storedSeq } as const;
      }
      const last = records[records.length - 1];
      const edit = new PackageEdit(book.entries);
      appendTrailToPackage(edit, book, records, last ? { seq: last.seq, hash: last.hash } : loadedHead);
      await replaceFileAtomically(this.target, edit.toZip());
      this.loadedBytes = null;
      return { ok: true, records } as const;
    });
  }
}

/** The chain head of a package's bytes, reading only its directory and workbook part. */
function headOfPackage(bytes: Uint8Array): ChainHead | null {
  try {
    return trailOf(readXlsx(bytes, { wanted: () => false })).head;
  } catch {
    return null;
  }
}

/** Who holds the lock, for a signer waiting on it: the OS account and machine. */
function defaultHolder(): string {
  try {
    return `${os.userInfo().username} on ${os.hostname()}`;
  } catch {
    return os.hostname();
  }
}
