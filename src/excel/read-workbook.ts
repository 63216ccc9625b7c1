import type { ReadResult } from './host';
import { toHostError } from './errors';
import { ReadLimits, readGrid } from './read';

/**
 * "All sheets" in the pane: every visible worksheet, each read as the active sheet is
 * (one round trip to locate, one for the values). Hidden and very hidden sheets are left
 * out: Outturn's storage lives in very hidden sheets and a hidden sheet is not part of
 * the return the user sees. Each sheet is its own Excel.run so one large sheet's blocks
 * do not hold the others' proxies; the requests stay under the same limits.
 */
export async function readWorkbook(limits: ReadLimits): Promise<ReadResult> {
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
  for (const name of names) {
    // One read per sheet, in order, is the point: each is a separate request.
    const one = await readGrid('sheet', limits, name);
    out.sheets.push(...one.sheets);
    out.validationFindings.push(...one.validationFindings);
    // "Sheet 'Notes' is empty" for every blank sheet says nothing useful when all sheets were asked for.
    out.notices.push(...one.notices.filter((n) => !/ is empty: there is nothing to check\.$/.test(n)));
  }
  return out;
}
