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
    const rows = page.locator('#returns tbody tr');
    expect(await rows.count()).toBe(15);
    const heads = await page.locator('#returns tbody th[scope="row"] > a:first-child').allTextContents();
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
    // Sign-off by service area across the returns, and overall, the numbers beside each bar.
    const areas = await page.locator('#areas tbody tr').allInnerTexts();
    expect(areas.map((a) => a.split('\t').map((c) => c.trim()))).toEqual([
      ['Corporate Services', '12', '2 of 36', '', '6%'],
      ['Housing and Communities', '12', '0 of 36', '', '0%'],
      ['(no service area)', '54', '18 of 162', '', '11%'],
      ['All returns', '78', '20 of 234', '', '9%'],
    ]);
    expect(await page.getByRole('img', { name: 'All returns: 9% of signatures given' }).count()).toBe(1);
    // Each file links to itself; the deadline and submission are said in words.
    expect(await page.getByRole('link', { name: 'corporate-half.xlsx', exact: true }).getAttribute('href')).toBe(
      encodeURI(path.join(path.dirname(file), 'returns', 'corporate-half.xlsx')),
    );
    expect(
      await page
        .locator('#returns tbody tr', { has: page.getByRole('link', { name: 'corporate-half.xlsx', exact: true }) })
        .textContent(),
    ).toContain('NOT SUBMITTED: the deadline 2017-08-14 passed 5 working days ago');
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

  test('--reports: every return linked to its own check report, which opens', async () => {
    const dir = path.join(path.dirname(file), 'returns');
    const out = path.join(path.dirname(file), 'site', 'register.html');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const r = await run([
      'register',
      dir,
      ...AS_OF,
      '--format',
      'html',
      '--out',
      out,
      '--reports',
      path.join(path.dirname(out), 'reports'),
    ]);
    expect(r.code).toBe(2);
    const written = fs.readdirSync(path.join(path.dirname(out), 'reports')).sort();
    // One report per return (9), none for a file that is not one.
    expect(written).toHaveLength(9);
    expect(written).toContain('corporate-half.xlsx.html');
    const page = await browser.context.newPage();
    await page.goto(`file://${out}`);
    const link = page.getByRole('link', { name: 'Check report of corporate-half.xlsx' });
    expect(await link.getAttribute('href')).toBe('reports/corporate-half.xlsx.html');
    await link.click();
    await page.waitForLoadState();
    expect(decodeURI(page.url())).toBe(`file://${path.join(path.dirname(out), 'reports', 'corporate-half.xlsx.html')}`);
    expect(await page.locator('body').textContent()).toContain('6 errors');
    expect(browser.errors).toEqual([]);
  });
});
