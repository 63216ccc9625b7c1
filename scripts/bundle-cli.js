#!/usr/bin/env node
// Bundles the compiled command line (dist/src/cli/main.js, written by tsc) into one file,
// dist/outturn.cjs, and writes V8's code cache for it beside it (dist/outturn.cjs.cache).
// Why: a small `outturn check` spent most of its time starting up — resolving and reading some
// two hundred modules, then compiling them (issue #25). One file is read once; the code cache
// lets V8 skip compiling the functions a check runs, because the cache is made after running
// one: the example return is checked here, silently, before the cache is taken.
// bin/outturn.js loads the bundle with the cache, and falls back to dist/src when the bundle is
// absent; a cache made by another V8 is simply rejected by V8 and the bundle compiled as usual.
//
//   node scripts/bundle-cli.js      (run by `npm run build:cli`, after tsc)
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');
const esbuild = require('esbuild');

// The cache must be made under the V8 flags the command line runs with, or V8 rejects it.
require('../bin/v8-settings').applyV8Settings();

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist/outturn.cjs');

/** One bundle: the command line, or the worker thread of `outturn register` (src/cli/register-pool.ts). */
const bundle = (entry, outfile) =>
  esbuild.buildSync({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Whitespace and syntax only: names are kept, so OUTTURN_DEBUG's stack traces still read.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    // date-holidays (with moment-timezone's data) is only needed for a year outside the
    // precomputed table (scripts/bank-holidays.js): left outside, it is loaded only then.
    external: ['date-holidays'],
    // fflate's Node build loads worker_threads when it starts, for asynchronous inflating the
    // reader never uses (it inflates with node:zlib, fflate's streaming Inflate as a fallback):
    // the browser build has the same synchronous code without that load.
    alias: { fflate: 'fflate/browser' },
    logLevel: 'warning',
  });
bundle('dist/src/cli/main.js', out);
bundle('dist/src/cli/register-worker.js', path.join(root, 'dist/register-worker.cjs'));

/** Compiles and runs the bundle as a CommonJS module, as bin/outturn.js does. */
function load(cachedData) {
  const script = new vm.Script(Module.wrap(fs.readFileSync(out, 'utf8')), { filename: out, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(out), module, out, root);
  return { script, exports: module.exports };
}

async function warm() {
  const { script, exports } = load();
  const silent = { stdout: () => {}, stderr: () => {}, isTTY: false, now: () => new Date() };
  const example = path.join(root, 'examples/corporate-pis-july-2017.xlsx');
  // Any exit status will do: the run only has to pass through the code a check uses.
  await exports.main(['check', example, '--as-of', '2017-08-20'], silent);
  fs.writeFileSync(`${out}.cache`, script.createCachedData());
  const kb = (n) => `${Math.round(n / 1024)} KB`;
  process.stdout.write(
    `bundled ${path.relative(root, out)} (${kb(fs.statSync(out).size)}, code cache ${kb(fs.statSync(`${out}.cache`).size)})\n`,
  );
}

warm().catch((err) => {
  // A failed warm-up costs only speed: remove a stale cache and say so.
  fs.rmSync(`${out}.cache`, { force: true });
  process.stderr.write(`bundle-cli: no code cache (${err instanceof Error ? err.message : String(err)})\n`);
});
