/**
 * Issue #12 item 6: whole-column data validations (a RAG drop-down on H:H) no longer make
 * ExcelJS expand them cell by cell: `check` and `check --out` on a small return written by
 * xlsxwriter finish quickly (the jest timeout is the guard: before, minutes), and the
 * validations reach the marked copy verbatim, in their place in the sheet's XML.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { run, tmpDir } from '../cli/helpers';
import { python, pythonWithModules } from './python-writer';
import { sqrefCells } from '../support/data-validations';
import { sheetPart } from './signed-workbook';

const noPython = pythonWithModules();

const RETURN_WITH_VALIDATIONS = String.raw`
import sys, xlsxwriter
wb = xlsxwriter.Workbook(sys.argv[1])
ws = wb.add_worksheet('PIs')
pct = wb.add_format({'num_format': '0.0%'})
ws.write('A1', 'Results up to July 2017')
ws.write_row(2, 0, ['Ref', 'Indicator description', 'Apr', 'May', 'Jun', 'Jul', 'Target', 'Floor Standard', 'RAG'])
for i in range(20):
    ws.write_row(3 + i, 0, ['PI %02d' % (i + 1), 'Indicator %d' % (i + 1)])
    for c, v in enumerate([0.91, 0.92, 0.93, 0.94, 0.9, 0.85]): ws.write_number(3 + i, 2 + c, v, pct)
    ws.write(3 + i, 8, 'RED' if i == 4 else 'GREEN')
ws.data_validation('I1:I1048576', {'validate': 'list', 'source': ['GREEN', 'AMBER', 'RED']})
ws.data_validation('C1:F1048576', {'validate': 'decimal', 'criteria': 'between', 'minimum': 0, 'maximum': 1})
ws.data_validation('A4:A23', {'validate': 'length', 'criteria': '<=', 'value': 10})
wb.close()
`;

describe('sqrefCells', () => {
  test('counts the cells of whole columns, rows, blocks and lists', () => {
    expect(sqrefCells('H1:H1048576')).toBe(1_048_576);
    expect(sqrefCells('A:A')).toBe(1_048_576);
    expect(sqrefCells('1:1')).toBe(16_384);
    expect(sqrefCells('C5 D6:E7')).toBe(5);
  });
});

(noPython ? describe.skip : describe)('whole-column validations (xlsxwriter)', () => {
  test('check and check --out are quick, and the marked copy keeps every validation verbatim', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'validated.xlsx');
    python(RETURN_WITH_VALIDATIONS, file);
    const original = (
      await (await JSZip.loadAsync(fs.readFileSync(file))).file(await sheetPart(file, 'PIs'))!.async('string')
    ).match(/<dataValidations[\s\S]*<\/dataValidations>/)![0];
    const c = await run(['check', file, '--format', 'json'], { now: '2017-08-11T09:00:00Z' });
    expect(JSON.parse(c.stdout).findings).toContainEqual(expect.objectContaining({ cell: 'I8', rule: 'rag-mismatch' }));
    const out = path.join(dir, 'marked.xlsx');
    const m = await run(['check', file, '--out', out], { now: '2017-08-11T09:00:00Z' });
    expect(m.code).toBe(1);
    const xml = await (await JSZip.loadAsync(fs.readFileSync(out))).file(await sheetPart(out, 'PIs'))!.async('string');
    expect(xml.match(/<dataValidations[\s\S]*<\/dataValidations>/)![0]).toBe(original);
    // Schema order: conditionalFormatting (the marks), then dataValidations, then pageMargins.
    const at = (tag: string) => xml.search(new RegExp(`<${tag}\\b`));
    expect(at('conditionalFormatting')).toBeGreaterThan(0);
    expect(at('conditionalFormatting')).toBeLessThan(at('dataValidations'));
    expect(at('dataValidations')).toBeLessThan(at('pageMargins'));
  }, 30_000);
});
