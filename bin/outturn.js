#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` via the prepare script).
'use strict';
// V8 moves an allocation site to the old generation once most of its objects survive a minor
// collection. The Cells a check builds one row at a time (src/engine/model/cell-store.ts) die
// young, but in about one run in three enough of them were caught alive that the site was
// moved, and from then on every transient Cell waited for a full collection: on a 1M-row CSV
// the peak went from about 460 MB to 750 MB and the run took twice as long (docs/BENCHMARKS.md).
// The flag is read at each collection, so setting it here, before any work, is in time.
require('node:v8').setFlagsFromString('--no-allocation-site-pretenuring');
let main;
try {
  ({ main } = require('../dist/src/cli/main.js'));
} catch (err) {
  process.stderr.write('outturn: the command line is not built yet; run `npm install` (or `npm run build:cli`) in the project folder first.\n');
  process.exit(2);
}
// Exit once everything written to stdout has been handed over (pipes can be asynchronous, e.g. on macOS).
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  process.stdout.write('', () => process.exit(code));
});
