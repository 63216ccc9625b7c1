/**
 * Bad packages get one clear line (exit status 2, no stack trace), from the streaming reader:
 * zip bombs, XML entity tricks, damaged parts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, tmpDir } from '../cli/helpers';
import { readXlsx, XlsxProblem } from '../../src/workbook/xlsx/read';
import { writeZip } from '../../src/workbook/xlsx/zip';

const enc = (s: string) => new TextEncoder().encode(s);

const CT =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';
const RELS =
  '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WB =
  '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="PIs" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WB_RELS =
  '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const SHEET = (data: string) =>
  `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${data}</sheetData></worksheet>`;

function pkg(parts: Record<string, string>): Uint8Array {
  const all: Record<string, string> = {
    '[Content_Types].xml': CT,
    '_rels/.rels': RELS,
    'xl/workbook.xml': WB,
    'xl/_rels/workbook.xml.rels': WB_RELS,
    'xl/worksheets/sheet1.xml': SHEET('<row r="1"><c r="A1"><v>1</v></c></row>'),
    ...parts,
  };
  return writeZip(Object.entries(all).map(([name, text]) => ({ name, content: enc(text) })));
}

/** Patch the central directory's uncompressed size of `name` (what a zip bomb's header may claim). */
function declareSize(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = bytes.slice();
  const dv = new DataView(out.buffer);
  const at = Buffer.from(out).lastIndexOf(Buffer.from(name)) - 46;
  dv.setUint32(at + 24, size, true);
  return out;
}

describe('bad packages, one line each', () => {
  const dir = tmpDir();
  const check = async (name: string, bytes: Uint8Array) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    const r = await run(['check', file, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.(js|ts):\d+/);
    return r.stderr.trim();
  };

  test('a zip bomb whose header owns up to its size is refused before anything is inflated', async () => {
    const line = await check('bomb.xlsx', declareSize(pkg({}), 'xl/worksheets/sheet1.xml', 0xf000_0000));
    expect(line).toMatch(
      /^outturn: cannot read '.*bomb\.xlsx': the part xl\/worksheets\/sheet1\.xml inflates past 1024 MB, more than any real workbook part \(a zip bomb\?\)$/,
    );
  });

  test('a zip bomb whose header lies is stopped once the inflated bytes pass the limit', () => {
    // 8 MB of sheet XML (it deflates to a few KB) whose header claims 100 bytes, read with a 1 MB ceiling.
    const big = SHEET(`<row r="1"><c r="A1"><v>1</v></c></row>${' '.repeat(8 * 1024 * 1024)}`);
    const bytes = declareSize(pkg({ 'xl/worksheets/sheet1.xml': big }), 'xl/worksheets/sheet1.xml', 100);
    expect(bytes.length).toBeLessThan(100_000);
    const book = () => readXlsx(bytes, { partLimit: 1024 * 1024 });
    expect(book).toThrow(XlsxProblem);
    expect(book).toThrow(/the part xl\/worksheets\/sheet1\.xml inflates past 1 MB/);
    // Under the default ceiling the same file is an ordinary (if padded) workbook.
    expect(readXlsx(bytes).models.get('PIs')!.cells[0][0]).toMatchObject({ kind: 'number', value: 1 });
  });

  test('a DOCTYPE with entity declarations (billion laughs) is refused, not expanded', async () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';
    const line = await check(
      'laughs.xlsx',
      pkg({
        'xl/worksheets/sheet1.xml': `${lol}${SHEET('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>').replace('<?xml version="1.0"?>', '')}`,
      }),
    );
    expect(line).toMatch(
      /cannot read '.*laughs\.xlsx': the part xl\/worksheets\/sheet1\.xml declares a DOCTYPE \(entity declarations are refused/,
    );
  });

  test('an external entity (XXE) in the workbook part is refused', async () => {
    const line = await check(
      'xxe.xlsx',
      pkg({
        'xl/workbook.xml': WB.replace(
          '<?xml version="1.0"?>',
          '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        ).replace('name="PIs"', 'name="&x;"'),
      }),
    );
    expect(line).toMatch(/the part xl\/workbook\.xml declares a DOCTYPE/);
  });

  test('an entity that is not declared is malformed XML, named by its part', async () => {
    const line = await check(
      'entity.xlsx',
      pkg({
        'xl/worksheets/sheet1.xml': SHEET('<row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row>'),
      }),
    );
    expect(line).toMatch(
      /cannot read '.*entity\.xlsx': the part xl\/worksheets\/sheet1\.xml is not well-formed XML \(.*undefined entity/i,
    );
  });

  test('a workbook naming a sheet part that is not in the zip', async () => {
    const line = await check(
      'nosheet.xlsx',
      pkg({ 'xl/_rels/workbook.xml.rels': WB_RELS.replace('sheet1.xml', 'sheet9.xml') }),
    );
    expect(line).toMatch(
      /cannot read '.*nosheet\.xlsx': the sheet 'PIs' is missing from the file \(xl\/worksheets\/sheet9\.xml\)$/,
    );
  });
});
