import { officeCode } from './errors';
import { isOutturnMark } from '../engine/mark-convention';
import { splitAreas, splitSheet } from '../engine/model/areas';

/**
 * Finding Outturn's marks among a sheet's conditional formats and deleting exactly those,
 * in a workbook other people edit at the same time.
 *
 * Office.js refers to a conditional format by its position: its `id` is its priority in the
 * collection, and the reference asks callers to re-fetch once priorities change
 * (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformat#excel-excel-conditionalformat-priority-member).
 * With co-authoring, a co-author's Check or Clear can be merged between the request that
 * found a mark and the request that deletes it, and the position then holds something else.
 * Office.js has no "delete if it is still this rule", so every delete is preceded, in the same
 * request, by a read of what sits at that position now. A rule that is not a custom one fails
 * that read, and so the whole request, before anything is deleted; a custom rule is read
 * (formula, look, cells), and one that turns out not to be a mark is put back at once.
 * A request that fails is followed by a fresh look and another try, a bounded number of times.
 */

/** How many times a failed delete is retried after reading the marks again. */
export const MAX_DELETE_ATTEMPTS = 3;

/**
 * A custom rule's formula made never true, marker kept: a mark Excel will not delete
 * (office-js #5222) is switched off instead, and still recognised as Outturn's later.
 */
const SWITCHED_OFF_FORMULA = '=N("outturn:error")=1';

export interface SheetRules {
  /** What the sheet was asked for by: its worksheet id where known (survives renames), else its name. */
  key: string;
  ws: Excel.Worksheet;
  formats: Excel.ConditionalFormatCollection;
}

export interface FoundMark {
  /** Position in the sheet's collection when read: its priority. */
  position: number;
}

export interface SheetFound {
  marks: FoundMark[];
  /** Rules the API could not use at all (brought back by Undo, office-js #6396): maybe marks, left alone. */
  unusable: number;
}

/** Errors that mean "what was read no longer holds": read again and retry. */
function stale(e: unknown): boolean {
  const code = officeCode(e);
  return code === 'ItemNotFound' || code === 'InvalidOperation' || code === 'GeneralException';
}

interface Rule {
  cf: Excel.ConditionalFormat;
  position: number;
  type: string;
}

/**
 * Every rule's type on each sheet, in one request. A rule Excel restored by Undo fails any
 * read (office-js #6396) and with it the whole load: only then, one request per rule, so the
 * others are still found and the unusable ones counted.
 */
async function rulesOf(context: Excel.RequestContext, sheets: SheetRules[]): Promise<Map<string, Rule[]>> {
  const out = new Map<string, Rule[]>();
  for (const s of sheets) s.formats.load('items/type');
  try {
    await context.sync();
    for (const s of sheets)
      out.set(
        s.key,
        s.formats.items.map((cf, position) => ({ cf, position, type: cf.type })),
      );
    return out;
  } catch (e) {
    if (!stale(e)) throw e;
  }
  const counts = sheets.map((s) => {
    // What the caller loaded with the failed request is loaded again: nothing of it arrived.
    s.ws.load('name');
    s.ws.protection.load('protected');
    return { s, count: s.formats.getCount() };
  });
  await context.sync();
  for (const { s, count } of counts) {
    const rules: Rule[] = [];
    for (let position = 0; position < count.value; position++) {
      const cf = s.formats.getItemAt(position);
      cf.load('type');
      try {
        // The slow path for a workbook holding an unusable rule: one request per rule is the point.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        rules.push({ cf, position, type: cf.type });
      } catch (e) {
        if (!stale(e)) throw e;
        rules.push({ cf, position, type: 'Unusable' });
      }
    }
    out.set(s.key, rules);
  }
  return out;
}

/** Load the formulas of these custom rules; a rule Excel cannot describe is left out (never ours to delete). */
async function loadFormulas(context: Excel.RequestContext, custom: Rule[]): Promise<Set<Excel.ConditionalFormat>> {
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

/** Outturn's marks on each sheet, recognised by their formula (the mark convention), by sheet key. */
export async function findMarks(context: Excel.RequestContext, sheets: SheetRules[]): Promise<Map<string, SheetFound>> {
  const rules = await rulesOf(context, sheets);
  const custom = [...rules.values()].flat().filter((r) => r.type === 'Custom');
  const readable = custom.length ? await loadFormulas(context, custom) : new Set<Excel.ConditionalFormat>();
  const found = new Map<string, SheetFound>();
  for (const s of sheets) {
    const list = rules.get(s.key) ?? [];
    found.set(s.key, {
      marks: list
        .filter((r) => r.type === 'Custom' && readable.has(r.cf) && isOutturnMark(r.cf.custom.rule.formula))
        .map((r) => ({ position: r.position })),
      unusable: list.filter((r) => r.type === 'Unusable').length,
    });
  }
  return found;
}

/** What sat at a position when the request that changed it ran: read before the change, in the same request. */
interface Guard {
  s: SheetRules;
  position: number;
  at: Excel.ConditionalFormat;
  where: Excel.RangeAreas;
}

function guard(s: SheetRules, position: number): Guard {
  const at = s.formats.getItemAt(position);
  // Reading `custom` fails for a rule of another type: the request stops before anything is changed.
  at.custom.rule.load('formula');
  at.custom.format.fill.load('color');
  at.custom.format.font.load('color');
  at.load('stopIfTrue');
  const where = at.getRanges();
  where.load('address');
  return { s, position, at, where };
}

/** A guard that read a user's rule: put it back as it was, at its priority (queued; the caller syncs). */
function restore(g: Guard, deleted: boolean): void {
  const rule = g.at.custom.rule.formula;
  const fill = g.at.custom.format.fill.color;
  const font = g.at.custom.format.font.color;
  if (!deleted) {
    const again = g.s.formats.getItemAt(g.position);
    again.custom.rule.formula = rule;
    if (fill) again.custom.format.fill.color = fill;
    return;
  }
  const address = splitAreas(g.where.address)
    .map((part) => splitSheet(part).ref)
    .join(', ');
  const back = g.s.ws.getRanges(address).conditionalFormats.add(Excel.ConditionalFormatType.custom);
  back.custom.rule.formula = rule;
  if (fill) back.custom.format.fill.color = fill;
  if (font) back.custom.format.font.color = font;
  back.stopIfTrue = g.at.stopIfTrue;
  back.priority = g.position;
}

/** Put back every user's rule a guard shows was changed by mistake; returns how many. */
async function restoreMistakes(context: Excel.RequestContext, guards: Guard[], deleted: boolean): Promise<number> {
  const mistakes = guards.filter((g) => !isOutturnMark(g.at.custom.rule.formula));
  // Restored from the lowest priority up, so each goes back where it was.
  for (const g of [...mistakes].sort((a, b) => a.position - b.position)) restore(g, deleted);
  if (mistakes.length) await context.sync();
  return mistakes.length;
}

export interface DeleteOutcome {
  /** Marks deleted, by sheet key. */
  deleted: Map<string, number>;
  /** Marks Excel would not delete (office-js #5222), switched off instead (never true, no fill). */
  switchedOff: Map<string, number>;
  /** Marks neither deleted nor switched off, by sheet key. */
  left: Map<string, number>;
  /** Rules the API could not use (office-js #6396), by sheet key. */
  unusable: Map<string, number>;
}

function add(map: Map<string, number>, key: string, n: number): void {
  if (n) map.set(key, (map.get(key) ?? 0) + n);
}

/** All marks in one request: each position read and deleted, from the lowest priority up. */
async function deleteAll(
  context: Excel.RequestContext,
  sheets: SheetRules[],
  found: Map<string, SheetFound>,
): Promise<Map<string, number>> {
  const guards: Guard[] = [];
  for (const s of sheets) {
    // Deleting a position shifts only the positions after it, which are already done.
    const positions = (found.get(s.key)?.marks ?? []).map((m) => m.position).sort((a, b) => b - a);
    for (const p of positions) guards.push(guard(s, p));
  }
  for (const g of guards) g.at.delete();
  await context.sync();
  await restoreMistakes(context, guards, true);
  const deleted = new Map<string, number>();
  for (const g of guards) if (isOutturnMark(g.at.custom.rule.formula)) add(deleted, g.s.key, 1);
  return deleted;
}

/**
 * One mark at a time, once deleting them together kept failing: a mark Excel will not delete
 * is switched off in a request of its own (read first, like a delete).
 */
async function deleteOneByOne(
  context: Excel.RequestContext,
  sheets: SheetRules[],
  found: Map<string, SheetFound>,
  out: DeleteOutcome,
): Promise<void> {
  for (const s of sheets) {
    const positions = (found.get(s.key)?.marks ?? []).map((m) => m.position).sort((a, b) => b - a);
    for (const p of positions) {
      const g = guard(s, p);
      g.at.delete();
      try {
        // The slow path after repeated failures: one request per mark is the point.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        if ((await restoreMistakes(context, [g], true)) === 0) add(out.deleted, s.key, 1);
        continue;
      } catch (e) {
        if (!stale(e)) throw e;
      }
      const off = guard(s, p);
      off.at.custom.rule.formula = SWITCHED_OFF_FORMULA;
      off.at.custom.format.fill.clear();
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        if ((await restoreMistakes(context, [off], false)) === 0) add(out.switchedOff, s.key, 1);
      } catch (e) {
        if (!stale(e)) throw e;
        add(out.left, s.key, 1);
      }
    }
  }
}

/**
 * Delete Outturn's marks on these sheets, `found` being a fresh read of them: in one request
 * when nothing gets in the way; after a failure, read again and retry (bounded); in the end
 * one by one, switching off what Excel will not delete. Deletes only; adds are the caller's,
 * in a request of their own, so a failed delete never leaves a sheet without marks.
 */
export async function deleteMarks(
  context: Excel.RequestContext,
  sheets: SheetRules[],
  found: Map<string, SheetFound>,
): Promise<DeleteOutcome> {
  const out: DeleteOutcome = { deleted: new Map(), switchedOff: new Map(), left: new Map(), unusable: new Map() };
  let current = found;
  for (let attempt = 1; ; attempt++) {
    const remaining = sheets.filter((s) => (current.get(s.key)?.marks.length ?? 0) > 0);
    if (!remaining.length) break;
    try {
      for (const [key, n] of await deleteAll(context, remaining, current)) add(out.deleted, key, n);
      break;
    } catch (e) {
      if (!stale(e)) throw e;
    }
    // Some deletes may have run before the failure: what is left is read again, never assumed.
    current = await findMarks(context, remaining);
    if (attempt >= MAX_DELETE_ATTEMPTS) {
      await deleteOneByOne(context, remaining, current, out);
      break;
    }
  }
  for (const [key, f] of current) add(out.unusable, key, f.unusable);
  return out;
}
