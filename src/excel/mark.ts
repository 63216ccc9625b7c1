import type { Finding } from '../engine/model/finding';
import { OutturnHostError, officeCode, toHostError } from './errors';
import { MARK_FORMULA, MARK_LOOK } from '../engine/mark-convention';
import { planMarks } from './marks';
import { supportsExcelApi } from './requirements';
import {
  type DeleteOutcome,
  type SheetFound,
  type SheetRules as SheetMarks,
  deleteMarks,
  findMarks,
} from './mark-rules';

/**
 * Writing and removing marks. Finding the add-in's existing marks takes a load of the
 * conditional formats' types, then (only when there are custom ones) of their formulas;
 * the deletions go in one request and the additions in the next, with screen updating
 * suspended where the host supports it (ExcelApi 1.9). Apart, because Office.js runs a
 * request's actions until one fails and keeps what ran: deletions and additions together
 * would leave a sheet without marks when a deletion fails. How marks are told apart from
 * the user's rules, and deleted when other people edit the workbook too: ./mark-rules.ts.
 */

/** The code of the error thrown when the new marks are written but old ones could not all be removed. */
export const MARKS_LEFT_BEHIND = 'MarksLeftBehind';

function protectedMessage(names: string[], doing: string): string {
  const list = names.map((n) => `'${n}'`).join(', ');
  return `${names.length === 1 ? 'Sheet' : 'Sheets'} ${list} ${names.length === 1 ? 'is' : 'are'} protected, so Outturn could not ${doing} there. Unprotect (Review > Unprotect Sheet) and try again; nothing else was changed.`;
}

function sheetsFor(context: Excel.RequestContext, keys: readonly string[]): SheetMarks[] {
  return keys.map((key) => {
    // getItem takes a worksheet's name or its id (https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-getitem-member(1)).
    const ws = context.workbook.worksheets.getItem(key);
    // conditionalFormats is a navigation property (a collection, loaded in findMarks), not a value.
    // eslint-disable-next-line office-addins/load-object-before-read
    return { key, ws, formats: ws.getRange().conditionalFormats };
  });
}

/**
 * The sheets among `keys` that still exist, found by id or name. Only used once a direct
 * lookup failed (a sheet deleted since the check), so the usual path stays one round trip.
 */
async function existingKeys(context: Excel.RequestContext, keys: readonly string[]): Promise<string[]> {
  const all = context.workbook.worksheets;
  all.load('items/id,items/name');
  await context.sync();
  const present = new Set(all.items.flatMap((ws) => [ws.id, ws.name.toLowerCase()]));
  return keys.filter((k) => present.has(k) || present.has(k.toLowerCase()));
}

/**
 * Replace Outturn's marks with marks for `findings`, on every sheet a finding names plus
 * `alsoClear` (sheets checked before, whose old marks must go even when nothing fails
 * there now). `keyOf` turns a finding's sheet name into the key to look the sheet up by
 * (its worksheet id when the host has read it). A sheet deleted since is skipped: it has
 * no cells left to mark, and it must not stop the others being marked.
 */
export async function writeMarks(
  findings: readonly Finding[],
  alsoClear: readonly string[],
  keyOf: (sheetName: string) => string = (n) => n,
): Promise<void> {
  const groups = planMarks(findings).map((g) => ({ ...g, key: keyOf(g.sheet) }));
  const keys = [...new Set([...alsoClear, ...groups.map((g) => g.key)])];
  if (!keys.length) return;
  try {
    await Excel.run(async (context) => {
      let sheets = sheetsFor(context, keys);
      let existing: Map<string, SheetFound>;
      try {
        existing = await findOnSheets(context, sheets);
      } catch (e) {
        if (officeCode(e) !== 'ItemNotFound') throw e;
        // A sheet was deleted since the check: carry on with the ones that are left.
        const left = await existingKeys(context, keys);
        if (!left.length) return;
        sheets = sheetsFor(context, left);
        existing = await findOnSheets(context, sheets);
      }
      const marking = (s: SheetMarks) => groups.some((g) => g.key === s.key);
      const blocked = sheets.filter(
        (s) => s.ws.protection.protected && ((existing.get(s.key)?.marks.length ?? 0) > 0 || marking(s)),
      );
      if (blocked.length)
        throw new OutturnHostError(
          protectedMessage(
            blocked.map((s) => s.ws.name),
            'mark cells',
          ),
          'AccessDenied',
        );

      const deleting = [...existing.values()].some((f) => f.marks.length > 0);
      if (deleting && supportsExcelApi('1.9')) context.application.suspendScreenUpdatingUntilNextSync();
      const outcome = await deleteMarks(context, sheets, existing);
      const byKey = new Map(sheets.map((s) => [s.key, s.ws]));
      for (const g of groups) {
        const ws = byKey.get(g.key);
        if (!ws) continue; // the sheet is gone
        const areas = ws.getRanges(g.address);
        const cf = areas.conditionalFormats.add(Excel.ConditionalFormatType.custom);
        cf.custom.rule.formula = MARK_FORMULA[g.severity];
        cf.custom.format.fill.color = MARK_LOOK[g.severity].fill;
        cf.custom.format.font.color = MARK_LOOK[g.severity].font;
      }
      if (groups.length) {
        if (supportsExcelApi('1.9')) context.application.suspendScreenUpdatingUntilNextSync();
        await context.sync();
      }
      const leftBehind = leftBehindMessage(outcome, sheets, 'The cells are marked, but');
      if (leftBehind) throw new OutturnHostError(leftBehind, MARKS_LEFT_BEHIND);
    });
  } catch (e) {
    throw toHostError(e, 'mark the cells');
  }
}

/** Each sheet's name and protection, then its marks: the first load shares their request. */
function findOnSheets(context: Excel.RequestContext, sheets: SheetMarks[]): Promise<Map<string, SheetFound>> {
  for (const s of sheets) {
    s.ws.load('name');
    s.ws.protection.load('protected');
  }
  return findMarks(context, sheets);
}

/**
 * What to say when old marks may still show: Excel would neither delete nor switch off some
 * (office-js #5222), or could not even read some rules (office-js #6396, until reopened).
 * Null when every old mark is gone or switched off.
 */
function leftBehindMessage(outcome: DeleteOutcome, sheets: SheetMarks[], lead: string): string | null {
  const name = (key: string) => `'${sheets.find((s) => s.key === key)?.ws.name ?? key}'`;
  const parts: string[] = [];
  for (const [key, n] of outcome.left)
    parts.push(
      `Excel would not remove ${n === 1 ? 'one old mark' : `${n} old marks`} on sheet ${name(key)}, so ${n === 1 ? 'it shows' : 'they show'} still. Remove ${n === 1 ? 'it' : 'them'} in Home > Conditional Formatting > Manage Rules (the formula holds "outturn:"), then press Check again.`,
    );
  for (const [key, n] of outcome.unusable)
    parts.push(
      `Excel cannot reach ${n === 1 ? 'one conditional format rule' : `${n} conditional format rules`} on sheet ${name(key)} until the workbook is reopened (a rule brought back by Undo, a known Excel defect); an old Outturn mark among them shows until then. Save, close and reopen the workbook, then press Check again.`,
    );
  if (!parts.length) return null;
  return `${lead} ${parts.join(' ')}`;
}

/** Remove Outturn's marks from every worksheet; returns how many conditional formats were removed or switched off. */
export async function removeMarks(): Promise<number> {
  try {
    return await Excel.run(async (context) => {
      const all = context.workbook.worksheets;
      all.load('items/id,items/name,items/protection/protected');
      await context.sync();
      const sheets: SheetMarks[] = all.items.map((ws) => ({
        key: ws.id,
        ws,
        formats: ws.getRange().conditionalFormats,
      }));
      const existing = await findMarks(context, sheets);
      const blocked = sheets.filter((s) => s.ws.protection.protected && (existing.get(s.key)?.marks.length ?? 0) > 0);
      const open = sheets.filter((s) => !blocked.includes(s));
      if (supportsExcelApi('1.9')) context.application.suspendScreenUpdatingUntilNextSync();
      const outcome = await deleteMarks(context, open, existing);
      const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
      const removed = sum(outcome.deleted) + sum(outcome.switchedOff);
      const done = `Removed ${removed} mark${removed === 1 ? '' : 's'}, but`;
      if (blocked.length) {
        throw new OutturnHostError(
          `${removed ? `${done} s` : 'S'}${protectProtectedTail(blocked.map((s) => s.ws.name))}`,
          'AccessDenied',
        );
      }
      const leftBehind = leftBehindMessage(outcome, open, removed ? done : 'Outturn could not clear every mark:');
      if (leftBehind) throw new OutturnHostError(leftBehind, MARKS_LEFT_BEHIND);
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
