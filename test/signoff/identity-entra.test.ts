/**
 * NAA identity: with an Entra ID client id configured, the signer's account comes from an
 * ID token (MSAL createNestablePublicClientApplication, mocked here) and is recorded as
 * verified by Microsoft Entra ID; otherwise the Office account (unverified), else a typed
 * name, each labelled for what it is.
 */
import { createSimulator, type Simulator } from '../../src/simulator';
import {
  ID_SCOPES,
  IDENTITY_LABELS,
  accountIdentity,
  configureEntraClientId,
  describeIdentity,
  entraClientId,
  officeAccount,
  type NestableClient,
  type NestableClientFactory,
  type TokenResult,
} from '../../src/excel/identity';
import { Identity, samePerson } from '../../src/signoff/roles';
import { chainRecords, verifyTrail } from '../../src/signoff/trail';
import { checkDraft } from '../../src/signoff/rules';
import { figures } from './helpers';

const msalMock = { createNestablePublicClientApplication: jest.fn() };
jest.mock('@azure/msal-browser', () => msalMock);

const CLIENT_ID = '3f2b9c1e-6d7a-4c8b-9e21-5a0d7c4f1b23';
/** The simulator's tenant for its signed-in user: the authority when no tenant is configured. */
const OFFICE_TENANT_AUTHORITY = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001';
const HINTED = { scopes: ID_SCOPES, loginHint: 'dawn.garton@melton.gov.uk' };
const DAWN: TokenResult = {
  idTokenClaims: {
    name: 'Dawn Garton',
    preferred_username: 'dawn.garton@melton.gov.uk',
    oid: '9d1c2f44-0b7e-4a51-8f6d-2c3b4a5e6f70',
    tid: 'a1b2c3d4-0000-4000-8000-000000000001',
  },
  account: {
    username: 'dawn.garton@melton.gov.uk',
    name: 'Dawn Garton',
    localAccountId: '9d1c2f44-0b7e-4a51-8f6d-2c3b4a5e6f70',
    tenantId: 'a1b2c3d4-0000-4000-8000-000000000001',
  },
};
const input = { sheets: [{ name: 'Return', cells: [['Ref']] }] };

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
  configureEntraClientId(null);
  jest.clearAllMocks();
});

/** The simulator with NestedAppAuth 1.1 and Office's account (getAuthContext) as `upn`; 'unsupported': no NAA. */
function office(upn: string = 'dawn.garton@melton.gov.uk'): void {
  sim = createSimulator(input, { user: upn === 'unsupported' ? 'unsupported' : { userPrincipalName: upn } }).install();
}

function client(
  silent: () => Promise<TokenResult>,
  popup: () => Promise<TokenResult> = () => Promise.reject(new Error('popup not expected')),
) {
  const c: NestableClient & { ssoSilent: jest.Mock; acquireTokenSilent: jest.Mock; acquireTokenPopup: jest.Mock } = {
    ssoSilent: jest.fn(silent),
    acquireTokenSilent: jest.fn(silent),
    acquireTokenPopup: jest.fn(popup),
  };
  const factory: NestableClientFactory & jest.Mock = jest.fn(async () => c);
  return { c, factory };
}

const interactionRequired = () =>
  Promise.reject(
    Object.assign(new Error('AADSTS65001: consent required'), {
      name: 'InteractionRequiredAuthError',
      errorCode: 'consent_required',
    }),
  );

test("configured: the ID token's name, UPN, object id and tenant, recorded as verified by Microsoft Entra ID", async () => {
  office();
  configureEntraClientId(CLIENT_ID);
  const { c, factory } = client(() => Promise.resolve(DAWN));
  const acc = await officeAccount({ factory });
  expect(factory).toHaveBeenCalledWith({ auth: { clientId: CLIENT_ID, authority: OFFICE_TENANT_AUTHORITY } });
  expect(c.ssoSilent).toHaveBeenCalledWith(HINTED);
  expect(c.acquireTokenPopup).not.toHaveBeenCalled();
  expect(acc).toEqual({
    upn: 'dawn.garton@melton.gov.uk',
    name: 'Dawn Garton',
    oid: '9d1c2f44-0b7e-4a51-8f6d-2c3b4a5e6f70',
    tenantId: 'a1b2c3d4-0000-4000-8000-000000000001',
    source: 'entra-id',
  });
  // The token's name wins over whatever was typed.
  const id = accountIdentity('D Garton', acc);
  expect(Identity.parse(id)).toEqual({
    name: 'Dawn Garton',
    upn: 'dawn.garton@melton.gov.uk',
    oid: '9d1c2f44-0b7e-4a51-8f6d-2c3b4a5e6f70',
    tid: 'a1b2c3d4-0000-4000-8000-000000000001',
    source: 'entra-id',
  });
  expect(describeIdentity(id)).toBe('Dawn Garton (dawn.garton@melton.gov.uk), verified by Microsoft Entra ID');
});

test('consent needed: silently it falls back to the Office account (unverified); from a click the pop-up verifies', async () => {
  office();
  configureEntraClientId(CLIENT_ID);
  const { c, factory } = client(interactionRequired, () => Promise.resolve(DAWN));
  const quiet = await officeAccount({ factory });
  expect(c.acquireTokenPopup).not.toHaveBeenCalled();
  expect(quiet).toEqual({ upn: 'dawn.garton@melton.gov.uk' });
  expect(accountIdentity('Dawn Garton', quiet)).toEqual({
    name: 'Dawn Garton',
    upn: 'dawn.garton@melton.gov.uk',
    source: 'office-account',
  });
  expect(describeIdentity(accountIdentity('Dawn Garton', quiet))).toBe(
    `Dawn Garton (dawn.garton@melton.gov.uk), ${IDENTITY_LABELS['office-account']}`,
  );
  const clicked = await officeAccount({ factory, interactive: true });
  expect(c.acquireTokenPopup).toHaveBeenCalledWith(HINTED);
  expect(clicked?.source).toBe('entra-id');
});

test('no client id (or not a GUID): MSAL is never asked; the Office account as Office reports it', async () => {
  office();
  for (const id of [null, '', 'not-a-client-id']) {
    configureEntraClientId(id);
    const { factory } = client(() => Promise.resolve(DAWN));
    expect(entraClientId()).toBeNull();
    expect(await officeAccount({ factory })).toEqual({ upn: 'dawn.garton@melton.gov.uk' });
    expect(factory).not.toHaveBeenCalled();
  }
});

test('no NestedAppAuth 1.1 (older Office) or outside Office: neither is asked, the name is typed and says so', async () => {
  configureEntraClientId(CLIENT_ID);
  const { factory } = client(() => Promise.resolve(DAWN));
  expect(await officeAccount({ factory })).toBeNull(); // no Office at all
  office('unsupported');
  expect(await officeAccount({ factory })).toBeNull();
  expect(factory).not.toHaveBeenCalled();
  const typed = accountIdentity('  Dawn Garton ', null);
  expect(typed).toEqual({ name: 'Dawn Garton', source: 'typed' });
  expect(describeIdentity(typed)).toBe('Dawn Garton, typed name (not verified)');
});

test('a token without an object id, or MSAL failing outright, is not taken as verification', async () => {
  office();
  configureEntraClientId(CLIENT_ID);
  const noOid = client(() =>
    Promise.resolve({
      idTokenClaims: { name: 'Dawn Garton', preferred_username: 'dawn.garton@melton.gov.uk' },
      account: null,
    }),
  );
  expect((await officeAccount({ factory: noOid.factory }))?.source).toBeUndefined();
  const broken: NestableClientFactory = () => Promise.reject(new Error('network_error'));
  expect((await officeAccount({ factory: broken }))?.source).toBeUndefined();
});

test("by default the account comes from @azure/msal-browser's createNestablePublicClientApplication", async () => {
  office();
  configureEntraClientId(CLIENT_ID);
  const { c } = client(() => Promise.resolve(DAWN));
  msalMock.createNestablePublicClientApplication.mockResolvedValue(c);
  expect((await officeAccount())?.oid).toBe('9d1c2f44-0b7e-4a51-8f6d-2c3b4a5e6f70');
  expect(msalMock.createNestablePublicClientApplication).toHaveBeenCalledWith({
    auth: { clientId: CLIENT_ID, authority: OFFICE_TENANT_AUTHORITY },
  });
});

test("a verified signer's identity goes into the trail and verifies; the same object id is the same person", () => {
  const dawn = accountIdentity('x', {
    upn: 'dawn.garton@melton.gov.uk',
    name: 'Dawn Garton',
    oid: '9d1c2f44-0b7e-4a51-8f6d-2c3b4a5e6f70',
    tenantId: 't',
    source: 'entra-id',
  });
  const recs = chainRecords(null, [checkDraft(figures(), dawn, '2017-08-09T09:00:00.000Z')]);
  const v = verifyTrail(
    recs.map((r) => ({ raw: JSON.parse(JSON.stringify(r)) })),
    { seq: 1, hash: recs[0].hash },
  );
  expect(v.ok).toBe(true);
  expect(v.records[0].actor).toEqual(dawn);
  expect(
    samePerson(dawn, { name: 'D. Garton (renamed)', upn: 'dawn.g@melton.gov.uk', oid: dawn.oid, source: 'entra-id' }),
  ).toBe(true);
  expect(
    samePerson(dawn, {
      name: 'Jim Worley',
      upn: 'jim.worley@melton.gov.uk',
      oid: '11111111-2222-4333-8444-555555555555',
      source: 'entra-id',
    }),
  ).toBe(false);
});
