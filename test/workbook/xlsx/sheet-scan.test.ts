/**
 * The fast worksheet scanner against the saxes reference: every fixture reads to the same
 * models both ways (and with the text cut into pieces of a few characters, so a piece
 * boundary falls inside every tag, attribute, entity and value), ordinary files take the
 * fast path, and each thing the scanner does not handle sends the whole part to saxes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES } from '../../fixtures';
import { smallReturn, tmpDir } from '../../cli/helpers';
import { readXlsx, type ReadOptions } from '../../../src/workbook/xlsx/read';
import { sheetReads } from '../../../src/workbook/xlsx/sheet';
import {
  inflateEntry,
  inflaterInUse,
  readZipDirectory,
  useNativeInflate,
  writeZip,
  type OutEntry,
} from '../../../src/workbook/xlsx/zip';
import { cellMap, OTHER_TOOLS } from '../helpers';

const REAL = path.join(__dirname, '..', '..', 'fixtures', 'real');

function realFiles(): string[] {
  return fs.readdirSync(REAL).flatMap((d) => {
    const dir = path.join(REAL, d);
    return fs.statSync(dir).isDirectory()
      ? fs
          .readdirSync(dir)
          .filter((f) => /\.xlsx$/.test(f))
          .map((f) => path.join(dir, f))
      : [];
  });
}
const otherTools = fs
  .readdirSync(OTHER_TOOLS)
  .filter((f) => /\.xls[xm]$/.test(f))
  .map((f) => path.join(OTHER_TOOLS, f));

/** Everything a read gives per sheet, as plain data. */
function summary(bytes: Uint8Array, options: ReadOptions) {
  const book = readXlsx(bytes, options);
  return [...book.models].map(([name, m]) => ({
    name,
    cells: cellMap(m),
    rows: m.store?.toRows().length,
    merged: m.merged,
    rowCount: book.rowCounts.get(name),
  }));
}

function expectSameBothWays(bytes: Uint8Array, pieceSizes: number[] = [7]): void {
  const reference = summary(bytes, { sheets: { reader: 'saxes' } });
  const before = sheetReads.scanned;
  const fell = sheetReads.fellBack;
  expect(summary(bytes, {})).toEqual(reference);
  for (const pieceSize of pieceSizes) expect(summary(bytes, { sheets: { pieceSize } })).toEqual(reference);
  // Ordinary files: every worksheet through the fast path, none handed back to saxes.
  expect(sheetReads.fellBack).toBe(fell);
  expect(sheetReads.scanned - before).toBe(reference.length * (1 + pieceSizes.length));
}

describe('the fast scanner reads every fixture as saxes does', () => {
  const dir = tmpDir();
  const built: [string, () => import('exceljs').Workbook][] = [
    ...Object.entries(FIXTURES),
    ['small-return', smallReturn],
  ];
  test.each(built)('the generated fixture %s', async (name, make) => {
    const file = path.join(dir, `${name}.xlsx`);
    await make().xlsx.writeFile(file);
    expectSameBothWays(fs.readFileSync(file), [1, 5, 64]);
  });
  test.each(otherTools)('%s', (file) => expectSameBothWays(fs.readFileSync(file), [1, 3, 11]));
  test.each(realFiles())('%s', (file) => expectSameBothWays(fs.readFileSync(file), [13]));
});

// A minimal package around one worksheet part written by hand.
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
function pkg(sheetXml: string): Uint8Array {
  const enc = new TextEncoder();
  const parts: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': sheetXml,
  };
  return writeZip(Object.entries(parts).map(([name, text]): OutEntry => ({ name, content: enc.encode(text) })));
}
const sheet = (data: string, after = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>${data}</sheetData>${after}</worksheet>`;

/** Read a hand-written sheet; say whether the fast path took it. */
function read(xml: string, pieceSize?: number) {
  const bytes = pkg(xml);
  const scanned = sheetReads.scanned;
  const cells = cellMap(readXlsx(bytes, { sheets: { pieceSize } }).models.get('S')!);
  return {
    cells,
    fast: sheetReads.scanned > scanned,
    reference: cellMap(readXlsx(bytes, { sheets: { reader: 'saxes' } }).models.get('S')!),
  };
}

const RICH = sheet(
  '<row r="1" spans="1:6"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>Tom &amp; Jerry</t></r><r><t xml:space="preserve"> &lt;caf&#233;&#x2014;&gt;</t></r><rPh sb="0" eb="1"><t>トム</t></rPh></is></c>' +
    '<c r="B1" s="0"><v>-0.000123456789012345678</v></c><c r="c1"><v>1E3</v></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#DIV/0!</v></c><c r="F1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>' +
    '<row r="2"><c r="A2"><f t="shared" ref="A2:A4" si="0">B2*2</f><v>4</v></c><c r="B2"><v>2</v></c><c r="C2" t="inlineStr"><is><t>line one\r\nline two\rthree</t></is></c><c r="D2" t="d"><v>2017-08-10T00:00:00</v></c></row>' +
    '<row r="3"><c r="A3"><f t="shared" si="0"/><v>6</v></c><c r="B3" s="0"><v>3</v></c><c/><c t="n"><v> 7 </v></c><c r="G3"/><c r="H3" t="s"><v>0</v></c></row>' +
    '<row><c r="A4"><f t="shared" si="0"/></c><c r=\'B4\'><v>12345678901234567890</v></c></row>',
  '<mergeCells count="1"><mergeCell ref="g3:h3"/></mergeCells><!-- a comment after the cells -->',
);

describe('what the scanner reads itself', () => {
  test('inline rich text with phonetic runs, entities, character references, CRLF, shared formulas, odd refs and numbers read as saxes reads them', () => {
    const { cells, fast, reference } = read(RICH);
    expect(fast).toBe(true);
    expect(cells).toEqual(reference);
    expect(cells.A1.value).toBe('Tom & Jerry <café—>');
    expect(cells.C2.value).toBe('line one\nline two\nthree');
    expect(cells.A3.formulaText).toBe('=B3*2');
    expect(cells.F1.formulaText).toBe('="a"&"b"');
    expect(cells.B1.value).toBe(Math.round(Number('-0.000123456789012345678') * 1e9) / 1e9);
    // `<c/>` with no r is C3 (empty, not kept); the next cell without r is D3.
    expect(cells.C3).toBeUndefined();
    expect(cells.D3).toEqual({ kind: 'number', value: 7, format: 'General', formula: false });
  });

  test('a piece boundary anywhere (pieces of 1 to 9 characters) changes nothing', () => {
    const { reference } = read(RICH);
    for (let n = 1; n <= 9; n++) expect(read(RICH, n)).toEqual({ cells: reference, fast: true, reference });
  });

  test('an element prefix on every element (x:) reads through the fast path', () => {
    const xml = `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Ref</x:t></x:is></x:c><x:c r="B1"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const { cells, fast, reference } = read(xml, 4);
    expect(fast).toBe(true);
    expect(cells).toEqual(reference);
    expect(cells).toEqual({
      A1: { kind: 'text', value: 'Ref', format: 'General', formula: false },
      B1: { kind: 'number', value: 2, format: 'General', formula: true, formulaText: '=1+1' },
    });
  });
});

describe('what the scanner leaves to saxes (the whole part)', () => {
  test.each([
    ['a CDATA section', sheet('<row r="1"><c r="A1" t="str"><v><![CDATA[x<y]]></v></c><c r="B1"><v>1</v></c></row>')],
    ['a comment among the cells', sheet('<row r="1"><!-- note --><c r="A1"><v>1</v></c></row>')],
    ['a processing instruction among the cells', sheet('<row r="1"><?pi x?><c r="A1"><v>1</v></c></row>')],
    [
      'a comment before the root',
      `<?xml version="1.0"?><!-- c --><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`,
    ],
    ['an attribute value with a line break', sheet('<row r="1"><c r="A1" t="\ns"><v>1</v></c></row>')],
  ])('%s', (_what, xml) => {
    for (const pieceSize of [undefined, 3]) {
      const { cells, fast, reference } = read(xml, pieceSize);
      expect(fast).toBe(false);
      expect(cells).toEqual(reference);
    }
  });

  test.each([
    [
      'an unknown entity',
      sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>'),
      /not well-formed/,
    ],
    [
      'a character reference to a character XML forbids',
      sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&#1;</t></is></c></row>'),
      /not well-formed/,
    ],
    ['a mismatched closing tag', sheet('<row r="1"><c r="A1"><v>1</c></v></row>'), /not well-formed/],
    ['a duplicate attribute', sheet('<row r="1"><c r="A1" r="B1"><v>1</v></c></row>'), /not well-formed/],
    [
      'a raw control character',
      sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>a\u0001b</t></is></c></row>'),
      /not well-formed/,
    ],
    [
      'a DOCTYPE',
      `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY e "x">]><worksheet xmlns="${MAIN}"><sheetData/></worksheet>`,
      /DOCTYPE/,
    ],
  ])('%s: saxes refuses it, in words', (_what, xml, message) => {
    const fell = sheetReads.fellBack;
    expect(() => readXlsx(pkg(xml))).toThrow(message);
    expect(sheetReads.fellBack).toBe(fell + 1);
  });
});

describe('inflating', () => {
  const bytes = fs.readFileSync(path.join(OTHER_TOOLS, 'libreoffice.xlsx'));
  afterEach(() => useNativeInflate(true));

  test('node:zlib is used under Node, and gives the bytes fflate gives', () => {
    expect(inflaterInUse()).toBe('node:zlib');
    const entries = [...readZipDirectory(bytes).values()];
    const all = (e: (typeof entries)[number]) => {
      const out: number[] = [];
      inflateEntry(e, (c) => out.push(...c));
      return Buffer.from(out);
    };
    const native = entries.map(all);
    useNativeInflate(false);
    expect(inflaterInUse()).toBe('fflate');
    expect(entries.map(all)).toEqual(native);
  });

  test.each([true, false])(
    'native=%s: a part that inflates past the limit is refused with the zip-bomb sentence',
    (native) => {
      useNativeInflate(native);
      const entries = readZipDirectory(bytes);
      const sheetEntry = [...entries.values()].find((e) => e.name.includes('worksheets/sheet'))!;
      // A header that understates the size: only the running count can catch it.
      const lying = { ...sheetEntry, size: 10 };
      expect(() => inflateEntry(lying, () => undefined, 1000)).toThrow(
        /inflates past 0 MB, more than any real workbook part \(a zip bomb\?\)/,
      );
    },
  );

  test.each([true, false])('native=%s: damaged compressed bytes are a damaged part', (native) => {
    useNativeInflate(native);
    const e = [...readZipDirectory(bytes).values()].find((x) => x.name.includes('worksheets/sheet'))!;
    const broken = { ...e, data: e.data.slice(0, Math.floor(e.data.length / 2)) };
    expect(() => inflateEntry(broken, () => undefined)).toThrow(/could not be inflated/);
  });
});
