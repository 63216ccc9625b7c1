'use strict';
// Two V8 settings keep a large check's memory down (docs/BENCHMARKS.md, 3 December 2026).
// V8 moves an allocation site to the old generation once most of its objects survive a minor
// collection. The Cells a check builds one row at a time (src/engine/model/cell-store.ts) die
// young, but in about one run in three enough of them were caught alive that the site was
// moved, and from then on every transient Cell waited for a full collection: on a 1M-row CSV
// the peak went from about 460 MB to 750 MB and the run took twice as long. And V8 lets the
// old generation grow to about twice what the last full collection kept before it collects
// again; after the sheet is read that headroom is 150-200 MB of garbage. Growing by 30 % at a
// time costs a few more full collections (under a second on that return) and keeps the peak
// near 430 MB. Both flags are read at each collection, so setting them here, before any work,
// takes effect (measured; node's documentation only promises flags set before start-up).
//
// They live here, apart from bin/outturn.js, because V8's code cache (scripts/bundle-cli.js) is
// only accepted by a V8 running with the flags it was made under: the build sets the same ones.
const SETTINGS = ['--no-allocation-site-pretenuring', '--heap-growing-percent=30'];

function applyV8Settings() {
  for (const flag of SETTINGS) require('node:v8').setFlagsFromString(flag);
}

module.exports = { applyV8Settings };
