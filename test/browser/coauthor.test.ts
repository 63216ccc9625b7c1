/**
 * Issue #24, items 4 and 5, in the built workbench in headless Chromium: a co-author's edit
 * reaches the workbook while Alan Pritchard has the sign form open. The pane says so quietly
 * (a small notice with Check again; no dialog, the focus stays where it was), the form says
 * its figures are out of date, and Sign refuses the figures that changed under it; signing
 * again, on the figures as they are, works. Screenshots: test-artifacts/coauthor-*.png.
 * Skipped without Chromium.
 */
import type { Page } from 'playwright-core';
import { chromiumAvailable, screenshot, servedBrowser } from './harness';

const run = chromiumAvailable();
const describeIf = run ? describe : describe.skip;
const SHEET = 'Corporate PIs';

type SimCell = { value: unknown; format?: string };
type Sim = {
  editCell(sheet: string, address: string, value: unknown): Promise<void>;
  sheet(name: string): { rows: (SimCell | undefined)[][] };
  remoteChanged(sheet: string, area: { top: number; left: number; bottom: number; right: number }): void;
};

/** The sample's deliberate errors, fixed as a compiler would (its two warnings stay). */
const FIXES: [string, unknown][] = [
  ['T6', 'AMBER'],
  ['G8', 0.93],
  ['F9', 11],
  ['Q9', 46],
  ['W10', 'Dawn Garton'],
  ['G17', 0.5],
  ['Q17', 0.6],
];

async function edit(page: Page, edits: [string, unknown][]): Promise<void> {
  await page.evaluate(
    async ({ sheet, edits: list }) => {
      const sim = (window as unknown as { outturnWorkbench: { sim: Sim } }).outturnWorkbench.sim;
      for (const [address, value] of list) await sim.editCell(sheet, address, value);
    },
    { sheet: SHEET, edits },
  );
}

/** A co-author's edit arrives: the cell changes in this replica and onChanged fires with source Remote. */
async function coauthorEdits(page: Page, row: number, col: number, value: number): Promise<void> {
  await page.evaluate(
    ({ sheet, row: r, col: c, value: v }) => {
      const sim = (window as unknown as { outturnWorkbench: { sim: Sim } }).outturnWorkbench.sim;
      const cells = sim.sheet(sheet).rows[r];
      cells[c] = { ...(cells[c] ?? { value: null }), value: v };
      sim.remoteChanged(sheet, { top: r, left: c, bottom: r, right: c });
    },
    { sheet: SHEET, row, col, value },
  );
}

async function pressSign(page: Page): Promise<string> {
  const outcome = page.getByTestId('sign-outcome');
  const before = Number(await outcome.getAttribute('data-count'));
  await page.getByTestId('sign-button').click();
  await page.locator(`[data-testid=sign-outcome][data-count="${before + 1}"]`).waitFor();
  await outcome.locator('.fui-MessageBar').first().waitFor();
  return (await outcome.textContent()) ?? '';
}

describeIf('a co-author changes the figures while the form is open (headless Chromium)', () => {
  const env = servedBrowser();
  let page: Page;
  afterEach(async () => {
    await page?.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`${theme}: a quiet notice, the form says so, Sign refuses, then signs the figures as they are`, async () => {
      page = await env.browser.context.newPage();
      await page.setViewportSize({ width: 400, height: 900 });
      await page.goto(`${env.served.url}/workbench.html?layout=pane&pane=400&theme=${theme}`);
      await page.getByTestId('check').waitFor();
      await page.evaluate(() => localStorage.clear());
      await edit(page, FIXES);

      await page.getByTestId('tab-signoff').click();
      await page.getByTestId('sign-preview').waitFor();
      const bulk = page.getByTestId('bulk-reason');
      if (await bulk.count()) await bulk.fill('Agreed with the performance team.');
      await page.getByTestId('sign-statement').check();
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');

      // Alan's CS02, July (H7), changed in a co-author's window: the form says so (once: not the pane's notice too).
      await coauthorEdits(page, 6, 7, 0.65);
      await page.getByTestId('signoff-coauthor').waitFor();
      await expect(page.getByTestId('coauthor-notice').count()).resolves.toBe(0);
      // Quiet: no dialog, the focus where the signer left it, the tick kept.
      await expect(page.locator('[role=dialog], [role=alertdialog]').count()).resolves.toBe(0);
      await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '')).resolves.toBe(
        focused,
      );
      await expect(page.getByTestId('sign-statement').isChecked()).resolves.toBe(true);
      await screenshot(page, `coauthor-${theme}-form-notice`);
      // Elsewhere in the pane the small notice says it, with Check again.
      await page.getByTestId('tab-check').click();
      const notice = page.getByTestId('coauthor-notice');
      await notice.waitFor();
      await expect(notice.textContent()).resolves.toBe(
        'Changed by a co-authorThe figures changed since your last check.Check again',
      );
      await screenshot(page, `coauthor-${theme}-notice`);
      await page.getByTestId('tab-signoff').click();
      await page.getByTestId('signoff-coauthor').waitFor();
      if (await bulk.count()) await bulk.fill('Agreed with the performance team.');
      await page.getByTestId('sign-statement').check();

      const refused = await pressSign(page);
      expect(refused).toContain('Not signed: the figures changed');
      expect(refused).toContain('A co-author changed the figures while this form was open (Changed: CS02)');
      await expect(page.getByTestId('coauthor-notice').count()).resolves.toBe(0); // checked again by Sign
      await page.getByTestId('sign-outcome').scrollIntoViewIfNeeded();
      await screenshot(page, `coauthor-${theme}-figures-changed`);

      await page.getByTestId('sign-continue').click();
      await page.getByTestId('sign-statement').check();
      await expect(pressSign(page)).resolves.toContain('Signed as compiler by Alan Pritchard');
      expect(env.browser.errors).toEqual([]);
    });
  }
});
