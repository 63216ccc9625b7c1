/**
 * Issue #12 item 8, the smaller ones: a NaN figure gets a finding, 1e308 is never shown as
 * "Infinity%", and a swapped pair of trail rows reads "out of order" (docs/STORAGE.md),
 * on real .xlsx files.
 */
import * as fs from 'node:fs';
import ExcelJS from 'exceljs';
import { run } from '../cli/helpers';
import { formatNumber } from '../../src/engine/format';
import { editXml, sheetPart, signedReturn, unsignedReturn, SIGNING_DAY } from './signed-workbook';
import { python, pythonWithModules } from './python-writer';
import { readHeadFromXlsx, writeWorkbookWithHead } from '../support/trail-exceljs';

const noPython = pythonWithModules();

interface Json {
  findings: { cell: string; rule: string; severity: string; message: string }[];
}
const check = async (file: string) =>
  JSON.parse((await run(['check', file, '--format', 'json'], { now: SIGNING_DAY })).stdout) as Json;

describe('non-finite and huge figures', () => {
  test('formatNumber: 1e308 as a percentage keeps its exponent; ordinary values unchanged', () => {
    expect(formatNumber(1e308, '0.0%')).toBe('1.0e+310%');
    expect(formatNumber(1e308, '0%')).toBe('1e+310%');
    expect(formatNumber(0.955, '0.0%')).toBe('95.5%');
    expect(formatNumber(1e20, '0%')).toBe('1e+22%');
  });

  test('NaN stored in the sheet XML (another writer): an excel-error finding on that cell, and no false RAG finding', async () => {
    const file = await unsignedReturn('exceljs');
    const part = await sheetPart(file, 'Corporate PIs');
    await editXml(file, part, (xml) => xml.replace(/(<c r="H6"[^>]*>)<v>[^<]*<\/v>/, '$1<v>NaN</v>'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(Number.isNaN(wb.getWorksheet('Corporate PIs')!.getCell('H6').value)).toBe(true);
    const j = await check(file);
    const h6 = j.findings.filter((f) => f.cell === 'H6');
    expect(h6).toEqual([
      expect.objectContaining({
        rule: 'excel-error',
        severity: 'error',
        message:
          'The cell holds NaN, which is not a number Excel can hold (the file was written by another program): enter the figure again.',
      }),
    ]);
    expect(j.findings.filter((f) => /NaN/.test(f.message) && f.cell !== 'H6')).toEqual([]);
  });

  (noPython ? test.skip : test)(
    '1e308 in a percentage cell written by openpyxl: the message shows 1.0e+310%, never Infinity%',
    async () => {
      const file = await unsignedReturn('exceljs');
      python(
        `import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nwb['Corporate PIs']['H6'] = 1e308\nwb['Corporate PIs']['H6'].number_format = '0.0%'\nwb.save(sys.argv[1])`,
        file,
      );
      const j = await check(file);
      const text = j.findings.map((f) => f.message).join('\n');
      expect(text).not.toMatch(/Infinity/);
      expect(j.findings).toContainEqual(
        expect.objectContaining({
          cell: 'H6',
          rule: 'percent-out-of-range',
          message: expect.stringContaining('1.0e+310%'),
        }),
      );
    },
  );
});

describe('a swapped pair of trail rows', () => {
  test('audit says "out of order", not "missing"', async () => {
    const file = await signedReturn('exceljs', 2);
    const bytes = fs.readFileSync(file);
    const head = await readHeadFromXlsx(bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('OutturnTrail')!;
    const a = (ws.getRow(2).values as ExcelJS.CellValue[]).slice(1);
    const b = (ws.getRow(3).values as ExcelJS.CellValue[]).slice(1);
    ws.getRow(2).values = b;
    ws.getRow(3).values = a;
    await writeWorkbookWithHead(wb, file, head, bytes);
    const r = await run(['audit', file], { now: SIGNING_DAY });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'Verification: BROKEN. Records are out of order: record 2 stands where record 1 should be.',
    );
  });
});
