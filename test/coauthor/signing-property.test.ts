/**
 * The evidence of issue #24 on the co-authoring simulator: many seeded runs of 3–20 clients
 * signing, withdrawing and checking at random moments, their writes arriving after random
 * delays. In every run no signature a pane reported as made is missing, every client's trail
 * verifies (records made at the same moment shown as concurrent), and a signature can still be
 * made afterwards; with a record deleted, altered or re-ordered in the middle, every client's
 * verification finds it. A failing run's seed is in the failure message.
 */
import type { CheckedReturn } from '../../src/app';
import { checkedMelton, coauthoringRun, type RunResult, type Tamper } from './property-support';

const RUNS = Number(process.env.COAUTHOR_RUNS ?? 500);
const TAMPER_RUNS = Number(process.env.COAUTHOR_TAMPER_RUNS ?? 120);

let checked: CheckedReturn;
let input: Awaited<ReturnType<typeof checkedMelton>>['input'];
beforeAll(async () => {
  ({ checked, input } = await checkedMelton());
});

/** What is wrong with a run without tampering, or null. */
function problemsOf(r: RunResult): string | null {
  for (const [i, v] of r.verifications.entries()) {
    if (!v.ok) return `client ${i}'s trail does not verify: ${v.reason}`;
    const stored = new Set(v.records.map((x) => x.hash));
    const missing = [...r.reported, ...r.withdrawn].filter((h) => !stored.has(h));
    if (missing.length) return `client ${i}'s trail lacks ${missing.length} record(s) a pane reported as made`;
  }
  if (!r.signsAfter) return 'the trail refuses further signatures';
  return null;
}

test(`${RUNS} seeded runs: every reported signature kept, every trail verifies, signing can go on`, async () => {
  let signatures = 0;
  let concurrent = 0;
  for (let seed = 1; seed <= RUNS; seed++) {
    const r = await coauthoringRun(seed, checked, input);
    const problem = problemsOf(r);
    if (problem) throw new Error(`seed ${seed} (${r.clients} clients): ${problem}`);
    signatures += r.reported.length;
    concurrent += r.verifications[0].concurrent?.length ? 1 : 0;
  }
  // The runs did what they are for: signatures were made, and writes did meet.
  expect(signatures).toBeGreaterThan(RUNS);
  expect(concurrent).toBeGreaterThan(RUNS / 10);
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
  expect(tampered).toBeGreaterThan(TAMPER_RUNS / 2);
});
