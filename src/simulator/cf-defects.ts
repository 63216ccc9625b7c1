import { intersect } from '../engine/model/areas';
import type { SimConditionalFormat, SimSheet, SimWorkbook } from './state';

/**
 * Two open Office.js defects around deleting conditional formats, which an add-in that
 * replaces its own rules meets in real Excel. The strict simulator reproduces them when a
 * test asks for them; each is cited beside what it does.
 *
 * - Deleting a rule that shares a cell with another rule fails with ItemNotFound
 *   (OfficeDev/office-js #5222, https://github.com/OfficeDev/office-js/issues/5222: two
 *   rules made on A1 in the Rules Manager, then `getRange().conditionalFormats.getItemAt(0).delete()`
 *   gives "RichApi.Error: Item Not Found."; Excel 2411 on Windows, open and in the backlog).
 *   Off unless a test turns it on: it was reported for one desktop build, and the other
 *   simulated behaviour must stay what most hosts do.
 * - After Ctrl+Z of a `delete()`, the rule that comes back cannot be used through the API:
 *   loading any of its properties or calling any of its methods fails with "The requested
 *   resource doesn't exist" until the workbook is reopened (OfficeDev/office-js #6396,
 *   https://github.com/OfficeDev/office-js/issues/6396, Excel 2511 on Windows). This one
 *   needs no switch: it happens only to a rule a test brings back with `undoDelete`.
 */

const sharedCellDeleteFails = new WeakSet<SimSheet>();
const restoredByUndo = new WeakSet<SimConditionalFormat>();

export interface OfficeDefects {
  /** office-js #5222: deleting a rule that shares a cell with another rule fails with ItemNotFound. */
  sharedCellDelete?: boolean;
}

/** Turn the defects on (or off) for every sheet of this workbook. */
export function simulateOfficeDefects(workbook: SimWorkbook, defects: OfficeDefects): void {
  for (const sheet of workbook.sheets) {
    if (defects.sharedCellDelete) sharedCellDeleteFails.add(sheet);
    else sharedCellDeleteFails.delete(sheet);
  }
}

/** True when deleting `cf` on `sheet` meets office-js #5222 (switched on, and another rule shares a cell). */
export function deleteBlockedBySharedCell(sheet: SimSheet, cf: SimConditionalFormat): boolean {
  if (!sharedCellDeleteFails.has(sheet)) return false;
  return sheet.conditionalFormats.some(
    (other) => other !== cf && other.areas.some((a) => cf.areas.some((b) => intersect(a, b))),
  );
}

/** True for a rule brought back by Ctrl+Z of a delete, which the API can no longer use (office-js #6396). */
export function brokenByUndo(cf: SimConditionalFormat): boolean {
  return restoredByUndo.has(cf);
}

/**
 * A person presses Ctrl+Z after a rule was deleted: the rule is back at its old priority,
 * Excel shows it and applies it, and the API cannot use it (office-js #6396).
 */
export function undoDelete(sheet: SimSheet, cf: SimConditionalFormat, priority: number): void {
  sheet.conditionalFormats.splice(Math.min(priority, sheet.conditionalFormats.length), 0, cf);
  restoredByUndo.add(cf);
}
