/**
 * Read an .xlsx in one pass over its bytes: the package's relationships, the workbook
 * (sheets, order, visibility, defined names, date system), shared strings, styles, then
 * each worksheet streamed into the engine's SheetModel. Outturn's own storage sheets (the
 * settings and the audit trail) come from the same pass, so no command reads a file twice.
 */
import type { SheetModel } from '../../engine/model/sheet';
import type { Cell } from '../../engine/model/cell';
import {
  readRels,
  readSharedStrings,
  readStyles,
  readWorkbookPart,
  relsPathOf,
  type DefinedName,
  type SheetEntry,
} from './parts';
import { readSheet, type SheetContext, type SheetReadOptions } from './sheet';
import { XmlProblem } from './xml';
import { REASONS } from '../errors';
import { MAX_PART_BYTES, readZipDirectory, ZipProblem, type ZipEntry } from './zip';

export interface XlsxSheet extends SheetEntry {
  /** The worksheet's part name ('xl/worksheets/sheet1.xml'); empty for chartsheets and dialog sheets. */
  part: string;
  kind: 'worksheet' | 'chartsheet' | 'other';
}

export interface XlsxBook {
  /** The zip's entries (compressed bytes views), for the surgical writer. */
  entries: Map<string, ZipEntry>;
  workbookPart: string;
  sheets: XlsxSheet[];
  definedNames: DefinedName[];
  date1904: boolean;
  /** Worksheets read, by name, in workbook order (those `wanted` let through). */
  models: Map<string, SheetModel>;
  /** Rows seen in each read worksheet. */
  rowCounts: Map<string, number>;
}

export interface ReadOptions {
  /** Which worksheets to read into models (default: all). */
  wanted?: (sheet: XlsxSheet) => boolean;
  /** Ceiling on one part's inflated size (zip bomb guard). */
  partLimit?: number;
  /** How worksheet parts are read (tests compare the fast scanner with the saxes reference). */
  sheets?: SheetReadOptions;
}

/** Why the package cannot be read: a sentence for WorkbookReadError. */
export class XlsxProblem extends Error {}

function need(entries: Map<string, ZipEntry>, name: string): ZipEntry | undefined {
  return entries.get(name) ?? [...entries.values()].find((e) => e.name.toLowerCase() === name.toLowerCase());
}

export function readXlsx(bytes: Uint8Array, options: ReadOptions = {}): XlsxBook {
  const limit = options.partLimit ?? MAX_PART_BYTES;
  try {
    const entries = readZipDirectory(bytes);
    // The package's root relationships name the workbook part (xl/workbook.xml by convention only).
    const root = readRels(need(entries, '_rels/.rels'), '');
    const workbookPart = root.find((r) => r.type === 'officeDocument')?.target ?? 'xl/workbook.xml';
    const wbEntry = need(entries, workbookPart);
    if (!wbEntry) throw new XlsxProblem('it is a zip archive but not an Excel workbook (no workbook part inside)');
    const wb = readWorkbookPart(wbEntry);
    const rels = readRels(need(entries, relsPathOf(workbookPart)), workbookPart);
    const byId = new Map(rels.map((r) => [r.id, r]));
    const strings = rels.find((r) => r.type === 'sharedStrings');
    const styles = rels.find((r) => r.type === 'styles');
    const ctx: SheetContext = {
      sharedStrings: readSharedStrings(strings && need(entries, strings.target), limit),
      formats: readStyles(styles && need(entries, styles.target)),
      date1904: wb.date1904,
      limit,
    };
    const sheets: XlsxSheet[] = wb.sheets.map((s) => {
      const rel = byId.get(s.relId);
      const kind = rel?.type === 'worksheet' ? 'worksheet' : rel?.type === 'chartsheet' ? 'chartsheet' : 'other';
      return { ...s, part: rel && !rel.external ? rel.target : '', kind };
    });
    const models = new Map<string, SheetModel>();
    const rowCounts = new Map<string, number>();
    for (const sheet of sheets) {
      if (sheet.kind !== 'worksheet' || (options.wanted && !options.wanted(sheet))) continue;
      const entry = need(entries, sheet.part);
      if (!entry) throw new XlsxProblem(`the sheet '${sheet.name}' is missing from the file (${sheet.part})`);
      const read = readSheet(entry, sheet.name, ctx, options.sheets);
      models.set(sheet.name, read.model);
      rowCounts.set(sheet.name, read.rowCount);
    }
    return { entries, workbookPart, sheets, definedNames: wb.definedNames, date1904: wb.date1904, models, rowCounts };
  } catch (err) {
    if (err instanceof ZipProblem && err.kind === 'damaged') throw new XlsxProblem(REASONS.damagedZip);
    if (err instanceof ZipProblem && err.kind === 'encrypted') throw new XlsxProblem(REASONS.encrypted);
    if (err instanceof ZipProblem || err instanceof XmlProblem) throw new XlsxProblem(err.message);
    throw err;
  }
}

/** A read cell's plain value, as the storage rows expect it (text, number, boolean; null when empty). */
export function plainValue(cell: Cell | undefined): unknown {
  if (!cell || cell.kind === 'empty') return null;
  return cell.value;
}
