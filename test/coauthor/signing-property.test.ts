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
