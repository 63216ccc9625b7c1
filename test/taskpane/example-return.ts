/**
 * examples/corporate-pis-july-2017.xlsx is the workbench's sample return written as a real
 * workbook, so the README's first example, the workbench and the tests show one return.
 * `OUTTURN_WRITE_EXAMPLE=1 npx jest test/taskpane/example-return` rewrites it from
 * src/workbench/sample.ts; otherwise the test checks the file still matches.
 */
import * as path from 'path';
import ExcelJS from 'exceljs';
import { type SampleCell, type SampleSheet, notesSheet, sampleSheet } from '../../src/workbench/sample';

export const EXAMPLE_FILE = path.resolve(__dirname, '../../examples/corporate-pis-july-2017.xlsx');

function cellValue(c: SampleCell): ExcelJS.CellValue {
  if (c.error)
    return c.formula
      ? ({ formula: c.formula.replace(/^=/, ''), result: { error: String(c.value) } } as ExcelJS.CellFormulaValue)
      : ({ error: String(c.value) } as ExcelJS.CellErrorValue);
  if (c.formula)
    return { formula: c.formula.replace(/^=/, ''), result: c.value as number | string } as ExcelJS.CellFormulaValue;
  return c.value as ExcelJS.CellValue;
}

/** The sample sheets as an ExcelJS workbook: values, cached formula results, number formats, bold headings, widths. */
export function exampleWorkbook(sheets: SampleSheet[] = [sampleSheet(), notesSheet()]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Outturn';
  // A fixed date: the file is byte-for-byte the same each time it is written.
  wb.created = new Date('2017-08-21T09:00:00Z');
  wb.modified = wb.created;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) =>
      row.forEach((c, col) => {
        if (!c || (c.value === null && !c.formula)) return;
        const cell = ws.getCell(r + 1, col + 1);
        cell.value = cellValue(c);
        if (c.format) cell.numFmt = c.format;
        if (c.bold) cell.font = { bold: true };
      }),
    );
    for (const [col, px] of Object.entries(s.columnWidths)) ws.getColumn(Number(col) + 1).width = Math.round(px / 7);
  }
  return wb;
}
