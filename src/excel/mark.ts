import type { Finding } from '../engine/model/finding';
import { OutturnHostError, toHostError } from './errors';
import { MARK_FORMULA, MARK_LOOK, isOutturnMark, planMarks } from './marks';
import { supportsExcelApi } from './requirements';

/**
 * Writing and removing marks. Finding the add-in's existing marks takes a load of the
 * conditional formats' types, then (only when there are custom ones) of their formulas;
 * all deletions and additions then go in one write round trip, with screen updating
 * suspended where the host supports it (ExcelApi 1.9).
 */

interface SheetMarks {
  name: string;
  ws: Excel.Worksheet;
  formats: Excel.ConditionalFormatCollection;
}

/** Load every conditional format on these sheets and keep those that are Outturn's marks. */
async function findMarks(context: Excel.RequestContext, sheets: SheetMarks[]): Promise<Map<string, Excel.ConditionalFormat[]>> {
  for (const s of sheets) {
    s.ws.protection.load('protected');
    s.formats.load('items/type');
  }
  await context.sync();
  const custom: { sheet: string; cf: Excel.ConditionalFormat }[] = [];
  for (const s of sheets) {
    for (const cf of s.formats.items) {
      if (cf.type === 'Custom') {
        cf.custom.rule.load('formula');
        custom.push({ sheet: s.name, cf });
      }
    }
  }
  if (custom.length) await context.sync();
  const marks = new Map<string, Excel.ConditionalFormat[]>();
  for (const s of sheets) marks.set(s.name, []);
  for (const { sheet, cf } of custom) if (isOutturnMark(cf.custom.rule.formula)) marks.get(sheet)?.push(cf);
  return marks;
}

function protectedMessage(names: string[], doing: string): string {
  const list = names.map((n) => `'${n}'`).join(', ');
  return `${names.length === 1 ? 'Sheet' : 'Sheets'} ${list} ${names.length === 1 ? 'is' : 'are'} protected, so Outturn could not ${doing} there. Unprotect (Review > Unprotect Sheet) and try again; nothing else was changed.`;
}

/** Replace Outturn's marks on `sheets` (plus every sheet a finding names) with marks for `findings`. */
export async function writeMarks(findings: readonly Finding[], alsoClear: readonly string[]): Promise<void> {
  const groups = planMarks(findings);
  const names = [...new Set([...alsoClear, ...groups.map((g) => g.sheet)])];
  if (!names.length) return;
  try {
    await Excel.run(async (context) => {
      const sheets: SheetMarks[] = names.map((name) => {
        const ws = context.workbook.worksheets.getItem(name);
        // conditionalFormats is a navigation property (a collection, loaded in findMarks), not a value.
        // eslint-disable-next-line office-addins/load-object-before-read
        return { name, ws, formats: ws.getRange().conditionalFormats };
      });
      const existing = await findMarks(context, sheets);
      const blocked = sheets.filter((s) => s.ws.protection.protected && ((existing.get(s.name)?.length ?? 0) > 0 || groups.some((g) => g.sheet === s.name)));
      if (blocked.length) throw new OutturnHostError(protectedMessage(blocked.map((s) => s.name), 'mark cells'), 'AccessDenied');

      if (supportsExcelApi('1.9')) context.application.suspendScreenUpdatingUntilNextSync();
      for (const list of existing.values()) for (const cf of list) cf.delete();
      const byName = new Map(sheets.map((s) => [s.name, s.ws]));
      for (const g of groups) {
        const ws = byName.get(g.sheet) as Excel.Worksheet;
        const areas = ws.getRanges(g.address);
        const cf = areas.conditionalFormats.add(Excel.ConditionalFormatType.custom);
        cf.custom.rule.formula = MARK_FORMULA[g.severity];
        cf.custom.format.fill.color = MARK_LOOK[g.severity].fill;
        cf.custom.format.font.color = MARK_LOOK[g.severity].font;
      }
      await context.sync();
    });
  } catch (e) {
    throw toHostError(e, 'mark the cells');
  }
}

/** Remove Outturn's marks from every worksheet; returns how many conditional formats were removed. */
export async function removeMarks(): Promise<number> {
  try {
    return await Excel.run(async (context) => {
      const all = context.workbook.worksheets;
      all.load('items/name');
      await context.sync();
      const sheets: SheetMarks[] = all.items.map((ws) => ({ name: ws.name, ws, formats: ws.getRange().conditionalFormats }));
      const existing = await findMarks(context, sheets);
      const blocked = sheets.filter((s) => s.ws.protection.protected && (existing.get(s.name)?.length ?? 0) > 0);
      let removed = 0;
      if (supportsExcelApi('1.9')) context.application.suspendScreenUpdatingUntilNextSync();
      for (const s of sheets) {
        if (blocked.includes(s)) continue;
        for (const cf of existing.get(s.name) ?? []) {
          cf.delete();
          removed++;
        }
      }
      if (removed) await context.sync();
      if (blocked.length) {
        throw new OutturnHostError(
          `${removed ? `Removed ${removed} mark${removed === 1 ? '' : 's'}, but s` : 'S'}${protectProtectedTail(blocked.map((s) => s.name))}`,
          'AccessDenied',
        );
      }
      return removed;
    });
  } catch (e) {
    throw toHostError(e, 'clear the marks');
  }
}

function protectProtectedTail(names: string[]): string {
  const list = names.map((n) => `'${n}'`).join(', ');
  return `heet${names.length === 1 ? '' : 's'} ${list} ${names.length === 1 ? 'is' : 'are'} protected, so ${names.length === 1 ? 'its' : 'their'} marks stay until unprotected (Review > Unprotect Sheet).`;
}
