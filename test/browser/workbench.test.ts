/**
 * The built workbench (the real task pane on the simulator) in headless Chromium: check,
 * marks in the rendered grid, findings, selection, clear marks, settings, a figure
 * changed by hand, themes, 320 px, accessibility. Skipped with a message without Chromium.
 */
import * as path from 'path';
import type { Page } from 'playwright-core';
import { RULES_BY_ID } from '../../src/engine/rules';
import { ARTIFACTS, axeSerious, chromiumAvailable, screenshot, servedBrowser } from './harness';

const run = chromiumAvailable();
const describeIf = run ? describe : describe.skip;

const ERROR_FILL = '#ffc7ce';
const WARNING_FILL = '#ffeb9c';

interface ListedFinding {
  key: string;
  cell: string;
  rule: string;
  text: string;
}

/** Every finding in the virtualised list: scroll it from top to bottom and collect what each window shows. */
async function listedFindings(page: Page): Promise<ListedFinding[]> {
  const list = page.getByTestId('findings');
  await list.evaluate((el) => {
    el.scrollTop = 0;
  });
  const seen = new Map<string, ListedFinding>();
  for (let i = 0; i < 200; i++) {
    const batch = await page.$$eval('[data-testid=finding]', (els) =>
      els.map((e) => ({
        key: e.getAttribute('data-key') ?? '',
        cell: e.getAttribute('data-cell') ?? '',
        rule: e.getAttribute('data-rule') ?? '',
        text: e.textContent ?? '',
      })),
    );
    for (const f of batch) seen.set(f.key, f);
    const done = await list.evaluate((el) => {
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return true;
      el.scrollTop += el.clientHeight * 0.8;
      return false;
    });
    if (done) break;
    await page.waitForTimeout(50);
  }
  await list.evaluate((el) => {
    el.scrollTop = 0;
  });
  return [...seen.values()];
}

/** Cell address to its fill in the rendered grid, for the cells that have one. */
async function filledCells(page: Page): Promise<Record<string, string>> {
  return page.$$eval('td[data-fill]:not([data-fill=""])', (tds) =>
    Object.fromEntries(tds.map((td) => [td.getAttribute('data-cell')!, td.getAttribute('data-fill')!.toLowerCase()])),
  );
}

async function check(page: Page): Promise<void> {
  await page.getByTestId('check').click();
  await page.getByTestId('check').and(page.locator(':enabled')).waitFor();
  await page.getByTestId('summary').waitFor();
}

async function badge(page: Page, id: string): Promise<string> {
  return (await page.getByTestId(id).textContent()) ?? '';
}

describeIf('workbench in headless Chromium', () => {
  const env = servedBrowser();
  let page: Page;

  beforeEach(async () => {
    page = await env.browser.context.newPage();
  });
  afterEach(async () => {
    await page?.close();
  });

  test("Check lists the sample's eight findings and marks their cells as Excel would", async () => {
    await page.goto(`${env.served.url}/workbench.html`);
    await page.getByTestId('check').waitFor();
    expect(await filledCells(page)).toEqual({});
    await screenshot(page, 'workbench-before-check');

    await check(page);
    expect(await badge(page, 'count-errors')).toBe('6 errors');
    // Two cell warnings and the workbook's sign-off: 21/08/2017 is past the deadline and nobody has signed.
    expect(await badge(page, 'count-warnings')).toBe('3 warnings');
    expect(await badge(page, 'count-info')).toBe('0 info');
    // Period, dates and mapping wait behind one disclosure, its headline saying the gist.
    await expect(page.getByTestId('details-toggle').textContent()).resolves.toBe(
      '12 indicators · Jul 2017 · due 14 Aug 2017',
    );
    await page.getByTestId('details-toggle').click();
    const details = await page.getByTestId('details').textContent();
    expect(details).toContain('Indicators12 checked');
    expect(details).toContain('PeriodJul 2017');
    expect(details).toContain('As of21 Aug 2017');
    expect(details).toContain('Deadline14 Aug 2017');
    expect(details).toContain('Columns of Corporate PIs A4:Z20, header row 4');
    // In sheet order, A to Z, not the order the roles were found in.
    const letters = (await page.getByTestId('mapping').locator('li').allTextContents()).map((t) => t.split(':')[0]);
    expect(letters).toEqual([...letters].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)));
    await page.getByTestId('details-toggle').click();

    const findings = await listedFindings(page);
    // Grouped by dimension: accuracy, then completeness, then timeliness.
    expect(findings.map((f) => `${f.cell} ${f.rule}`)).toEqual([
      // G17 and Q17 hold the same #DIV/0!: one row, "×2", naming Q17 when opened.
      'T6 rag-mismatch',
      'G8 number-stored-as-text',
      'F9 negative-count',
      'G17 excel-error',
      'W10 missing-owner',
      'Y15 missing-commentary',
      ' signoff-outstanding',
      'Z11 submitted-late',
    ]);
    const signoff = findings.find((f) => f.rule === 'signoff-outstanding')!;
    expect(signoff.text).toContain(
      'Sign-off is still outstanding (compiler, responsible officer, head of service) and the deadline of 14/08/2017 has passed.',
    );
    expect(signoff.text).toMatch(/^WarningWhole workbook/); // named as such, and the one sheet is not repeated
    const t6 = findings.find((f) => f.cell === 'T6')!;
    expect(t6.text).toContain(
      'RAG says GREEN but 94.0% is below the target of 95.0% and above the floor standard of 90.0%: should be AMBER.',
    );
    expect(findings.find((f) => f.cell === 'W10')!.text).toContain('No responsible officer named for CS05.');

    expect(await filledCells(page)).toEqual({
      T6: ERROR_FILL,
      G8: ERROR_FILL,
      F9: ERROR_FILL,
      W10: ERROR_FILL,
      G17: ERROR_FILL,
      Q17: ERROR_FILL,
      Z11: WARNING_FILL,
      Y15: WARNING_FILL,
    });
    // The mark's font colour too, and the value is shown unchanged.
    const t6Cell = page.locator('td[data-cell="T6"]');
    expect(await t6Cell.evaluate((td) => getComputedStyle(td).color)).toBe('rgb(156, 0, 6)');
    expect(await t6Cell.textContent()).toBe('GREEN');
    expect(await page.locator('td[data-cell="H6"]').textContent()).toBe('94.0%');
    expect(await page.locator('td[data-cell="Z11"]').textContent()).toBe('16/08/2017');
    await screenshot(page, 'workbench-after-check');
    expect(env.browser.errors).toEqual([]);
  });

  test('clicking a finding (or Enter on it) selects its cell; severity filters and grouping by indicator', async () => {
    await page.goto(`${env.served.url}/workbench.html`);
    await check(page);
    await page.locator('[data-testid=finding][data-cell="G8"]').click();
    await expect(page.getByTestId('namebox').textContent()).resolves.toBe('G8');
    await expect(page.locator('td[data-cell="G8"]').getAttribute('class')).resolves.toContain('wb-active');

    await page.locator('[data-testid=finding][data-cell="F9"]').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('namebox').textContent()).resolves.toBe('F9');

    // "Errors" shows the errors only (pressed: filled, aria-pressed); "Warnings" the warnings only.
    await page.getByTestId('filter-error').click();
    await expect(page.getByTestId('filter-error').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.getByTestId('filter-all').getAttribute('aria-pressed')).resolves.toBe('false');
    expect((await listedFindings(page)).map((f) => f.cell)).toEqual(['T6', 'G8', 'F9', 'G17', 'W10']); // G17 stands for G17 and Q17 (×2)
    await page.getByTestId('filter-warning').click();
    expect((await listedFindings(page)).map((f) => f.cell)).toEqual(['Y15', '', 'Z11']); // '': the sign-off, not about a cell
    await page.getByTestId('filter-info').click();
    await expect(page.getByTestId('no-findings').textContent()).resolves.toBe(
      'No info findings: press All to see the rest.',
    );
    await page.getByTestId('filter-all').click();

    await page.getByTestId('group-by').click();
    await page.getByRole('option', { name: 'Indicator' }).click();
    const groups = await page.$$eval('[data-testid=group-title]', (els) => els.map((e) => e.textContent));
    // The outstanding sign-off is about the whole workbook, not an indicator: its group comes first.
    // Indicator groups are headed by ref and description.
    expect(groups[0]).toBe('Whole workbook');
    expect(groups[1]).toMatch(/^CS01 \S.+/);
    // CS01 has Apr…Jul figures: its heading carries a sparkline of them.
    const spark = page.locator('[data-testid=finding-group]').nth(1).getByTestId('sparkline');
    await expect(spark.getAttribute('aria-label')).resolves.toBe('Trend: Apr 0.96, May 0.97, Jun 0.95, Jul 0.94');
    await screenshot(page, 'workbench-by-indicator');
  });

  test('keyboard only: Tab reaches Check and the findings; Enter runs the check and selects a cell', async () => {
    await page.goto(`${env.served.url}/workbench.html`);
    await page.getByTestId('tab-check').focus();
    const tabTo = async (testId: string, max = 12): Promise<number> => {
      for (let i = 1; i <= max; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) return i;
      }
      throw new Error(`Tab never reached ${testId}`);
    };
    expect(await tabTo('check')).toBeLessThanOrEqual(3);
    await page.keyboard.press('Enter');
    await page.getByTestId('summary').waitFor();
    expect(await tabTo('finding', 20)).toBeLessThanOrEqual(12);
    const cell = await page.evaluate(() => document.activeElement?.getAttribute('data-cell'));
    expect(cell).toBe('T6');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('namebox').textContent()).resolves.toBe('T6');
  });

  test('Clear marks removes exactly the marks, and leaves the figures as they were', async () => {
    await page.goto(`${env.served.url}/workbench.html`);
    const figures = () =>
      page.evaluate(() =>
        JSON.stringify(
          (
            window as unknown as {
              outturnWorkbench: { sim: { workbook: { sheets: { name: string; rows: unknown }[] } } };
            }
          ).outturnWorkbench.sim.workbook.sheets
            .filter((s) => !s.name.startsWith('Outturn'))
            .map((s) => [s.name, s.rows]),
        ),
      );
    const before = await figures();
    await check(page);
    expect(Object.keys(await filledCells(page))).toHaveLength(8);
    await page.getByTestId('clear-marks').click();
    // Counted in cells and sheets, as the user sees them, not in conditional-format rules.
    await expect(page.getByTestId('notices').textContent()).resolves.toBe(
      "Cleared the marks from 8 cells on sheet 'Corporate PIs'. Your own formatting is unchanged.",
    );
    expect(await filledCells(page)).toEqual({});
    const after = await figures();
    expect(after === before).toBe(true); // values, formulas and number formats of every cell, unchanged
  });

  test('turning a rule off in Settings, saving and checking again drops its findings', async () => {
    await page.goto(`${env.served.url}/workbench.html`);
    await check(page);
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('section-rules').click();
    await page.getByTestId('rule-switch-missing-owner').click();
    // And a missing commentary becomes an error rather than a warning.
    await page.getByRole('combobox', { name: `Severity of ${RULES_BY_ID.get('missing-commentary')!.title}` }).click();
    await page.getByRole('option', { name: 'Error' }).click();
    await page.getByTestId('save-settings').click();
    await expect(page.getByTestId('toast-saved').textContent()).resolves.toContain('Settings saved in the workbook.');
    await screenshot(page, 'workbench-settings');
    await page.getByTestId('tab-check').click();
    await check(page);
    expect(await badge(page, 'count-errors')).toBe('6 errors');
    expect(await badge(page, 'count-warnings')).toBe('2 warnings'); // Z11 and the outstanding sign-off
    const cells = (await listedFindings(page)).map((f) => f.cell);
    expect(cells).not.toContain('W10');
    expect(cells).toHaveLength(7); // eight findings, G17 and Q17 on one row
    expect(await filledCells(page)).not.toHaveProperty('W10');
    expect((await filledCells(page)).Y15).toBe(ERROR_FILL);

    // The saved settings travel with the workbook: a new pane on the same workbook reads them.
    const stored = await page.evaluate(() => {
      const wb = (
        window as unknown as {
          outturnWorkbench: {
            sim: { workbook: { sheets: { name: string; visibility: string; rows: { value: unknown }[][] }[] } };
          };
        }
      ).outturnWorkbench.sim.workbook;
      const s = wb.sheets.find((x) => x.name === 'OutturnSettings');
      return s ? { visibility: s.visibility, a1: JSON.parse(String(s.rows[0][0].value)) } : null;
    });
    expect(stored?.visibility).toBe('VeryHidden');
    expect(stored?.a1.rules['missing-owner'].enabled).toBe(false);
    expect(stored?.a1.rules['missing-commentary']).toEqual({ enabled: true, severity: 'error' });
    expect(stored?.a1.asOf).toBe('2017-08-21');
  });

  test("correcting a column's role in Settings is saved in config.columns and used by the next check", async () => {
    await page.goto(`${env.served.url}/workbench.html`);
    await check(page);
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('section-columns').click();
    const polarity = page.getByRole('combobox', { name: 'D: Polarity' });
    await expect(polarity.textContent()).resolves.toBe('Polarity');
    await polarity.click();
    await page.getByRole('option', { name: 'Ignore this column' }).click();
    await page.getByTestId('save-settings').click();
    await expect(page.getByTestId('toast-saved').textContent()).resolves.toContain('Settings saved in the workbook.');
    await page.getByTestId('tab-check').click();
    await check(page);
    await page.getByTestId('details-toggle').click();
    const mapping = await page.getByTestId('mapping').locator('li').allTextContents();
    expect(mapping).toContain('C: Service area');
    expect(mapping.some((m) => m.startsWith('D:'))).toBe(false);
    const stored = await page.evaluate(() => {
      const wb = (
        window as unknown as {
          outturnWorkbench: { sim: { workbook: { sheets: { name: string; rows: { value: unknown }[][] }[] } } };
        }
      ).outturnWorkbench.sim.workbook;
      return JSON.parse(String(wb.sheets.find((x) => x.name === 'OutturnSettings')!.rows[0][0].value));
    });
    expect(stored.columns).toEqual({ Polarity: 'ignore' });
    // Polarity now comes from target against floor, which agrees here: the findings are the same eight.
    expect(await badge(page, 'count-errors')).toBe('6 errors');
  });

  test('a bad setting is refused with a sentence; an April period moves the deadline past the May bank holiday', async () => {
    await page.goto(`${env.served.url}/workbench.html`);
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('setting-period').fill('2017-13');
    await page.getByTestId('save-settings').click();
    await expect(page.getByTestId('settings-errors').textContent()).resolves.toBe(
      'Period: must be a month written YYYY-MM.',
    );
    await page.getByTestId('setting-period').fill('2017-04');
    await page.getByTestId('save-settings').click();
    await page.getByTestId('tab-check').click();
    await check(page);
    // April ends on Sunday 30/04/2017; Monday 1 May is a bank holiday: ten working days end on 15/05, not 12/05.
    await expect(page.getByTestId('details-toggle').textContent()).resolves.toContain('due 15 May 2017');
  });

  test('changing a figure in the grid says the check is out of date; checking again follows the new figure', async () => {
    await page.goto(`${env.served.url}/workbench.html`);
    await check(page);
    await page.locator('td[data-cell="T6"]').dblclick();
    const editor = page.getByLabel('Edit T6');
    await editor.fill('AMBER');
    await editor.press('Enter');
    await expect(page.locator('td[data-cell="T6"]').textContent()).resolves.toBe('AMBER');
    await page.getByText('Figures changed since the last check. Press Check again.').waitFor();
    await check(page);
    expect(await badge(page, 'count-errors')).toBe('5 errors');
    expect((await listedFindings(page)).map((f) => f.cell)).not.toContain('T6');
    expect(await filledCells(page)).not.toHaveProperty('T6');

    // Typing into a selected cell, as in Excel: select G8 ("93 %" as text), type 93%, Enter; the cell below is selected next.
    await page.locator('td[data-cell="G8"]').click();
    await page.getByTestId('sheet-keys').focus();
    await page.keyboard.type('93%');
    await page.keyboard.press('Enter');
    await expect(page.locator('td[data-cell="G8"]').textContent()).resolves.toBe('93%');
    await expect(page.getByTestId('namebox').textContent()).resolves.toBe('G9');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('namebox').textContent()).resolves.toBe('G8');
    await check(page);
    expect(await badge(page, 'count-errors')).toBe('4 errors');
    expect((await listedFindings(page)).map((f) => f.cell)).toEqual(['F9', 'G17', 'W10', 'Y15', '', 'Z11']);
  });

  test('a protected sheet: the findings are listed, and the pane says in a sentence why no cell was marked', async () => {
    await page.goto(`${env.served.url}/workbench.html`);
    await page.getByTestId('check').waitFor();
    await page.evaluate(() => {
      (
        window as unknown as { outturnWorkbench: { sim: { sheet(n: string): { protected: boolean } } } }
      ).outturnWorkbench.sim.sheet('Corporate PIs').protected = true;
    });
    await page.getByTestId('check').click();
    await page.getByTestId('check').and(page.locator(':enabled')).waitFor();
    const notices = (await page.getByTestId('notices').textContent()) ?? '';
    expect(notices).toMatch(/^Cells not marked.*protected.*The findings are listed below\./i);
    expect(notices.match(/is protected/g)).toHaveLength(1); // said once, not by the read and again by the marking
    expect(await badge(page, 'count-errors')).toBe('6 errors');
    // Eight about cells (G17 and Q17 say the same thing: one row, ×2), one about the sign-off.
    const listed = await listedFindings(page);
    expect(listed.length).toBe(8);
    expect(listed.find((f) => f.cell === 'G17')!.text).toContain('×2');
    expect(notices).not.toMatch(/\bat \w+ \(|Error:|undefined/); // a sentence, not a stack trace
    expect(await filledCells(page)).toEqual({});
    await screenshot(page, 'workbench-protected');
  });

  test('3,000 findings: the list stays virtual (a few dozen rows in the page) and reaches the last one', async () => {
    await page.goto(`${env.served.url}/workbench.html?rows=3000`);
    await page.getByTestId('check').waitFor();
    const t0 = Date.now();
    await check(page);
    const checkMs = Date.now() - t0;
    expect(await badge(page, 'count-errors')).toBe('3,000 errors');
    // 3,000 copies of one sentence are one row with its count.
    const merged = page.locator('[data-testid=finding][data-cell="J4"]');
    await expect(merged.getAttribute('data-count')).resolves.toBe('3000');
    await expect(merged.getByTestId('finding-count').textContent()).resolves.toBe('×3,000');
    // By indicator, each is its own group: the list stays virtual and reaches the last one.
    await page.getByTestId('group-by').click();
    await page.getByRole('option', { name: 'Indicator' }).click();
    expect(await page.locator('[data-testid=finding]').count()).toBeLessThan(60);
    const list = page.getByTestId('findings');
    const t1 = Date.now();
    await list.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await page.locator('[data-testid=finding][data-cell="J3003"]').waitFor();
    const scrollMs = Date.now() - t1;
    expect(await page.locator('[data-testid=finding]').count()).toBeLessThan(60);
    await page.locator('[data-testid=finding][data-cell="J3003"]').click();
    await expect(page.getByTestId('namebox').textContent()).resolves.toBe('J3003');
    // The grid draws rows on demand and brings the selected cell into view.
    await expect(page.locator('td[data-cell="J3003"]').isVisible()).resolves.toBe(true);
    console.log(
      `workbench, 3,000 indicators (42,000 cells): read + check + mark ${checkMs} ms; jump to the last finding ${scrollMs} ms`,
    );
    await screenshot(page, 'workbench-3000-findings');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`${theme} theme at 320 px: readable, and axe finds no serious or critical violations`, async () => {
      await page.goto(`${env.served.url}/workbench.html?theme=${theme}`);
      await check(page);
      const pane = page.getByTestId('pane');
      expect(Math.round((await pane.boundingBox())!.width)).toBe(320);
      // Nothing in the pane is wider than the pane: no sideways scrolling at 320 px.
      const overflow = await pane.evaluate((el) =>
        [...el.querySelectorAll('main *')]
          .filter((e) => e.getBoundingClientRect().right > el.getBoundingClientRect().right + 1)
          .map((e) => e.outerHTML.slice(0, 80)),
      );
      expect(overflow).toEqual([]);
      const bg = await page
        .locator('[data-theme]')
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(bg).toBe(theme === 'dark' ? 'rgb(41, 41, 41)' : 'rgb(255, 255, 255)');
      await screenshot(page, `workbench-${theme}`);
      await pane.screenshot({ path: path.join(ARTIFACTS, `pane-320-${theme}.png`) });
      expect(await axeSerious(page, '[data-testid=pane]')).toEqual([]);
      await page.getByTestId('tab-settings').click();
      await page.getByTestId('section-rules').click();
      expect(await axeSerious(page, '[data-testid=pane]')).toEqual([]);
      await pane.screenshot({ path: path.join(ARTIFACTS, `pane-320-settings-${theme}.png`) });
    });
  }
});
