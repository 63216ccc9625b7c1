/**
 * `npm run test:e2e` without an Office host (always so here): one line saying so, exit 0.
 * The line is printed again below so it shows in `npm test`'s output. The runner's own
 * pieces (finding Excel, the e2e manifest) are checked too.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const runner = require('./run.js') as {
  findExcel(
    env: Record<string, string | undefined>,
    platform: string,
    exists: (p: string) => boolean,
  ): { excel?: string; why?: string };
  e2eManifest(xml: string): string;
  E2E_ID: string;
};
const ROOT = path.resolve(__dirname, '../..');

test('npm run test:e2e with no Office host prints one SKIPPED line and exits 0', () => {
  const env = { ...process.env };
  delete env.OUTTURN_E2E_EXCEL;
  const r = spawnSync(process.execPath, [path.join(__dirname, 'run.js')], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  const lines = r.stdout.trim().split('\n');
  expect(r.status).toBe(0);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^SKIPPED e2e: no Office host available \(.+\); nothing was run\./);
  expect(r.stderr).toBe('');
  console.log(lines[0]);
  expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts['test:e2e']).toBe(
    'node test/e2e/run.js',
  );
});

test('Excel desktop is looked for where Office installs it on Windows and macOS, and nowhere else', () => {
  const win = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE';
  expect(runner.findExcel({ ProgramFiles: 'C:\\Program Files' }, 'win32', (p) => p === win)).toEqual({ excel: win });
  expect(runner.findExcel({ ProgramFiles: 'C:\\Program Files' }, 'win32', () => false).why).toMatch(/not installed/);
  expect(runner.findExcel({}, 'darwin', (p) => p === '/Applications/Microsoft Excel.app')).toEqual({
    excel: '/Applications/Microsoft Excel.app',
  });
  expect(runner.findExcel({}, 'linux', () => true).why).toMatch(/Windows and macOS only, this is linux/);
  expect(runner.findExcel({ OUTTURN_E2E_EXCEL: '/opt/excel' }, 'linux', () => false).why).toMatch(/does not exist/);
});

test("the e2e manifest is the add-in's with its own id and name, opening e2e.html, and still valid", () => {
  const xml = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
  const e2e = runner.e2eManifest(xml);
  expect(e2e).toContain(`<Id>${runner.E2E_ID}</Id>`);
  expect(e2e).not.toContain('taskpane.html');
  expect([...e2e.matchAll(/https:\/\/localhost:3000\/e2e\.html/g)]).toHaveLength(2);
  expect(e2e).toContain('<DisplayName DefaultValue="Outturn E2E"/>');
  const schema = path.resolve(ROOT, '../shared/schemas/office-addin-manifest/validate/OfficeAppManifestV1_1.xsd');
  if (!fs.existsSync(schema) || spawnSync('xmllint', ['--version']).status !== 0) {
    console.warn('SKIPPED e2e manifest schema validation: schemas or xmllint absent.');
    return;
  }
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, '-'], { input: e2e, encoding: 'utf8' });
  expect(r.status).toBe(0);
});
