/**
 * Issue #25: the command line starts from one bundle with V8's code cache beside it
 * (scripts/bundle-cli.js). A cache V8 rejects costs nothing visible but the speed, so this
 * asserts it is accepted under the flags bin/outturn.js runs with, and that a check started
 * from the bundle never loads date-holidays (the bank holidays come from the precomputed table).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'dist', 'outturn.cjs');

beforeAll(() => {
  if (!fs.existsSync(`${BUNDLE}.cache`)) execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: ROOT });
}, 240_000);

test("V8 accepts the bundle's code cache under the command line's own V8 settings", () => {
  const probe = `require(${JSON.stringify(path.join(ROOT, 'bin/v8-settings.js'))}).applyV8Settings();
const fs = require('fs'), vm = require('vm'), Module = require('module');
const b = ${JSON.stringify(BUNDLE)};
const s = new vm.Script(Module.wrap(fs.readFileSync(b, 'utf8')), { filename: b, cachedData: fs.readFileSync(b + '.cache') });
process.stdout.write(String(s.cachedDataRejected));`;
  expect(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })).toBe('false');
});

test('a check of a dated return from the bundle loads neither date-holidays nor moment', () => {
  const example = path.join(ROOT, 'examples/corporate-pis-july-2017.xlsx');
  // Record every module file read, then run the command as bin/outturn.js does.
  const probe = `const Module = require('module'); const seen = new Set();
const load = Module._load; Module._load = function (req, ...rest) { seen.add(req); return load.call(this, req, ...rest); };
process.argv = [process.argv[0], ${JSON.stringify(path.join(ROOT, 'bin/outturn.js'))}, 'check', ${JSON.stringify(example)}, '--as-of', '2017-08-20'];
process.on('exit', () => require('fs').writeSync(2, '\\nLOADED ' + JSON.stringify([...seen]) + '\\n'));
require(process.argv[1]);`;
  const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
  expect(r.stdout).toMatch(/Result: 6 errors/);
  const loaded = JSON.parse(/LOADED (.*)/.exec(r.stderr)![1]) as string[];
  expect(loaded).not.toContain('date-holidays');
  expect(loaded.some((m) => /moment/.test(m))).toBe(false);
}, 60_000);
