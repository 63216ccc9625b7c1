/**
 * An identity that verifies in a real tenant: MSAL (mocked) is asked with a tenant-specific
 * authority (never `common`, which a single-tenant registration refuses with AADSTS50194), with
 * the login hint Office gives through getAuthContext, and the Sign button's click offers the
 * interactive sign-in when the silent one fails: saying so when that does not complete.
 */
import { createSimulator, type Simulator } from '../../src/simulator';
import {
  ID_SCOPES,
  accountForSigning,
  accountIdentity,
  configureEntraClientId,
  configureEntraTenantId,
  describeIdentity,
  entraAuthority,
  entraTenantId,
  officeAccount,
  type NestableClient,
  type NestableClientFactory,
  type OfficeAccount,
  type TokenResult,
} from '../../src/excel/identity';

const msalMock = { createNestablePublicClientApplication: jest.fn() };
jest.mock('@azure/msal-browser', () => msalMock);

const CLIENT_ID = '3f2b9c1e-6d7a-4c8b-9e21-5a0d7c4f1b23';
const MELTON_TENANT = '7d3c1a2b-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const OFFICE_TENANT = '00000000-0000-0000-0000-000000000001';
const DAWN_UPN = 'dawn.garton@melton.gov.uk';
const DAWN: TokenResult = {
  idTokenClaims: {
    name: 'Dawn Garton',
    preferred_username: DAWN_UPN,
    oid: '9d1c2f44-0b7e-4a51-8f6d-2c3b4a5e6f70',
    tid: MELTON_TENANT,
  },
};
const input = { sheets: [{ name: 'Return', cells: [['Ref']] }] };

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
  configureEntraClientId(null);
  configureEntraTenantId(null);
  jest.restoreAllMocks();
  jest.clearAllMocks();
});

/** Office (the simulator) with NestedAppAuth 1.1 and Dawn signed in to it. */
function office(): void {
  sim = createSimulator(input, { user: { userPrincipalName: DAWN_UPN, tenantId: OFFICE_TENANT } }).install();
}

/** What getAuthContext answers, changed for one test (Office's own login hint, a personal account…). */
function authContext(extra: Partial<Office.AuthContext>): void {
  const real = Office.auth.getAuthContext.bind(Office.auth);
  jest.spyOn(Office.auth, 'getAuthContext').mockImplementation(async () => ({ ...(await real()), ...extra }));
}

function client(silent: () => Promise<TokenResult>, popup?: () => Promise<TokenResult>) {
  const c = {
    ssoSilent: jest.fn(silent),
    acquireTokenSilent: jest.fn(silent),
    acquireTokenPopup: jest.fn(popup ?? (() => Promise.reject(new Error('popup not expected')))),
  } satisfies NestableClient;
  const factory: NestableClientFactory & jest.Mock = jest.fn(async () => c);
  return { c, factory };
}

const interactionRequired = () =>
  Promise.reject(Object.assign(new Error('AADSTS65001: consent required'), { name: 'InteractionRequiredAuthError' }));
const popupClosed = () =>
  Promise.reject(Object.assign(new Error('User cancelled the flow.'), { errorCode: 'user_cancelled' }));

describe('the authority MSAL asks', () => {
  test('a configured tenant (OUTTURN_ENTRA_TENANT_ID: a directory id or a verified domain) wins', async () => {
    office();
    configureEntraClientId(CLIENT_ID);
    configureEntraTenantId(MELTON_TENANT);
    const { factory } = client(() => Promise.resolve(DAWN));
    await officeAccount({ factory });
    expect(factory).toHaveBeenCalledWith({
      auth: { clientId: CLIENT_ID, authority: `https://login.microsoftonline.com/${MELTON_TENANT}` },
    });
    configureEntraTenantId(' melton.onmicrosoft.com ');
    expect(entraTenantId()).toBe('melton.onmicrosoft.com');
    expect(entraAuthority(OFFICE_TENANT)).toBe('https://login.microsoftonline.com/melton.onmicrosoft.com');
  });

  test("none configured: the work account's own tenant as Office reports it", async () => {
    office();
    configureEntraClientId(CLIENT_ID);
    const { factory } = client(() => Promise.resolve(DAWN));
    await officeAccount({ factory });
    expect(factory.mock.calls[0][0].auth.authority).toBe(`https://login.microsoftonline.com/${OFFICE_TENANT}`);
  });

  test('none configured and no work-account tenant: `organizations` (a multi-tenant registration), never `common`', async () => {
    office();
    authContext({ authorityType: 'msa', tenantId: '9188040d-6c67-4c5b-b112-36a304b66dad' });
    configureEntraClientId(CLIENT_ID);
    const { factory } = client(() => Promise.resolve(DAWN));
    await officeAccount({ factory });
    expect(factory.mock.calls[0][0].auth.authority).toBe('https://login.microsoftonline.com/organizations');
    for (const t of [null, '', 'not a tenant', 'common/../x']) {
      configureEntraTenantId(t);
      expect(entraAuthority(null)).toBe('https://login.microsoftonline.com/organizations');
    }
  });
});

describe('the login hint from Office.auth.getAuthContext', () => {
  test("Office's loginHint is passed to the silent and the interactive request", async () => {
    office();
    authContext({ loginHint: 'dawn.garton@melton.gov.uk#hint' });
    configureEntraClientId(CLIENT_ID);
    const { c, factory } = client(interactionRequired, () => Promise.resolve(DAWN));
    const signing = await accountForSigning({ upn: DAWN_UPN }, { factory });
    const hinted = { scopes: ID_SCOPES, loginHint: 'dawn.garton@melton.gov.uk#hint' };
    expect(c.ssoSilent).toHaveBeenCalledWith(hinted);
    expect(c.acquireTokenPopup).toHaveBeenCalledWith(hinted);
    expect(signing.account?.source).toBe('entra-id');
  });

  test('without a loginHint, the UPN Office reports is the hint', async () => {
    office();
    configureEntraClientId(CLIENT_ID);
    const { c, factory } = client(() => Promise.resolve(DAWN));
    await officeAccount({ factory });
    expect(c.ssoSilent).toHaveBeenCalledWith({ scopes: ID_SCOPES, loginHint: DAWN_UPN });
    expect(c.acquireTokenSilent).not.toHaveBeenCalled();
  });

  test('Office naming no account: the silent request goes without a hint (the account the host brokers)', async () => {
    office();
    authContext({ userPrincipalName: '', loginHint: '' });
    configureEntraClientId(CLIENT_ID);
    const { c, factory } = client(() => Promise.resolve(DAWN));
    expect((await officeAccount({ factory }))?.source).toBe('entra-id');
    expect(c.acquireTokenSilent).toHaveBeenCalledWith({ scopes: ID_SCOPES });
    expect(c.ssoSilent).not.toHaveBeenCalled();
  });
});

describe('the Sign button: interactive sign-in when silent sign-in fails', () => {
  test('silent fails: the pop-up is offered from the click and the signature is verified', async () => {
    office();
    configureEntraClientId(CLIENT_ID);
    const { c, factory } = client(interactionRequired, () => Promise.resolve(DAWN));
    // Loading the pane asks silently only: no pop-up without a click.
    const onLoad = await officeAccount({ factory });
    expect(onLoad).toEqual({ upn: DAWN_UPN });
    expect(c.acquireTokenPopup).not.toHaveBeenCalled();

    const signing = await accountForSigning(onLoad, { factory });
    expect(c.acquireTokenPopup).toHaveBeenCalledTimes(1);
    expect(signing.notice).toBeNull();
    expect(describeIdentity(accountIdentity('Dawn Garton', signing.account))).toBe(
      'Dawn Garton (dawn.garton@melton.gov.uk), verified by Microsoft Entra ID',
    );
  });

  test('the pop-up closed or blocked: the Office account is kept, unverified, and the signer is told', async () => {
    office();
    configureEntraClientId(CLIENT_ID);
    const { c, factory } = client(interactionRequired, popupClosed);
    const current: OfficeAccount = { upn: DAWN_UPN };
    const signing = await accountForSigning(current, { factory });
    expect(c.acquireTokenPopup).toHaveBeenCalledTimes(1);
    expect(signing.account).toBe(current);
    expect(signing.notice).toBe(
      'Sign-in with Microsoft Entra ID did not complete (the window was closed, blocked or refused), so this signature records the Office account dawn.garton@melton.gov.uk, not verified.',
    );
    expect(accountIdentity('Dawn Garton', signing.account).source).toBe('office-account');
  });

  test('already verified: nothing is asked again; silent success: no pop-up', async () => {
    office();
    configureEntraClientId(CLIENT_ID);
    const verified: OfficeAccount = { upn: DAWN_UPN, name: 'Dawn Garton', oid: 'x', source: 'entra-id' };
    const asked = client(() => Promise.resolve(DAWN));
    expect(await accountForSigning(verified, { factory: asked.factory })).toEqual({ account: verified, notice: null });
    expect(asked.factory).not.toHaveBeenCalled();

    const silent = client(() => Promise.resolve(DAWN));
    const signing = await accountForSigning({ upn: DAWN_UPN }, { factory: silent.factory });
    expect(signing.account?.source).toBe('entra-id');
    expect(silent.c.acquireTokenPopup).not.toHaveBeenCalled();
  });

  test('verification not configured, or no NestedAppAuth 1.1: the account is unchanged and nothing is said', async () => {
    office();
    const { factory } = client(() => Promise.resolve(DAWN));
    const current: OfficeAccount = { upn: DAWN_UPN };
    expect(await accountForSigning(current, { factory })).toEqual({ account: current, notice: null });
    sim?.uninstall();
    sim = createSimulator(input, { user: 'unsupported' }).install();
    configureEntraClientId(CLIENT_ID);
    expect(await accountForSigning(null, { factory })).toEqual({ account: null, notice: null });
    expect(factory).not.toHaveBeenCalled();
  });
});
