/**
 * Taking Outturn to a council: `OUTTURN_URL=https://… npm run build` writes the pane and a
 * production manifest for that host. For a sample host (under a sub-folder, as councils often
 * host) the manifest validates against the Office add-in XSDs, every address in it is on that
 * host and names a file the build wrote, the add-in id is the development manifest's; and the
 * pane loads from the built folder served by a plain static server, at its production address,
 * in Chromium, with Office.js from Microsoft's CDN (answered from the npm package's copy: the
 * tests never reach the internet).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { chromiumAvailable, launch, screenshot, serve, type Browser, type Served } from '../browser/harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifests = require('../../scripts/manifest') as {
  DEV_BASE: string;
  DEV_MANIFEST: string;
  parseBaseUrl(raw: unknown): string | Error;
  manifestVersion(v: string): string;
  renderManifest(template: string, base: string, version?: string): string;
  manifestUrls(xml: string): string[];
  productionManifest(raw: string): string;
};

const ROOT = path.resolve(__dirname, '../..');
const SCHEMA = path.resolve(ROOT, '../shared/schemas/office-addin-manifest/validate/OfficeAppManifestV1_1.xsd');
const BASE = 'https://outturn.example-council.gov.uk/pis';
const ORIGIN = 'https://outturn.example-council.gov.uk';
const OUT = path.join(ROOT, 'dist', 'deploy-test');
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
const OFFICE_JS_DIST = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));

const dev = fs.readFileSync(manifests.DEV_MANIFEST, 'utf8');
const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
const idOf = (xml: string) => /<Id>([^<]+)<\/Id>/.exec(xml)?.[1];

function canValidate(): boolean {
  if (!fs.existsSync(SCHEMA)) {
    process.stderr.write(`\nSKIPPED schema validation in ${path.basename(__filename)}: no schemas at ${SCHEMA}.\n`);
    return false;
  }
  if (spawnSync('xmllint', ['--version']).status !== 0) {
    process.stderr.write(`\nSKIPPED schema validation in ${path.basename(__filename)}: xmllint is not installed.\n`);
    return false;
  }
  return true;
}

/** xmllint's verdict on a manifest: [exit status, message]. */
function validate(xml: string): [number | null, string] {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', SCHEMA, '-'], { input: xml, encoding: 'utf8' });
  return [r.status, r.stderr.trim()];
}

describe('the production manifest for a host', () => {
  const validating = canValidate();

  test.each([BASE, `${ORIGIN}/`, 'https://apps.melton.gov.uk:8443/add-ins/outturn/'])(
    'for %s: valid, every address on that host, the same add-in id, the package version',
    (raw) => {
      const base = manifests.parseBaseUrl(raw) as string;
      const origin = new URL(base).origin;
      const xml = manifests.productionManifest(raw);
      if (validating) expect(validate(xml)).toEqual([0, '- validates']);
      const urls = manifests.manifestUrls(xml);
      // Every address the development manifest has, moved: none lost, none left behind.
      expect(urls).toHaveLength(manifests.manifestUrls(dev).length);
      expect(urls.length).toBeGreaterThan(8);
      for (const u of urls) expect(u === origin || u.startsWith(`${base}/`)).toBe(true);
      expect(xml).not.toMatch(/localhost/);
      expect([...xml.matchAll(/<AppDomain>([^<]+)<\/AppDomain>/g)].map((m) => m[1])).toEqual([origin]);
      expect(idOf(xml)).toBe(idOf(dev));
      expect(/<Version>([^<]+)<\/Version>/.exec(xml)?.[1]).toBe(manifests.manifestVersion(version));
    },
  );

  test('the development manifest is the same file for https://localhost:3000', () => {
    expect(manifests.renderManifest(dev, manifests.DEV_BASE)).toBe(dev);
    for (const u of manifests.manifestUrls(dev)) expect(u.startsWith(manifests.DEV_BASE)).toBe(true);
    expect(manifests.manifestVersion('1.4.12')).toBe('1.4.12.0');
    expect(manifests.manifestVersion('2.0.0-rc.1')).toBe('2.0.0.0');
  });

  test('an address Office cannot load from is refused, with a sentence and no stack trace', () => {
    for (const [raw, why] of [
      ['', /is empty/],
      ['outturn.example.gov.uk', /is not an address/],
      ['http://outturn.example.gov.uk', /must start with https:\/\//],
      ['https://outturn.example.gov.uk/?v=2', /query/],
      ['https://outturn.example.gov.uk/#pane', /fragment/],
    ] as const) {
      const err = manifests.parseBaseUrl(raw);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(why);
    }
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/manifest.js'), 'http://outturn.example.gov.uk'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(
      'outturn: OUTTURN_URL "http://outturn.example.gov.uk" must start with https:// (Office loads add-ins over https only).',
    );
  });
});

/** A fingerprint of everything the production build is made from. */
function sourceKey(): string {
  const h = crypto.createHash('sha256').update(BASE);
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const n of fs.readdirSync(p).sort()) walk(path.join(p, n));
    else h.update(`${path.relative(ROOT, p)}:${st.size}:${st.mtimeMs}\n`);
  };
  for (const p of [
    'src',
    'assets',
    'scripts',
    'webpack.config.js',
    'manifest.xml',
    'package.json',
    'package-lock.json',
  ]) {
    walk(path.join(ROOT, p));
  }
  return h.digest('hex');
}

/** `OUTTURN_URL=BASE` production build of every page into dist/deploy-test/web (reused while the sources are unchanged). */
function buildForHost(): string {
  const key = sourceKey();
  const keyFile = path.join(OUT, '.source-key');
  if (fs.existsSync(keyFile) && fs.readFileSync(keyFile, 'utf8') === key) return OUT;
  fs.rmSync(OUT, { recursive: true, force: true });
  try {
    execFileSync(
      process.execPath,
      [
        require.resolve('webpack-cli/bin/cli.js'),
        '--mode',
        'production',
        '--env',
        `outDir=${path.join(OUT, 'web')}`,
        '--stats',
        'errors-warnings',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, OUTTURN_URL: BASE },
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      },
    );
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`webpack build failed:\n${e.stdout?.toString() ?? ''}\n${e.stderr?.toString() ?? e.message}`);
  }
  fs.writeFileSync(keyFile, key);
  return OUT;
}

describe(`OUTTURN_URL=${BASE}: the production build`, () => {
  let out: string;
  beforeAll(() => {
    out = buildForHost();
  }, 900_000);

  test('writes dist/manifest.xml (to upload) and the same file beside the pages (to link to), for that host', () => {
    const uploaded = fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8');
    expect(uploaded).toBe(manifests.productionManifest(BASE));
    expect(fs.readFileSync(path.join(out, 'web', 'manifest.xml'), 'utf8')).toBe(uploaded);
    if (fs.existsSync(SCHEMA) && spawnSync('xmllint', ['--version']).status === 0) {
      expect(validate(uploaded)).toEqual([0, '- validates']);
    }
  });

  test('every address in the manifest names a file the build wrote', () => {
    const xml = fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8');
    const files = manifests
      .manifestUrls(xml)
      .filter((u) => u !== ORIGIN)
      .map((u) => u.slice(BASE.length + 1));
    expect(new Set(files)).toEqual(
      new Set([
        'taskpane.html',
        'commands.html',
        'workbench.html',
        'assets/icon-16.png',
        'assets/icon-32.png',
        'assets/icon-64.png',
        'assets/icon-80.png',
      ]),
    );
    for (const f of files) expect({ f, built: fs.existsSync(path.join(out, 'web', f)) }).toEqual({ f, built: true });
    // Production pages take Office.js from Microsoft's CDN, and their own scripts by relative address (any sub-folder works).
    const html = fs.readFileSync(path.join(out, 'web', 'taskpane.html'), 'utf8');
    expect(html).toContain(`${OFFICE_JS_CDN}office.js`);
    expect(html).toMatch(/<script defer src="?taskpane\.[0-9a-f]{8}\.js"?>/);
  });

  const browserRun = chromiumAvailable() ? describe : describe.skip;
  browserRun('served by a plain static server', () => {
    let served: Served;
    let browser: Browser;

    beforeAll(async () => {
      served = await serve(path.join(out, 'web'));
      browser = await launch(served.url);
      // The production address is answered by the static server; Microsoft's CDN by the npm package's Office.js.
      await browser.context.route(`${BASE}/**`, async (route) => {
        const rel = route.request().url().slice(BASE.length);
        route.fulfill({ response: await route.fetch({ url: `${served.url}${rel}` }) });
      });
      await browser.context.route(`${OFFICE_JS_CDN}**`, (route) => {
        const rel = new URL(route.request().url()).pathname.slice('/lib/1/hosted/'.length);
        const file = path.join(OFFICE_JS_DIST, rel);
        if (!file.startsWith(OFFICE_JS_DIST) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
        return route.fulfill({ status: 200, contentType: 'text/javascript', body: fs.readFileSync(file) });
      });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await served?.close();
    });

    test('the task pane loads at its production address: Office.js starts, the pane renders, no errors', async () => {
      const page = await browser.context.newPage();
      browser.errors.length = 0;
      const requested: string[] = [];
      page.on('request', (r) => requested.push(r.url()));
      const res = await page.goto(`${BASE}/taskpane.html`);
      expect(res?.status()).toBe(200);
      const host = await page.evaluate(
        async () => (await (window as unknown as { Office: typeof Office }).Office.onReady()).host,
      );
      expect(host).toBeNull(); // outside Office, as the real library reports it
      await page.getByText('Outturn runs inside Excel').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(500);
      await screenshot(page, 'deploy-taskpane-production');
      // Everything came from the host or from Microsoft's CDN, nothing from localhost.
      for (const u of requested) expect(u.startsWith(`${BASE}/`) || u.startsWith(OFFICE_JS_CDN)).toBe(true);
      expect(requested.some((u) => /\/taskpane\.[0-9a-f]{8}\.js$/.test(u))).toBe(true);
      expect(browser.errors).toEqual([]);
      await page.close();
    });
  });
});
