/**
 * The built task pane and dialog with the real Office.js (the @microsoft/office-js
 * package's copy, as the dev server and test builds serve it), opened in Chromium outside
 * Office: Office.js loads from the add-in's own origin (nothing from the CDN: any other
 * request is refused and counted), Office.onReady resolves with no host, the pane renders,
 * and the console has no errors.
 */
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, chromiumAvailable, launch, screenshot, serve, type Browser, type Served } from './harness';

const OUT = path.join(ROOT, 'dist', 'web-boot-test');
const run = chromiumAvailable() ? describe : describe.skip;

/** Build taskpane + dialog with the local Office.js, reusing the build while the sources are unchanged. */
function buildWithLocalOfficeJs(): string {
  const h = crypto.createHash('sha256');
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const n of fs.readdirSync(p).sort()) walk(path.join(p, n));
    else h.update(`${path.relative(ROOT, p)}:${st.size}:${st.mtimeMs}\n`);
  };
  for (const p of ['src', 'assets', 'webpack.config.js', 'package-lock.json']) walk(path.join(ROOT, p));
  const key = h.digest('hex');
  const keyFile = path.join(OUT, '.source-key');
  if (fs.existsSync(keyFile) && fs.readFileSync(keyFile, 'utf8') === key) return OUT;
  const tmp = `${OUT}.tmp-${process.pid}`;
  try {
    execFileSync(
      process.execPath,
      [
        require.resolve('webpack-cli/bin/cli.js'),
        '--mode',
        'production',
        '--env',
        'officeJs=local',
        '--env',
        'only=taskpane,dialog',
        '--env',
        `outDir=${tmp}`,
        '--stats',
        'errors-warnings',
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      },
    );
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`webpack build failed:\n${e.stdout?.toString() ?? ''}\n${e.stderr?.toString() ?? e.message}`);
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.renameSync(tmp, OUT);
  fs.writeFileSync(keyFile, key);
  return OUT;
}

run('the built pages boot with the real Office.js outside Office', () => {
  let served: Served;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = buildWithLocalOfficeJs();
    served = await serve(dir);
    browser = await launch(served.url);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  test("production pages load Office.js from the local copy in a test build, and the copy is the npm package's", () => {
    const html = fs.readFileSync(path.join(dir, 'taskpane.html'), 'utf8');
    expect(html).toMatch(/<script src="?office-js\/office\.js"?>/);
    expect(html).not.toContain('appsforoffice.microsoft.com');
    const pkg = fs.readFileSync(require.resolve('@microsoft/office-js/dist/office.js'));
    expect(fs.readFileSync(path.join(dir, 'office-js', 'office.js')).equals(pkg)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'office-js', 'excel-web-16.00.js'))).toBe(true);
  });

  test('the task pane starts: Office.onReady resolves outside Office, the pane says it runs inside Excel, no console errors', async () => {
    const page = await browser.context.newPage();
    browser.errors.length = 0;
    await page.goto(`${served.url}/taskpane.html`);
    const info = await page.evaluate(async () => {
      const o = (window as unknown as { Office: typeof Office }).Office;
      const ready = await o.onReady();
      return { host: ready.host, platform: ready.platform, hasContext: typeof o.context, hasUi: typeof o.context?.ui };
    });
    expect(info.host).toBeNull(); // outside Office: the real library says so, and does not throw
    await page.getByText('Outturn runs inside Excel').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500); // anything the pane does on start has had its chance to fail
    // No Excel call was attempted: the first one used to fail with "Excel is not defined".
    expect(await page.locator('body').innerText()).not.toMatch(/not defined|could not read/);
    expect(await page.getByRole('link', { name: 'the workbench' }).getAttribute('href')).toBe('workbench.html');
    await screenshot(page, 'officejs-boot-taskpane');
    expect(browser.errors).toEqual([]);
    await page.close();
  });

  test('the dialog page shows its message with the real Office.js and no console errors', async () => {
    const page = await browser.context.newPage();
    browser.errors.length = 0;
    await page.goto(
      `${served.url}/dialog.html?k=error&t=${encodeURIComponent('18 errors and 5 warnings found, but not marked')}&l=${encodeURIComponent('<b>Sheet</b> is protected')}`,
    );
    await page.locator('#title').getByText('18 errors and 5 warnings found, but not marked').waitFor();
    expect(await page.locator('#lines li').allTextContents()).toEqual(['<b>Sheet</b> is protected']);
    expect(await page.locator('body').getAttribute('data-kind')).toBe('error');
    await page.waitForTimeout(300);
    await screenshot(page, 'officejs-boot-dialog');
    expect(browser.errors).toEqual([]);
    await page.close();
  });
});
