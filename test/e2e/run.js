#!/usr/bin/env node
// `npm run test:e2e`: the end-to-end suite in a real Excel, as Microsoft's add-in templates
// run theirs (office-addin-test-server + office-addin-test-helpers):
//   1. serve the add-in with the e2e task pane (webpack serve --env e2e, https://localhost:3000);
//   2. start the test server on https://localhost:4201;
//   3. sideload test/e2e's manifest into Excel desktop (office-addin-debugging, through npx);
//   4. the pane runs the scenario (test/e2e/src/scenario.ts) and posts every step's result;
//   5. print the steps, close the sideload, exit 1 if any step failed.
// Where no Office host is available (Linux, CI, no Excel desktop) it prints one line saying
// so and exits 0. OUTTURN_E2E_EXCEL=/path/to/Excel overrides the search for Excel.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a plain Node script, run without a build */
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const https = require('https');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');
const DEV_PORT = 3000;
const TEST_PORT = 4201;
const TIMEOUT_MS = 5 * 60_000;
/** Its own add-in id and name, so it never replaces a developer's sideloaded Outturn. */
const E2E_ID = '6b0f5d1e-2c4a-4e7b-8d93-1f7a0c2e9b54';

/** Excel desktop's path, or null with the reason there is none. */
function findExcel(env = process.env, platform = process.platform, exists = fs.existsSync) {
  if (env.OUTTURN_E2E_EXCEL)
    return exists(env.OUTTURN_E2E_EXCEL)
      ? { excel: env.OUTTURN_E2E_EXCEL }
      : { why: `OUTTURN_E2E_EXCEL=${env.OUTTURN_E2E_EXCEL} does not exist` };
  if (platform === 'win32') {
    const roots = [env.ProgramFiles, env['ProgramFiles(x86)']].filter(Boolean);
    for (const r of roots) {
      for (const v of ['root\\Office16', 'Office16']) {
        const p = path.win32.join(r, 'Microsoft Office', v, 'EXCEL.EXE');
        if (exists(p)) return { excel: p };
      }
    }
    return { why: 'Excel desktop is not installed on this Windows machine' };
  }
  if (platform === 'darwin') {
    const p = '/Applications/Microsoft Excel.app';
    return exists(p) ? { excel: p } : { why: 'Microsoft Excel is not in /Applications' };
  }
  return { why: `Excel desktop runs on Windows and macOS only, this is ${platform}` };
}

/** test/e2e's manifest: the add-in's, with its own id and name, opening e2e.html. */
function e2eManifest(xml) {
  return xml
    .replace(/<Id>[^<]+<\/Id>/, `<Id>${E2E_ID}</Id>`)
    .replace(/<DisplayName DefaultValue="[^"]*"\/>/, '<DisplayName DefaultValue="Outturn E2E"/>')
    .split(`https://localhost:${DEV_PORT}/taskpane.html`)
    .join(`https://localhost:${DEV_PORT}/e2e.html`);
}

function waitForServer(url, ms) {
  const until = Date.now() + ms;
  return new Promise((resolve) => {
    const tryOnce = () => {
      const req = https.get(url, { rejectUnauthorized: false, timeout: 5000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => (Date.now() < until ? setTimeout(tryOnce, 1000) : resolve(false)));
      req.on('timeout', () => req.destroy());
    };
    tryOnce();
  });
}

function withTimeout(promise, ms, what) {
  return Promise.race([
    promise,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s waiting for ${what}`)), ms),
    ),
  ]);
}

async function main() {
  const found = findExcel();
  if (!found.excel) {
    console.log(
      `SKIPPED e2e: no Office host available (${found.why}); nothing was run. Run npm run test:e2e on Windows or macOS with Excel desktop.`,
    );
    return 0;
  }
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const outDir = path.join(ROOT, 'dist', 'e2e');
  fs.mkdirSync(outDir, { recursive: true });
  const manifest = path.join(outDir, 'manifest.xml');
  fs.writeFileSync(manifest, e2eManifest(fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8')));

  console.log(`e2e: Excel at ${found.excel}; serving the add-in with the e2e pane on https://localhost:${DEV_PORT}`);
  const dev = spawn(
    process.execPath,
    [require.resolve('webpack-cli/bin/cli.js'), 'serve', '--mode', 'development', '--env', 'e2e'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, OUTTURN_PORT: String(DEV_PORT) },
    },
  );
  const { TestServer } = require('office-addin-test-server');
  const server = new TestServer(TEST_PORT);
  let failed = 1;
  try {
    if (!(await waitForServer(`https://localhost:${DEV_PORT}/e2e.html`, 180_000)))
      throw new Error('the dev server did not answer over https (run `npx office-addin-dev-certs install` once)');
    await server.startTestServer(true);
    console.log(
      `e2e: test server on https://localhost:${TEST_PORT}; sideloading ${path.relative(ROOT, manifest)} into Excel`,
    );
    const sideload = spawnSync(
      npx,
      [
        '--yes',
        'office-addin-debugging',
        'start',
        manifest,
        'desktop',
        '--app',
        'excel',
        '--no-debug',
        '--no-live-reload',
        '--dev-server-port',
        String(DEV_PORT),
      ],
      { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' },
    );
    if (sideload.status !== 0) throw new Error('office-addin-debugging could not sideload the add-in');
    const results = await withTimeout(server.getTestResults(), TIMEOUT_MS, 'the add-in to report');
    const steps = Array.isArray(results) ? results : [];
    for (const s of steps) console.log(`${s.Value === 'pass' ? 'PASS' : 'FAIL'}  ${s.Name}: ${s.Detail}`);
    const bad = steps.filter((s) => s.Value !== 'pass').length;
    console.log(`e2e: ${steps.length - bad} of ${steps.length} steps passed in Excel (${server.getPlatformName()}).`);
    failed = steps.length === 0 || bad > 0 ? 1 : 0;
  } catch (err) {
    console.error(`e2e: ${err && err.message ? err.message : String(err)}`);
  } finally {
    spawnSync(npx, ['--yes', 'office-addin-debugging', 'stop', manifest], {
      cwd: ROOT,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    await server.stopTestServer().catch(() => undefined);
    dev.kill();
  }
  return failed;
}

module.exports = { findExcel, e2eManifest, E2E_ID };

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`e2e: ${err && err.message ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
