/**
 * The SPC chart as drawn in headless Chromium (issue #22): the chart the pane shows under a
 * selected special-cause finding, at the pane's 320 px, and the HTML report's section. The
 * PNGs go to docs/screenshots/ (looked at, to catch overprinted or clipped labels); the test
 * checks that every label and marker lies inside the chart and that no two labels overlap.
 * Skipped, with the reason printed, without Chromium.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { run, tmpDir } from '../cli/helpers';
import { chromiumAvailable, launch, ROOT, type Browser } from './harness';

const runIf = chromiumAvailable() ? describe : describe.skip;
const SHOTS = path.join(ROOT, 'docs', 'screenshots');

const MONTHS = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];
const HEADERS = [2016, 2017].flatMap((y) => MONTHS.map((m, i) => `${m}-${String(i < 9 ? y % 100 : (y + 1) % 100)}`));

async function monthlyReturn(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Monthly PIs');
  ws.addRow(['Monthly indicators: results up to March 2018']);
  ws.addRow(['Ref', 'Measure', ...HEADERS, 'Target']);
  const rows: [string, string, number[], number, string][] = [
    [
      'C1',
      'Number of 999 calls received',
      [
        640, 655, 610, 702, 688, 630, 671, 645, 660, 690, 620, 655, 648, 662, 630, 690, 1150, 640, 655, 670, 650, 640,
        668, 652,
      ],
      700,
      '#,##0',
    ],
    [
      'F1',
      'Number of accidental dwelling fires',
      [52, 55, 49, 53, 51, 54, 50, 52, 53, 55, 51, 50, 41, 40, 42, 39, 41, 40, 38, 42, 40, 41, 39, 40],
      45,
      '#,##0',
    ],
    [
      'P1',
      '% of emergency calls handled within 90 seconds',
      [
        0.78, 0.8, 0.79, 0.81, 0.8, 0.79, 0.78, 0.8, 0.81, 0.79, 0.8, 0.81, 0.82, 0.83, 0.84, 0.85, 0.86, 0.87, 0.86,
        0.85, 0.86, 0.85, 0.86, 0.85,
      ],
      0.85,
      '0.0%',
    ],
  ];
  for (const [ref, desc, values, target, fmt] of rows) {
    const row = ws.addRow([ref, desc, ...values, target]);
    row.eachCell((c) => {
      if (typeof c.value === 'number') c.numFmt = fmt;
    });
  }
  const file = path.join(tmpDir(), 'monthly.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

/** Boxes of the chart's texts and markers: none outside its svg, no two texts overlapping. */
async function layoutTrouble(page: Page): Promise<string[]> {
  return page.$$eval('svg.spc-chart', (svgs) =>
    svgs.flatMap((svg, i) => {
      const box = svg.getBoundingClientRect();
      const out: string[] = [];
      const texts = [...svg.querySelectorAll(':scope > text')].map((t) => ({
        text: t.textContent ?? '',
        r: t.getBoundingClientRect(),
      }));
      for (const el of [...svg.querySelectorAll(':scope > text, g[data-point] > *:not(title)')]) {
        const r = el.getBoundingClientRect();
        if (
          r.left < box.left - 0.5 ||
          r.right > box.right + 0.5 ||
          r.top < box.top - 0.5 ||
          r.bottom > box.bottom + 0.5
        )
          out.push(`chart ${i}: '${el.textContent ?? el.tagName}' outside the chart`);
      }
      for (let a = 0; a < texts.length; a++)
        for (let b = a + 1; b < texts.length; b++) {
          const p = texts[a].r;
          const q = texts[b].r;
          if (p.left < q.right - 0.5 && q.left < p.right - 0.5 && p.top < q.bottom - 0.5 && q.top < p.bottom - 0.5)
            out.push(`chart ${i}: '${texts[a].text}' overlaps '${texts[b].text}'`);
        }
      return out;
    }),
  );
}

runIf('SPC chart in Chromium', () => {
  let browser: Browser;
  let html: string;
  beforeAll(async () => {
    browser = await launch('http://127.0.0.1.invalid');
    const r = await run(['check', await monthlyReturn(), '--format', 'html'], { now: '2018-04-20T09:00:00Z' });
    html = r.stdout;
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => browser?.close());

  test('the HTML report: one chart per indicator with a special cause, nothing clipped or overprinted', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.setContent(html);
    expect(await page.locator('svg.spc-chart').count()).toBe(3);
    expect(await layoutTrouble(page)).toEqual([]);
    await page.locator('.spc').screenshot({ path: path.join(SHOTS, 'spc-html-report.png') });
    await page.close();
  });

  test('the pane at 320 px: the chart fits the pane, nothing clipped or overprinted', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 320, height: 420 });
    // The pane's panel: the indicator's title over the same SVG (SpcChartPanel.tsx), in the pane's font.
    const figure = await page.evaluate(
      (doc) => new DOMParser().parseFromString(doc, 'text/html').querySelector('.spc figure')!.outerHTML,
      html,
    );
    await page.setContent(
      `<style>.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}</style><body style="margin:0;font:14px 'Segoe UI',system-ui,sans-serif;width:320px"><section style="border-top:1px solid #e0e0e0;padding:4px 0">${figure.replace('<figure>', '<figure style="margin:0">').replace('<figcaption>', '<figcaption style="font-weight:600;padding:0 8px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis">')}</section></body>`,
    );
    const width = await page.locator('svg.spc-chart').evaluate((e) => e.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(320);
    expect(await layoutTrouble(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'spc-pane-320.png') });
    await page.close();
  });
});
