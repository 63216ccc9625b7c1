/**
 * Issue #12 item 6: CSV input is streamed. The chunked reader gives exactly the rows the
 * whole-text parser gives, wherever the chunks are cut (inside quotes, between \r and \n,
 * on a doubled quote), and a file beyond Excel's limits gets one sentence, never a crash.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CsvRowStream,
  cellFromCsvField,
  decodeText,
  parseCsv,
  sheetFromCsv,
  sheetFromCsvChunks,
} from '../../src/workbook/csv';
import { checkWorkbook } from '../../src/engine/check';
import type { Cell } from '../../src/engine/model/cell';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import { cellAt, sheetHeight, sheetRight, sheetRow } from '../../src/engine/model/sheet';
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
    expect(() => streamed(`${'x,'.repeat(16_384)}x\n`, 4096)).toThrow(
      'row 1 has more than 16,384 columns, more than an Excel sheet holds',
    );
    expect(() => streamed(`a,"${'y'.repeat(40_000)}"\n`, 4096)).toThrow(
      'row 1, column 2 holds more than 32,767 characters, more than an Excel cell can hold',
    );
    const rows: string[] = [];
    const p = new CsvRowStream(() => undefined);
    expect(() => {
      for (let i = 0; i <= 1_048_576; i++) p.push('1\n');
      rows.push('never');
    }).toThrow('it has more than 1,048,576 rows, more than an Excel sheet holds; split it');
  });

  test("a repeated text is kept once in the sheet's string table; distinct texts are not confused", async () => {
    const { sheet } = await sheetFromCsvChunks(
      's',
      (async function* () {
        yield Buffer.from('\ufeffRef,RAG\nPI 1,GREEN\nPI 2,GREEN\nPI 3,95%\nPI 4,95 %\n');
      })(),
    );
    const store = sheet.store!;
    expect(store).toBeDefined();
    expect(store.cell(1, 1)).toEqual({ kind: 'text', value: 'GREEN', format: 'General', formula: false });
    expect(store.cell(2, 1)).toEqual(store.cell(1, 1));
    expect(store.cell(3, 1)).toEqual({ kind: 'number', value: 0.95, format: '0%', formula: false });
    expect(store.cell(4, 1)).toEqual({ kind: 'text', value: '95 %', format: 'General', formula: false });
    expect(sheet.cells[0][0]).toMatchObject({ kind: 'text', value: 'Ref' }); // the BOM is gone
  });

  test('a UTF-8 byte-order mark cut between chunks, multi-byte characters and bytes that are not UTF-8 read as the whole-file reader reads them', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('Ref,Officer,Note\r\nPI 1,Siân Ó Briain,£1,250 ↑\r\nPI 2,'),
      Buffer.from([0xc3, 0x28, 0xff, 0xe2, 0x82]),
      Buffer.from(',x\r\n'),
    ]);
    for (const size of [1, 2, 5]) {
      const { sheet } = await sheetFromCsvChunks(
        's',
        (async function* () {
          for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
        })(),
      );
      const whole = classicCells(decodeText(bytes));
      expect(sheet.cells.map((r) => r.map((c) => c?.value ?? null))).toEqual(whole.map((r) => r.map((c) => c.value)));
      expect(cellAt(sheet, 0, 0).value).toBe('Ref');
      expect(cellAt(sheet, 1, 1).value).toBe('Siân Ó Briain');
    }
  });

  test('UTF-16 files (Excel\'s "Unicode text") stream too, cut mid-character', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Ref\tDoT\r\nPI 1\t↑\r\n', 'utf16le')]);
    const { sheet } = await sheetFromCsvChunks(
      's',
      (async function* () {
        for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
      })(),
    );
    expect(sheet.cells.map((r) => r.map((c) => c?.value))).toEqual([
      ['Ref', 'DoT'],
      ['PI 1', '↑'],
    ]);
    const be = Buffer.from(bytes);
    be.swap16(); // the same text big-endian, its mark FE FF
    const big = await sheetFromCsvChunks(
      's',
      (async function* () {
        for (let i = 0; i < be.length; i += 3) yield be.subarray(i, i + 3);
      })(),
    );
    expect(big.sheet.cells.map((r) => r.map((c) => c?.value))).toEqual([
      ['Ref', 'DoT'],
      ['PI 1', '↑'],
    ]);
  });
});

/** The sheet as the reader built it before the compact store: an array of Cells per row, one per field. */
function classicCells(text: string): Cell[][] {
  return parseCsv(text).map((r) => r.map(cellFromCsvField));
}

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'real');
const REAL_CSVS = ['rotherham-council-plan-measures', 'lgbf-childrens-services'].flatMap((d) =>
  ['source.csv', 'source-seeded.csv'].map((f) => path.join(FIXTURES, d, f)),
);
const AWKWARD = [
  'Corporate PIs,,,,\r\n,,,,\r\n\r\nRef,Indicator description,Jul,Target,RAG,\r\n',
  'PI 1,"  ",#DIV/0!,#n/a,true,31/02/2017,10/08/2017,2017-08-10,£1,250.50,"1,234",007,-.5e3, 95 % ,\r\n',
  'PI 2,\ud800 lone surrogate,,,,,,\r\n,,\r\nlast,"multi\nline ""quoted"" description of the indicator"',
].join('');

describe('the compact sheet holds the same cells as the classic one', () => {
  test.each([
    ...REAL_CSVS.map((f) => [path.basename(path.dirname(f)) + '/' + path.basename(f), fs.readFileSync(f)] as const),
    ['awkward fields', Buffer.from(AWKWARD)] as const,
  ])('%s', async (_name, bytes) => {
    const classic = classicCells(decodeText(bytes));
    const { sheet } = await sheetFromCsvChunks(
      's',
      (async function* () {
        for (let i = 0; i < bytes.length; i += 4096) yield bytes.subarray(i, i + 4096);
      })(),
    );
    const whole = sheetFromCsv('s', decodeText(bytes));
    for (const compact of [sheet, whole]) {
      expect(compact.store).toBeDefined();
      expect(sheetHeight(compact)).toBe(classic.length);
      expect(sheetRight(compact)).toBe(Math.max(...classic.map((r) => r.length)) - 1);
      classic.forEach((row, r) => {
        expect(sheetRow(compact, r)?.length).toBe(row.length);
        expect(row.map((_c, c) => cellAt(compact, r, c))).toEqual(row);
      });
    }
    expect(sheet.store!.materialised).toBe(0);
  });

  test('checking it gives the same findings as checking the classic sheet', () => {
    for (const file of REAL_CSVS) {
      const text = decodeText(fs.readFileSync(file));
      const compact = sheetFromCsv('Return', text);
      const classic = { name: 'Return', top: 0, left: 0, cells: classicCells(text) };
      const opts = { today: '2024-05-20' };
      const want = checkWorkbook([classic], DEFAULT_CONFIG, opts);
      expect(want.gridSummaries.length).toBeGreaterThan(0);
      if (file.endsWith('seeded.csv')) expect(want.findings.length).toBeGreaterThan(0);
      expect(checkWorkbook([compact], DEFAULT_CONFIG, opts)).toEqual(want);
    }
  });
});

describe("outturn check on CSV beyond Excel's limits", () => {
  test('one 100,000-column line: exit 2 with one sentence', async () => {
    const file = path.join(tmpDir(), 'one-line.csv');
    fs.writeFileSync(file, `${'12,'.repeat(100_000)}12`);
    const r = await run(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^outturn: cannot read '.*one-line\.csv': row 1 has more than 16,384 columns, more than an Excel sheet holds\n$/,
    );
  });
});
