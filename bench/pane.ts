/**
 * The task pane's first render after Office.onReady, on the built (production) bundle in
 * headless Chromium: the workbench page (the real pane and Office.js adapter on the
 * simulator) loaded cold in a fresh browser context each time. Reports the time from the
 * 'outturn:office-ready' mark to 'outturn:first-render' (src/taskpane/render-marks.ts),
 * and, for context, navigation start to first render and Check on the sample.
 * `benchPane()` returns markdown for docs/BENCHMARKS.md, or a line saying why it was skipped.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { median } from './stats';

const ROOT = path.resolve(__dirname, '..', fs.existsSync(path.resolve(__dirname, '..', 'package.json')) ? '' : '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const RUNS = Number(process.env.OUTTURN_BENCH_PANE_RUNS || 9);
const TARGET_MS = 500;

function build(out: string): void {
  execFileSync(
    process.execPath,
    [
      require.resolve('webpack-cli/bin/cli.js'),
      '--mode',
      'production',
      '--env',
      `outDir=${out}`,
      '--env',
      'only=workbench',
      '--stats',
      'errors-warnings',
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript',
    '.png': 'image/png',
    '.json': 'application/json',
  };
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\/+/, '');
    const file = path.resolve(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}

interface Run {
  readyToRender: number;
  navToRender: number;
  check: number;
}

export async function benchPane(): Promise<string> {
  if (!fs.existsSync(CHROMIUM))
    return `Task pane first render: skipped, no Chromium at ${CHROMIUM} (set CHROMIUM_PATH).`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'outturn-bench-pane-'));
  process.stderr.write('building the production bundle for the pane benchmark… ');
  build(out);
  const bundleKB =
    fs
      .readdirSync(out)
      .filter((f) => f.endsWith('.js'))
      .reduce((n, f) => n + fs.statSync(path.join(out, f)).size, 0) / 1024;
  process.stderr.write(`${bundleKB.toFixed(0)} KB of script\n`);
  const served = await serve(out);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const runs: Run[] = [];
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.route('**/*', (route) =>
        route.request().url().startsWith(served.url) ? route.continue() : route.abort(),
      );
      const page = await context.newPage();
      await page.goto(`${served.url}/workbench.html`);
      await page.waitForFunction('performance.getEntriesByName("outturn:first-render").length > 0', undefined, {
        timeout: 60_000,
      });
      const t = (await page.evaluate(`(() => {
        const ready = performance.getEntriesByName('outturn:office-ready')[0].startTime;
        const render = performance.getEntriesByName('outturn:first-render')[0].startTime;
        return { readyToRender: render - ready, navToRender: render };
      })()`)) as { readyToRender: number; navToRender: number };
      const t0 = Date.now();
      await page.getByTestId('check').click();
      await page.getByTestId('summary').waitFor();
      const check = Date.now() - t0;
      await context.close();
      if (i > 0) runs.push({ ...t, check }); // the first load warms the OS file cache and Chromium itself
    }
  } finally {
    await browser.close();
    await served.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
  const r2 = (n: number) => n.toFixed(0);
  const ready = runs.map((r) => r.readyToRender);
  const med = median(ready);
  const lines = [
    '### Task pane first render (`npm run bench`, bench/pane.ts)',
    '',
    `Production bundle (${bundleKB.toFixed(0)} KB of script, workbench page: the real pane and Office.js adapter on the simulator) in headless Chromium (${CHROMIUM}), a fresh browser context per load, ${runs.length} loads after one warm-up. Load average at the start: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores.`,
    '',
    '| measure | median | best | worst |',
    '| --- | ---: | ---: | ---: |',
    `| Office.onReady → pane rendered (first React commit) | ${r2(med)} ms | ${r2(Math.min(...ready))} ms | ${r2(Math.max(...ready))} ms |`,
    `| navigation start → pane rendered | ${r2(median(runs.map((r) => r.navToRender)))} ms | ${r2(Math.min(...runs.map((r) => r.navToRender)))} ms | ${r2(Math.max(...runs.map((r) => r.navToRender)))} ms |`,
    `| Check on the sample (read, check, mark, list), click → summary shown | ${r2(median(runs.map((r) => r.check)))} ms | ${r2(Math.min(...runs.map((r) => r.check)))} ms | ${r2(Math.max(...runs.map((r) => r.check)))} ms |`,
    '',
    `Target: first render after Office.onReady under ${TARGET_MS} ms — ${med < TARGET_MS ? 'met' : 'MISSED'} (median ${r2(med)} ms).`,
  ];
  return lines.join('\n');
}

if (require.main === module) {
  benchPane().then(
    (text) => process.stdout.write(`${text}\n`),
    (err) => {
      process.stderr.write(`pane bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
