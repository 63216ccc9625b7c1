/**
 * `npm run lint` is the guard on the layers, on dead code and on formatting. These tests
 * show each part refuses what it should, on the project's own configuration: ESLint
 * lints files that are not on disk, Prettier checks text, and knip runs over a small
 * project in a temporary folder with the project's knip.json. All offline.
 *
 * ESLint and Prettier load their configuration with import(), which jest's module sandbox
 * refuses, so their Node APIs run in one child process (probe) that answers in JSON.
 */
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

/** Run `script` (CommonJS, in ROOT) with `input` as JSON on stdin; its stdout is JSON. */
function probe<T>(script: string, input: unknown): T {
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, input: JSON.stringify(input), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as T;
}

/** Each source linted as the file it names: the messages of no-restricted-imports. */
const ESLINT_PROBE = `
const { ESLint } = require('eslint');
const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const [file, source] of cases) {
    const [result] = await eslint.lintText(source, { filePath: require('node:path').join(process.cwd(), file) });
    out.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

/** Each text checked (and formatted) as the file it names, with the project's Prettier options. */
const PRETTIER_PROBE = `
const prettier = require('prettier');
const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
(async () => {
  const out = [];
  for (const [file, source] of cases) {
    const filepath = require('node:path').join(process.cwd(), file);
    const options = { ...(await prettier.resolveConfig(filepath)), filepath };
    out.push({ formatted: await prettier.check(source, options), as: await prettier.format(source, options) });
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

describe('npm run lint', () => {
  test('runs Prettier, ESLint and knip', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.lint).toMatch(/^prettier --check \. && eslint \. && knip\b/);
  });
});

describe('layers (eslint.config.js)', () => {
  const refused: [string, string, RegExp][] = [
    ['src/engine/rules/guard.ts', "import { TRAIL_VERSION } from '../../signoff/trail';", /lowest layer/],
    ['src/engine/guard.ts', "import { loadWorkbook } from '../workbook/load';", /lowest layer/],
    ['src/engine/guard.ts', "import { readFileSync } from 'node:fs';", /Node built-ins/],
    ['src/signoff/guard.ts', "import { loadWorkbook } from '../workbook/load';", /only the engine/],
    ['src/signoff/guard.ts', "import { createOfficeHost } from '../excel';", /only the engine/],
    ['src/app/guard.ts', "import { createOfficeHost } from '../excel';", /only the engine and sign-off/],
    ['src/app/guard.ts', "import { useState } from 'react';", /React/],
    ['src/app/guard.ts', "import * as path from 'path';", /Node built-ins/],
    ['src/excel/guard.ts', "import { createSimulator } from '../simulator';", /never imports the simulator/],
    ['src/taskpane/guard.ts', "import { loadWorkbook } from '../workbook/load';", /never imports the file-based/],
    ['src/taskpane/signoff/guard.ts', "import { main } from '../../cli/main';", /never imports the file-based/],
    ['src/taskpane/guard.ts', "import { promises } from 'node:fs';", /Node built-ins/],
  ];
  const allowed: [string, string][] = [
    ['src/engine/rules/guard.ts', "import { parseA1 } from '../model/address';"],
    ['src/signoff/guard.ts', "import { parseA1 } from '../engine/model/address';"],
    ['src/app/guard.ts', "import { verifyTrail } from '../signoff/trail';"],
    ['src/excel/guard.ts', "import { isOwnSheet } from '../engine/own-sheets';"],
    ['src/taskpane/guard.ts', "import { createOfficeHost } from '../excel';"],
  ];
  let messages: string[][];

  beforeAll(() => {
    const cases = [...refused, ...allowed].map(([file, line]) => [file, `${line}\nexport const guard = 1;\n`]);
    messages = probe<string[][]>(ESLINT_PROBE, cases);
  });

  test.each(refused.map((c, i) => [...c, i] as const))('%s: %s is refused', (_file, _line, why, i) => {
    expect(messages[i]).toEqual([expect.stringMatching(why)]);
  });

  test.each(allowed.map((c, i) => [...c, refused.length + i] as const))('%s: %s is allowed', (_file, _line, i) => {
    expect(messages[i]).toEqual([]);
  });
});

describe('formatting (.prettierrc.json)', () => {
  test('unformatted code fails the check, the same code formatted passes; so does a line over 120 columns', () => {
    const unformatted = 'export const  guard = {a:1,b:"two"}\n';
    const formatted = "export const guard = { a: 1, b: 'two' };\n";
    const long = `export const guard = [${Array.from({ length: 30 }, (_, i) => `'item${i}'`).join(', ')}];\n`;
    const [a, b, c] = probe<{ formatted: boolean; as: string }[]>(PRETTIER_PROBE, [
      ['src/engine/guard.ts', unformatted],
      ['src/engine/guard.ts', formatted],
      ['src/engine/guard.ts', long],
    ]);
    expect(a).toEqual({ formatted: false, as: formatted });
    expect(b.formatted).toBe(true);
    expect(c.formatted).toBe(false);
  });
});

describe('dead code (knip.json)', () => {
  const KNIP = path.join(ROOT, 'node_modules/knip/bin/knip.js');
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outturn-knip-'));
    fs.copyFileSync(path.join(ROOT, 'knip.json'), path.join(dir, 'knip.json'));
    fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'guard', private: true }));
    fs.mkdirSync(path.join(dir, 'src/cli'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'src/engine'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'src/cli/main.ts'),
      "import { shown } from '../engine/figures';\nexport const main = () => shown(1);\n",
    );
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  // CI runners set FORCE_COLOR, and knip then colours its headings ("\x1b[4mUnused exports\x1b[24m (1)"):
  // ask for plain text, and strip any colour that still comes through.
  const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };
  // eslint-disable-next-line no-control-regex
  const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

  /** knip's exit code and report over the temporary project. */
  async function knip(): Promise<{ code: number; out: string }> {
    try {
      const { stdout } = await run(process.execPath, [KNIP, '--no-progress', '--no-gitignore'], { cwd: dir, env });
      return { code: 0, out: plain(stdout) };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? -1, out: plain(`${e.stdout ?? ''}${e.stderr ?? ''}`) };
    }
  }

  test('an export nothing imports is reported, and the check fails', async () => {
    fs.writeFileSync(
      path.join(dir, 'src/engine/figures.ts'),
      'export const shown = (n: number) => String(n);\nexport const unused = (n: number) => n * 2;\n',
    );
    const { code, out } = await knip();
    expect(out).toMatch(/Unused exports \(1\)/);
    expect(out).toMatch(/unused\s+src\/engine\/figures\.ts/);
    expect(code).toBe(1);
  });

  test('a file nothing imports is reported', async () => {
    fs.writeFileSync(path.join(dir, 'src/engine/figures.ts'), 'export const shown = (n: number) => String(n);\n');
    fs.writeFileSync(path.join(dir, 'src/engine/orphan.ts'), 'export const orphan = 1;\n');
    const { code, out } = await knip();
    expect(out).toMatch(/Unused files \(1\)[\s\S]*src\/engine\/orphan\.ts/);
    expect(code).toBe(1);
  });

  test('with every export used the check passes', async () => {
    fs.writeFileSync(path.join(dir, 'src/engine/figures.ts'), 'export const shown = (n: number) => String(n);\n');
    const { code, out } = await knip();
    expect(out).not.toMatch(/Unused/);
    expect(code).toBe(0);
  });
});
