#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` via the prepare script).
'use strict';
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
