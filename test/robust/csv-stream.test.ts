/**
 * Issue #12 item 6: CSV input is streamed. The chunked reader gives exactly the rows the
 * whole-text parser gives, wherever the chunks are cut (inside quotes, between \r and \n,
 * on a doubled quote), and a file beyond Excel's limits gets one sentence, never a crash.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CsvRowStream, parseCsv, sheetFromCsvChunks, csvCellMaker } from '../../src/workbook/csv';
import { run, tmpDir } from '../cli/helpers';

function streamed(text: string, size: number): string[][] {
  const rows: string[][] = [];
  const p = new CsvRowStream((fields) => rows.push(fields));
  for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size));
  p.end();
  return rows;
}

const SAMPLES = [
  'Ref,Indicator description,Jul,Target\r\nPI 1,"Invoices, paid ""on time""",95%,0.95\r\nPI 2,"Two\nlines",12,10\r\n',
  'Ref;Value;Note\nPI 1;0,95;"a;b"\nPI 2;;""\n"";x;"end"',
  'a,b\n1,2',
  'Ref\tDoT\r\nPI 1\t↑\r\n\r\nPI 2\t"q""uote"',
];

describe('CsvRowStream', () => {
  test.each(SAMPLES.map((s, i) => [i, s]))('sample %i: same rows as parseCsv for every chunk size', (_i, text) => {
    const whole = parseCsv(text as string);
    for (const size of [1, 2, 3, 5, 7, 64, 100_000]) expect(streamed(text as string, size)).toEqual(whole);
  });

  test('Excel limits: too many columns, an over-long field, too many rows', () => {
    expect(() => streamed(`${'x,'.repeat(16_384)}x\n`, 4096)).toThrow('row 1 has more than 16,384 columns, more than an Excel sheet holds');
    expect(() => streamed(`a,"${'y'.repeat(40_000)}"\n`, 4096)).toThrow('row 1, column 2 holds more than 32,767 characters, more than an Excel cell can hold');
    const rows: string[] = [];
    const p = new CsvRowStream(() => undefined);
    expect(() => { for (let i = 0; i <= 1_048_576; i++) p.push('1\n'); rows.push('never'); }).toThrow('it has more than 1,048,576 rows, more than an Excel sheet holds; split it');
  });

  test('cells of the same text are shared; distinct texts are not confused', async () => {
    const make = csvCellMaker();
    expect(make('GREEN')).toBe(make('GREEN'));
    expect(make('95%')).toEqual({ kind: 'number', value: 0.95, format: '0%', formula: false });
    expect(make('95%')).not.toBe(make('95 %'));
    const { sheet } = await sheetFromCsvChunks('s', (async function* () { yield Buffer.from('\ufeffRef,RAG\nPI 1,GREEN\nPI 2,GREEN\n'); })());
    expect(sheet.cells[1][1]).toBe(sheet.cells[2][1]);
    expect(sheet.cells[0][0]).toMatchObject({ kind: 'text', value: 'Ref' }); // the BOM is gone
  });

  test('UTF-16 files (Excel\'s "Unicode text") stream too, cut mid-character', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Ref\tDoT\r\nPI 1\t↑\r\n', 'utf16le')]);
    const { sheet } = await sheetFromCsvChunks('s', (async function* () { for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3); })());
    expect(sheet.cells.map((r) => r.map((c) => c?.value))).toEqual([['Ref', 'DoT'], ['PI 1', '↑']]);
  });
});

describe('outturn check on CSV beyond Excel\'s limits', () => {
  test('one 100,000-column line: exit 2 with one sentence', async () => {
    const file = path.join(tmpDir(), 'one-line.csv');
    fs.writeFileSync(file, `${'12,'.repeat(100_000)}12`);
    const r = await run(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^outturn: cannot read '.*one-line\.csv': row 1 has more than 16,384 columns, more than an Excel sheet holds\n$/);
  });
});
