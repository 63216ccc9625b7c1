/**
 * Read after write in the pane, on the co-authoring simulator: a co-author's append that was on
 * its way when the pane signed lands on the same rows and overwrites the pane's records. The pane
 * finds that out on re-reading once the write has settled: it signs again once (and says "Signed"
 * only for a signature that is there), or says plainly that nothing was signed.
 */
import { createCoauthoring, type Coauthoring } from '../../src/simulator/coauthor';
import { OfficeTrailStore } from '../../src/excel/trail-office';
import { setTrailStore } from '../../src/taskpane/signoff/trail-client';
import { signFromPane } from '../../src/taskpane/signoff/pane-actions';
import {
  appendWithRetry,
  chainTip,
  chainRecords,
  formatHead,
  verifyTrail,
  type TrailRecord,
  type TrailStore,
} from '../../src/signoff/trail';
import { checkDraft } from '../../src/signoff/rules';
import { recordToRow } from '../../src/signoff/storage-rows';
import { figuresOf, signedSentence, type CheckedReturn } from '../../src/app';
import { checkedMelton } from './property-support';
import { seededRandom, VirtualDriver } from './driver';

const START = Date.parse('2017-08-21T09:00:00.000Z');
const ann = { name: 'Ann Smith', source: 'typed' as const };
const bob = { name: 'Bob Jones', source: 'typed' as const };

let checked: CheckedReturn;
let input: Awaited<ReturnType<typeof checkedMelton>>['input'];
beforeAll(async () => {
  ({ checked, input } = await checkedMelton());
});
afterEach(() => setTrailStore(null));

/**
 * Client 0 is the pane; client 1 a co-author whose messages to the server are slow. Each time the
 * pane writes (up to `overwrites` times), client 1 — not having the pane's rows yet — writes its own
 * check record over the first of them, as a co-author appending at the same moment on the same row would.
 */
async function scene(overwrites: number) {
  const co: Coauthoring = createCoauthoring(input, {
    clients: 2,
    delay: ({ from }) => (from === 1 ? 25 : 5),
    awaitHandlers: false,
  });
  const driver = new VirtualDriver(co);
  const clock = { now: () => new Date(START + co.now()) };
  const rng = seededRandom(24);
  const stores = [0, 1].map(
    (i) => new OfficeTrailStore({ run: co.run(i), spread: 24, random: rng, latencyMs: 60, now: co.now }),
  );
  // A trail both have had for a while.
  await driver.run(
    appendWithRetry(stores[1], () => ({ drafts: [checkDraft(figuresOf(checked), bob, clock.now().toISOString())] })),
  );
  await driver.run(driver.sleep(200));
  await driver.run(Promise.all(stores.map((s) => s.load())));
  await driver.run(driver.sleep(400));

  let left = overwrites;
  const overwritten: TrailRecord[] = [];
  const pane: TrailStore = {
    load: () => stores[0].load(),
    settled: stores[0].settled,
    retract: (records) => stores[0].retract(records),
    async append(records, expectedSeq) {
      const out = await stores[0].append(records, expectedSeq);
      if (out.ok && left > 0) {
        left--;
        overwritten.push(records[0]);
        await coauthorWritesOver(co, 1, records[0].hash, clock.now().toISOString());
      }
      return out;
    },
  };
  setTrailStore(pane, () => driver.sleep(stores[0].confirmAfterMs));
  const outcome = await driver.run(
    signFromPane(
      { ...checked, findings: [...checked.findings], sheets: [...checked.sheets], at: clock.now().toISOString() },
      { role: 'compiler', signer: { identity: ann }, statementConfirmed: true, bulkReason: 'Checked with the service' },
      clock,
    ),
  );
  await co.settle();
  const trails = await Promise.all(stores.map((s) => s.load()));
  return { outcome, overwritten, verifications: trails.map((t) => verifyTrail(t.entries, t.head)) };
}

/** Client `who` writes a check record of its own on the row of the pane's record `hash` (which it has not received). */
async function coauthorWritesOver(co: Coauthoring, who: number, hash: string, at: string): Promise<void> {
  const paneRows = co.clients[0].sheet('OutturnTrail').rows;
  const row = paneRows.findIndex((r) => r?.[4]?.value === hash);
  const mine = co.clients[who].sheet('OutturnTrail').rows;
  expect(mine[row]?.[4]?.value ?? '').toBe(''); // the co-author has not got the pane's rows yet
  const store = new OfficeTrailStore({ run: co.run(who) });
  const t = await store.load();
  const v = verifyTrail(t.entries, t.head);
  const { tip, also } = chainTip(v, t.head);
  const [record] = chainRecords(tip, [checkDraft(figuresOf(checked), bob, at)], also);
  await co.run(who)(async (context) => {
    const cells = recordToRow(record);
    const ws = context.workbook.worksheets.getItem('OutturnTrail');
    const range = ws.getRangeByIndexes(row, 0, 1, 9);
    range.numberFormat = [Array(9).fill('@')];
    range.values = [[...cells, ...Array(9 - cells.length).fill('')]];
    context.workbook.names.getItem('OutturnTrailHead').formula = `="${formatHead(record)}"`;
    await context.sync();
  });
}

test("a co-author's write overwrites the pane's signature once: the pane signs again and says Signed for the one that is there", async () => {
  const { outcome, overwritten, verifications } = await scene(1);
  expect(overwritten).toHaveLength(1);
  expect(outcome.signed).toBe(true);
  if (!outcome.signed) return;
  expect(signedSentence(outcome)).toMatch(/^Signed as compiler by Ann Smith/);
  for (const v of verifications) {
    expect(v.ok).toBe(true);
    expect(v.records.map((r) => r.hash)).toContain(outcome.signature.hash);
    // What was left of the lost write was taken back: no record of it links to one that is gone.
    expect(v.records.map((r) => r.hash)).not.toContain(overwritten[0].hash);
  }
});

test('overwritten again on the retry: the pane never says Signed, and says plainly that nothing was signed', async () => {
  const { outcome, overwritten, verifications } = await scene(2);
  expect(overwritten).toHaveLength(2);
  expect(outcome.signed).toBe(false);
  if (outcome.signed) return;
  expect(outcome.refusals[0].code).toBe('not-recorded');
  expect(outcome.refusals[0].message).toMatch(/was not recorded.*Nothing was signed/);
  for (const v of verifications) {
    // The trail holds no signature by Ann, and nothing of hers is left half-written: it verifies.
    expect(v.ok).toBe(true);
    expect(v.records.filter((r) => r.type === 'sign' && r.actor?.name === 'Ann Smith')).toEqual([]);
  }
});
