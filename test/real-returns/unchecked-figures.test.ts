/**
 * Issue #21 through the real CLI: a return whose figure column Outturn cannot place is
 * never reported clean. Text, JSON, CSV and HTML state the figures left unchecked; signing
 * needs the figures-not-checked warning acknowledged, and the acknowledgement is recorded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { run, tmpDir } from '../cli/helpers';

const AS_OF = ['--as-of', '2026-12-07'];

/** A monthly return whose figure column is headed "Outturn so far": 12 % against a 90 % target rated GREEN. */
async function writeReturn(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Monthly');
  ws.addRow(['Ref', 'Indicator', 'Target', 'Floor', 'Outturn so far', 'RAG']);
  ws.addRow(['CS01', '% of calls answered within 20 seconds', 0.9, 0.8, 0.12, 'GREEN']);
  ws.addRow(['CS02', '% of invoices paid within 30 days', 0.95, 0.9, 0.96, 'GREEN']);
  ws.addRow(['CS03', '% of complaints answered on time', 0.9, 0.85, 0.91, 'GREEN']);
  for (let r = 2; r <= 4; r++) for (const c of ['C', 'D', 'E']) ws.getCell(`${c}${r}`).numFmt = '0%';
  await wb.xlsx.writeFile(file);
}

let file: string;

beforeAll(async () => {
  file = path.join(tmpDir(), 'outturn-so-far.xlsx');
  await writeReturn(file);
});

test('the text report states the coverage and the result line says the figures were not checked', async () => {
  const r = await run(['check', file, ...AS_OF]);
  expect(r.stderr).toBe('');
  expect(r.stdout).not.toContain('every check passed');
  expect(r.stdout).toContain('  not checked: `Outturn so far` (E, 3 figures)');
  expect(r.stdout).toContain(
    'figures-not-checked  The figures of 3 indicators were not checked: Outturn could not place the column `Outturn so far` (E). Map them in the configuration: "columns": { "Outturn so far": "latest" }.',
  );
  expect(r.stdout).toMatch(
    /Coverage: 6 of 9 figure cells checked \(66\.6 %\)\nResult: 0 errors, 1 warning, 0 info in 3 indicators — but the figures of 3 indicators were not checked: map the columns\n$/,
  );
});

test('JSON: each grid says its coverage, and a coverage summary follows the findings summary', async () => {
  const json = JSON.parse((await run(['check', file, '--format', 'json', ...AS_OF])).stdout);
  expect(Object.keys(json)).toEqual(['grids', 'findings', 'summary', 'coverage']);
  expect(json.summary).toEqual({ errors: 0, warnings: 1, info: 0 });
  expect(json.coverage).toEqual({
    figureCells: 9,
    checkedCells: 6,
    uncheckedCells: 3,
    indicatorsUnchecked: 3,
    share: 6 / 9,
    complete: false,
  });
  expect(json.grids[0].coverage.unchecked).toEqual([
    { column: 'E', header: 'Outturn so far', holds: 'figures', cells: 3 },
  ]);
});

test('CSV and HTML carry it too', async () => {
  const csv = (await run(['check', file, '--format', 'csv', ...AS_OF])).stdout.split('\r\n');
  expect(csv).toContain(
    'Monthly,,coverage,completeness,info,,"coverage: 6 of 9 figure cells checked; 3 not checked, in 3 indicators; not checked: `Outturn so far` (E, 3 figures)"',
  );
  const html = (await run(['check', file, '--format', 'html', ...AS_OF])).stdout;
  expect(html).toContain(
    '<p class="notice coverage">Coverage: 6 of 9 figure cells checked (66.6 %) — but the figures of 3 indicators were not checked: map the columns</p>',
  );
  expect(html).not.toContain('every check passed');
});

test('mapped with the printed entry, every figure is checked and the GREEN on 12 % is an error', async () => {
  const config = path.join(tmpDir(), 'map.json');
  fs.writeFileSync(config, JSON.stringify({ columns: { 'Outturn so far': 'latest' } }));
  const r = await run(['check', file, '--config', config, '--format', 'json', ...AS_OF]);
  const json = JSON.parse(r.stdout);
  expect(json.findings.map((f: { cell: string; rule: string }) => `${f.cell} ${f.rule}`)).toEqual(['F2 rag-mismatch']);
  expect(json.coverage).toMatchObject({ figureCells: 9, checkedCells: 9, complete: true });
});

test('signing needs the warning acknowledged, and the acknowledgement is recorded', async () => {
  const copy = path.join(tmpDir(), 'to-sign.xlsx');
  fs.copyFileSync(file, copy);
  const refused = await run(['sign', copy, '--role', 'compiler', '--name', 'Ann Smith', '--in-place', ...AS_OF]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('1 warning is not acknowledged');
  const signed = await run([
    'sign',
    copy,
    '--role',
    'compiler',
    '--name',
    'Ann Smith',
    '--in-place',
    '--acknowledge',
    'Outturn so far is the month figure; checked by hand',
    '--format',
    'json',
    ...AS_OF,
  ]);
  expect(signed.code).toBe(0);
  expect(JSON.parse(signed.stdout)).toMatchObject({ signed: true, acknowledged: 1 });
});
