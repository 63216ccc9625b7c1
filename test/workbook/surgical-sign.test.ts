/**
 * Signing writes surgically too: the trail sheet, workbook.xml (head, and the sheet entry
 * the first time), its relationships and [Content_Types].xml change; every other part of
 * the package is copied byte for byte.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { run, tmpDir } from '../cli/helpers';
import { meltonClean } from '../fixtures';
import { figures } from '../signoff/helpers';
import { chainRecords, verifyTrail, type TrailRecord } from '../../src/signoff/trail';
import { checkDraft } from '../../src/signoff/rules';
import { loadWorkbook } from '../../src/workbook/load';
import { XlsxFileTrailStore } from '../../src/workbook/trail-xlsx';
import { readXlsx, type XlsxBook } from '../../src/workbook/xlsx/read';
import { cellMap, otherToolFile } from './helpers';

const ann = { name: 'Ann Smith', source: 'typed' as const };
const records = (n: number, after: TrailRecord | null = null): TrailRecord[] =>
  chainRecords(
    after ? { seq: after.seq, hash: after.hash } : null,
    Array.from({ length: n }, (_, i) => checkDraft(figures(), ann, `2017-08-09T09:0${i}:00.000Z`)),
  );

function changedParts(before: XlsxBook, after: XlsxBook): string[] {
  const changed: string[] = [];
  for (const [n, e] of before.entries) {
    const a = after.entries.get(n);
    if (!a || Buffer.compare(Buffer.from(e.data), Buffer.from(a.data)) !== 0) changed.push(n);
  }
  return changed;
}

describe('signing keeps the rest of the package', () => {
  const dir = tmpDir();

  test('outturn sign three times: only the trail, workbook.xml, its rels and content types change', async () => {
    const input = path.join(dir, 'melton.xlsx');
    await meltonClean().xlsx.writeFile(input);
    const signed = path.join(dir, 'melton-signed.xlsx');
    expect(
      (
        await run([
          'sign',
          input,
          '--role',
          'compiler',
          '--name',
          'Alan Pritchard',
          '--acknowledge',
          'Checked',
          '--out',
          signed,
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await run(
          [
            'sign',
            signed,
            '--role',
            'responsible-officer',
            '--name',
            'Dawn Garton',
            '--acknowledge',
            'Checked',
            '--in-place',
          ],
          { now: '2017-08-22T10:00:00Z' },
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await run(
          [
            'sign',
            signed,
            '--role',
            'head-of-service',
            '--name',
            'Keith Aubrey',
            '--acknowledge',
            'Checked',
            '--in-place',
          ],
          { now: '2017-08-23T11:00:00Z' },
        )
      ).code,
    ).toBe(0);
    const before = readXlsx(fs.readFileSync(input));
    const after = readXlsx(fs.readFileSync(signed));
    expect(changedParts(before, after).sort()).toEqual([
      '[Content_Types].xml',
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
    ]);
    const added = [...after.entries.keys()].filter((n) => !before.entries.has(n));
    expect(added).toHaveLength(1);
    expect(after.sheets.find((s) => s.name === 'OutturnTrail')).toMatchObject({ state: 'veryHidden', part: added[0] });
    for (const [sheet, model] of before.models) expect(cellMap(after.models.get(sheet)!)).toEqual(cellMap(model));
    const audit = await run(['audit', signed], { now: '2017-08-24T09:00:00Z' });
    expect(audit.code).toBe(0);
    expect(audit.stdout).toMatch(/Verification: UNBROKEN/);
    // ExcelJS, the old writer, reads the trail the new one wrote.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(signed);
    expect(wb.getWorksheet('OutturnTrail')!.getCell('C2').value).toBe('check');
  });

  test('the trail appended to an .xlsm with a chart, a pivot table and a macro keeps all three', async () => {
    const file = path.join(dir, 'macro.xlsm');
    fs.copyFileSync(otherToolFile('chart-pivot-macro.xlsm'), file);
    const first = records(2);
    const store = new XlsxFileTrailStore(file, file);
    await store.load();
    expect(store.sheets.map((s) => s.name)).toEqual(['PIs', 'Pivot']);
    expect(await store.append(first, 0)).toMatchObject({ ok: true });
    // A second signing continues the trail sheet it finds.
    const again = new XlsxFileTrailStore(file, file);
    expect((await again.load()).entries).toHaveLength(2);
    expect(await again.append(records(1, first[1]), 2)).toMatchObject({ ok: true });

    const before = readXlsx(fs.readFileSync(otherToolFile('chart-pivot-macro.xlsm')));
    const after = readXlsx(fs.readFileSync(file));
    const trailPart = after.sheets.find((s) => s.name === 'OutturnTrail')!.part;
    expect(changedParts(before, after).sort()).toEqual([
      '[Content_Types].xml',
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
    ]);
    expect([...after.entries.keys()].filter((n) => !before.entries.has(n))).toEqual([trailPart]);
    for (const part of [
      'xl/charts/chart1.xml',
      'xl/pivotTables/pivotTable1.xml',
      'xl/pivotCache/pivotCacheDefinition1.xml',
      'xl/vbaProject.bin',
    ])
      expect(after.entries.has(part)).toBe(true);
    const loaded = await loadWorkbook(file);
    expect(verifyTrail(loaded.trail!.entries, loaded.trail!.head)).toMatchObject({ ok: true, verifiedThrough: 3 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['PIs', 'visible'],
      ['Pivot', 'visible'],
      ['OutturnTrail', 'veryHidden'],
    ]);
  });
});
