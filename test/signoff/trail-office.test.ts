import ExcelJS from 'exceljs';
import { createSimulator, type Simulator } from '../../src/simulator';
import { workbookInputFromExcelJS } from '../support/simulator-from-exceljs';
import { OfficeTrailStore } from '../../src/excel/trail-office';
import { createOfficeHost } from '../../src/excel/office-host';
import { appendTrailRows, readHeadFromXlsx, readTrailRows, writeHeadIntoXlsx } from '../support/trail-exceljs';
import {
  appendWithRetry,
  chainRecords,
  formatHead,
  parseHead,
  verifyTrail,
  type TrailRecord,
} from '../../src/signoff/trail';
import { checkDraft, prepareSignature, type CheckedFigures } from '../../src/signoff/rules';
import { signOffState } from '../../src/signoff/state';
import { meltonClean } from '../fixtures';
import { figures, figuresOf, sheetsFromExcelJS, sheetsFromSimulator, simulatorToExcelJS } from './helpers';

const ann = { name: 'Ann Smith', source: 'typed' as const };
const bob = { name: 'Bob Jones', upn: 'bob.jones@melton.gov.uk', source: 'office-account' as const };

async function reloadExcelJS(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** An .xlsx (bytes) as the simulator's workbook, the head name included. */
async function xlsxToSimulator(bytes: Buffer): Promise<Simulator> {
  const input = workbookInputFromExcelJS(await reloadExcelJS(bytes));
  const head = await readHeadFromXlsx(bytes);
  if (head) input.names = [...(input.names ?? []), { name: 'OutturnTrailHead', formula: `="${formatHead(head)}"` }];
  return createSimulator(input).install();
}

/** The simulator's workbook saved as an .xlsx (bytes), head included. */
async function simulatorToXlsx(sim: Simulator): Promise<Buffer> {
  const { wb, headFormula } = simulatorToExcelJS(sim);
  return writeHeadIntoXlsx(Buffer.from(await wb.xlsx.writeBuffer()), parseHead(headFormula));
}

async function signWith(
  store: OfficeTrailStore,
  f: CheckedFigures,
  role: 'compiler' | 'responsible-officer' | 'head-of-service',
  identity: typeof ann | typeof bob,
  at: string,
) {
  return appendWithRetry(store, (_trail, verification) => {
    const out = prepareSignature(verification, f, { role, identity, statementConfirmed: true, at });
    return out.ok ? { drafts: out.drafts } : { refusal: out.reasons.map((r) => r.message) };
  });
}

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
});

describe('trail through Office.js (simulator)', () => {
  test('appends in at most two syncs: very hidden sheet, header, rows as text, head name', async () => {
    sim = createSimulator(workbookInputFromExcelJS(meltonClean())).install();
    const store = new OfficeTrailStore();
    const loaded = await store.load();
    expect(loaded).toEqual({ entries: [], head: null });
    const records = chainRecords(null, [
      checkDraft(figures(), ann, '2017-08-09T09:00:00.000Z'),
      checkDraft(figures(), ann, '2017-08-09T09:01:00.000Z'),
    ]);
    sim.resetStats();
    expect(await store.append(records, 0)).toEqual({ ok: true, records });
    expect(sim.stats.syncs).toBeLessThanOrEqual(2);
    const ws = sim.sheet('OutturnTrail');
    expect(ws.visibility).toBe('VeryHidden');
    expect(ws.rows[0].map((c) => c?.value)).toEqual(['seq', 'at', 'type', 'actor', 'hash', 'prev', 'record JSON']);
    expect(ws.rows[1][0]?.value).toBe(1);
    expect(ws.rows[1][5]?.value).toBe('0'.repeat(64)); // text, not the number 0
    expect(sim.workbook.names.find((n) => n.name === 'OutturnTrailHead')?.formula).toBe(`="2:${records[1].hash}"`);

    const more = chainRecords({ seq: 2, hash: records[1].hash }, [
      checkDraft(figures(), bob, '2017-08-09T10:00:00.000Z'),
    ]);
    await store.load();
    sim.resetStats();
    expect(await store.append(more, 2)).toMatchObject({ ok: true });
    expect(sim.stats.syncs).toBeLessThanOrEqual(2);
    const back = await store.load();
    expect(verifyTrail(back.entries, back.head)).toMatchObject({ ok: true, verifiedThrough: 3 });
  });

  test('two co-authors: the second writer gets a conflict, re-reads, and takes the next seq', async () => {
    sim = createSimulator(workbookInputFromExcelJS(meltonClean())).install();
    const mine = new OfficeTrailStore();
    const theirs = new OfficeTrailStore();
    await mine.load();
    await theirs.load();
    const [theirRecord] = chainRecords(null, [checkDraft(figures(), bob, '2017-08-09T09:00:00.000Z')]);
    expect(await theirs.append([theirRecord], 0)).toMatchObject({ ok: true });
    const [myRecord] = chainRecords(null, [checkDraft(figures(), ann, '2017-08-09T09:00:01.000Z')]);
    expect(await mine.append([myRecord], 0)).toMatchObject({ ok: false, conflict: true });
    const out = await appendWithRetry(mine, () => ({
      drafts: [checkDraft(figures(), ann, '2017-08-09T09:00:02.000Z')],
    }));
    expect('written' in out && out.written[0].seq).toBe(2);
    const back = await mine.load();
    expect(verifyTrail(back.entries, back.head)).toMatchObject({ ok: true, verifiedThrough: 2 });
  });
});

describe('cross-implementation: Office.js (simulator) and ExcelJS', () => {
  test('the same figures give the same fingerprint from both readers', async () => {
    const wb = meltonClean();
    const viaExcelJS = figuresOf(sheetsFromExcelJS(await reloadExcelJS(Buffer.from(await wb.xlsx.writeBuffer()))));
    sim = createSimulator(workbookInputFromExcelJS(meltonClean())).install();
    const viaOffice = figuresOf(sheetsFromSimulator(sim.workbook));
    expect(viaExcelJS.counts.indicators).toBeGreaterThan(10);
    expect(viaOffice.fingerprint.hash).toBe(viaExcelJS.fingerprint.hash);
    expect(viaOffice.fingerprint.indicators).toEqual(viaExcelJS.fingerprint.indicators);
  });

  test('the add-in reader (createOfficeHost) and the command-line loader give the same fingerprint', async () => {
    const wb = meltonClean();
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const viaExcelJS = figuresOf(sheetsFromExcelJS(await reloadExcelJS(bytes)));
    sim = await xlsxToSimulator(bytes);
    const read = await createOfficeHost().read('sheet');
    const viaHost = figuresOf(read.sheets);
    expect(viaHost.counts.indicators).toBe(viaExcelJS.counts.indicators);
    expect(viaHost.fingerprint.hash).toBe(viaExcelJS.fingerprint.hash);
  });

  test('signed in the add-in, verified with ExcelJS; signed again with ExcelJS, verified in the add-in', async () => {
    sim = createSimulator(workbookInputFromExcelJS(meltonClean())).install();
    const store = new OfficeTrailStore();
    const f = figuresOf(sheetsFromSimulator(sim.workbook));
    expect(await signWith(store, f, 'compiler', ann, '2017-08-10T09:00:00.000Z')).toHaveProperty('written');

    const bytes = await simulatorToXlsx(sim);
    sim.uninstall();
    const wb = await reloadExcelJS(bytes);
    expect(wb.getWorksheet('OutturnTrail')?.state).toBe('veryHidden');
    const v = verifyTrail(readTrailRows(wb), await readHeadFromXlsx(bytes));
    expect(v).toMatchObject({ ok: true, verifiedThrough: 2 });

    // The responsible officer signs with the command line's storage (ExcelJS).
    const fx = figuresOf(sheetsFromExcelJS(wb), 'cli');
    expect(fx.fingerprint.hash).toBe(f.fingerprint.hash);
    const out = prepareSignature(v, fx, {
      role: 'responsible-officer',
      identity: bob,
      statementConfirmed: true,
      at: '2017-08-11T09:00:00.000Z',
    });
    expect(out.ok).toBe(true);
    const last = v.records[v.records.length - 1] as TrailRecord;
    const added = chainRecords({ seq: last.seq, hash: last.hash }, out.ok ? out.drafts : []);
    appendTrailRows(wb, added);
    const bytes2 = await writeHeadIntoXlsx(Buffer.from(await wb.xlsx.writeBuffer()), {
      seq: added[added.length - 1].seq,
      hash: added[added.length - 1].hash,
    });

    sim = await xlsxToSimulator(bytes2);
    const loaded = await new OfficeTrailStore().load();
    const v2 = verifyTrail(loaded.entries, loaded.head);
    // Check and signature of the responsible officer: the compiler's check is not borrowed under another name.
    expect(v2).toMatchObject({ ok: true, verifiedThrough: 4 });
    const state = signOffState(v2.records, { fingerprint: f.fingerprint.hash, indicators: f.fingerprint.indicators });
    expect(state.map((s) => s.status)).toEqual(['signed', 'signed', 'not-signed']);
  });

  test('one figure changed with ExcelJS: the signatures are stale in both', async () => {
    sim = createSimulator(workbookInputFromExcelJS(meltonClean())).install();
    const store = new OfficeTrailStore();
    const f = figuresOf(sheetsFromSimulator(sim.workbook));
    await signWith(store, f, 'compiler', ann, '2017-08-10T09:00:00.000Z');
    await signWith(store, f, 'responsible-officer', bob, '2017-08-10T10:00:00.000Z');
    const bytes = await simulatorToXlsx(sim);
    sim.uninstall();

    const wb = await reloadExcelJS(bytes);
    const ws = wb.getWorksheet('Corporate PIs')!;
    const ref = String(ws.getCell('A6').value);
    ws.getCell('H6').value = Number(ws.getCell('H6').value) + 0.01; // July figure of the first indicator
    const changedBytes = await writeHeadIntoXlsx(
      Buffer.from(await wb.xlsx.writeBuffer()),
      await readHeadFromXlsx(bytes),
    );

    // ExcelJS side (the command line).
    const wbx = await reloadExcelJS(changedBytes);
    const fx = figuresOf(sheetsFromExcelJS(wbx), 'cli');
    const vx = verifyTrail(readTrailRows(wbx), await readHeadFromXlsx(changedBytes));
    expect(vx.ok).toBe(true);
    const sx = signOffState(vx.records, { fingerprint: fx.fingerprint.hash, indicators: fx.fingerprint.indicators });
    expect(sx.map((s) => s.status)).toEqual(['stale', 'stale', 'not-signed']);
    expect(sx[0].changes?.changed).toEqual([`Corporate PIs|${ref}`]);

    // Office.js side (the add-in).
    sim = await xlsxToSimulator(changedBytes);
    const loaded = await new OfficeTrailStore().load();
    const fo = figuresOf(sheetsFromSimulator(sim.workbook));
    expect(fo.fingerprint.hash).toBe(fx.fingerprint.hash);
    const so = signOffState(verifyTrail(loaded.entries, loaded.head).records, {
      fingerprint: fo.fingerprint.hash,
      indicators: fo.fingerprint.indicators,
    });
    expect(so.map((s) => s.status)).toEqual(['stale', 'stale', 'not-signed']);
    expect(so[1].changes?.changed).toEqual([`Corporate PIs|${ref}`]);
  });
});
