import ExcelJS from 'exceljs';
import { createSimulator, Simulator, SimulatorOptions } from '../../src/simulator';
import { workbookInputFromExcelJS } from '../support/simulator-from-exceljs';
import { roundTrip } from '../fixtures';

/** A simulator holding what an .xlsx of this ExcelJS workbook holds, installed as the Office globals. */
export async function simulatorFor(wb: ExcelJS.Workbook, options: SimulatorOptions = {}): Promise<Simulator> {
  const back = await roundTrip(wb);
  return createSimulator(workbookInputFromExcelJS(back), options).install();
}

/** Excel.run typed loosely, for tests that poke the simulator the way add-in code would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Ctx = any;
export function run<T>(sim: Simulator, batch: (ctx: Ctx) => Promise<T>): Promise<T> {
  return sim.Excel.run<T>(batch);
}

/** A monthly grid of `rows` indicators x `cols` columns (ref, description, then % values). */
export function bigGrid(rows: number, cols: number): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Return');
  const header = ['Ref', 'Indicator description'];
  for (let c = 2; c < cols; c++) header.push(`Col ${c}`);
  ws.addRow(header);
  for (let r = 0; r < rows; r++) {
    const row: ExcelJS.CellValue[] = [`PI ${r + 1}`, `Indicator number ${r + 1}`];
    for (let c = 2; c < cols; c++) row.push(Math.round(((r * 7 + c * 13) % 1000) / 10) / 100);
    const added = ws.addRow(row);
    for (let c = 3; c <= cols; c++) added.getCell(c).numFmt = '0.0%';
  }
  return wb;
}
