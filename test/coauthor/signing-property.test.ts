/**
 * The evidence of issue #24 on the co-authoring simulator: many seeded runs of 3–20 clients
 * signing, withdrawing and checking at random moments, their writes arriving after random
 * delays. In every run no signature a pane reported as made is missing, every client's trail
 * verifies (records made at the same moment shown as concurrent), and a signature can still be
 * made afterwards. A failing run's seed is in the failure message; tamper-property.test.ts has
 * the same runs with a record tampered with in the middle.
 */
import type { CheckedReturn } from '../../src/app';
import { checkedMelton, coauthoringRun, type RunResult } from './property-support';

const RUNS = Number(process.env.COAUTHOR_RUNS ?? 500);

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

/** Runs in batches of seeds, so a slow machine shows which batch and no batch meets the per-test timeout. */
const BATCH = 100;
/** A batch takes seconds on an idle machine; the margin is for a machine busy with other work. */
const BATCH_TIMEOUT_MS = 300_000;
const totals = { runs: 0, signatures: 0, concurrent: 0 };

for (let from = 1; from <= RUNS; from += BATCH) {
  const to = Math.min(RUNS, from + BATCH - 1);
  test(
    `seeds ${from}–${to}: every reported signature kept, every trail verifies, signing can go on`,
    async () => {
      for (let seed = from; seed <= to; seed++) {
        const r = await coauthoringRun(seed, checked, input);
        const problem = problemsOf(r);
        if (problem) throw new Error(`seed ${seed} (${r.clients} clients): ${problem}`);
        totals.runs++;
        totals.signatures += r.reported.length;
        totals.concurrent += r.verifications[0].concurrent?.length ? 1 : 0;
      }
    },
    BATCH_TIMEOUT_MS,
  );
}

test('the runs did what they are for: signatures were made, and writes did meet', () => {
  expect(totals.runs).toBe(RUNS);
  expect(totals.signatures).toBeGreaterThan(RUNS);
  expect(totals.concurrent).toBeGreaterThan(RUNS / 2);
});
