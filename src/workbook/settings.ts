import type ExcelJS from 'exceljs';

/** Storage names shared with the add-in and the sign-off code (docs/STORAGE.md). */
export const SETTINGS_SHEET = 'OutturnSettings';
export const STORAGE_PREFIX = 'Outturn';

/** Sheets the checks never look at: Outturn's own storage, and anything the author made very hidden. */
export function isInternalSheet(ws: Pick<ExcelJS.Worksheet, 'name' | 'state'>): boolean {
  return ws.name.toLowerCase().startsWith(STORAGE_PREFIX.toLowerCase()) || ws.state === 'veryHidden';
}

export type StoredConfig = { found: false } | { found: true; raw: unknown } | { found: true; invalid: string };

/** The rule configuration saved in the workbook (OutturnSettings!A1, JSON), unvalidated. */
export function readStoredConfig(wb: ExcelJS.Workbook): StoredConfig {
  const ws = wb.worksheets.find((w) => w.name.toLowerCase() === SETTINGS_SHEET.toLowerCase());
  if (!ws) return { found: false };
  const value = ws.getCell('A1').value;
  const text =
    typeof value === 'string'
      ? value
      : value && typeof value === 'object' && 'richText' in value
        ? value.richText.map((r) => r.text).join('')
        : value == null
          ? ''
          : String(value);
  if (text.trim() === '') return { found: false };
  try {
    return { found: true, raw: JSON.parse(text) };
  } catch {
    return {
      found: true,
      invalid: `the rule configuration stored in the workbook (${SETTINGS_SHEET}!A1) is not valid JSON`,
    };
  }
}
