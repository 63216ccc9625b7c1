import type ExcelJS from 'exceljs';

/** The text of a cell's note, whichever form ExcelJS gives it in. */
export function noteText(note: ExcelJS.Cell['note'] | undefined): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}
