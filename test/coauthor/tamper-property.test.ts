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

test(`${TAMPER_RUNS} seeded runs with a record deleted, altered or re-ordered in the middle: every client detects it`, async () => {
  const kinds: Tamper[] = ['delete', 'alter', 'reorder'];
  let tampered = 0;
  for (let seed = 1; seed <= TAMPER_RUNS; seed++) {
    const r = await coauthoringRun(10_000 + seed, checked, input, kinds[seed % 3]);
    if (!r.tampered) continue;
    tampered++;
    for (const [i, v] of r.verifications.entries()) {
      if (v.ok) throw new Error(`seed ${10_000 + seed}: a ${r.tampered} in the middle was not detected by client ${i}`);
    }
  }
  // Most runs had a settled record to tamper with by then.
  expect(tampered).toBeGreaterThan(TAMPER_RUNS / 3);
});
