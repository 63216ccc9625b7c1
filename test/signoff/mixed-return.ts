/**
 * Returns built from the published Melton return for issue #28: a mixed return whose first
 * sheet names each indicator's owners and whose second (the housing indicators moved to an
 * activity sheet, owner columns blank) names none; and a return whose twenty indicators
 * each name their own compiling officer, for twenty signers at once.
 */
import * as path from 'node:path';
import type ExcelJS from 'exceljs';
import { meltonClean } from '../fixtures';
import { tmpDir } from '../cli/helpers';

export const OWNED_SHEET = 'Corporate PIs';
export const UNOWNED_SHEET = 'Housing activity';
/** The owner columns (compiling officer, responsible officer, head of service) of the Melton grids. */
const OWNER_COLS = ['V', 'W', 'X'];

function copyRow(from: ExcelJS.Worksheet, to: ExcelJS.Worksheet, row: number, targetRow = row): void {
  const src = from.getRow(row);
  const dst = to.getRow(targetRow);
  src.eachCell({ includeEmpty: false }, (cell, col) => {
    const out = dst.getCell(col);
    out.value = cell.value;
    out.numFmt = cell.numFmt;
  });
}

/** The mixed return: 'Corporate PIs' (CS01–CS06, owners named) and 'Housing activity' (HC01–HC06, no owners). */
export function mixedWorkbook(): ExcelJS.Workbook {
  const wb = meltonClean();
  const ws = wb.getWorksheet(OWNED_SHEET)!;
  const activity = wb.addWorksheet(UNOWNED_SHEET);
  for (const row of [1, 2, 13, 14, 15, 16, 17, 18, 19, 20]) copyRow(ws, activity, row);
  activity.getCell('A1').value = 'Melton Borough Council — Housing activity';
  for (let row = 14; row <= 20; row++) for (const c of OWNER_COLS) activity.getCell(`${c}${row}`).value = null;
  for (let row = 13; row <= 22; row++) ws.getRow(row).values = [];
  return wb;
}

export async function mixedReturn(name = 'mixed.xlsx'): Promise<string> {
  const file = path.join(tmpDir(), name);
  await mixedWorkbook().xlsx.writeFile(file);
  return file;
}

/** 'Officer 01' … 'Officer 20': one compiling officer per indicator of twentyCompilersReturn. */
export const TWENTY_COMPILERS = Array.from({ length: 20 }, (_, i) => `Officer ${String(i + 1).padStart(2, '0')}`);

/** The Melton return with HC07–HC14 added (copies of HC06) and every indicator's compiler a different officer. */
export async function twentyCompilersReturn(name = 'twenty.xlsx'): Promise<string> {
  const wb = meltonClean();
  const ws = wb.getWorksheet(OWNED_SHEET)!;
  const footer = ws.getCell('A22').value;
  ws.getRow(22).values = [];
  const template = ws.getRow(20);
  for (let i = 0; i < 8; i++) {
    const row = ws.getRow(21 + i);
    template.eachCell({ includeEmpty: false }, (cell, col) => {
      const out = row.getCell(col);
      const v = cell.value;
      out.value = v && typeof v === 'object' && 'formula' in v ? (v as { result: ExcelJS.CellValue }).result : v;
      out.numFmt = cell.numFmt;
    });
    row.getCell('A').value = `HC${String(7 + i).padStart(2, '0')}`;
  }
  ws.getCell('A30').value = footer;
  const rows = [6, 7, 8, 9, 10, 11, ...Array.from({ length: 14 }, (_, i) => 15 + i)];
  rows.forEach((r, i) => (ws.getCell(`V${r}`).value = TWENTY_COMPILERS[i]));
  const file = path.join(tmpDir(), name);
  await wb.xlsx.writeFile(file);
  return file;
}
