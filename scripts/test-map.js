#!/usr/bin/env node
// Which test covers which module, by name: for every module under src/, the test files
// named after it (`src/engine/rules/rag.ts` -> `test/**/rag.test.ts`), then the modules
// with none. A newcomer looking for a module's test should find it by its name; this
// lists where that does not work yet.
//
//   node scripts/test-map.js            the map, then the modules without a test
//   node scripts/test-map.js --missing  only the modules without a test
//   node scripts/test-map.js --summary  only the count
//   node scripts/test-map.js --root DIR another checkout (to compare before and after)
'use strict';
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const rootAt = args.indexOf('--root');
const root = path.resolve(rootAt >= 0 ? args[rootAt + 1] : path.join(__dirname, '..'));
const only = args.includes('--summary') ? 'summary' : args.includes('--missing') ? 'missing' : 'all';

/** Every file under `dir` (relative to the root, with '/'), depth first in name order. */
function filesUnder(dir) {
  const out = [];
  const walk = (rel) => {
    const entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(child);
      } else out.push(child);
    }
  };
  if (fs.existsSync(path.join(root, dir))) walk(dir);
  return out;
}

/** A module's name: its file name without the extension, or its folder's name for an index. */
function moduleName(file) {
  const base = path.posix.basename(file).replace(/\.tsx?$/, '');
  return base === 'index' ? path.posix.basename(path.posix.dirname(file)) : base;
}

const modules = filesUnder('src').filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'));
const tests = filesUnder('test').filter((f) => /\.test\.tsx?$/.test(f));

const testsByName = new Map();
for (const t of tests) {
  const name = path.posix.basename(t).replace(/\.test\.tsx?$/, '');
  if (!testsByName.has(name)) testsByName.set(name, []);
  testsByName.get(name).push(t);
}

/** How many leading folders two paths share. */
function sharedDepth(a, b) {
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/** The folder a module's test would sit in if the test tree mirrored src/ (an index: its folder's parent). */
function mirrorDir(file) {
  const dir = path.posix.dirname(file).replace(/^src/, 'test');
  return path.posix.basename(file).startsWith('index.') ? path.posix.dirname(dir) : dir;
}

/**
 * The tests named after a module. Where several modules share a name (two `marks.ts`, two
 * `config.ts`), each such test belongs to the one whose folders it shares most.
 */
function testsOf(file) {
  const name = moduleName(file);
  const candidates = testsByName.get(name) ?? [];
  const rivals = modules.filter((m) => moduleName(m) === name);
  if (rivals.length === 1) return candidates;
  return candidates.filter((t) => {
    const dir = path.posix.dirname(t);
    const best = Math.max(...rivals.map((m) => sharedDepth(dir, mirrorDir(m))));
    return sharedDepth(dir, mirrorDir(file)) === best;
  });
}

const map = modules.map((m) => ({ module: m, tests: testsOf(m) }));
const without = map.filter((e) => e.tests.length === 0);
const covered = map.length - without.length;

if (only === 'all') {
  const width = Math.max(...map.map((e) => e.module.length));
  for (const e of map) if (e.tests.length > 0) console.log(`${e.module.padEnd(width)}  ${e.tests.join(', ')}`);
  console.log('');
}
if (only !== 'summary') {
  console.log(`Modules without a test of their name (${without.length}):`);
  for (const e of without) console.log(`  ${e.module}`);
  console.log('');
}
console.log(`${covered} of ${map.length} modules in src/ have a test of the same name.`);
