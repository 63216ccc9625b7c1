/**
 * Issue #25: the register reads its files on every core (src/cli/register-pool.ts). The
 * built command with worker threads must give, cell for cell, the register the command gives
 * in one thread: the same folder of published returns in every state (unsigned, half signed,
 * complete with receipt, tampered, lock file, truncated, encrypted, not a workbook).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AS_OF, buildRegisterFolder } from './folder';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'outturn.js');

let dir: string;
beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'register-worker.cjs')))
    execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: ROOT });
  dir = await buildRegisterFolder();
}, 240_000);

function register(threads: number) {
  const r = spawnSync(process.execPath, [BIN, 'register', dir, ...AS_OF, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, OUTTURN_THREADS: String(threads), OUTTURN_DEBUG: '' },
  });
  const json = JSON.parse(r.stdout) as { returns: { file: string; kind: string }[]; generatedAt?: string };
  delete json.generatedAt;
  return { code: r.status, json, stderr: r.stderr };
}

test('worker threads give the same register, in the same order, as one thread', () => {
  const one = register(1);
  const two = register(2);
  const files = fs.readdirSync(dir).filter((f) => !/\.receipt\.json$/i.test(f) || f === 'orphan.receipt.json');
  // Enough files that the pool is used (it reads a handful in one thread).
  expect(one.json.returns.length).toBeGreaterThanOrEqual(8);
  expect(one.json.returns.length).toBe(files.length);
  expect(new Set(one.json.returns.map((r) => r.kind))).toEqual(new Set(['return', 'no-grid', 'unusable']));
  expect(two.json).toEqual(one.json);
  expect(two.code).toBe(one.code);
  expect(two.stderr).toBe(one.stderr);
}, 240_000);
