import { Cell, EMPTY_CELL, makeCell } from '../engine/model/cell';

/**
 * Excel's four parallel arrays for a range (values, valueTypes, numberFormat, formulas)
 * to the engine's cells: error values become error cells, numbers with a date format
 * date cells, and a cell is a formula when its formula text starts with '='.
 */
export function cellsFromOffice(
  values: unknown[][],
  valueTypes: string[][],
  numberFormat: unknown[][],
  formulas: unknown[][],
): Cell[][] {
  const out: Cell[][] = new Array(values.length);
  for (let r = 0; r < values.length; r++) {
    const vr = values[r];
    const tr = valueTypes[r];
    const nr = numberFormat[r];
    const fr = formulas[r];
    const row: Cell[] = new Array(vr.length);
    for (let c = 0; c < vr.length; c++) {
      const f = fr[c];
      const isFormula = typeof f === 'string' && f.length > 1 && f.charCodeAt(0) === 61; // '='
      const fmt = typeof nr[c] === 'string' && nr[c] ? (nr[c] as string) : 'General';
      const type = tr[c];
      if (type === 'Empty')
        row[c] = isFormula || fmt !== 'General' ? makeCell(null, fmt, isFormula ? (f as string) : false) : EMPTY_CELL;
      else row[c] = makeCell(vr[c], fmt, isFormula ? (f as string) : false, type === 'Error');
    }
    out[r] = row;
  }
  return out;
}
