/**
 * Whole-return sign-off in the built workbench (the real task pane on the simulator) in
 * headless Chromium, on the sample with its owner columns' headers cleared (a grid that
 * names no owners is signed as a whole; per-owner sign-off is signoff-owners.test.ts):
 * the sample's errors are fixed, the compiler, the responsible officer and the
 * head of service sign in turn, a figure is edited, the stale signatures show with the
 * changed indicator, the trail verifies; then a trail record is tampered with and the
 * broken link shows. Screenshots in test-artifacts/. Skipped without Chromium.
 */
import * as fs from 'fs';
import type { Page } from 'playwright-core';
import { axeSerious, chromiumAvailable, screenshot, servedBrowser } from './harness';

const run = chromiumAvailable();
const describeIf = run ? describe : describe.skip;
const SHEET = 'Corporate PIs';

type Sim = {
  editCell(sheet: string, address: string, value: unknown): Promise<void>;
  sheet(name: string): { rows: ({ value: unknown } | undefined)[][] };
};

async function edit(page: Page, edits: [string, unknown][]): Promise<void> {
  await page.evaluate(
    async ({ sheet, edits: list }) => {
      const sim = (window as unknown as { outturnWorkbench: { sim: Sim } }).outturnWorkbench.sim;
      for (const [address, value] of list) await sim.editCell(sheet, address, value);
    },
    { sheet: SHEET, edits },
  );
}

/** The owner columns' headers cleared: the grid names no owners, so the return is signed as a whole. */
const UNOWNED: [string, unknown][] = ['V4', 'W4', 'X4', 'V14', 'W14', 'X14'].map((a) => [a, '']);

/** Fix the sample's deliberate errors as a compiler would (its two warnings stay). */
const FIXES: [string, unknown][] = [
  ['T6', 'AMBER'],
  ['G8', 0.93],
  ['F9', 11],
  ['Q9', 46],
  ['W10', 'Dawn Garton'],
  ['G17', 0.5],
  ['Q17', 0.6],
];

async function checkFromCheckTab(page: Page): Promise<void> {
  await page.getByTestId('tab-check').click();
  await page.getByTestId('check').click();
  await page.getByTestId('check').and(page.locator(':enabled')).waitFor();
  await page.getByTestId('summary').waitFor();
}

async function status(page: Page, role: string): Promise<string> {
  return (await page.getByTestId(`role-status-${role}`).textContent()) ?? '';
}

async function sign(page: Page, role: string, name: string, ack: { bulk?: string; each?: string[] }): Promise<string> {
  await page.getByTestId('tab-signoff').click();
  // The last result stands in the action area until the next action: back to the form first.
  if (await page.getByTestId('sign-continue').count()) await page.getByTestId('sign-continue').click();
  await page.getByTestId(`sign-role-${role}`).check();
  await page.getByTestId('sign-name').fill(name);
  await page.getByTestId('sign-statement').check();
  if (ack.bulk !== undefined && (await page.getByTestId('bulk-reason').isEnabled()))
    await page.getByTestId('bulk-reason').fill(ack.bulk);
  for (const [i, reason] of (ack.each ?? []).entries()) await page.getByTestId(`warning-reason-${i}`).fill(reason);
  await page.getByTestId('sign-button').click();
  const outcome = page.getByTestId('sign-outcome');
  await outcome.locator('text=/Signed|refused|Nothing/').first().waitFor();
  return (await outcome.textContent()) ?? '';
}

describeIf('sign-off in the workbench (headless Chromium)', () => {
  const env = servedBrowser();
  let page: Page;

  beforeEach(async () => {
    page = await env.browser.context.newPage();
    await page.goto(`${env.served.url}/workbench.html`);
    await page.getByTestId('check').waitFor();
    await edit(page, UNOWNED);
  });
  afterEach(async () => {
    await page.close();
  });

  test('three roles sign in turn with typed names; a figure changes; stale shows; the trail verifies; tampering shows', async () => {
    // This Office cannot say who is signed in (no NestedAppAuth): names are recorded as typed.
    await page.evaluate(() => {
      (window as unknown as { Office: { auth: { getAuthContext: () => Promise<never> } } }).Office.auth.getAuthContext =
        () => Promise.reject(new Error('NestedAppAuth is not supported'));
    });
    await checkFromCheckTab(page);
    await page.getByTestId('tab-signoff').click();
    for (const r of ['compiler', 'responsible-officer', 'head-of-service'])
      expect(await status(page, r)).toBe('Not signed');
    // Errors remain in the sample: refused, with the reason.
    const refused = await sign(page, 'compiler', 'Alan Pritchard', { bulk: 'Reviewed' });
    expect(refused).toContain('Signing refused');
    expect(refused).toContain('The check shows 5 errors: fix them and check again before signing.');
    // Said up front, and the reasons cannot be typed while errors remain.
    await expect(page.getByTestId('signoff-errors').textContent()).resolves.toContain('The check shows 5 errors');
    await expect(page.getByTestId('bulk-reason').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'signoff-refused');

    await edit(page, FIXES);
    await checkFromCheckTab(page);
    expect(await page.getByTestId('count-errors').textContent()).toBe('0 errors');
    // Two cell warnings and the outstanding sign-off (past the deadline, unsigned); only the two are to acknowledge.
    expect(await page.getByTestId('count-warnings').textContent()).toBe('3 warnings');

    // Compiler: warnings unacknowledged are refused; then one reason for all.
    const noAck = await sign(page, 'compiler', 'Alan Pritchard', {});
    expect(noAck).toContain(
      '2 warnings are not acknowledged: give a reason for each, or one reason for all, before signing.',
    );
    expect(
      await sign(page, 'compiler', 'Alan Pritchard', {
        bulk: 'Late submission agreed with the performance team; HC01 commentary to follow.',
      }),
    ).toContain('Signed as compiler by Alan Pritchard.');
    expect(await status(page, 'compiler')).toBe('Signed');
    await expect(page.getByTestId('role-card-compiler').textContent()).resolves.toContain(
      'Signed by Alan Pritchard (typed name)',
    );

    // The same person cannot sign the next role.
    expect(await sign(page, 'responsible-officer', ' alan pritchard', { bulk: 'ok' })).toContain(
      'Alan Pritchard has already signed as compiler; the same person cannot sign two roles.',
    );
    // Responsible officer acknowledges each warning with its own reason.
    expect(
      await sign(page, 'responsible-officer', 'Dawn Garton', {
        each: ['Agreed extension for CS06.', 'Commentary for HC01 requested.'],
      }),
    ).toContain('Signed as responsible officer by Dawn Garton.');
    expect(
      await sign(page, 'head-of-service', 'Keith Aubrey', {
        bulk: 'Accepted as explained by the responsible officer.',
      }),
    ).toContain('Signed as head of service by Keith Aubrey.');
    for (const r of ['compiler', 'responsible-officer', 'head-of-service'])
      expect(await status(page, r)).toBe('Signed');
    await expect(page.getByTestId('signoff-complete').textContent()).resolves.toContain(
      'All three roles hold current signatures',
    );
    await screenshot(page, 'signoff-all-signed');

    // A figure is edited after signing: CS05's July value.
    await edit(page, [['H10', 20.3]]);
    await page.getByTestId('signoff-recheck').click();
    await page.getByTestId('role-stale-compiler').waitFor();
    for (const r of ['compiler', 'responsible-officer', 'head-of-service']) expect(await status(page, r)).toBe('Stale');
    expect(await page.getByTestId('signoff-complete').count()).toBe(0);
    await expect(page.getByTestId('role-stale-compiler').textContent()).resolves.toContain(
      'Figures changed since signed.',
    );
    await expect(page.getByTestId('role-changes-compiler').textContent()).resolves.toBe('Changed: CS05.');
    await expect(page.getByTestId('role-stale-head-of-service').textContent()).resolves.toContain(
      'Head of service must sign again.',
    );
    await screenshot(page, 'signoff-stale');
    // The tab's own content (the App's TabList is the task-pane engineer's: tabster's focus
    // sentinels there are reported separately).
    expect(await axeSerious(page, 'section[aria-label="Sign-off"]')).toEqual([]);

    // The trail: newest first, all verified.
    await page.getByTestId('tab-trail').click();
    await page.getByTestId('trail-status').waitFor();
    await expect(page.getByTestId('trail-status').getAttribute('data-ok')).resolves.toBe('true');
    await expect(page.getByTestId('trail-status').textContent()).resolves.toContain('Trail unbroken');
    // The sign-off rules replayed over the trail (issue #28): every genuine record passes.
    await expect(page.getByTestId('trail-rules').getAttribute('data-ok')).resolves.toBe('true');
    const seqs = await page.$$eval('[data-testid^=trail-record-]', (els) =>
      els.map((e) => [e.getAttribute('data-testid'), e.getAttribute('data-status')]),
    );
    expect(seqs.length).toBeGreaterThanOrEqual(8);
    expect(seqs.every(([, st]) => st === 'verified')).toBe(true);
    const numbers = seqs.map(([id]) => Number(String(id).replace('trail-record-', '')));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a)); // newest first
    expect(
      await page
        .locator('[data-testid=trail-records] li', { hasText: 'Signed as compiler by Alan Pritchard (typed name)' })
        .count(),
    ).toBe(1);
    await screenshot(page, 'audit-trail');
    // Export: CSV with formula injection neutralised, JSON with the verification.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toBe('outturn-audit-trail.csv');
    const csvText = fs.readFileSync((await csv.path())!, 'utf8');
    expect(csvText.split('\r\n')[0]).toBe(
      '"seq","at","type","actor","account","identity","summary","hash","prev","verification"',
    );
    expect(csvText).toContain(
      '"sign","Alan Pritchard","","typed","Signed as compiler by Alan Pritchard (typed name); fingerprint ',
    );
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const exported = JSON.parse(fs.readFileSync((await json.path())!, 'utf8'));
    expect(exported.verification.ok).toBe(true);
    expect(exported.records).toHaveLength(numbers.length);
    expect(await axeSerious(page, 'section[aria-label="Audit trail"]')).toEqual([]);

    // Someone edits the very hidden sheet: record 2's time, in its JSON. The broken link is shown.
    await page.evaluate(() => {
      const sim = (window as unknown as { outturnWorkbench: { sim: Sim } }).outturnWorkbench.sim;
      const cell = sim.sheet('OutturnTrail').rows[2][6] as { value: string };
      cell.value = cell.value.replace('"at":"20', '"at":"19');
    });
    await page.getByTestId('trail-reload').click();
    await page.locator('[data-testid=trail-status][data-ok=false]').waitFor();
    await expect(page.getByTestId('trail-status').textContent()).resolves.toContain('Trail broken at record 2');
    await expect(page.getByTestId('trail-record-2').getAttribute('data-status')).resolves.toBe('broken');
    await expect(page.getByTestId('trail-record-3').getAttribute('data-status')).resolves.toBe('unverified');
    await expect(page.getByTestId('trail-record-1').getAttribute('data-status')).resolves.toBe('verified');
    await screenshot(page, 'audit-trail-broken');

    // A head of service repairs it from the pane, through the same call as `outturn repair`: the
    // break stays told, a Repaired record is added, and the form is gone once the trail verifies.
    await page.getByTestId('repair-open').click();
    await page.getByTestId('repair-role-head-of-service').check();
    await page.getByTestId('repair-name').fill('Dawn Garton');
    await expect(page.getByTestId('repair-confirm').isDisabled()).resolves.toBe(true); // no reason yet
    await page
      .getByTestId('repair-reason')
      .fill('Record 2 was edited by hand while testing a copy; checked with the compiler.');
    await page.getByTestId('repair-confirm').click();
    await page.getByTestId('repair-outcome').waitFor();
    const repaired = (await page.getByTestId('repair-outcome').textContent()) ?? '';
    expect(repaired).toContain('The audit trail was repaired by Dawn Garton as head of service');
    expect(repaired).toContain('stays recorded');
    await page.locator('[data-testid=trail-status][data-ok=true]').waitFor();
    await expect(page.getByTestId('trail-findings').textContent()).resolves.toMatch(/repair/i);
    const top = page.locator('[data-testid=trail-records] li').first();
    await expect(top.textContent()).resolves.toContain('Repaired');
    await expect(page.getByTestId('repair-open').count()).resolves.toBe(0);
    await screenshot(page, 'audit-trail-repaired');
    expect(await axeSerious(page, 'section[aria-label="Audit trail"]')).toEqual([]);
    expect(env.browser.errors).toEqual([]);
  }, 180_000);

  test('with an Office account the signature records it, and the same account cannot sign a second role', async () => {
    await page.evaluate(() => localStorage.clear()); // nobody typed a name on this device yet
    await edit(page, FIXES);
    await checkFromCheckTab(page);
    await page.getByTestId('tab-signoff').click();
    // Pre-filled from the signed-in account (the workbench starts signed in as alan.pritchard@melton.gov.uk).
    await expect(page.getByTestId('sign-name').inputValue()).resolves.toBe('Alan Pritchard');
    expect(await sign(page, 'compiler', 'Alan Pritchard', { bulk: 'Explained in the commentary.' })).toContain(
      'Signed as compiler by Alan Pritchard.',
    );
    await expect(page.getByTestId('role-card-compiler').textContent()).resolves.toContain(
      'Signed by Alan Pritchard (alan.pritchard@melton.gov.uk)',
    );
    // Another name typed on the same account must be confirmed; confirmed, it is still the same account.
    const typed = await sign(page, 'responsible-officer', 'Someone Else', { bulk: 'ok' });
    expect(typed).toContain(
      'You are signed in to Office as alan.pritchard@melton.gov.uk, which does not read as “Someone Else”.',
    );
    await page.getByTestId('sign-account-confirm').check();
    await page.getByTestId('sign-statement').check();
    await page.getByTestId('sign-button').click();
    await page.getByTestId('sign-outcome').locator('text=/same person cannot sign two roles/').waitFor();
    await expect(page.getByTestId('sign-outcome').textContent()).resolves.toContain(
      'Alan Pritchard has already signed as compiler; the same person cannot sign two roles.',
    );

    // Withdraw with a reason, in the withdraw form's own name field: a new record; the card shows it withdrawn.
    await page.getByTestId('withdraw-open').click();
    await expect(page.getByTestId('withdraw-name').inputValue()).resolves.toBe('Someone Else'); // the sign form's name, copied when opened, then its own
    await page.getByTestId('withdraw-name').fill('Alan Pritchard');
    await page.getByTestId('withdraw-role-compiler').check();
    await page.getByTestId('withdraw-reason').fill('Signed before the CS06 extension was confirmed.');
    await page.getByTestId('withdraw-confirm').click();
    await page.locator('[data-testid=role-status-compiler]', { hasText: 'Withdrawn' }).waitFor();
    await expect(page.getByTestId('role-card-compiler').textContent()).resolves.toContain(
      'Signed before the CS06 extension was confirmed.',
    );
    await screenshot(page, 'signoff-withdrawn');
    expect(env.browser.errors).toEqual([]);
  }, 180_000);
});
