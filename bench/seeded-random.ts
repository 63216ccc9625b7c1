/**
 * A small seeded PRNG (mulberry32): the same seed gives the same run, so the bench's workbook is
 * the same on every machine and a failing property test's case can be replayed
 * (test/support/seeded-random.ts hands it to the tests).
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
