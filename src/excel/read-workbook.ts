import type { ReadResult, ReadScope } from './host';
import { toHostError } from './errors';
import { ReadLimits, readGrid } from './read';

/** A read of one or more sheets, with each sheet's worksheet id (stable across renames). */
export interface SheetsRead {
  result: ReadResult;
  sheetIds: Map<string, string>;
}

/**
 * "All sheets" in the pane: every visible worksheet, each read as the active sheet is
 * (one round trip to locate, one for the values). Hidden and very hidden sheets are left
 * out: Outturn's storage lives in very hidden sheets and a hidden sheet is not part of
 * the return the user sees. Each sheet is its own Excel.run so one large sheet's blocks
 * do not hold the others' proxies; the requests stay under the same limits.
 */
export async function readWorkbook(limits: ReadLimits): Promise<SheetsRead> {
  let names: string[];
  try {
    names = await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name, items/visibility');
      await context.sync();
      return sheets.items.filter((ws) => ws.visibility === Excel.SheetVisibility.visible).map((ws) => ws.name);
    });
  } catch (e) {
    throw toHostError(e, 'list the worksheets');
  }
  const out: ReadResult = { sheets: [], validationFindings: [], notices: [] };
  const sheetIds = new Map<string, string>();
  for (const name of names) {
    // One read per sheet, in order, is the point: each is a separate request.
    const { result: one, sheetId } = await readGrid('sheet', limits, name);
    for (const sh of one.sheets) sheetIds.set(sh.name, sheetId);
    out.sheets.push(...one.sheets);
    out.validationFindings.push(...one.validationFindings);
    // "Sheet 'Notes' is empty" for every blank sheet says nothing useful when all sheets were asked for.
    const protectedAt = new Set(one.protectedNotices);
    one.notices.forEach((n, i) => {
      if (protectedAt.has(i)) (out.protectedNotices ??= []).push(out.notices.length);
      if (!/ is empty: there is nothing to check\.$/.test(n)) out.notices.push(n);
    });
  }
  return { result: out, sheetIds };
}

/** One scope's read (sheet, selection or table) in the same shape. */
export async function readOne(scope: Exclude<ReadScope, 'workbook'>, limits: ReadLimits): Promise<SheetsRead> {
  const { result, sheetId } = await readGrid(scope, limits);
  return { result, sheetIds: new Map(result.sheets.map((sh) => [sh.name, sheetId])) };
}
