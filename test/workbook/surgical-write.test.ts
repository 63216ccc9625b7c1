/**
 * The surgical writer (check --out): every part Outturn does not change is copied byte for
 * byte, the marked sheets differ only by the marks, and a workbook with a chart, a pivot
 * table and a macro keeps all three (ExcelJS and LibreOffice open the copy).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { run, smallReturn, tmpDir } from '../cli/helpers';
import { readXlsx } from '../../src/workbook/xlsx/read';
import { entryString } from '../../src/workbook/xlsx/zip';
import { readRels } from '../../src/workbook/xlsx/parts';
import { cellMap, otherToolFile } from './helpers';

const FILES = [
  'xlsxwriter.xlsx',
  'xlsxwriter-inline.xlsx',
  'openpyxl.xlsx',
  'openpyxl-1904.xlsx',
  'libreoffice.xlsx',
  'strict.xlsx',
  'hand-written.xlsx',
  'chart-pivot-macro.xlsm',
  'small-return.xlsx',
];
const ARGS = ['--period', '2017-07', '--as-of', '2017-08-21'];

/** The sheet XML with Outturn's marks taken out again: what must equal the original. */
function withoutMarks(xml: string): string {
  return xml
    .replace(
      /<(\w+:)?conditionalFormatting sqref="[A-Z]+\d+"><(\w+:)?cfRule type="expression" dxfId="\d+" priority="\d+"><(\w+:)?formula>N\(&quot;outturn:(error|warning)&quot;\)=0<\/(\w+:)?formula><\/(\w+:)?cfRule><\/(\w+:)?conditionalFormatting>/g,
      '',
    )
    .replace(/<(\w+:)?legacyDrawing xmlns:r="[^"]+" r:id="rId\d+"\/>/g, '');
}

describe('check --out writes surgically', () => {
  const dir = tmpDir();
  const copies = new Map<string, { input: string; out: string }>();
  beforeAll(async () => {
    for (const name of FILES) {
      const input = path.join(dir, name);
      if (name === 'small-return.xlsx') await smallReturn().xlsx.writeFile(input);
      else fs.copyFileSync(otherToolFile(name), input);
      const out = path.join(dir, name.replace(/\.(xlsx|xlsm)$/, '-marked.$1'));
      const r = await run(['check', input, ...ARGS, '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/Marked copy: .* \([1-9]\d* cells? marked\)/);
      copies.set(name, { input, out });
    }
  });

  test.each(FILES)(
    '%s: every part but the marked sheet, its notes, styles and content types is byte-identical',
    (name) => {
      const { input, out } = copies.get(name)!;
      const before = readXlsx(fs.readFileSync(input));
      const after = readXlsx(fs.readFileSync(out));
      const marked = before.sheets.filter((s) => s.name === 'PIs' || s.name === 'Returns').map((s) => s.part);
      expect(marked).toHaveLength(1);
      const sheetRels = marked.map((p) => p.replace(/([^/]+)$/, '_rels/$1.rels'));
      // The marked sheet's notes parts, wherever its relationships put them.
      const notes = readRels(after.entries.get(sheetRels[0]), marked[0])
        .filter((r) => r.type === 'comments' || r.type === 'vmlDrawing')
        .map((r) => r.target);
      expect(notes).toHaveLength(2);
      const allowed = (n: string) =>
        marked.includes(n) ||
        sheetRels.includes(n) ||
        notes.includes(n) ||
        n === 'xl/styles.xml' ||
        n === '[Content_Types].xml';
      const changed: string[] = [];
      for (const [n, e] of before.entries) {
        const a = after.entries.get(n);
        expect(a).toBeDefined();
        if (Buffer.compare(Buffer.from(e.data), Buffer.from(a!.data)) !== 0 || e.crc !== a!.crc) changed.push(n);
      }
      expect(changed.filter((n) => !allowed(n))).toEqual([]);
      expect(changed).toContain(marked[0]);
      const added = [...after.entries.keys()].filter((n) => !before.entries.has(n));
      expect(added.filter((n) => !allowed(n))).toEqual([]);
      // The marked sheet differs only by the marks.
      const xmlBefore = entryString(before.entries.get(marked[0])!);
      const xmlAfter = entryString(after.entries.get(marked[0])!);
      expect(xmlAfter).not.toBe(xmlBefore);
      expect(withoutMarks(xmlAfter)).toBe(xmlBefore);
      // And every cell reads as before.
      for (const [sheet, model] of before.models) expect(cellMap(after.models.get(sheet)!)).toEqual(cellMap(model));
    },
  );

  test('the chart, the pivot table, the table and the macro of an .xlsm come through untouched', async () => {
    const { input, out } = copies.get('chart-pivot-macro.xlsm')!;
    const before = readXlsx(fs.readFileSync(input));
    const after = readXlsx(fs.readFileSync(out));
    for (const part of [
      'xl/charts/chart1.xml',
      'xl/drawings/drawing1.xml',
      'xl/pivotTables/pivotTable1.xml',
      'xl/pivotCache/pivotCacheDefinition1.xml',
      'xl/pivotCache/pivotCacheRecords1.xml',
      'xl/vbaProject.bin',
      'xl/tables/table1.xml',
      'xl/workbook.xml',
    ]) {
      expect(Buffer.from(after.entries.get(part)!.data)).toEqual(Buffer.from(before.entries.get(part)!.data));
    }
    // The existing note is kept, the findings are new notes beside it, each with a shape Excel can show.
    const comments = entryString(after.entries.get('xl/comments1.xml')!);
    expect(comments).toContain('Two complaints withdrawn');
    expect(comments.match(/<comment ref="(E7|J7)" authorId="1">/g)).toHaveLength(2);
    const vml = entryString(after.entries.get('xl/drawings/vmlDrawing1.vml')!);
    expect(vml).toContain('<x:Row>6</x:Row><x:Column>4</x:Column>');
    expect(vml).toContain('Press Me'); // the button's shape is still there
    // ExcelJS opens it and sees the marks and notes.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('PIs')!;
    const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] })
      .conditionalFormattings;
    expect(cfs.map((c) => [c.ref, c.rules[0].formulae?.[0]])).toEqual([
      ['E7', 'N("outturn:error")=0'],
      ['J7', 'N("outturn:error")=0'],
    ]);
    expect(JSON.stringify(ws.getCell('E7').note)).toContain('#DIV/0! is an Excel error value');
  });

  const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => fs.existsSync(p));
  (soffice ? test : test.skip)(
    'LibreOffice opens the marked .xlsm and shows the same figures as the original',
    () => {
      const { input, out } = copies.get('chart-pivot-macro.xlsm')!;
      const csvDir = path.join(dir, 'csv');
      const profile = `file://${path.join(dir, 'lo-profile')}`;
      for (const f of [input, out])
        execFileSync(
          soffice!,
          ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'csv', '--outdir', csvDir, f],
          { stdio: 'ignore', timeout: 120_000 },
        );
      const a = fs.readFileSync(path.join(csvDir, 'chart-pivot-macro.csv'), 'utf8');
      const b = fs.readFileSync(path.join(csvDir, 'chart-pivot-macro-marked.csv'), 'utf8');
      expect(a).toContain('% of invoices paid on time');
      expect(b).toBe(a);
    },
    180_000,
  );

  test('an .xlsm is marked into an .xlsm, not an .xlsx that Excel would refuse', async () => {
    const r = await run([
      'check',
      otherToolFile('chart-pivot-macro.xlsm'),
      ...ARGS,
      '--out',
      path.join(dir, 'macro.xlsx'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the marked copy of a macro-enabled workbook must be an \.xlsm file/);
  });
});
