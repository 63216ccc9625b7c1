import { SETTINGS_SHEET, isOwnSheet } from '../engine/own-sheets';
import { toHostError } from './errors';

/**
 * Changes to Outturn's own sheets (the audit trail, the settings) that this add-in did not
 * make: with co-authoring, another person's signature or saved settings arrive this way,
 * as `worksheet.onChanged` with `source: Remote` ("Remote: the event comes from a remote
 * user's session", https://learn.microsoft.com/javascript/api/excel/excel.eventsource;
 * WorksheetChangedEventArgs.source, https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs).
 * One handler on the worksheet collection (ExcelApi 1.9), so a sheet a co-author adds later
 * (the trail's first record) is covered too.
 */

export type OwnSheet = 'trail' | 'settings';

export interface OwnSheetChange {
  sheet: OwnSheet;
  /** The change came from another person's session (a co-author), not this one. */
  remote: boolean;
}

/** Which of Outturn's sheets a sheet name is, or null for the figures and anything else. */
export function ownSheetOf(name: string): OwnSheet | null {
  if (!isOwnSheet(name)) return null;
  // Every name with the prefix but the settings' is the trail's storage.
  return name.toLowerCase() === SETTINGS_SHEET.toLowerCase() ? 'settings' : 'trail';
}

/** Call `listener` for each change to Outturn's own sheets made by anyone but this add-in; returns the unsubscribe. */
export async function watchOwnSheets(listener: (change: OwnSheetChange) => void): Promise<() => void> {
  try {
    return await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/id,items/name');
      await context.sync();
      const names = new Map(sheets.items.map((s) => [s.id, s.name]));
      const handler = async (event: Excel.WorksheetChangedEventArgs) => {
        // This add-in's own writes (ExcelApi 1.14 says so; older hosts cannot, and a re-read then costs little).
        if ((event as { triggerSource?: string }).triggerSource === 'ThisLocalAddin') return;
        let name = names.get(event.worksheetId);
        if (name === undefined) {
          name = await Excel.run(async (context) => {
            const changed = context.workbook.worksheets.getItemOrNullObject(event.worksheetId);
            changed.load('name');
            await context.sync();
            if (changed.isNullObject) return '';
            return changed.name;
          });
          names.set(event.worksheetId, name);
        }
        const sheet = ownSheetOf(name);
        if (sheet) listener({ sheet, remote: event.source === Excel.EventSource.remote });
      };
      const registration = sheets.onChanged.add(handler);
      await context.sync();
      return () => {
        void Excel.run(registration.context, async (context) => {
          registration.remove();
          await context.sync();
        }).catch(() => undefined);
      };
    });
  } catch (e) {
    throw toHostError(e, "watch Outturn's own sheets for changes");
  }
}
