import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { SheetModel } from '../../src/engine/model/sheet';
import { a1 } from '../../src/engine/model/address';
import { sheetFromExcelJS } from '../support/sheet-from-exceljs';
import { readXlsx } from '../../src/workbook/xlsx/read';

export const OTHER_TOOLS = path.join(__dirname, '..', 'fixtures', 'other-tools');

export function otherToolFile(name: string): string {
  return path.join(OTHER_TOOLS, name);
}

/** Every non-empty cell of a sheet model by A1 address, as plain data. */
export function cellMap(
  sheet: SheetModel,
): Record<string, { kind: string; value: unknown; format: string; formula: boolean; formulaText?: string }> {
  const out: Record<string, { kind: string; value: unknown; format: string; formula: boolean; formulaText?: string }> =
    {};
  sheet.cells.forEach((row, r) =>
    row?.forEach((c, col) => {
      if (!c) return;
      const v = typeof c.value === 'number' ? Math.round(c.value * 1e9) / 1e9 : c.value;
      out[a1(sheet.top + r, sheet.left + col)] = {
        kind: c.kind,
        value: v,
        format: c.format,
        formula: c.formula,
        ...(c.formulaText !== undefined ? { formulaText: c.formulaText } : {}),
      };
    }),
  );
  return out;
}

/** Both readers' models of a file's worksheets, by sheet name. */
export async function bothReaders(
  file: string,
): Promise<{ ours: Map<string, SheetModel>; oracle: Map<string, SheetModel> }> {
  const bytes = fs.readFileSync(file);
  const ours = readXlsx(bytes).models;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const oracle = new Map(wb.worksheets.map((ws) => [ws.name, sheetFromExcelJS(ws)]));
  return { ours, oracle };
}
