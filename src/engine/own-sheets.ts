/**
 * Outturn's own sheets in a workbook (docs/STORAGE.md): the rule settings and the audit
 * trail. Every name Outturn gives a sheet starts with the prefix, so one test tells the
 * checks, the pane's change listener and the command line's reader which sheets are
 * Outturn's bookkeeping rather than the figures.
 */
export const SETTINGS_SHEET = 'OutturnSettings';
export const TRAIL_SHEET = 'OutturnTrail';

/** True for a sheet name that is Outturn's own (any case: Excel's sheet names are case-insensitive). */
export function isOwnSheet(name: string): boolean {
  return /^outturn/i.test(name);
}
