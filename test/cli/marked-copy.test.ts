import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import type { Finding } from '../../src/engine/model/finding';
import { writeMarkedCopy } from '../../src/workbook/marked-copy';
import { isOutturnMark } from '../../src/engine/mark-convention';
import { noteText } from '../support/exceljs-notes';
import { writeHeadIntoXlsx, readHeadFromXlsx } from '../support/trail-exceljs';
import { cellSnapshot, readWorkbook, smallReturn, tmpDir } from './helpers';

const HEAD = { seq: 7, hash: '3f9a'.padEnd(64, '0') };

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

const finding = (cell: string | null, severity: Finding['severity'], rule: string, message: string): Finding => ({
  sheet: 'PIs',
  cell,
  rule,
  dimension: 'accuracy',
  severity,
  ref: 'PI 01',
  message,
});

const FINDINGS: Finding[] = [
  finding('B5', 'warning', 'missing-commentary', 'PI 01 is AMBER but has no commentary.'),
  finding('B5', 'error', 'duplicate-ref', 'PI 01 appears twice.'),
  finding('C7', 'error', 'number-as-text', 'Apr holds "N/a" where a percentage is expected.'),
  finding('F6', 'warning', 'outlier', "Jul (32) is far outside this indicator's history."),
  finding('H5', 'info', 'submitted-early', 'Submitted on 10/08/2017.'),
  finding(null, 'error', 'signoff-outstanding', 'Sign-off is outstanding after the deadline.'),
];

describe('the marked copy', () => {
  let dir: string;
  let input: string;
  let out: string;
  let inputHash: string;
  beforeAll(async () => {
    dir = tmpDir();
    const wb = smallReturn();
    // What the add-in and `outturn sign` keep in a return: very hidden storage sheets and a defined name.
    wb.addWorksheet('OutturnSettings', { state: 'veryHidden' }).getCell('A1').value = '{"period":"2017-07"}';
    wb.addWorksheet('OutturnTrail', { state: 'veryHidden' }).getCell('A1').value = '{"seq":1}';
    wb.definedNames.add("'PIs'!$A$5:$H$7", 'PI_Table');
    input = path.join(dir, 'return.xlsx');
    // The trail's chain head and a user's named constant: defined names ExcelJS cannot keep.
    let bytes = await writeHeadIntoXlsx(Buffer.from(await wb.xlsx.writeBuffer()), HEAD);
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file(
      'xl/workbook.xml',
      xml.replace('</definedNames>', '<definedName name="VAT_RATE">0.2</definedName></definedNames>'),
    );
    bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    fs.writeFileSync(input, bytes);
    inputHash = sha(input);
    out = path.join(dir, 'return-marked.xlsx');
    const r = await writeMarkedCopy(input, out, FINDINGS);
    expect(r.marked).toBe(3);
  });

  test('marks exactly the cells with errors or warnings, with the shared formula markers and looks', async () => {
    const ws = (await readWorkbook(out)).getWorksheet('PIs')!;
    const cfs = (
      ws as unknown as {
        conditionalFormattings: {
          ref: string;
          rules: {
            type: string;
            formulae?: string[];
            style?: { fill?: { bgColor?: { argb?: string } }; font?: { color?: { argb?: string } } };
          }[];
        }[];
      }
    ).conditionalFormattings;
    const ours = cfs.filter((cf) => cf.rules.some((r) => r.type === 'expression' && r.formulae?.some(isOutturnMark)));
    const marks = Object.fromEntries(ours.map((cf) => [cf.ref, cf.rules[0].formulae![0]]));
    expect(marks).toEqual({ B5: 'N("outturn:error")=0', C7: 'N("outturn:error")=0', F6: 'N("outturn:warning")=0' });
    const looks = Object.fromEntries(
      ours.map((cf) => [cf.ref, [cf.rules[0].style?.fill?.bgColor?.argb, cf.rules[0].style?.font?.color?.argb]]),
    );
    expect(looks).toEqual({ B5: ['FFFFC7CE', 'FF9C0006'], C7: ['FFFFC7CE', 'FF9C0006'], F6: ['FFFFEB9C', 'FF9C5700'] });
  });

  test("the user's own conditional format is still there, unchanged", async () => {
    const ws = (await readWorkbook(out)).getWorksheet('PIs')!;
    const cfs = (
      ws as unknown as {
        conditionalFormattings: { ref: string; rules: { type: string; operator?: string; formulae?: string[] }[] }[];
      }
    ).conditionalFormattings;
    const theirs = cfs.filter((cf) => !cf.rules.some((r) => r.formulae?.some(isOutturnMark)));
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({
      ref: 'G5:G7',
      rules: [{ type: 'cellIs', operator: 'lessThan', formulae: ['0.5'] }],
    });
  });

  test('in the file the formula is stored as Excel expects (no leading "=")', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml.match(/<formula>N\((&quot;|")outturn:(error|warning)(&quot;|")\)=0<\/formula>/g)).toHaveLength(3);
  });

  test('findings become notes; an existing note is kept and the findings appended', async () => {
    const ws = (await readWorkbook(out)).getWorksheet('PIs')!;
    expect(noteText(ws.getCell('B5').note)).toBe(
      'Source: finance system\n\nOutturn warning (missing-commentary): PI 01 is AMBER but has no commentary.\nOutturn error (duplicate-ref): PI 01 appears twice.',
    );
    expect(noteText(ws.getCell('C7').note)).toBe(
      'Outturn error (number-as-text): Apr holds "N/a" where a percentage is expected.',
    );
    expect(noteText(ws.getCell('H5').note)).toBe(''); // info is not marked
  });

  test('every value, formula and number format is as in the original', async () => {
    const before = cellSnapshot(await readWorkbook(input));
    const after = cellSnapshot(await readWorkbook(out));
    expect(Object.keys(before).length).toBeGreaterThan(30);
    expect(after).toEqual(before);
    const ws = (await readWorkbook(out)).getWorksheet('PIs')!;
    expect(ws.getCell('E7').value).toEqual({ formula: 'D7/0', result: { error: '#DIV/0!' } });
    expect(ws.getCell('C5').numFmt).toBe('0.0%');
    expect(ws.getCell('H5').numFmt).toBe('dd/mm/yyyy');
  });

  test("Outturn's very hidden storage sheets and defined names travel with the copy", async () => {
    const wb = await readWorkbook(out);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['PIs', 'visible'],
      ['OutturnSettings', 'veryHidden'],
      ['OutturnTrail', 'veryHidden'],
    ]);
    expect(wb.getWorksheet('OutturnSettings')!.getCell('A1').value).toBe('{"period":"2017-07"}');
    expect(wb.definedNames.getRanges('PI_Table').ranges).toEqual(['PIs!$A$5:$H$7']);
  });

  test('defined names ExcelJS drops (the trail head, named constants) are carried over, once each', async () => {
    const bytes = fs.readFileSync(out);
    expect(await readHeadFromXlsx(bytes)).toEqual(HEAD);
    const xml = await (await JSZip.loadAsync(bytes)).file('xl/workbook.xml')!.async('string');
    expect(xml.match(/<definedName name="VAT_RATE">0\.2<\/definedName>/g)).toHaveLength(1);
    expect(xml.match(/<definedName [^>]*name="OutturnTrailHead"/g)).toHaveLength(1);
    expect(xml.match(/<definedName [^>]*name="PI_Table"/g)).toHaveLength(1);
  });

  test('the input file is not touched', () => {
    expect(sha(input)).toBe(inputHash);
    expect(fs.readdirSync(dir).sort()).toEqual(['return-marked.xlsx', 'return.xlsx']); // no temporary files left behind
  });
});
