import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the command in-process with captured output and a fixed clock. */
export async function run(argv: string[], opts: { isTTY?: boolean; now?: string } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: opts.isTTY ?? false,
    now: () => new Date(opts.now ?? '2017-08-21T09:00:00Z'),
  });
  return { code, stdout, stderr };
}

export function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'outturn-cli-'));
}

/**
 * A small monthly return as a compiler would keep it: title lines, a header row, percentages
 * with a % format, a count with a formula, a date, an annotation, an error value, a note
 * and a conditional format of the user's own. Used where only the file mechanics matter.
 */
export function smallReturn(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('PIs');
  ws.getCell('A1').value = 'Corporate performance indicators';
  ws.getCell('A2').value = 'Results up to July 2017';
  ws.addRow([]);
  ws.getRow(4).values = ['Ref', 'Indicator description', 'Apr', 'May', 'Jun', 'Jul', 'Target', 'Date submitted'];
  ws.getRow(5).values = [
    'PI 01',
    '% of invoices paid on time',
    0.95,
    0.96,
    0.94,
    0.97,
    0.95,
    new Date(Date.UTC(2017, 7, 10)),
  ];
  ws.getRow(6).values = ['PI 02', 'Number of complaints', 12, 9, 11, null, 10, new Date(Date.UTC(2017, 7, 11))];
  ws.getRow(7).values = [
    'PI 03',
    '% of calls answered',
    'N/a',
    0.81,
    { formula: 'D7/0', result: { error: '#DIV/0!' } } as ExcelJS.CellValue,
    0.83,
    0.85,
    null,
  ];
  for (const r of [5, 7]) for (const c of [3, 4, 5, 6, 7]) ws.getRow(r).getCell(c).numFmt = '0.0%';
  ws.getCell('F6').value = { formula: 'SUM(C6:E6)', result: 32 } as ExcelJS.CellValue;
  for (const c of [3, 4, 5, 6, 7]) ws.getRow(6).getCell(c).numFmt = '#,##0';
  ws.getCell('H5').numFmt = 'dd/mm/yyyy';
  ws.getCell('H6').numFmt = 'dd/mm/yyyy';
  ws.getCell('B5').note = 'Source: finance system';
  ws.addConditionalFormatting({
    ref: 'G5:G7',
    rules: [
      {
        type: 'cellIs',
        operator: 'lessThan',
        formulae: ['0.5'],
        priority: 1,
        style: { font: { bold: true } },
      } as ExcelJS.ConditionalFormattingRule,
    ],
  });
  return wb;
}

export async function writeWorkbook(wb: ExcelJS.Workbook, file: string): Promise<string> {
  await wb.xlsx.writeFile(file);
  return file;
}

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every cell's value, formula and number format, for "nothing else changed" comparisons. */
export function cellSnapshot(wb: ExcelJS.Workbook): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (c) => {
        out[`${ws.name}!${c.address}`] = {
          value: JSON.stringify(c.value),
          numFmt: c.numFmt ?? null,
          formula: c.formula ?? null,
        };
      });
    });
  }
  return out;
}
