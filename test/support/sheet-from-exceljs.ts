import type ExcelJS from 'exceljs';
import { Cell, EMPTY_CELL, makeCell } from '../../src/engine/model/cell';
import type { SheetModel } from '../../src/engine/model/sheet';

/** Turn one ExcelJS cell value into the engine's Cell, keeping formula-ness, errors and formats. */
export function cellFromExcelJS(value: ExcelJS.CellValue, numFmt: string | undefined, translated?: string): Cell {
  const fmt = numFmt || 'General';
  if (value === null || value === undefined) return fmt === 'General' ? EMPTY_CELL : makeCell(null, fmt);
  if (typeof value !== 'object' || value instanceof Date) return makeCell(value, fmt);
  const v = value as unknown as Record<string, unknown>;
  if ('error' in v) return makeCell(v.error, fmt, false, true);
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result as unknown;
    // A shared formula's dependants carry only the master's address in the value; ExcelJS's
    // cell.formula (passed as `translated`) slides the master's text to this cell, as Office.js reports it.
    const text = typeof v.formula === 'string' ? `=${v.formula}` : translated ? `=${translated}` : true;
    if (result && typeof result === 'object' && !(result instanceof Date) && 'error' in (result as object)) {
      return makeCell((result as { error: string }).error, fmt, text, true);
    }
    return makeCell(result as unknown, fmt, text);
  }
  if ('richText' in v) return makeCell((v.richText as { text: string }[]).map((r) => r.text).join(''), fmt);
  if ('text' in v) return makeCell(v.text, fmt); // hyperlink
  return makeCell(String(value), fmt);
}

/** Read an ExcelJS worksheet into a SheetModel anchored at A1 (row 0, column 0). */
export function sheetFromExcelJS(ws: ExcelJS.Worksheet): SheetModel {
  const cells: (Cell | undefined)[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const out: (Cell | undefined)[] = [];
    row.eachCell({ includeEmpty: false }, (c, colNumber) => {
      // Merged cells: only the master holds the value; the others read as empty, as in Excel.
      if (c.isMerged && c.master !== c) return;
      out[colNumber - 1] = cellFromExcelJS(c.value, c.numFmt, c.type === 6 ? c.formula : undefined); // 6: ExcelJS.ValueType.Formula
    });
    cells[rowNumber - 1] = out;
  });
  // Merged areas let the engine read an officer merged down a block as every row's officer.
  const merged = (ws.model as { merges?: string[] }).merges ?? [];
  return merged.length
    ? { name: ws.name, top: 0, left: 0, cells, merged: [...merged] }
    : { name: ws.name, top: 0, left: 0, cells };
}
