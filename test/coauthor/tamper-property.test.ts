/**
 * The seeded co-authoring runs of signing-property.test.ts with a deliberate tamper in the
 * middle: a person deletes, alters or re-orders a settled record on one client while the others
 * go on signing. Every client's verification finds it once the run has settled. A failing run's
 * seed is in the failure message.
 */
import type { CheckedReturn } from '../../src/app';
import { checkedMelton, coauthoringRun, type Tamper } from './property-support';

const TAMPER_RUNS = Number(process.env.COAUTHOR_TAMPER_RUNS ?? 200);

let checked: CheckedReturn;
let input: Awaited<ReturnType<typeof checkedMelton>>['input'];
beforeAll(async () => {
  ({ checked, input } = await checkedMelton());
});

const BATCH = 100;
/** A batch takes seconds on an idle machine; the margin is for a machine busy with other work. */
const BATCH_TIMEOUT_MS = 300_000;
const kinds: Tamper[] = ['delete', 'alter', 'reorder'];
let tampered = 0;

for (let from = 1; from <= TAMPER_RUNS; from += BATCH) {
  const to = Math.min(TAMPER_RUNS, from + BATCH - 1);
  test(
    `seeds ${10_000 + from}–${10_000 + to}: a record deleted, altered or re-ordered in the middle is detected by every client`,
    async () => {
      for (let seed = 10_000 + from; seed <= 10_000 + to; seed++) {
        const r = await coauthoringRun(seed, checked, input, kinds[seed % 3]);
        if (!r.tampered) continue;
        tampered++;
        for (const [i, v] of r.verifications.entries()) {
          if (v.ok) throw new Error(`seed ${seed}: a ${r.tampered} in the middle was not detected by client ${i}`);
        }
      }
    },
    BATCH_TIMEOUT_MS,
  );
}

test('most runs had a settled record to tamper with by then', () => {
  expect(tampered).toBeGreaterThan(TAMPER_RUNS / 3);
});
