import type { Finding } from '../engine/model/finding';
import type { ReadResult, ReadScope, WorkbookHost } from './host';
import { toHostError } from './errors';
import { writeMarks, removeMarks } from './mark';
import { DEFAULT_READ_LIMITS, ReadLimits, readGrid } from './read';
import { readWorkbook } from './read-workbook';
import { loadWorkbookSettings, saveWorkbookSettings } from './settings';

export interface OfficeHostOptions {
  /** Response size and block limits for reads (tests lower them to force splitting). */
  readLimits?: Partial<ReadLimits>;
}

/** Sheets whose changes are Outturn's own bookkeeping, not the figures. */
function isOwnSheet(name: string): boolean {
  return name.startsWith('Outturn');
}

/**
 * The task pane's WorkbookHost on Office.js (Excel.run). The same code runs in Excel and,
 * with src/simulator installed as the Excel/Office globals, in jest and the workbench.
 */
export function createOfficeHost(options: OfficeHostOptions = {}): WorkbookHost {
  const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, ...options.readLimits };
  // Sheets read or marked in this session: re-marking clears their old marks even when no finding remains.
  const touched = new Set<string>();

  return {
    async read(scope: ReadScope): Promise<ReadResult> {
      const result = scope === 'workbook' ? await readWorkbook(limits) : await readGrid(scope, limits);
      for (const s of result.sheets) touched.add(s.name);
      return result;
    },

    async mark(findings: Finding[]): Promise<void> {
      await writeMarks(findings, [...touched]);
      for (const f of findings) if (f.cell) touched.add(f.sheet);
    },

    clearMarks: () => removeMarks(),

    async select(sheet: string, address: string): Promise<void> {
      try {
        await Excel.run(async (context) => {
          const ws = context.workbook.worksheets.getItem(sheet);
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

    async onChanged(listener: () => void): Promise<() => void> {
      try {
        return await Excel.run(async (context) => {
          const sheets = context.workbook.worksheets;
          sheets.load('items/id,items/name');
          await context.sync();
          const names = new Map(sheets.items.map((s) => [s.id, s.name]));
          const handler = async (event: Excel.WorksheetChangedEventArgs) => {
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
            if (!isOwnSheet(name)) listener();
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
