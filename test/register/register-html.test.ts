/**
 * The HTML register opened in Chromium: one self-contained page (no request leaves it), a
 * row per file with a progress bar per return that assistive technology reads, no serious
 * accessibility violation, and a screenshot to look at (test-artifacts/register.png).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { axeSerious, chromiumAvailable, launch, screenshot, type Browser } from '../browser/harness';
import { run } from '../cli/helpers';
import { AS_OF, buildRegisterFolder } from './folder';

const maybe = chromiumAvailable() ? describe : describe.skip;

maybe('the HTML register in Chromium', () => {
  let browser: Browser;
  let file: string;

  beforeAll(async () => {
    const dir = await buildRegisterFolder();
    const r = await run(['register', dir, ...AS_OF, '--format', 'html']);
    expect(r.stderr).toBe('');
    file = path.join(path.dirname(dir), 'register.html');
    fs.writeFileSync(file, r.stdout);
    // Only file:// is allowed: a self-contained page asks for nothing else.
    browser = await launch('file://');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  test('every file a row, progress bars read aloud, nothing fetched, no serious axe violation', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1500, height: 1000 });
    await page.goto(`file://${file}`);
    expect(await page.title()).toBe('Register of returns');
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(15);
    const heads = await page.locator('tbody th[scope="row"]').allTextContents();
    expect(heads.map((h) => path.basename(h))).toEqual([
      'complete.xlsx',
      'corporate-half.xlsx',
      'corporate-unsigned.xlsx',
      'lgbf-childrens-services.xlsx',
      'maidstone-kpi-2018-19.xlsx',
      'minutes.docx',
      'notes.xlsx',
      'orphan.receipt.json',
      'protected.xlsx',
      'rotherham-council-plan-measures.xlsx',
      'tampered.xlsx',
      'truncated.xlsx',
      'unchecked.xlsx',
      'winchester-service-standards.xlsx',
      '~$corporate-half.xlsx',
    ]);
    const bars = page.getByRole('progressbar');
    expect(await bars.count()).toBe(9);
    expect(await bars.first().getAttribute('aria-label')).toBe('Sign-off complete');
    // Half signed: 2 of 36 signatures due (12 indicators × 3 roles).
    expect(await bars.nth(1).getAttribute('aria-valuenow')).toBe('6');
    expect(await page.locator('tbody tr', { hasText: 'tampered.xlsx' }).textContent()).toContain(
      'Trail BROKEN: The chain head',
    );
    expect(await page.locator('h3').allTextContents()).toContain('Dawn Garton');
    expect(browser.errors).toEqual([]);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'register');
  });
});
