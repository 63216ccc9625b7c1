/**
 * The sign-off form a signer can trust (issue #27, items 1–3), in the built workbench in
 * headless Chromium with the pane at 320 × 600 and 400 × 800, light and dark, signing the
 * sample per owner through the account switcher. Each test asserts the opposite of a fault
 * the issue found: findings wrap with the fix visible and the pane says how many marked cells
 * are out of view; the Sign button is disabled until the statement of that role is ticked and
 * is in view without scrolling, as is the result; each blocked indicator is listed once; the
 * preview names the person the trail records; a role switch after a refusal carries no tick;
 * an old "Signed" leaves with the next action; after an account switch the grid's marks and
 * the pane agree, and the Sign-off tab checks by itself (one view). Screenshots of every step
 * go to test-artifacts/form-*.png. Skipped without Chromium.
 */
import type { Locator, Page } from 'playwright-core';
import { chromiumAvailable, screenshot, servedBrowser } from './harness';

const run = chromiumAvailable();
const describeIf = run ? describe : describe.skip;
const SHEET = 'Corporate PIs';

type Sim = {
  editCell(sheet: string, address: string, value: unknown): Promise<void>;
  sheet(name: string): { conditionalFormats: { formula?: string | null }[] };
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

const upn = (name: string) => `${name.toLowerCase().replace(' ', '.')}@melton.gov.uk`;

async function edit(page: Page, edits: [string, unknown][]): Promise<void> {
  await page.evaluate(
    async ({ sheet, edits: list }) => {
      const sim = (window as unknown as { outturnWorkbench: { sim: Sim } }).outturnWorkbench.sim;
      for (const [address, value] of list) await sim.editCell(sheet, address, value);
    },
    { sheet: SHEET, edits },
  );
}

/** Outturn's conditional formats (its marks) on the sample sheet. */
async function marksInGrid(page: Page): Promise<number> {
  return page.evaluate((sheet) => {
    const sim = (window as unknown as { outturnWorkbench: { sim: Sim } }).outturnWorkbench.sim;
    return sim.sheet(sheet).conditionalFormats.filter((cf) => /outturn/i.test(cf.formula ?? '')).length;
  }, SHEET);
}

/** The element wholly inside the pane and the window, with no scrolling. */
async function expectInView(page: Page, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  const pane = await page.getByTestId('pane').boundingBox();
  const viewport = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(pane!.y - 0.5);
  expect(box!.y + box!.height).toBeLessThanOrEqual(Math.min(pane!.y + pane!.height, viewport.height) + 0.5);
  expect(box!.x + box!.width).toBeLessThanOrEqual(pane!.x + pane!.width + 0.5);
}

async function check(page: Page): Promise<void> {
  await page.getByTestId('tab-check').click();
  await page.getByTestId('check').click();
  await page.getByTestId('check').and(page.locator(':enabled')).waitFor();
  await page.getByTestId('summary').waitFor();
}

async function switchTo(page: Page, name: string): Promise<void> {
  await page.getByTestId('account-switcher').selectOption(upn(name));
  await page.getByTestId('check').waitFor();
}

/** Press Sign and wait for the new result. */
async function pressSign(page: Page): Promise<string> {
  const outcome = page.getByTestId('sign-outcome');
  const before = Number(await outcome.getAttribute('data-count'));
  await page.getByTestId('sign-button').click();
  await page.locator(`[data-testid=sign-outcome][data-count="${before + 1}"]`).waitFor();
  await outcome.locator('[role=status], .fui-MessageBar').first().waitFor();
  return (await outcome.textContent()) ?? '';
}

function occurrences(text: string, word: string): number {
  return text.split(word).length - 1;
}

describeIf('the sign-off form a signer can trust (headless Chromium)', () => {
  const env = servedBrowser();
  let page: Page;
  afterEach(async () => {
    await page?.close();
  });

  for (const [width, height] of [
    [320, 600],
    [400, 800],
  ] as const) {
    for (const theme of ['light', 'dark'] as const) {
      const shot = (step: string) => screenshot(page, `form-${width}x${height}-${theme}-${step}`);

      test(`${width} × ${height}, ${theme}: check, sign, refuse, switch role and account`, async () => {
        page = await env.browser.context.newPage();
        // The pane exactly width × height: the window is as much taller as the workbench's header.
        await page.setViewportSize({ width: width + 760, height });
        await page.goto(`${env.served.url}/workbench.html?pane=${width}&theme=${theme}`);
        await page.getByTestId('check').waitFor();
        await page.evaluate(() => localStorage.clear());
        const paneBox = (await page.getByTestId('pane').boundingBox())!;
        await page.setViewportSize({ width: width + 760, height: height + (height - paneBox.height) });
        expect(Math.round((await page.getByTestId('pane').boundingBox())!.height)).toBe(height);

        // Check: every message whole (wrapped, not cut), the period line whole, the marks out of view counted.
        await check(page);
        const cut = await page.$$eval('[data-testid=finding-message], [data-testid=details-toggle] span', (els) =>
          els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
        );
        expect(cut).toEqual([]);
        const heights = await page.$$eval('[data-testid=finding-message]', (els) =>
          els.map((e) => e.getBoundingClientRect().height),
        );
        if (width === 320) expect(Math.max(...heights)).toBeGreaterThan(30); // some run to a second line
        const marks = page.getByTestId('marks-in-view');
        await expect(marks.textContent()).resolves.toMatch(/out of view|in view/);
        const outOfView = Number(await marks.getAttribute('data-out-of-view'));
        expect(outOfView).toBeGreaterThan(0); // the sample's marks run off to the right of the grid
        await shot('1-checked');
        await page.getByTestId('go-to-first-mark').click();
        await expect(page.getByTestId('namebox').textContent()).resolves.toMatch(/^[A-Z]+\d+$/);
        await shot('2-go-to-first');

        // Sign-off as Alan Pritchard, with errors left: who, what (each blocked once), the button off until ticked.
        await page.getByTestId('tab-signoff').click();
        await page.getByTestId('sign-preview').waitFor();
        await expect(page.getByTestId('sign-signer').textContent()).resolves.toContain(
          `Alan Pritchard (${upn('Alan Pritchard')})`,
        );
        const form = page.locator('form[aria-label=Sign]');
        const refs = await page.$$eval('[data-testid=sign-not-now-item]', (els) =>
          els.map((e) => e.getAttribute('data-ref')),
        );
        expect(refs).toEqual(['CS01']);
        // Sentences on their own lines: the "Not now" list starts below the line naming what is signed.
        const match = (await page.getByTestId('sign-match').boundingBox())!;
        const notNow = (await page.getByTestId('sign-not-now').boundingBox())!;
        expect(notNow.y).toBeGreaterThanOrEqual(match.y + match.height - 0.5);
        expect(occurrences((await form.textContent()) ?? '', 'CS01')).toBe(1);
        await expect(page.getByTestId('sign-button').isDisabled()).resolves.toBe(true);
        await expectInView(page, page.getByTestId('sign-button'));
        await expectInView(page, page.getByTestId('sign-statement'));
        await shot('3-signoff-unticked');

        // Signing with CS01 blocked signs CS02; the result replaces the button, in view; it names whom the trail records.
        await page.getByTestId('sign-statement').check();
        await expect(page.getByTestId('sign-button').isDisabled()).resolves.toBe(false);
        await shot('4-ticked');
        await edit(page, FIXES);
        const signed = await pressSign(page);
        expect(signed).toContain('Signed as compiler by Alan Pritchard for CS01, CS02.');
        await expectInView(page, page.getByTestId('sign-outcome'));
        await shot('5-signed');

        // Another account: the earlier marks are cleared and the pane says so; grid and pane agree.
        await switchTo(page, 'Dawn Garton');
        await page.locator('[data-testid=notices]', { hasText: 'Marks cleared' }).waitFor();
        expect(await marksInGrid(page)).toBe(0);
        await expect(page.getByTestId('summary').count()).resolves.toBe(0);
        await shot('6-switched-marks-cleared');

        // The Sign-off tab with no check run: it checks (marks return with the findings), one view, no role cards.
        await page.getByTestId('tab-signoff').click();
        await page.getByTestId('sign-preview').waitFor();
        expect(await marksInGrid(page)).toBeGreaterThan(0);
        await expect(page.locator('[data-testid^=role-card-]').count()).resolves.toBe(0);
        await expect(page.getByTestId('sign-signer').textContent()).resolves.toContain(
          `Dawn Garton (${upn('Dawn Garton')})`,
        );
        await shot('7-signoff-after-switch');

        // Dawn ticks the compiler's statement and signs as compiler: refused, the refusal in view, said once.
        await page.getByTestId('sign-role-compiler').check();
        await page.getByTestId('sign-statement').check();
        const refused = await pressSign(page);
        expect(refused).toContain('Signing refused');
        expect(refused).toContain('Dawn Garton is not named as compiler');
        await expectInView(page, page.getByTestId('sign-outcome'));
        await shot('8-refused');

        // Then the role she holds: the refusal goes, no tick carried over, the button off until she ticks this statement.
        await page.getByTestId('sign-role-responsible-officer').check();
        await expect(page.getByTestId('sign-outcome').textContent()).resolves.toBe('');
        await expect(page.getByTestId('sign-statement').isChecked()).resolves.toBe(false);
        await expect(page.getByTestId('sign-statement').getAttribute('data-role')).resolves.toBe('responsible-officer');
        await expect(page.getByTestId('sign-button').isDisabled()).resolves.toBe(true);
        await shot('9-role-switched-unticked');

        // She signs what the grid gives her; then the next action replaces the old "Signed".
        await page.getByTestId('sign-statement').check();
        const bulk = page.getByTestId('bulk-reason');
        if (await bulk.count()) await bulk.fill('Known and explained');
        const hers = await pressSign(page);
        expect(hers).toContain('Signed as responsible officer by Dawn Garton for CS01, CS02.');
        await expectInView(page, page.getByTestId('sign-outcome'));
        await shot('10-signed-ro');
        await page.getByTestId('sign-continue').click();
        await page.getByTestId('sign-role-compiler').check();
        await expect(page.getByTestId('sign-outcome').textContent()).resolves.toBe('');
        await shot('11-next-action');
      });
    }
  }
});
