import { SETTINGS_SHEET } from '../engine/own-sheets';
import { OutturnHostError, toHostError } from './errors';

/**
 * The rule configuration travels with the workbook: JSON in A1 of the very hidden sheet
 * 'OutturnSettings' (B1: ISO time it was saved), so neither the user nor a macro-free
 * workbook view disturbs it, and the command line reads the same place with ExcelJS.
 */

/** Excel keeps at most 32,767 characters in a cell. */
const MAX_CELL_CHARS = 32_767;

export async function loadWorkbookSettings(): Promise<unknown | null> {
  let text: unknown;
  try {
    text = await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
      await context.sync();
      if (ws.isNullObject) return null;
      const cell = ws.getRange('A1');
      cell.load('values');
      await context.sync();
      return cell.values[0][0];
    });
  } catch (e) {
    throw toHostError(e, 'read the settings stored in the workbook');
  }
  if (text === null || text === '' || text === undefined) return null;
  try {
    return JSON.parse(String(text));
  } catch {
    throw new OutturnHostError(
      `The Outturn settings stored in this workbook (sheet ${SETTINGS_SHEET}, cell A1) are not valid JSON. Save the settings again to replace them.`,
    );
  }
}

export async function saveWorkbookSettings(settings: unknown, now: () => Date = () => new Date()): Promise<void> {
  const json = JSON.stringify(settings);
  if (json === undefined) throw new OutturnHostError('These settings cannot be saved: they are not plain data.');
  if (json.length > MAX_CELL_CHARS) {
    throw new OutturnHostError(
      `These settings are too large to keep in the workbook (${json.length} characters; Excel allows ${MAX_CELL_CHARS} in a cell).`,
    );
  }
  try {
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      let ws = sheets.getItemOrNullObject(SETTINGS_SHEET);
      await context.sync();
      if (ws.isNullObject) {
        ws = sheets.add(SETTINGS_SHEET);
        ws.visibility = Excel.SheetVisibility.veryHidden;
      }
      const row = ws.getRange('A1:B1');
      // Text format first, so Excel keeps the JSON and the time as typed, not as numbers or dates.
      row.numberFormat = [['@', '@']];
      row.values = [[json, now().toISOString()]];
      await context.sync();
    });
  } catch (e) {
    throw toHostError(e, 'save the settings in the workbook');
  }
}
