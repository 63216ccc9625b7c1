import type { Finding } from '../engine/model/finding';
import { OutturnHostError, officeCode, toHostError } from './errors';
import { MARK_FORMULA, MARK_LOOK, isOutturnMark } from '../engine/mark-convention';
import { planMarks } from './marks';
import { supportsExcelApi } from './requirements';

/**
 * Writing and removing marks. Finding the add-in's existing marks takes a load of the
 * conditional formats' types, then (only when there are custom ones) of their formulas;
 * all deletions and additions then go in one write round trip, with screen updating
 * suspended where the host supports it (ExcelApi 1.9).
 *
 * Office.js refers to a loaded conditional format by its position: its `id` is its
 * priority in the collection, and the reference asks callers to re-fetch once priorities
 * change (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformat#excel-excel-conditionalformat-priority-member).
 * Deleting one shifts every format below it up by one, so deletions are queued from the
 * lowest priority (highest position) up: each delete then only shifts formats already
 * deleted, and a user's own rule below ours is never the one a stale position points at.
 */

interface SheetMarks {
  /** What the sheet was asked for by: its worksheet id where known (survives renames), else its name. */
  key: string;
  ws: Excel.Worksheet;
  formats: Excel.ConditionalFormatCollection;
}

interface FoundMark {
  cf: Excel.ConditionalFormat;
  /** Position in the sheet's collection when loaded: its priority. */
  position: number;
}

/** Load the formulas of these custom rules; a rule Excel cannot describe is left out (never ours to delete). */
async function loadFormulas(
  context: Excel.RequestContext,
  custom: { cf: Excel.ConditionalFormat }[],
): Promise<Set<Excel.ConditionalFormat>> {
  const readable = new Set<Excel.ConditionalFormat>();
  for (const { cf } of custom) cf.custom.rule.load('formula');
  try {
    await context.sync();
    for (const { cf } of custom) readable.add(cf);
    return readable;
  } catch (e) {
    if (officeCode(e) === 'InvalidOperationInCellEditMode') throw e;
  }
  // One rule Excel cannot read fails the whole load (a rule duplicated in the Rules Manager,
  // office-js #6835). Only then: one load per rule, so the others are still recognised.
  for (const { cf } of custom) {
    cf.custom.rule.load('formula');
    try {
      // The slow path for a workbook holding an unreadable rule: one request per rule is the point.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      readable.add(cf);
    } catch (e) {
      if (officeCode(e) === 'InvalidOperationInCellEditMode') throw e;
    }
  }
  return readable;
}

/** Load every conditional format on these sheets and keep those that are Outturn's marks, by sheet key. */
async function findMarks(context: Excel.RequestContext, sheets: SheetMarks[]): Promise<Map<string, FoundMark[]>> {
  for (const s of sheets) {
    s.ws.load('name');
    s.ws.protection.load('protected');
    s.formats.load('items/type');
  }
  await context.sync();
  return marksAmong(context, sheets);
}

async function marksAmong(context: Excel.RequestContext, sheets: SheetMarks[]): Promise<Map<string, FoundMark[]>> {
  const custom: { key: string; cf: Excel.ConditionalFormat; position: number }[] = [];
  for (const s of sheets) {
    s.formats.items.forEach((cf, position) => {
      if (cf.type === 'Custom') custom.push({ key: s.key, cf, position });
    });
  }
  const readable = custom.length ? await loadFormulas(context, custom) : new Set<Excel.ConditionalFormat>();
  const marks = new Map<string, FoundMark[]>();
  for (const s of sheets) marks.set(s.key, []);
  for (const { key, cf, position } of custom) {
    if (readable.has(cf) && isOutturnMark(cf.custom.rule.formula)) marks.get(key)?.push({ cf, position });
  }
  return marks;
}

/** Queue the deletes from the bottom of the priority order up (see the note at the top). */
function deleteBottomUp(found: readonly FoundMark[]): number {
  const ordered = [...found].sort((a, b) => b.position - a.position);
  for (const { cf } of ordered) cf.delete();
  return ordered.length;
}

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
      let existing: Map<string, FoundMark[]>;
      try {
        existing = await findMarks(context, sheets);
      } catch (e) {
        if (officeCode(e) !== 'ItemNotFound') throw e;
        // A sheet was deleted since the check: carry on with the ones that are left.
        const left = await existingKeys(context, keys);
        if (!left.length) return;
        sheets = sheetsFor(context, left);
        existing = await findMarks(context, sheets);
      }
      const marking = (s: SheetMarks) => groups.some((g) => g.key === s.key);
      const blocked = sheets.filter(
        (s) => s.ws.protection.protected && ((existing.get(s.key)?.length ?? 0) > 0 || marking(s)),
      );
      if (blocked.length)
        throw new OutturnHostError(
          protectedMessage(
            blocked.map((s) => s.ws.name),
            'mark cells',
          ),
          'AccessDenied',
        );

      if (supportsExcelApi('1.9')) context.application.suspendScreenUpdatingUntilNextSync();
      for (const list of existing.values()) deleteBottomUp(list);
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
      all.load('items/id,items/name,items/protection/protected');
      await context.sync();
      const sheets: SheetMarks[] = all.items.map((ws) => ({
        key: ws.id,
        ws,
        formats: ws.getRange().conditionalFormats,
      }));
      for (const s of sheets) s.formats.load('items/type');
      await context.sync();
      const existing = await marksAmong(context, sheets);
      const blocked = sheets.filter((s) => s.ws.protection.protected && (existing.get(s.key)?.length ?? 0) > 0);
      let removed = 0;
      if (supportsExcelApi('1.9')) context.application.suspendScreenUpdatingUntilNextSync();
      for (const s of sheets) {
        if (!blocked.includes(s)) removed += deleteBottomUp(existing.get(s.key) ?? []);
      }
      if (removed) await context.sync();
      if (blocked.length) {
        throw new OutturnHostError(
          `${removed ? `Removed ${removed} mark${removed === 1 ? '' : 's'}, but s` : 'S'}${protectProtectedTail(blocked.map((s) => s.ws.name))}`,
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
