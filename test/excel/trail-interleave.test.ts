/**
 * Two appends from one pane whose syncs interleave (a Sign while a Check's record is being
 * written), and the first record of a workbook written by two at once: exactly one writes
 * or both do, each is told the truth, nothing is overwritten, no empty trail sheet is left.
 */
import { createSimulator, type Simulator } from '../../src/simulator';
import { workbookInputFromExcelJS } from '../support/simulator-from-exceljs';
import { OfficeTrailStore } from '../../src/excel/trail-office';
import { appendWithRetry, chainRecords, formatHead, verifyTrail } from '../../src/signoff/trail';
import { checkDraft, prepareSignature } from '../../src/signoff/rules';
import { meltonClean } from '../fixtures';
import { figures, figuresOf, sheetsFromSimulator } from '../signoff/helpers';

const ann = { name: 'Ann Smith', source: 'typed' as const };
const bob = { name: 'Bob Jones', source: 'typed' as const };

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
});

function melton(): Simulator {
  return createSimulator(workbookInputFromExcelJS(meltonClean())).install();
}

describe('appends whose syncs interleave', () => {
  test('a Check and a Sign from one pane at once: both records are kept, in a trail that verifies', async () => {
    sim = melton();
    const store = new OfficeTrailStore();
    const f = figuresOf(sheetsFromSimulator(sim.workbook));
    // The pane's check record first, so the sign has a check to rely on.
    await appendWithRetry(store, () => ({ drafts: [checkDraft(f, ann, '2017-08-10T08:59:00.000Z')] }));
    const check = appendWithRetry(store, () => ({ drafts: [checkDraft(f, ann, '2017-08-10T09:00:00.000Z')] }));
    const sign = appendWithRetry(store, (_t, v) => {
      const out = prepareSignature(v, f, {
        role: 'compiler',
        identity: ann,
        statementConfirmed: true,
        at: '2017-08-10T09:00:01.000Z',
      });
      return out.ok ? { drafts: out.drafts } : { refusal: out.reasons };
    });
    const [c, s] = await Promise.all([check, sign]);
    expect(c).toHaveProperty('written');
    expect(s).toHaveProperty('written');
    const back = await store.load();
    const v = verifyTrail(back.entries, back.head);
    expect(v.ok).toBe(true);
    const hashes = v.records.map((r) => r.hash);
    for (const r of [...('written' in c ? c.written : []), ...('written' in s ? s.written : [])]) {
      expect(hashes).toContain(r.hash);
    }
  });

  test('two appends at the same seq from one pane: one is written, the other is told it conflicted', async () => {
    sim = melton();
    const store = new OfficeTrailStore();
    await store.load();
    const [first] = chainRecords(null, [checkDraft(figures(), ann, '2017-08-09T09:00:00.000Z')]);
    await store.append([first], 0);
    const a = chainRecords({ seq: 1, hash: first.hash }, [checkDraft(figures(), ann, '2017-08-09T09:01:00.000Z')]);
    const b = chainRecords({ seq: 1, hash: first.hash }, [checkDraft(figures(), bob, '2017-08-09T09:01:00.000Z')]);
    const results = await Promise.all([store.append(a, 1), store.append(b, 1)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, conflict: true, storedSeq: 2 }]);
    const back = await store.load();
    const v = verifyTrail(back.entries, back.head);
    expect(v).toMatchObject({ ok: true, verifiedThrough: 2 });
    const kept = results[0].ok ? a : b;
    expect(v.records[1].hash).toBe(kept[0].hash);
  });
});

describe('the first record, no trail sheet yet', () => {
  test('two writers at once: one writes, the other gets a conflict (not an ItemAlreadyExists error)', async () => {
    sim = melton();
    const mine = new OfficeTrailStore();
    const theirs = new OfficeTrailStore();
    await mine.load();
    await theirs.load();
    const [m] = chainRecords(null, [checkDraft(figures(), ann, '2017-08-09T09:00:00.000Z')]);
    const [t] = chainRecords(null, [checkDraft(figures(), bob, '2017-08-09T09:00:00.000Z')]);
    const results = await Promise.all([mine.append([m], 0), theirs.append([t], 0)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, conflict: true });
    const back = await mine.load();
    expect(verifyTrail(back.entries, back.head)).toMatchObject({ ok: true, verifiedThrough: 1 });
  });

  test('both through appendWithRetry: both records are written', async () => {
    sim = melton();
    const outs = await Promise.all(
      [ann, bob].map((who, i) =>
        appendWithRetry(new OfficeTrailStore(), () => ({
          drafts: [checkDraft(figures(), who, `2017-08-09T09:00:0${i}.000Z`)],
        })),
      ),
    );
    for (const o of outs) expect(o).toHaveProperty('written');
    const back = await new OfficeTrailStore().load();
    expect(verifyTrail(back.entries, back.head)).toMatchObject({ ok: true, verifiedThrough: 2 });
  });

  test('a conflict found before the sheet exists leaves no empty trail sheet behind', async () => {
    sim = melton();
    const store = new OfficeTrailStore();
    await store.load();
    // Another client's head name has arrived, its sheet not yet.
    const [theirs] = chainRecords(null, [checkDraft(figures(), bob, '2017-08-09T09:00:00.000Z')]);
    sim.workbook.names.push({ name: 'OutturnTrailHead', formula: `="${formatHead(theirs)}"` } as never);
    const [m] = chainRecords(null, [checkDraft(figures(), ann, '2017-08-09T09:00:01.000Z')]);
    expect(await store.append([m], 0)).toMatchObject({ ok: false, conflict: true, storedSeq: 1 });
    expect(sim.workbook.sheets.map((s) => s.name)).not.toContain('OutturnTrail');
  });
});
