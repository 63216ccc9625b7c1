import { createCoauthoring } from '../../src/simulator/coauthor';
import { OfficeTrailStore } from '../../src/excel/trail-office';
import { appendWithRetry, confirmRecorded, verifyTrail } from '../../src/signoff/trail';
import { checkDraft } from '../../src/signoff/rules';
import { figures } from '../signoff/helpers';

const input = {
  sheets: [
    {
      name: 'Return',
      cells: [
        ['Ref', 'Apr'],
        ['PI 1', 0.5],
      ],
    },
  ],
};
const check = (who: string, at: string) => () => ({
  drafts: [checkDraft(figures(), { name: who, source: 'typed' as const }, at)],
});

test('three co-authors append at the same moment: all records kept, shown as concurrent, and the trail goes on', async () => {
  const co = createCoauthoring(input, { clients: 3, delay: () => 7 });
  let n = 0;
  const random = () => [0.1, 0.5, 0.9][n++ % 3]; // each client's gap differs: different rows
  const stores = co.clients.map((_, i) => new OfficeTrailStore({ run: co.run(i), spread: 30, random }));
  // One record each first, so all three start from the same trail.
  await appendWithRetry(stores[0], check('Ann', '2017-08-10T08:00:00.000Z'));
  await co.settle();
  const outs = await Promise.all(
    stores.map((s, i) => appendWithRetry(s, check(`Officer ${i}`, '2017-08-10T09:00:00.000Z'))),
  );
  await co.settle();
  const written = outs.flatMap((o) => ('written' in o ? o.written : []));
  expect(written).toHaveLength(3);
  for (const s of stores) {
    const { recorded, verification } = await confirmRecorded(s, written);
    expect(recorded).toBe(true);
    expect(verification.concurrent).toHaveLength(1);
    expect(verification.concurrent?.[0].records).toHaveLength(3);
    expect(verification.reason).toMatch(/concurrent, not broken/);
  }
  // The next record vouches for the other branches' ends, and the trail still verifies.
  const next = await appendWithRetry(stores[1], check('Auditor', '2017-08-10T10:00:00.000Z'));
  expect('written' in next && next.written[0].also).toHaveLength(2);
  await co.settle();
  const t = await stores[2].load();
  expect(verifyTrail(t.entries, t.head)).toMatchObject({ ok: true, verifiedThrough: 5 });
});

test('in a forked trail a record deleted or altered is still detected', async () => {
  const co = createCoauthoring(input, { clients: 2, delay: () => 7 });
  let n = 0;
  const random = () => [0.2, 0.8][n++ % 2];
  const stores = co.clients.map((_, i) => new OfficeTrailStore({ run: co.run(i), spread: 30, random }));
  await appendWithRetry(stores[0], check('Ann', '2017-08-10T08:00:00.000Z'));
  await co.settle();
  await Promise.all(stores.map((s, i) => appendWithRetry(s, check(`Officer ${i}`, '2017-08-10T09:00:00.000Z'))));
  await co.settle();
  await appendWithRetry(stores[0], check('Auditor', '2017-08-10T10:00:00.000Z'));
  await co.settle();
  const ws = co.clients[0].sheet('OutturnTrail');
  const recordRows = ws.rows.map((r, i) => (i > 0 && r?.[6]?.value ? i : -1)).filter((i) => i > 0);
  expect(recordRows).toHaveLength(4);
  // Altered: one concurrent record's JSON.
  const saved = ws.rows[recordRows[1]].map((c) => (c ? { ...c } : c));
  const cell = ws.rows[recordRows[1]][6]!;
  ws.rows[recordRows[1]][6] = { ...cell, value: String(cell.value).replace('Officer', 'Offiser') };
  let t = await stores[0].load();
  expect(verifyTrail(t.entries, t.head).ok).toBe(false);
  // Deleted: the same row cleared.
  ws.rows[recordRows[1]] = [];
  t = await stores[0].load();
  expect(verifyTrail(t.entries, t.head).ok).toBe(false);
  ws.rows[recordRows[1]] = saved;
  t = await stores[0].load();
  expect(verifyTrail(t.entries, t.head).ok).toBe(true);
});
