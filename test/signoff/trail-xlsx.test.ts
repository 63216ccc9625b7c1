import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { meltonWorkbook } from '../fixtures';
import {
  appendTrailRows,
  readHeadFromXlsx,
  readTrailRows,
  writeHeadIntoXlsx,
  writeWorkbookWithHead,
} from '../support/trail-exceljs';
import { XlsxFileTrailStore } from '../../src/workbook/trail-xlsx';
import { appendWithRetry, chainRecords, verifyTrail, type TrailRecord } from '../../src/signoff/trail';
import { checkDraft } from '../../src/signoff/rules';
import { figures } from './helpers';

const ann = { name: 'Ann Smith', source: 'typed' as const };
const records = (n: number, after: TrailRecord | null = null): TrailRecord[] =>
  chainRecords(
    after ? { seq: after.seq, hash: after.hash } : null,
    Array.from({ length: n }, (_, i) => checkDraft(figures(), ann, `2017-08-09T09:0${i}:00.000Z`)),
  );

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('trail in an .xlsx (ExcelJS)', () => {
  test('very hidden sheet, header row, one record per row, and the head name survive a save and reload', async () => {
    const wb = meltonWorkbook();
    wb.definedNames.add(`'${wb.worksheets[0].name}'!$A$1`, 'UserTitle'); // the user's own name must survive
    const t = records(3);
    appendTrailRows(wb, t);
    const bytes = await writeHeadIntoXlsx(Buffer.from(await wb.xlsx.writeBuffer()), { seq: 3, hash: t[2].hash });

    const back = await load(bytes);
    const ws = back.getWorksheet('OutturnTrail')!;
    expect(ws.state).toBe('veryHidden');
    expect(ws.getRow(1).values).toEqual([undefined, 'seq', 'at', 'type', 'actor', 'hash', 'prev', 'record JSON']);
    expect(ws.getCell('A2').value).toBe(1);
    expect(ws.getCell('E4').value).toBe(t[2].hash);
    expect(back.definedNames.model.map((n) => n.name)).toContain('UserTitle');
    expect(await readHeadFromXlsx(bytes)).toEqual({ seq: 3, hash: t[2].hash });
    const xml = await (await JSZip.loadAsync(bytes)).file('xl/workbook.xml')!.async('string');
    expect(xml).toContain(`<definedName name="OutturnTrailHead">&quot;3:${t[2].hash}&quot;</definedName>`);
    expect(xml).toMatch(/<sheet [^>]*name="OutturnTrail"[^>]*state="veryHidden"/);

    const entries = readTrailRows(back);
    expect(entries.map((e) => (e.raw as TrailRecord).seq)).toEqual([1, 2, 3]);
    expect(verifyTrail(entries, await readHeadFromXlsx(bytes))).toMatchObject({ ok: true });
  });

  test('appending after a reload continues the chain; the head is replaced, not duplicated', async () => {
    const wb = meltonWorkbook();
    const first = records(2);
    appendTrailRows(wb, first);
    let bytes = await writeHeadIntoXlsx(Buffer.from(await wb.xlsx.writeBuffer()), { seq: 2, hash: first[1].hash });
    const again = await load(bytes); // ExcelJS drops the head here …
    const more = records(2, first[1]);
    appendTrailRows(again, more);
    bytes = await writeHeadIntoXlsx(Buffer.from(await again.xlsx.writeBuffer()), { seq: 4, hash: more[1].hash }); // … and it is written back
    const xml = await (await JSZip.loadAsync(bytes)).file('xl/workbook.xml')!.async('string');
    expect(xml.match(/OutturnTrailHead/g)).toHaveLength(1);
    const v = verifyTrail(readTrailRows(await load(bytes)), await readHeadFromXlsx(bytes));
    expect(v).toMatchObject({ ok: true, verifiedThrough: 4 });
  });

  test('a record longer than one cell holds is split over columns and verifies', async () => {
    const wb = meltonWorkbook();
    const f = figures();
    const [big] = chainRecords(null, [
      {
        type: 'config',
        at: '2017-08-09T09:00:00.000Z',
        actor: ann,
        payload: { configDigest: f.configDigest, config: { note: 'x'.repeat(70_000) } },
      },
    ]);
    appendTrailRows(wb, [big]);
    const bytes = await writeHeadIntoXlsx(Buffer.from(await wb.xlsx.writeBuffer()), { seq: 1, hash: big.hash });
    const back = await load(bytes);
    const row = back.getWorksheet('OutturnTrail')!.getRow(2);
    expect(String(row.getCell(9).value).length).toBeGreaterThan(0); // G, H and I hold the JSON
    for (const c of [7, 8, 9]) expect(String(row.getCell(c).value).length).toBeLessThanOrEqual(32_767);
    expect(verifyTrail(readTrailRows(back), await readHeadFromXlsx(bytes))).toMatchObject({ ok: true });
  });

  test('an auditor editing a cell of the trail sheet in Excel breaks it at that record', async () => {
    const wb = meltonWorkbook();
    const t = records(3);
    appendTrailRows(wb, t);
    const bytes = await writeHeadIntoXlsx(Buffer.from(await wb.xlsx.writeBuffer()), { seq: 3, hash: t[2].hash });
    const back = await load(bytes);
    const ws = back.getWorksheet('OutturnTrail')!;
    ws.getCell('G3').value = String(ws.getCell('G3').value).replace('"errors":0', '"errors":5');
    expect(verifyTrail(readTrailRows(back), await readHeadFromXlsx(bytes))).toMatchObject({
      ok: false,
      firstBrokenSeq: 2,
    });
    ws.getRow(3).values = []; // delete the row's contents
    expect(verifyTrail(readTrailRows(back), await readHeadFromXlsx(bytes))).toMatchObject({
      ok: false,
      firstBrokenSeq: 2,
    });
  });

  test('file store: a co-author who appended to the file meanwhile is a conflict, retried on the fresh file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outturn-trail-'));
    const file = path.join(dir, 'melton.xlsx');
    await meltonWorkbook().xlsx.writeFile(file);
    const mine = new XlsxFileTrailStore(file, file);
    const theirs = new XlsxFileTrailStore(file, file);
    let interfered = false;
    const store = {
      load: () => mine.load(),
      async append(recs: TrailRecord[], expectedSeq: number) {
        if (!interfered) {
          // Someone else writes record 1 to the same file between our read and our write.
          interfered = true;
          await theirs.load();
          await theirs.append(records(1), 0);
        }
        return mine.append(recs, expectedSeq);
      },
    };
    const builds: number[] = [];
    const out = await appendWithRetry(store, (trail) => {
      builds.push(trail.entries.length);
      return { drafts: [checkDraft(figures(), { name: 'Bob Jones', source: 'typed' }, '2017-08-09T09:01:00.000Z')] };
    });
    expect(builds).toEqual([0, 1]);
    expect('written' in out && out.written.map((r) => r.seq)).toEqual([2]);
    void out;
    const bytes = fs.readFileSync(file);
    const v = verifyTrail(readTrailRows(await load(bytes)), await readHeadFromXlsx(bytes));
    expect(v.ok).toBe(true);
    expect(v.records.map((r) => [r.seq, r.actor?.name])).toEqual([
      [1, 'Ann Smith'],
      [2, 'Bob Jones'],
    ]);
  });

  test('file store: a write after the file changed on disk is refused as a conflict', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outturn-trail-'));
    const file = path.join(dir, 'melton.xlsx');
    await meltonWorkbook().xlsx.writeFile(file);
    const mine = new XlsxFileTrailStore(file, file);
    const theirs = new XlsxFileTrailStore(file, file);
    await mine.load();
    await theirs.load();
    expect(await theirs.append(records(1), 0)).toMatchObject({ ok: true });
    expect(await mine.append(records(1), 0)).toEqual({ ok: false, conflict: true, storedSeq: 1 });
    // Nothing of ours was written: one record, by them.
    const bytes = fs.readFileSync(file);
    expect(readTrailRows(await load(bytes))).toHaveLength(1);
  });

  test('writeWorkbookWithHead writes through a temporary file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outturn-trail-'));
    const file = path.join(dir, 'out.xlsx');
    const wb = meltonWorkbook();
    const t = records(1);
    appendTrailRows(wb, t);
    await writeWorkbookWithHead(wb, file, { seq: 1, hash: t[0].hash });
    expect(fs.readdirSync(dir)).toEqual(['out.xlsx']);
    expect(await readHeadFromXlsx(fs.readFileSync(file))).toEqual({ seq: 1, hash: t[0].hash });
  });
});
