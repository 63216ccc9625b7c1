#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` via the prepare script).
'use strict';
// V8's settings for a large check (bin/v8-settings.js), set before any work.
require('./v8-settings').applyV8Settings();
const fs = require('node:fs');
const path = require('node:path');

/**
 * The bundled command line (dist/outturn.cjs, scripts/bundle-cli.js), compiled with V8's code
 * cache beside it, so a small check does not spend its time starting up; a cache from another
 * V8 is rejected by V8 itself and the bundle compiled as usual. Without the bundle, the tsc
 * output in dist/src.
 */
function load() {
  const bundle = path.join(__dirname, '../dist/outturn.cjs');
  let source;
  try {
    source = fs.readFileSync(bundle, 'utf8');
  } catch {
    return require('../dist/src/cli/main.js');
  }
  const Module = require('node:module');
  let cachedData;
  try {
    cachedData = fs.readFileSync(`${bundle}.cache`);
  } catch {
    cachedData = undefined;
  }
  const script = new (require('node:vm').Script)(Module.wrap(source), { filename: bundle, cachedData });
  const module = { exports: {} };
  script
    .runInThisContext()
    .call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
  return module.exports;
}

let main;
try {
  ({ main } = load());
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
