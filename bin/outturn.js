#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` via the prepare script).
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
require('node:v8').setFlagsFromString('--no-allocation-site-pretenuring');
require('node:v8').setFlagsFromString('--heap-growing-percent=30');
let main;
try {
  ({ main } = require('../dist/src/cli/main.js'));
} catch (err) {
  process.stderr.write(
    'outturn: the command line is not built yet; run `npm install` (or `npm run build:cli`) in the project folder first.\n',
  );
  process.exit(2);
}
// Exit once everything written to stdout has been handed over (pipes can be asynchronous, e.g. on macOS).
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  process.stdout.write('', () => process.exit(code));
});
