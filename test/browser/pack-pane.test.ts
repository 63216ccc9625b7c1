/**
 * The assurance pack from the real task pane (the built workbench, pane alone at 320 px) in
 * headless Chromium. The sample is signed as a whole by the compiler with a working papers
 * link, which shows beside its indicators on the Sign-off tab. On the Audit trail tab,
 * "Assurance pack" downloads the pack (the simulator is Office on the web). With the platform
 * Mac the pane opens the dialog page instead and hands it the pack in parts; the real dialog
 * page (src/dialog, bundled here with esbuild) is then opened with a stand-in Office that
 * delivers those parts, shows the pack and prints it. Without DialogApi 1.2 the pack is shown
 * in the pane with a Print button. Screenshots: docs/screenshots/pack-pane-*.png.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { ROOT, axeSerious, chromiumAvailable, servedBrowser } from './harness';

const run = chromiumAvailable();
const describeIf = run ? describe : describe.skip;
const SHEET = 'Corporate PIs';
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const LINK = 'https://melton.sharepoint.com/sites/performance/Working%20papers/July%202017';

type Sim = { editCell(sheet: string, address: string, value: unknown): Promise<void> };

/** The grid names no owners (signed as a whole) and the sample's deliberate errors are fixed. */
const EDITS: [string, unknown][] = [
  ...['V4', 'W4', 'X4', 'V14', 'W14', 'X14'].map((a): [string, unknown] => [a, '']),
  ['T6', 'AMBER'],
  ['G8', 0.93],
  ['F9', 11],
  ['Q9', 46],
  ['W10', 'Dawn Garton'],
  ['G17', 0.5],
  ['Q17', 0.6],
];

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** The dialog page as Office would serve it, with a stand-in Office that hands it `parts` once it listens. */
function dialogPage(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const js = esbuild.buildSync({
    entryPoints: [path.join(ROOT, 'src/dialog/dialog.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
  }).outputFiles[0].text;
  const fakeOffice = `
    window.__printed = 0; window.__closed = false;
    const handlers = {};
    window.Office = {
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
      EventType: { DialogParentMessageReceived: 'dialogParentMessageReceived' },
      onReady(cb) { setTimeout(() => cb({ host: 'Excel', platform: 'Mac' }), 0); return Promise.resolve(); },
      context: { ui: {
        addHandlerAsync(type, handler, cb) { handlers[type] = handler; cb({ status: 'succeeded' }); },
        messageParent(m) {
          if (m === 'close') window.__closed = true;
          if (m === 'pack-ready') setTimeout(() => {
            for (const p of window.__PACK_PARTS) handlers.dialogParentMessageReceived({ message: p, origin: location.origin });
          }, 0);
        },
      } },
    };`;
  const html = fs
    .readFileSync(path.join(ROOT, 'src/dialog/dialog.html'), 'utf8')
    // Replaced by functions: the bundle's text holds `$` sequences a replacement string would expand.
    .replace(/<script src="<%=[^"]*"><\/script>/, () => `<script>${fakeOffice}</script>`)
    .replace('</body>', () => `<script>${js.replace(/<\/script/gi, '<\\/script')}</script></body>`);
  return html;
}

describeIf('the assurance pack in the pane', () => {
  const env = servedBrowser();
  let page: Page;
  beforeEach(async () => {
    page = await env.browser.context.newPage();
  });
  afterEach(async () => {
    await page?.close();
  });

  test('signed with a link; downloaded on the web; on Mac a dialog that prints; without DialogApi 1.2 in the pane', async () => {
    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto(`${env.served.url}/workbench.html?layout=pane`);
    await page.getByTestId('check').waitFor();
    await page.evaluate(
      async ({ sheet, edits }) => {
        const sim = (window as unknown as { outturnWorkbench: { sim: Sim } }).outturnWorkbench.sim;
        for (const [address, value] of edits) await sim.editCell(sheet, address, value);
      },
      { sheet: SHEET, edits: EDITS },
    );
    await page.getByTestId('check').click();
    await page.getByTestId('summary').waitFor();

    // Sign as compiler with the working papers link.
    await page.getByTestId('tab-signoff').click();
    await page.getByTestId('sign-role-compiler').check();
    await page.getByTestId('sign-name').fill('Alan Pritchard');
    await page.getByTestId('sign-papers-link').fill('C:\\papers\\july.xlsx');
    if (await page.getByTestId('bulk-reason').isEnabled())
      await page.getByTestId('bulk-reason').fill('Commentary agreed with the service');
    await page.getByTestId('sign-statement').check();
    await page.getByTestId('sign-button').click();
    // A path on this computer is refused: the pane cannot read it and an auditor cannot follow it.
    await page.getByTestId('sign-outcome').locator('text=/must be a web address/').waitFor();
    await page.getByTestId('sign-continue').click();
    await page.getByTestId('sign-papers-link').fill(LINK);
    await page.getByTestId('sign-statement').check();
    await page.getByTestId('sign-button').click();
    await page.getByTestId('sign-outcome').locator('text=Signed').first().waitFor();
    const papers = page.getByTestId('working-papers');
    await papers.waitFor();
    const cs01 = papers.locator('[data-testid=working-papers-item][data-refs~="CS01"]');
    await expect(cs01.getAttribute('data-refs')).resolves.toContain('HC02');
    await expect(cs01.getByRole('link').getAttribute('href')).resolves.toBe(LINK);
    await expect(cs01.getByRole('link').getAttribute('target')).resolves.toBe('_blank');
    await expect(cs01.textContent()).resolves.toContain('a link, not hashed');
    await papers.scrollIntoViewIfNeeded();
    await shot(page, 'pack-pane-working-papers');
    expect(await axeSerious(page, '[data-testid=working-papers]')).toEqual([]);

    // Office on the web: a download named for the workbook and the date.
    await page.getByTestId('tab-trail').click();
    await page.getByTestId('trail-status').waitFor();
    const button = page.getByRole('button', { name: 'Assurance pack' });
    await button.waitFor();
    await shot(page, 'pack-pane-button');
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/ assurance pack \d{4}-\d\d-\d\d\.html$/);
    const html = fs.readFileSync((await download.path())!, 'utf8');
    expect(html).toContain('<h1>Assurance pack</h1>');
    expect(html).toContain('<h2 id="cover-h">Cover</h2>');
    expect(html).toContain('Alan Pritchard');
    expect(html).toContain(`Kept at <a href="${LINK}">`);
    await expect(page.getByTestId('assurance-pack-outcome').textContent()).resolves.toContain('is being downloaded');

    // Excel for Mac: the dialog path, the page sent in parts once the dialog page says it listens.
    await page.evaluate(() => {
      type AnyOffice = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const o = (window as unknown as { Office: AnyOffice }).Office;
      const w = window as unknown as { __dialog: { url: string; parts: string[] } };
      w.__dialog = { url: '', parts: [] };
      const supported = o.context.requirements.isSetSupported.bind(o.context.requirements);
      o.context.requirements.isSetSupported = (n: string, v?: string) =>
        n === 'DialogApi' ? ['1.1', '1.2'].includes(v ?? '1.1') : supported(n, v);
      o.context.diagnostics = { platform: 'Mac', host: 'Excel', version: '16.92' };
      o.AsyncResultStatus = o.AsyncResultStatus ?? { Succeeded: 'succeeded', Failed: 'failed' };
      o.EventType = {
        ...(o.EventType ?? {}),
        DialogMessageReceived: 'dialogMessageReceived',
        DialogEventReceived: 'dialogEventReceived',
      };
      o.context.ui = {
        displayDialogAsync(url: string, _opts: unknown, cb: (r: unknown) => void) {
          w.__dialog.url = url;
          const handlers: Record<string, (arg: unknown) => void> = {};
          cb({
            status: 'succeeded',
            value: {
              addEventHandler: (t: string, h: (arg: unknown) => void) => (handlers[t] = h),
              messageChild: (m: string) => w.__dialog.parts.push(m),
              close: () => undefined,
            },
          });
          setTimeout(() => handlers.dialogMessageReceived({ message: 'pack-ready' }), 10);
        },
      };
    });
    let downloads = 0;
    page.on('download', () => downloads++);
    await button.click();
    await page.getByTestId('assurance-pack-outcome').locator('text=/opened in a window/').waitFor();
    const sent = await page.evaluate(
      () => (window as unknown as { __dialog: { url: string; parts: string[] } }).__dialog,
    );
    expect(sent.url).toBe(`${env.served.url}/dialog.html?pack=1`);
    expect(sent.parts.length).toBeGreaterThanOrEqual(1);
    const macPack = sent.parts.map((p) => (JSON.parse(p) as { text: string }).text).join('');
    expect(macPack).toContain('<h1>Assurance pack</h1>');
    expect(macPack).toContain(`Kept at <a href="${LINK}">`);
    expect(downloads).toBe(0);

    // The dialog page itself, given those parts: the pack with Print and Close, the toolbar not printed.
    const dialog = await env.browser.context.newPage();
    try {
      await dialog.setViewportSize({ width: 640, height: 800 });
      await dialog.addInitScript((parts) => {
        (window as unknown as { __PACK_PARTS: string[] }).__PACK_PARTS = parts;
      }, sent.parts);
      await dialog.route('**/pack-dialog.html*', (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: dialogPage() }),
      );
      await dialog.goto(`${env.served.url}/pack-dialog.html?pack=1`);
      await dialog.locator('#pack-print').waitFor();
      await expect(dialog.locator('h1').first().textContent()).resolves.toBe('Assurance pack');
      await expect(dialog.locator('#cover-h').textContent()).resolves.toBe('Cover');
      await expect(dialog.locator('#pack-print').evaluate((b) => b === document.activeElement)).resolves.toBe(true);
      await shot(dialog, 'pack-pane-dialog');
      expect(await axeSerious(dialog)).toEqual([]);
      await dialog.evaluate(() => {
        window.print = () => {
          (window as unknown as { __printed: number }).__printed++;
        };
      });
      await dialog.locator('#pack-print').click();
      await expect(dialog.evaluate(() => (window as unknown as { __printed: number }).__printed)).resolves.toBe(1);
      await dialog.emulateMedia({ media: 'print' });
      await expect(dialog.locator('.outturn-pack-bar').isVisible()).resolves.toBe(false);
      await dialog.emulateMedia({ media: 'screen' });
      await dialog.locator('#pack-close').click();
      await expect(dialog.evaluate(() => (window as unknown as { __closed: boolean }).__closed)).resolves.toBe(true);
    } finally {
      await dialog.close();
    }

    // Excel for Mac without DialogApi 1.2: the pack in the pane, with Print.
    await page.evaluate(() => {
      type AnyOffice = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const o = (window as unknown as { Office: AnyOffice }).Office;
      const supported = o.context.requirements.isSetSupported;
      o.context.requirements.isSetSupported = (n: string, v?: string) =>
        n === 'DialogApi' && v === '1.2' ? false : supported(n, v);
    });
    await button.click();
    const shown = page.getByTestId('assurance-pack-shown');
    await shown.waitFor();
    const frame = page.frameLocator('[data-testid=assurance-pack-frame]');
    await expect(frame.locator('h1').textContent()).resolves.toBe('Assurance pack');
    await shown.scrollIntoViewIfNeeded();
    await shot(page, 'pack-pane-print-view');
    await page.evaluate(() => {
      const f = document.querySelector<HTMLIFrameElement>('[data-testid=assurance-pack-frame]')!;
      f.contentWindow!.print = () => {
        (window as unknown as { __framePrinted: boolean }).__framePrinted = true;
      };
    });
    await page.getByTestId('assurance-pack-print').click();
    await expect(page.evaluate(() => (window as unknown as { __framePrinted: boolean }).__framePrinted)).resolves.toBe(
      true,
    );
    expect(downloads).toBe(0);
    expect(env.browser.errors).toEqual([]);
  });
});
