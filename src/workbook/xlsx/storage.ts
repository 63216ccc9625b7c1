/**
 * Outturn's own storage (docs/STORAGE.md) read from the same pass as the grid: the rule
 * configuration in OutturnSettings!A1, the trail rows of OutturnTrail, and the chain head
 * defined name in the workbook part.
 */
import type { SheetModel } from '../../engine/model/sheet';
import { parseHead, type LoadedTrail } from '../../signoff/trail';
import { HEAD_NAME, JSON_COLUMN, rowsToEntries } from '../../signoff/storage-rows';
import { SETTINGS_SHEET, TRAIL_SHEET } from '../../engine/own-sheets';
import type { StoredConfig } from '../settings';
import type { XlsxBook, XlsxSheet } from './read';
import { plainValue } from './read';

/** Sheets the storage readers need from a workbook, whatever sheets the checks look at. */
export function isStorageSheet(sheet: Pick<XlsxSheet, 'name'>): boolean {
  const n = sheet.name.toLowerCase();
  return n === SETTINGS_SHEET.toLowerCase() || sheet.name === TRAIL_SHEET;
}

function model(book: XlsxBook, name: string, exact: boolean): SheetModel | undefined {
  if (exact) return book.models.get(name);
  for (const [n, m] of book.models) if (n.toLowerCase() === name.toLowerCase()) return m;
  return undefined;
}

export function storedConfigOf(book: XlsxBook): StoredConfig {
  const ws = model(book, SETTINGS_SHEET, false);
  if (!ws) return { found: false };
  const v = plainValue(ws.cells[0]?.[0]);
  const text = v == null ? '' : String(v);
  if (text.trim() === '') return { found: false };
  try {
    return { found: true, raw: JSON.parse(text) };
  } catch {
    return {
      found: true,
      invalid: `the rule configuration stored in the workbook (${SETTINGS_SHEET}!A1) is not valid JSON`,
    };
  }
}

export function trailOf(book: XlsxBook): LoadedTrail {
  const ws = model(book, TRAIL_SHEET, true);
  const rows: unknown[][] = [];
  if (ws) {
    for (let r = 1; r < ws.cells.length; r++) {
      const cells = ws.cells[r] ?? [];
      const out: unknown[] = [];
      for (let c = 0; c < Math.max(cells.length, JSON_COLUMN + 1); c++) out.push(plainValue(cells[c]));
      rows.push(out);
    }
  }
  const names = book.definedNames.filter((d) => d.name === HEAD_NAME);
  const head = names.find((d) => d.localSheetId === undefined) ?? names[0];
  return { entries: rowsToEntries(rows), head: head ? parseHead(head.text) : null };
}
