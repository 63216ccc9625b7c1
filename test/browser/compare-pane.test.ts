/**
 * "Compare with the previous return…" in the real task pane (the built workbench) in
 * headless Chromium. June's return of the workbench's sample (the same grid before July
 * was filled in, its May figure for CS01 as first reported, its notes June's) is chosen in
 * the file chooser; the pane reads it in the browser (nothing leaves it: every request but
 * the local server's is refused and would be listed), lists the one restated figure among
 * the check's findings and marks its cell; "Record restatement…" on the finding writes the
 * restatement to the trail and the finding becomes restatement-recorded with the reason.
 * Screenshots go to docs/screenshots/compare-*.png.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { sampleSheet } from '../../src/workbench/sample';
import { ROOT, chromiumAvailable, servedBrowser } from './harness';

const run = chromiumAvailable();
const describeIf = run ? describe : describe.skip;
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const ERROR_FILL = '#ffc7ce';

/** June's return: the sample as it was before July's column was filled in. */
async function juneReturn(file: string): Promise<void> {
  const sheet = sampleSheet();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet.name);
  sheet.rows.forEach((cells, r) =>
    cells.forEach((c, col) => {
      if (!c) return;
      const cell = ws.getRow(r + 1).getCell(col + 1);
      cell.value = c.error ? ({ error: c.value } as ExcelJS.CellErrorValue) : c.value;
      if (c.format) cell.numFmt = c.format;
    }),
  );
  ws.getCell('A2').value = 'Results up to June 2017';
  for (let r = 6; r <= 20; r++) {
    if (typeof ws.getCell(`A${r}`).value !== 'string' || !/^[A-Z]{2}\d\d$/.test(String(ws.getCell(`A${r}`).value)))
      continue;
    ws.getCell(`H${r}`).value = null; // July not yet reported
    const note = ws.getCell(`Y${r}`);
    if (typeof note.value === 'string') note.value = `June: ${note.value}`;
  }
  ws.getCell('F6').value = 0.98; // CS01's May as first reported (97.0% now)
  await wb.xlsx.writeFile(file);
}

async function filledCells(page: Page): Promise<Record<string, string>> {
  return page.$$eval('td[data-fill]:not([data-fill=""])', (tds) =>
    Object.fromEntries(tds.map((td) => [td.getAttribute('data-cell')!, td.getAttribute('data-fill')!.toLowerCase()])),
  );
}

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.getByTestId('pane').screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

describeIf('compare with the previous return, in the pane', () => {
  const env = servedBrowser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outturn-compare-'));
  const june = path.join(dir, 'corporate-pis-june-2017.xlsx');
  let page: Page;
  beforeAll(async () => {
    await juneReturn(june);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    page = await env.browser.context.newPage();
  });
  afterEach(async () => {
    await page?.close();
  });

  test('the chosen file is read in the browser; the restated figure is listed, marked and restated from the finding', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${env.served.url}/workbench.html`);
    await page.getByTestId('check').click();
    await page.getByTestId('summary').waitFor();
    expect(await page.getByTestId('count-errors').textContent()).toBe('6 errors');
    const before = await filledCells(page);

    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('compare-previous').click();
    await (await chooser).setFiles(june);
    await page.getByTestId('compare-summary').waitFor();
    expect(await page.getByTestId('compare-summary').textContent()).toMatch(
      /^Compared with 'corporate-pis-june-2017\.xlsx': \d+ differences; 1 figure of reported periods changed without a recorded restatement\.$/,
    );
    expect(await page.getByTestId('count-errors').textContent()).toBe('7 errors');
    const restated = page.locator('[data-testid=finding][data-rule=restated-figure]');
    await expect(restated.count()).resolves.toBe(1);
    expect(await restated.getAttribute('data-cell')).toBe('F6');
    expect(await restated.textContent()).toContain("May's figure was 98.0% in the previous return and is 97.0% now");
    // Marked like the check's findings: the check's marks stay, F6 gains the error fill.
    expect(await filledCells(page)).toEqual({ ...before, F6: ERROR_FILL });
    // The whole sentence is shown, not cut by the list below it.
    const bar = page.getByTestId('compare-summary');
    expect(await bar.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    await restated.click();
    await restated.scrollIntoViewIfNeeded();
    await shot(page, 'compare-restated-figure');

    await page.getByTestId('restate-open').click();
    await page.getByTestId('restate-name').fill('Alan Pritchard');
    await page.getByTestId('restate-reason').fill('Two late invoices from June re-dated to May by the supplier');
    await shot(page, 'compare-record-restatement');
    await page.getByTestId('restate-confirm').click();
    const recorded = page.locator('[data-testid=finding][data-rule=restatement-recorded]');
    await recorded.waitFor();
    expect(await recorded.getAttribute('data-cell')).toBe('F6');
    expect(await recorded.textContent()).toContain('May restated from 98.0% to 97.0% by Alan Pritchard on');
    expect(await recorded.textContent()).toContain('"Two late invoices from June re-dated to May by the supplier"');
    expect(await page.getByTestId('count-errors').textContent()).toBe('6 errors');
    expect(await page.getByTestId('count-info').textContent()).toBe('1 info');
    expect(await filledCells(page)).toEqual(before);
    await recorded.scrollIntoViewIfNeeded();
    await shot(page, 'compare-restatement-recorded');

    // The audit trail lists the restatement with its reason.
    await page.getByTestId('tab-trail').click();
    await expect(
      page.getByText('Two late invoices from June re-dated to May by the supplier').first().waitFor(),
    ).resolves.toBeUndefined();

    // Nothing was fetched from anywhere but the local server, and the page raised no error.
    expect(env.browser.errors).toEqual([]);
  });

  test('a file that is not a workbook is refused in a sentence', async () => {
    const notXlsx = path.join(dir, 'notes.xlsx');
    fs.writeFileSync(notXlsx, 'Ref,Jun\nCS01,0.95\n');
    await page.goto(`${env.served.url}/workbench.html`);
    await page.getByTestId('check').click();
    await page.getByTestId('summary').waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('compare-previous').click();
    await (await chooser).setFiles(notXlsx);
    await page.getByTestId('compare-note').waitFor();
    expect(await page.getByTestId('compare-note').textContent()).toMatch(/^'notes\.xlsx' could not be read: /);
    await expect(page.getByTestId('compare-summary').count()).resolves.toBe(0);
  });
});
