import { type Area, areaCells, areaCols, areaRows, qualifiedA1 } from '../../engine/model/areas';
import { ErrorCodes, SimOfficeError } from '../errors';
import { SimObject } from '../core';
import { cellFromInput } from '../display';
import { type SimConditionalFormat, type SimSheet, type SimTable, type SimWorkbook, getCell, putCell } from '../state';

/**
 * The targets proxies resolve to, and the helpers several proxies share: protection, errors,
 * cell arrays, writes.
 */

export interface RangeT {
  sheet: SimSheet;
  area: Area;
}
export interface AreasT {
  sheet: SimSheet;
  areas: Area[];
}
export interface CfT {
  sheet: SimSheet;
  cf: SimConditionalFormat;
}
export interface TableT {
  sheet: SimSheet;
  table: SimTable;
}

const accessDenied = () =>
  new SimOfficeError(
    ErrorCodes.accessDenied,
    "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet.",
  );
export function writable(sheet: SimSheet): void {
  if (sheet.protected) throw accessDenied();
}
export const invalidArg = (msg: string) => new SimOfficeError(ErrorCodes.invalidArgument, msg);

export function findSheet(wb: SimWorkbook, key: string): SimSheet | undefined {
  const k = key.toLowerCase();
  return wb.sheets.find((s) => s.name.toLowerCase() === k || s.id === key);
}

export function sheetByTarget(wb: SimWorkbook, sheet: SimSheet): SimSheet {
  // A sheet deleted after its proxy was resolved no longer exists.
  if (!wb.sheets.includes(sheet))
    throw new SimOfficeError(ErrorCodes.itemNotFound, `The worksheet '${sheet.name}' no longer exists.`);
  return sheet;
}

/**
 * A cell array of a range. Above 5 million cells Excel does not return the array: "A
 * range is limited to five million cells for get operations" and the property comes back
 * null (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins;
 * docs: ../shared/DESIGN.md "above that values can come back null"). Callers must check.
 */
export function grid<V>(area: Area, limit: number, fn: (row: number, col: number) => V): V[][] | null {
  if (areaCells(area) > limit) return null;
  const out: V[][] = [];
  for (let r = area.top; r <= area.bottom; r++) {
    const row: V[] = [];
    for (let c = area.left; c <= area.right; c++) row.push(fn(r, c));
    out.push(row);
  }
  return out;
}

export function rangeAddress(t: RangeT): string {
  return qualifiedA1(t.sheet.name, t.area);
}

export function writeCells(
  o: SimObject<RangeT>,
  t: RangeT,
  v: unknown,
  kind: 'values' | 'formulas' | 'numberFormat',
): void {
  writable(t.sheet);
  if (areaCells(t.area) > o._ctx._env.limits.maxCells) {
    // Excel can format whole columns; the simulator keeps cells one by one and would hang.
    throw new SimOfficeError(
      ErrorCodes.notImplemented,
      `The simulator cannot write ${kind} to more than ${o._ctx._env.limits.maxCells} cells at once (${rangeAddress(t)}).`,
    );
  }
  const rows = areaRows(t.area);
  const cols = areaCols(t.area);
  const isArray = Array.isArray(v);
  if (isArray) {
    const arr = v as unknown[][];
    if (arr.length !== rows || arr.some((r) => !Array.isArray(r) || r.length !== cols)) {
      throw invalidArg(
        "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
      );
    }
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = isArray ? (v as unknown[][])[r][c] : v;
      const row = t.area.top + r;
      const col = t.area.left + c;
      const existing = getCell(t.sheet, row, col);
      if (kind === 'numberFormat') {
        if (x === null || x === undefined) continue;
        const fmt = String(x);
        if (fmt === 'General' || fmt === '') {
          if (existing) {
            const { format: _f, ...rest } = existing;
            void _f;
            putCell(t.sheet, row, col, rest.value === null && !rest.formula ? undefined : rest);
          }
        } else putCell(t.sheet, row, col, { ...(existing ?? { value: null }), format: fmt });
        continue;
      }
      const next = cellFromInput(x, existing, kind === 'formulas');
      if (next === 'keep') continue;
      putCell(t.sheet, row, col, next);
    }
  }
  // Values, formulas and number formats alike raise onChanged (see formatChanged).
  o._ctx._changes.push({ sheetId: t.sheet.id, sheetName: t.sheet.name, area: t.area, triggerSource: 'ThisLocalAddin' });
}

/**
 * A format written through the API raises the worksheet's onChanged too, as Excel does:
 * "Occurs when any worksheet in the workbook is changed"
 * (https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-onchanged-member),
 * with triggerSource saying this add-in made it
 * (https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs#excel-excel-worksheetchangedeventargs-triggersource-member).
 * A listener that re-checks on every change must therefore ignore its own writes.
 */
export function formatChanged(o: SimObject<unknown>, t: RangeT): void {
  writable(t.sheet);
  o._ctx._changes.push({ sheetId: t.sheet.id, sheetName: t.sheet.name, area: t.area, triggerSource: 'ThisLocalAddin' });
}
