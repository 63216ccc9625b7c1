/**
 * The audit-trail export as a new worksheet, for Office where a pane cannot download a
 * file (Excel for Mac: office-js #2700, #3385, #4681). Every cell is written as text:
 * the number format '@' is set before the values, since Range.values treats a string that
 * starts with '=' as a formula (https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-values-member),
 * and the export's cells are neutralised as the CSV is. Rows go in blocks of 500 (one
 * request each), so a long trail stays well under Excel on the web's 5 MB request limit.
 * APIs: worksheets.add (ExcelApi 1.1), getRangeByIndexes (1.7), format.autofitColumns (1.2),
 * activate (1.1).
 */
import { toHostError } from './errors';

/** Characters Excel refuses in a sheet name. */
const BAD_SHEET_CHARS = /[:\\/?*[\]]/g;

/** A new sheet's name: 'Audit trail CSV 2026-12-02', then ' (2)', ' (3)' … (at most 31 characters; names compare without case). */
export function exportSheetName(label: string, day: string, existing: readonly string[]): string {
  const base = `Audit trail ${label} ${day}`.replace(BAD_SHEET_CHARS, '-').slice(0, 31);
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = `${base.slice(0, 31 - suffix.length)}${suffix}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

export const EXPORT_BLOCK_ROWS = 500;

/** Office.context.platform ('PC', 'OfficeOnline', 'Mac', 'iOS' …), or null outside Office. */
export function officePlatform(): string | null {
  try {
    return typeof Office !== 'undefined' && Office.context?.platform ? String(Office.context.platform) : null;
  } catch {
    return null;
  }
}

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Add a sheet holding `rows` as text, header bold, columns fitted, and show it; resolves to its name. */
export async function writeExportSheet(label: string, rows: string[][]): Promise<string> {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const grid = rows.map((r) => (r.length === width ? r : [...r, ...Array<string>(width - r.length).fill('')]));
  let name = '';
  try {
    await Excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      await ctx.sync();
      name = exportSheetName(
        label,
        today(),
        sheets.items.map((s) => s.name),
      );
      sheets.add(name);
      await ctx.sync();
    });
    for (let top = 0; top < grid.length; top += EXPORT_BLOCK_ROWS) {
      const block = grid.slice(top, top + EXPORT_BLOCK_ROWS);
      await Excel.run(async (ctx) => {
        const range = ctx.workbook.worksheets.getItem(name).getRangeByIndexes(top, 0, block.length, width);
        range.numberFormat = block.map((r) => r.map(() => '@'));
        range.values = block;
        await ctx.sync();
      });
    }
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(name);
      if (label === 'CSV') sheet.getRangeByIndexes(0, 0, 1, width).format.font.bold = true;
      sheet.getRangeByIndexes(0, 0, Math.min(grid.length, EXPORT_BLOCK_ROWS), width).format.autofitColumns();
      sheet.activate();
      await ctx.sync();
    });
    return name;
  } catch (e) {
    throw toHostError(e, 'write the export to a new sheet');
  }
}
