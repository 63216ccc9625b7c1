import type { Finding } from '../engine/model/finding';
import type { ReadResult, ReadScope, WorkbookHost } from './host';
import { isOwnSheet } from '../engine/own-sheets';
import { toHostError } from './errors';
import { writeMarks, removeMarks } from './mark';
import { DEFAULT_READ_LIMITS, ReadLimits } from './read';
import { readOne, readWorkbook } from './read-workbook';
import { loadWorkbookSettings, saveWorkbookSettings } from './settings';
import { watchOwnSheets } from './own-sheet-events';

export interface OfficeHostOptions {
  /** Response size and block limits for reads (tests lower them to force splitting). */
  readLimits?: Partial<ReadLimits>;
}

/**
 * The task pane's WorkbookHost on Office.js (Excel.run). The same code runs in Excel and,
 * with src/simulator installed as the Excel/Office globals, in jest and the workbench.
 */
export function createOfficeHost(options: OfficeHostOptions = {}): WorkbookHost {
  const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, ...options.readLimits };
  // Sheets are tracked by worksheet id, which stays the same when a person renames a sheet
  // (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-id-member);
  // findings name sheets as they were read, so a read's name -> id is kept for them.
  const idByName = new Map<string, string>();
  // Sheets read or marked in this session (ids, or names for sheets never read): re-marking
  // clears their old marks even when no finding remains there.
  const touched = new Set<string>();
  const keyOf = (sheetName: string) => idByName.get(sheetName) ?? sheetName;

  return {
    async read(scope: ReadScope): Promise<ReadResult> {
      const { result, sheetIds } =
        scope === 'workbook'
          ? await readWorkbook(limits)
          : await readOne(scope as Exclude<ReadScope, 'workbook'>, limits);
      for (const s of result.sheets) {
        const sheetId = sheetIds.get(s.name);
        if (sheetId === undefined) continue;
        idByName.set(s.name, sheetId);
        touched.add(sheetId);
      }
      return result;
    },

    async mark(findings: Finding[]): Promise<void> {
      await writeMarks(findings, [...touched], keyOf);
      for (const f of findings) if (f.cell) touched.add(keyOf(f.sheet));
    },

    clearMarks: () => removeMarks(),

    async select(sheet: string, address: string): Promise<void> {
      try {
        await Excel.run(async (context) => {
          // By id when this sheet was read: a finding's cell is still found after a rename.
          const ws = context.workbook.worksheets.getItem(keyOf(sheet));
          ws.activate();
          ws.getRange(address).select();
          await context.sync();
        });
      } catch (e) {
        throw toHostError(e, `select ${address} on sheet '${sheet}'`);
      }
    },

    loadSettings: () => loadWorkbookSettings(),
    saveSettings: (settings: unknown) => saveWorkbookSettings(settings),

    onOwnSheetsChanged: (listener) => watchOwnSheets(listener),

    async onChanged(listener: (change: { remote: boolean }) => void): Promise<() => void> {
      try {
        return await Excel.run(async (context) => {
          const sheets = context.workbook.worksheets;
          sheets.load('items/id,items/name');
          await context.sync();
          const names = new Map(sheets.items.map((s) => [s.id, s.name]));
          const handler = async (event: Excel.WorksheetChangedEventArgs) => {
            // Outturn's own writes (marks, settings, trail; formats raise onChanged too) are not a
            // person changing the figures. triggerSource is ExcelApi 1.14; older hosts leave it
            // undefined and the sheet-name test below still filters the storage sheets
            // (https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs#excel-excel-worksheetchangedeventargs-triggersource-member).
            if ((event as { triggerSource?: string }).triggerSource === 'ThisLocalAddin') return;
            let name = names.get(event.worksheetId);
            if (name === undefined) {
              // A sheet added since registration (the trail or settings sheet, say): look it up once.
              name = await Excel.run(async (context) => {
                const changed = context.workbook.worksheets.getItemOrNullObject(event.worksheetId);
                changed.load('name');
                await context.sync();
                if (changed.isNullObject) return '';
                return changed.name;
              });
              names.set(event.worksheetId, name);
            }
            if (!isOwnSheet(name)) listener({ remote: event.source === Excel.EventSource.remote });
          };
          // One handler for every sheet (ExcelApi 1.9), so sheets added later are covered too.
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
        throw toHostError(e, 'watch the workbook for changes');
      }
    },
  };
}
