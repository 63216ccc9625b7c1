/**
 * Shared set-up for the browser tests: build the web bundle once (production webpack into
 * dist/web-test, reused while the sources are unchanged), serve it from a tiny static
 * server on a free port, and drive Debian's Chromium through playwright-core with a
 * fresh profile. Requests to anywhere but the local server are refused, so the tests
 * never reach the internet. Screenshots go to test-artifacts/ (git-ignored).
 */
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const OUT = path.join(ROOT, 'dist', 'web-test');

/**
 * Whether the browser suites can run. When not, say why on stderr directly: jest drops the
 * console output of a file whose tests are all skipped, so console.warn would never be seen.
 */
export function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  const file = path.basename(module.parent?.filename ?? expect.getState().testPath ?? 'browser tests');
  process.stderr.write(
    `\nSKIPPED ${file}: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).\n`,
  );
  return false;
}

/** A fingerprint of everything the bundle is built from. */
function sourceKey(): string {
  const h = crypto.createHash('sha256');
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name));
    } else {
      h.update(`${path.relative(ROOT, p)}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  for (const p of ['src', 'assets', 'webpack.config.js', 'package-lock.json', 'manifest.xml']) {
    if (fs.existsSync(path.join(ROOT, p))) walk(path.join(ROOT, p));
  }
  return h.digest('hex');
}

/** Build the bundle unless an identical build is already there; safe when several test files ask at once. */
export function ensureBuilt(): string {
  const key = sourceKey();
  const keyFile = path.join(OUT, '.source-key');
  const fresh = () => fs.existsSync(keyFile) && fs.readFileSync(keyFile, 'utf8') === key;
  if (fresh()) return OUT;
  const lock = `${OUT}.lock`;
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  const start = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run (older than ten minutes) is taken over.
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 600_000) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() - start > 240_000) throw new Error('timed out waiting for another build of the web bundle');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500); // another test file is building
    }
  }
  try {
    if (fresh()) return OUT;
    const tmp = `${OUT}.tmp-${process.pid}`;
    execFileSync(
      process.execPath,
      [
        require.resolve('webpack-cli/bin/cli.js'),
        '--mode',
        'production',
        '--env',
        `outDir=${tmp}`,
        '--env',
        'only=workbench',
        '--stats',
        'errors-warnings',
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.renameSync(tmp, OUT);
    fs.writeFileSync(keyFile, key);
    return OUT;
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`webpack build failed:\n${e.stdout?.toString() ?? ''}\n${e.stderr?.toString() ?? e.message}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.map': 'application/json',
  '.json': 'application/json',
  '.css': 'text/css',
  '.txt': 'text/plain',
};

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serve a folder on 127.0.0.1 and a free port. */
export async function serve(dir: string): Promise<Served> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
  errors: string[];
}

/** Chromium with a fresh profile; anything not served by `allowOrigin` is aborted. */
export async function launch(allowOrigin: string): Promise<Browser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outturn-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 800 },
  });
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(allowOrigin) || url.startsWith('data:')) return route.continue();
    errors.push(`blocked request to ${url}`);
    return route.abort();
  });
  context.on('page', (page) => {
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
    });
  });
  return {
    context,
    errors,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/**
 * Run axe-core in the page; returns the serious and critical violations. One known false
 * positive is left out: Fluent UI's focus guards (`<i data-tabster-dummy aria-hidden tabindex=0>`
 * around a TabList) are focusable on purpose and hand focus straight on (microsoft/tabster#288).
 */
export async function axeSerious(page: Page, include?: string): Promise<AxeViolation[]> {
  // Colours are measured as drawn: wait for running transitions (a section opening, a tab's
  // fade) to end, or axe can catch a caption half-way between two colours and call it unreadable.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 5000 })
    .catch(() => undefined);
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async (sel) => {
    const axe = (
      window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const r = await axe.run(sel ? { include: [sel] } : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
    }));
  }, include ?? null);
  return violations
    .map((v) =>
      v.id === 'aria-hidden-focus'
        ? { ...v, nodes: v.nodes.filter((n) => !/^<i [^>]*data-tabster-dummy/.test(n.html)) }
        : v,
    )
    .filter((v) => v.nodes.length > 0 && (v.impact === 'serious' || v.impact === 'critical'));
}

/**
 * For one describe block: build the bundle once, serve it and launch Chromium before the
 * suite, close both after it. Read `env.served` / `env.browser` inside tests and hooks.
 * Ten minutes for beforeAll: the first browser suite to run builds the bundle, which takes
 * minutes on a busy machine.
 */
export function servedBrowser(): { served: Served; browser: Browser } {
  const env = {} as { served: Served; browser: Browser };
  beforeAll(async () => {
    env.served = await serve(ensureBuilt());
    env.browser = await launch(env.served.url);
  }, 600_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.served?.close();
  });
  return env;
}
