/**
 * Per-owner sign-off in the built workbench (the real task pane on the simulator) in
 * headless Chromium, switching the signed-in Office account between the sample grid's
 * officers: five compilers, two responsible officers (one by delegation), two heads of
 * service sign their own indicators; a refused signature for another officer's indicator
 * appends nothing; a changed figure makes only its indicator's signatures stale; the
 * matrix at 320 px in light and dark is saved in test-artifacts/. Skipped without Chromium.
 */
import type { Page } from 'playwright-core';
import { axeSerious, chromiumAvailable, screenshot, servedBrowser } from './harness';

const run = chromiumAvailable();
const describeIf = run ? describe : describe.skip;
const SHEET = 'Corporate PIs';

type Sim = {
  editCell(sheet: string, address: string, value: unknown): Promise<void>;
  sheet(name: string): { rows: (unknown[] | undefined)[] };
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

/** Records in the very hidden trail sheet (rows below its header). */
async function trailLength(page: Page): Promise<number> {
  return page.evaluate(() => {
    const sim = (window as unknown as { outturnWorkbench: { sim: Sim } }).outturnWorkbench.sim;
    try {
      return sim.sheet('OutturnTrail').rows.filter((r, i) => i > 0 && r && r.some((c) => c)).length;
    } catch {
      return 0;
    }
  });
}

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

async function switchTo(page: Page, upn: string): Promise<void> {
  await page.getByTestId('account-switcher').selectOption(upn);
  await page.getByTestId('check').waitFor();
}

async function check(page: Page): Promise<void> {
  await page.getByTestId('tab-check').click();
  await page.getByTestId('check').click();
  await page.getByTestId('check').and(page.locator(':enabled')).waitFor();
  await page.getByTestId('summary').waitFor();
}

interface SignOpts {
  bulk?: string;
  onBehalfOf?: string;
  delegationReason?: string;
  name?: string;
}

/** Open, check, sign as the account signed in (its name pre-filled), as a person would. */
async function sign(page: Page, role: string, opts: SignOpts = {}): Promise<string> {
  await check(page);
  await page.getByTestId('tab-signoff').click();
  await page.getByTestId(`sign-role-${role}`).check();
  if (opts.name !== undefined) await page.getByTestId('sign-name').fill(opts.name);
  if (opts.onBehalfOf) {
    await page.getByTestId('sign-delegate').check();
    await page.getByTestId('sign-on-behalf-of').fill(opts.onBehalfOf);
    await page.getByTestId('sign-delegation-reason').fill(opts.delegationReason ?? '');
  }
  await page.getByTestId('sign-statement').check();
  if (opts.bulk !== undefined && (await page.getByTestId('bulk-reason').count()))
    await page.getByTestId('bulk-reason').fill(opts.bulk);
  const outcome = page.getByTestId('sign-outcome');
  const before = Number(await outcome.getAttribute('data-count'));
  await page.getByTestId('sign-button').click();
  await page.locator(`[data-testid=sign-outcome][data-count="${before + 1}"]`).waitFor();
  return (await outcome.textContent()) ?? '';
}

async function cell(page: Page, ref: string, role: string): Promise<string> {
  return (await page.getByTestId(`matrix-${ref}-${role}`).getAttribute('data-status')) ?? '';
}

const upn = (name: string) => `${name.toLowerCase().replace(' ', '.')}@melton.gov.uk`;

describeIf('per-owner sign-off in the workbench, switching accounts (headless Chromium)', () => {
  const env = servedBrowser();
  let page: Page;

  beforeEach(async () => {
    page = await env.browser.context.newPage();
    await page.goto(`${env.served.url}/workbench.html?pane=320`);
    await page.getByTestId('check').waitFor();
    await page.evaluate(() => localStorage.clear());
  });
  afterEach(async () => {
    await page.close();
  });

  test('nine officers sign their own indicators; refusals append nothing; a delegation; a changed figure; the matrix light and dark', async () => {
    // The empty trail is not a green "Trail unbroken".
    await page.getByTestId('tab-trail').click();
    await page.locator('[data-testid=trail-status][data-empty=true]').waitFor();
    await expect(page.getByTestId('trail-status').textContent()).resolves.toContain('No trail yet');

    // Errors remain: the form says so up front and the reasons cannot be typed.
    await check(page);
    await page.getByTestId('tab-signoff').click();
    await page.getByTestId('sign-role-compiler').check();
    await expect(page.getByTestId('sign-name').inputValue()).resolves.toBe('Alan Pritchard'); // from the account
    await expect(page.getByTestId('sign-preview').textContent()).resolves.toContain(
      'Alan Pritchard as compiler: CS02.',
    );
    await expect(page.getByTestId('sign-preview').textContent()).resolves.toContain('CS01: 1 error to fix first.');

    await edit(page, FIXES);
    const start = await trailLength(page);
    // Alan signs CS01 and CS02; the preview showed the match before signing.
    expect(await sign(page, 'compiler', { bulk: 'n/a' })).toContain(
      'Signed as compiler by Alan Pritchard for CS01, CS02.',
    );
    expect(await cell(page, 'CS01', 'compiler')).toBe('signed');
    expect(await cell(page, 'CS03', 'compiler')).toBe('not-signed');

    // Order is per indicator: Dawn Garton can verify Alan's two already; her other four wait for their compilers.
    await switchTo(page, upn('Dawn Garton'));
    await check(page);
    expect(await trailLength(page)).toBeGreaterThan(start);
    await page.getByTestId('tab-signoff').click();
    await page.getByTestId('sign-role-responsible-officer').check();
    await expect(page.getByTestId('sign-preview').textContent()).resolves.toContain(
      'CS03: the compiler (Sarah Jones) has not signed it yet.',
    );
    expect(await sign(page, 'responsible-officer', { bulk: 'ok' })).toContain(
      'Signed as responsible officer by Dawn Garton for CS01, CS02.',
    );

    // Someone else's indicators: Sarah Jones is not a responsible officer. Refused twice, and nothing is appended (not even a check record).
    await switchTo(page, upn('Sarah Jones'));
    await check(page);
    const n = await trailLength(page);
    const notHers = await sign(page, 'responsible-officer', { bulk: 'ok' });
    expect(notHers).toContain('Signing refused');
    expect(notHers).toContain(
      'Sarah Jones is not named as responsible officer for any indicator in the grid (the grid names Dawn Garton, Jim Worley).',
    );
    await sign(page, 'responsible-officer', { bulk: 'ok' });
    expect(await trailLength(page)).toBe(n);
    await screenshot(page, 'signoff-refused-not-hers');
    expect(await sign(page, 'compiler', { bulk: 'ok' })).toContain('Signed as compiler by Sarah Jones for CS03, CS04.');
    for (const name of ['Mark Selby', 'Linda Hewitt', 'Paul Dunn']) {
      await switchTo(page, upn(name));
      expect(await sign(page, 'compiler', { bulk: 'Extension agreed; commentary to follow.' })).toContain(
        `Signed as compiler by ${name}`,
      );
    }

    // A typed name that is not the account's must be confirmed.
    await switchTo(page, upn('Dawn Garton'));
    const typed = await sign(page, 'responsible-officer', { name: 'Jim Worley', bulk: 'ok' });
    expect(typed).toContain(
      'You are signed in to Office as dawn.garton@melton.gov.uk, which does not read as “Jim Worley”.',
    );
    // Dawn signs hers, then Jim's by delegation (he is on leave).
    expect(await sign(page, 'responsible-officer', { name: 'Dawn Garton', bulk: 'Checked the workings.' })).toContain(
      'Signed as responsible officer by Dawn Garton for CS03, CS04, CS05, CS06.',
    );
    expect(
      await sign(page, 'responsible-officer', {
        bulk: 'Checked the workings.',
        onBehalfOf: 'Jim Worley',
        delegationReason: 'Jim Worley on leave; delegated by email of 18/08/2017.',
      }),
    ).toContain(
      'Signed as responsible officer by Dawn Garton for HC01, HC02, HC03, HC04, HC05, HC06 (for Jim Worley, by delegation).',
    );
    await expect(page.getByTestId('matrix-HC01-responsible-officer').textContent()).resolves.toContain(
      'Dawn Garton for Jim Worley',
    );

    await switchTo(page, upn('Keith Aubrey'));
    expect(await sign(page, 'head-of-service', { bulk: 'Accepted.' })).toContain(
      'Signed as head of service by Keith Aubrey for CS01',
    );
    await expect(page.getByTestId('signoff-counts').textContent()).resolves.toContain(
      '12 of 12 verified by their responsible officer; 6 of 12 certified by their head of service (1 of 2 service areas certified).',
    );
    await expect(page.getByTestId('signoff-outstanding').textContent()).resolves.toContain(
      'Harry Bell (head of service): HC01, HC02, HC03, HC04, HC05, HC06',
    );
    await page.getByTestId('signoff-matrix').scrollIntoViewIfNeeded();
    await screenshot(page, 'signoff-matrix-320-light-partial');

    await switchTo(page, upn('Harry Bell'));
    expect(await sign(page, 'head-of-service', { bulk: 'Accepted.' })).toContain(
      'Signed as head of service by Harry Bell for HC01',
    );
    await page.getByTestId('signoff-complete').waitFor();
    await expect(page.getByTestId('signoff-counts').textContent()).resolves.toContain(
      '(2 of 2 service areas certified). Complete: every indicator holds three current signatures.',
    );
    await page.getByTestId('signoff-matrix').scrollIntoViewIfNeeded();
    await screenshot(page, 'signoff-matrix-320-light');
    expect(await axeSerious(page, 'section[aria-label="Sign-off"]')).toEqual([]);
    await page.getByTestId('toggle-theme').click();
    await page.locator('[data-theme=dark]').waitFor();
    await screenshot(page, 'signoff-matrix-320-dark');
    expect(await axeSerious(page, 'section[aria-label="Sign-off"]')).toEqual([]);
    await page.getByTestId('toggle-theme').click();

    // CS05's July figure is corrected: until Check runs again, nothing is shown as signed off.
    await edit(page, [['H10', 20.3]]);
    await page.getByTestId('signoff-unconfirmed').waitFor();
    expect(await page.getByTestId('signoff-complete').count()).toBe(0);
    await page.getByTestId('signoff-recheck').click();
    await page.locator('[data-testid=matrix-CS05-compiler][data-status=stale]').waitFor();
    for (const role of ['compiler', 'responsible-officer', 'head-of-service']) {
      expect(await cell(page, 'CS05', role)).toBe('stale');
      expect(await cell(page, 'CS06', role)).toBe('signed');
      expect(await cell(page, 'HC01', role)).toBe('signed');
    }
    await expect(page.getByTestId('signoff-outstanding').textContent()).resolves.toContain(
      'Mark Selby (compiler): CS05',
    );
    await expect(page.getByTestId('signoff-stale').textContent()).resolves.toContain('CS05: Jul: 20.1 → 20.3');
    await page.getByTestId('signoff-stale').scrollIntoViewIfNeeded();
    await screenshot(page, 'signoff-matrix-320-stale');

    // Jim Worley, back, would withdraw the signature given for him: only Dawn, who signed it, can. The withdraw form has its own name field.
    await switchTo(page, upn('Jim Worley'));
    await check(page);
    await page.getByTestId('tab-signoff').click();
    await page.getByTestId('withdraw-open').click();
    await page.getByTestId('withdraw-role-responsible-officer').check();
    await expect(page.getByTestId('withdraw-name').inputValue()).resolves.toBe('Jim Worley');
    await page.getByTestId('withdraw-reason').fill('HC04 under review.');
    await page.getByTestId('withdraw-confirm').click();
    await page.getByTestId('sign-outcome').locator('text=/Withdrawal refused/').waitFor();
    await expect(page.getByTestId('sign-outcome').textContent()).resolves.toContain(
      'Jim Worley holds no responsible officer signature to withdraw',
    );
    // Typing Dawn's name on Jim's account does not make him Dawn.
    await page.getByTestId('withdraw-name').fill('Dawn Garton');
    await page.getByTestId('withdraw-confirm').click();
    await page
      .getByTestId('sign-outcome')
      .locator('text=/Dawn Garton holds no responsible officer signature/')
      .waitFor();
    await screenshot(page, 'signoff-withdraw-refused');
    await switchTo(page, upn('Dawn Garton'));
    await check(page);
    await page.getByTestId('tab-signoff').click();
    await page.getByTestId('withdraw-open').click();
    await page.getByTestId('withdraw-role-responsible-officer').check();
    await page.getByTestId('withdraw-reason').fill('HC04 under review: Jim Worley to sign his own on return.');
    await page.getByTestId('withdraw-confirm').click();
    await page.locator('[data-testid=matrix-HC04-responsible-officer][data-status=withdrawn]').waitFor();
    expect(await cell(page, 'CS01', 'responsible-officer')).toBe('signed');
    await screenshot(page, 'signoff-matrix-320-withdrawn');
    expect(env.browser.errors).toEqual([]);
  }, 600_000);
});
