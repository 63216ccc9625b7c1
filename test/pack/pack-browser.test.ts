/**
 * The assurance pack opened in Chromium, on screen and as printed: no serious accessibility
 * violation either way, and the PDF `outturn report --format pdf` prints, rendered to an
 * image by pdftoppm. Screenshots to look at: test-artifacts/pack-cover.png, pack-print.png
 * and pack-pdf-01.png.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARTIFACTS, axeSerious, chromiumAvailable, launch, screenshot, type Browser } from '../browser/harness';
import { run } from '../cli/helpers';
import { AS_OF, signedSample } from './signed-returns';

const maybe = chromiumAvailable() ? describe : describe.skip;

maybe('the assurance pack in Chromium', () => {
  let browser: Browser;
  let dir: string;
  let page: string;
  let changed: string;

  beforeAll(async () => {
    const sample = await signedSample();
    dir = sample.dir;
    page = path.join(dir, 'pack.html');
    changed = sample.changed;
    const r = await run(['report', sample.changed, ...AS_OF, '--out', page]);
    expect(r.code).toBe(1);
    browser = await launch('file://');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  test('on screen and in print: every section there, no serious axe violation', async () => {
    const p = await browser.context.newPage();
    await p.setViewportSize({ width: 1200, height: 1100 });
    await p.goto(`file://${page}`);
    expect(await p.title()).toBe('Assurance pack — corporate-pis-changed.xlsx');
    const parts = await p.locator('main h2').allTextContents();
    expect(parts).toEqual(['Cover', 'Indicators', 'Declarations confirmed', 'Appendix: the audit trail']);
    expect(await p.locator('section.indicator').count()).toBe(12);
    await expect(p.locator('.alert li').first().textContent()).resolves.toMatch(/^HC01: /);
    // A trend chart per indicator with two figures or more, each an image with a name that says first → last and the target.
    const charts = p.locator('figure.trend svg[role="img"]');
    expect(await charts.count()).toBe(11);
    const names = await charts.evaluateAll((els) =>
      els.map((e) =>
        (e.getAttribute('aria-labelledby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      ),
    );
    expect(names[0]).toBe(
      'Trend of CS01 Percentage of invoices paid within 30 days: 4 figures, from 96.0% in Apr to 94.0% in Jul; target 95.0%.',
    );
    for (const n of names) expect(n).toMatch(/^Trend of .+: \d+ figures, from .+ to .+; (target .+|no target)\.$/);
    // The figures as a table a screen reader reaches, not drawn on the page.
    expect(await p.locator('figure.trend .sr-only table').count()).toBe(11);
    expect(await p.locator('figure.trend .sr-only').first().boundingBox()).toMatchObject({ width: 1, height: 1 });
    // A difference in words, not colour alone.
    await expect(p.locator('table.recomputed .differs').first().textContent()).resolves.toMatch(
      /^Differs: the workbook reports /,
    );
    expect(await axeSerious(p)).toEqual([]);
    await screenshot(p, 'pack-cover');

    await p.emulateMedia({ media: 'print' });
    // Each part after the cover begins a page when printed.
    const breaks = await p
      .locator('section.part')
      .evaluateAll((els) => els.map((e) => getComputedStyle(e).breakBefore));
    expect(breaks).toEqual(['auto', 'page', 'page', 'page']);
    expect(await axeSerious(p)).toEqual([]);
    await screenshot(p, 'pack-print');
    await p.close();
  }, 120_000);

  test('--format pdf: Chromium prints an A4 PDF, rendered by pdftoppm to look at', async () => {
    const pdf = path.join(dir, 'pack.pdf');
    const r = await run(['report', changed, ...AS_OF, '--format', 'pdf', '--out', pdf]);
    expect(r.stderr).toBe(`outturn: assurance pack written to ${pdf}\n`);
    expect(r.code).toBe(1);
    const bytes = fs.readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 is 595 × 842 points.
    const boxes = [...bytes.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
    expect(boxes.length).toBeGreaterThan(1);
    for (const [, w, h] of boxes) expect([Math.round(Number(w)), Math.round(Number(h))]).toEqual([595, 842]);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', pdf, path.join(ARTIFACTS, 'pack-pdf')]);
    const pages = fs.readdirSync(ARTIFACTS).filter((f) => /^pack-pdf-\d+\.png$/.test(f));
    expect(pages.length).toBeGreaterThanOrEqual(2);
  }, 180_000);
});
