/**
 * Who is signing, as far as Office and Microsoft Entra ID can tell, strongest first:
 *
 * 1. Verified by Microsoft Entra ID: when an Entra ID app registration's client id is
 *    configured (OUTTURN_ENTRA_CLIENT_ID at build time, or `configureEntraClientId`), nested
 *    app authentication (MSAL's createNestablePublicClientApplication, NestedAppAuth 1.1)
 *    gets an ID token for the signed-in account; its claims (name, preferred_username,
 *    oid, tid) are what the signature records. The authority is the registration's tenant
 *    (OUTTURN_ENTRA_TENANT_ID), else the tenant Office reports for the account, else
 *    `organizations` (a multi-tenant registration): never `common`, which a single-tenant
 *    registration refuses (AADSTS50194). The request carries the login hint Office gives
 *    (getAuthContext), so the token is for the account signed in to Office. Silent first;
 *    the Sign button may ask for an interactive sign-in (`accountForSigning`).
 *    https://learn.microsoft.com/office/dev/add-ins/develop/enable-nested-app-authentication-in-your-add-in
 * 2. The Office account: Office.auth.getAuthContext() (NestedAppAuth 1.1) names the
 *    signed-in account without a token: what Office says, not proven.
 *    https://learn.microsoft.com/javascript/api/office/office.auth#office-office-auth-getauthcontext-member(1)
 *    https://learn.microsoft.com/javascript/api/office/office.authcontext
 * 3. Otherwise (older Office, personal accounts, the workbench without a user) the signer
 *    types their name, recorded as typed.
 * Each is labelled for what it is (IDENTITY_LABELS). Nothing here throws.
 */
import type { Identity } from '../signoff/roles';

export type AccountSource = 'entra-id' | 'office-account';

export interface OfficeAccount {
  upn: string;
  /** The name in the ID token (Entra ID only). */
  name?: string;
  /** Entra ID object id (oid claim) and tenant id (tid), Entra ID only. */
  oid?: string;
  tenantId?: string;
  /** How the account was established; absent means 'office-account'. */
  source?: AccountSource;
}

/** What each kind of identity is, in the words the pane, the trail and exports use. */
export const IDENTITY_LABELS: Record<Identity['source'], string> = {
  'entra-id': 'verified by Microsoft Entra ID',
  'office-account': 'Office account, as Office reports it (not verified)',
  typed: 'typed name (not verified)',
};

/** The ID token claims Outturn reads (https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference). */
interface IdClaims {
  name?: unknown;
  preferred_username?: unknown;
  upn?: unknown;
  oid?: unknown;
  tid?: unknown;
}

/** What a token request carries: the scopes, and the account Office is signed in to as a hint. */
export interface TokenRequest {
  scopes: string[];
  loginHint?: string;
}

/** The part of MSAL's IPublicClientApplication used here (so tests can mock it). */
export interface NestableClient {
  /** Silent, with a login hint (MSAL's SilentRequest takes none). */
  ssoSilent(request: TokenRequest): Promise<TokenResult>;
  /** Silent, without a hint: the account the host brokers. */
  acquireTokenSilent(request: { scopes: string[] }): Promise<TokenResult>;
  acquireTokenPopup(request: TokenRequest): Promise<TokenResult>;
}
export interface TokenResult {
  idTokenClaims?: object;
  account?: { username?: string; name?: string; localAccountId?: string; tenantId?: string } | null;
}
export type NestableClientFactory = (config: {
  auth: { clientId: string; authority: string };
}) => Promise<NestableClient>;

/** Only the sign-in: an ID token, no API permissions. */
export const ID_SCOPES = ['openid', 'profile'];

let configuredClientId: string | null = null;
let configuredTenantId: string | null = null;

/** Set (or clear, with null) the Entra ID client id at run time; otherwise the build's OUTTURN_ENTRA_CLIENT_ID. */
export function configureEntraClientId(id: string | null): void {
  configuredClientId = id;
}

/** The configured client id (a GUID), or null when none: then signers are not verified. */
export function entraClientId(): string | null {
  let id = configuredClientId;
  if (id === null) {
    try {
      id = process.env.OUTTURN_ENTRA_CLIENT_ID ?? ''; // replaced by webpack's DefinePlugin in the pane
    } catch {
      id = '';
    }
  }
  const trimmed = id.trim();
  return GUID.test(trimmed) ? trimmed : null;
}

/** Set (or clear, with null) the Entra ID tenant at run time; otherwise the build's OUTTURN_ENTRA_TENANT_ID. */
export function configureEntraTenantId(id: string | null): void {
  configuredTenantId = id;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A verified domain of a directory, e.g. melton.onmicrosoft.com: also accepted as a tenant in an authority. */
const TENANT_DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** A tenant as an authority can name it (a GUID or a domain), or null. */
function tenantOrNull(raw: unknown): string | null {
  const t = typeof raw === 'string' ? raw.trim() : '';
  return GUID.test(t) || TENANT_DOMAIN.test(t) ? t : null;
}

/** The configured directory (tenant) id or domain, or null when none (or not one). */
export function entraTenantId(): string | null {
  let id = configuredTenantId;
  if (id === null) {
    try {
      id = process.env.OUTTURN_ENTRA_TENANT_ID ?? ''; // replaced by webpack's DefinePlugin in the pane
    } catch {
      id = '';
    }
  }
  return tenantOrNull(id);
}

const AUTHORITY_HOST = 'https://login.microsoftonline.com';

/**
 * Where MSAL asks for the token: the registration's tenant when configured; else the tenant
 * Office reports for a work account (right for a single-tenant registration in the signer's
 * own directory, and for a multi-tenant one); else `organizations`, which only a multi-tenant
 * registration accepts. Never `common`: a single-tenant registration refuses it (AADSTS50194).
 */
export function entraAuthority(officeTenantId?: string | null): string {
  return `${AUTHORITY_HOST}/${entraTenantId() ?? tenantOrNull(officeTenantId) ?? 'organizations'}`;
}

function nestedAppAuthSupported(): boolean {
  try {
    return (
      typeof Office !== 'undefined' && Boolean(Office.context?.requirements?.isSetSupported('NestedAppAuth', '1.1'))
    );
  } catch {
    return false;
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The account an ID token establishes, or null when the token does not name one. */
export function accountFromToken(result: TokenResult): OfficeAccount | null {
  const c = (result.idTokenClaims ?? {}) as IdClaims;
  const a = result.account ?? {};
  const upn = text(c.preferred_username) ?? text(c.upn) ?? text(a.username);
  const oid = text(c.oid) ?? text(a.localAccountId);
  if (!upn || !oid) return null;
  return {
    upn,
    name: text(c.name) ?? text(a.name),
    oid,
    tenantId: text(c.tid) ?? text(a.tenantId),
    source: 'entra-id',
  };
}

const defaultFactory: NestableClientFactory = async (config) => {
  const msal = await import('@azure/msal-browser');
  return msal.createNestablePublicClientApplication(config);
};

/** What Office says about the signed-in account (NestedAppAuth 1.1), or null when it cannot say. */
async function officeAuthContext(): Promise<Office.AuthContext | null> {
  try {
    if (!nestedAppAuthSupported() || typeof Office.auth?.getAuthContext !== 'function') return null;
    return (await Office.auth.getAuthContext()) ?? null;
  } catch {
    return null;
  }
}

/**
 * The account as Microsoft Entra ID establishes it, or null when no client id is
 * configured, the host lacks NestedAppAuth 1.1, or no token could be had. Silent unless
 * `interactive` (call that from a button: the sign-in pop-up needs a user's click).
 */
export async function verifiedAccount(
  opts: { interactive?: boolean; factory?: NestableClientFactory } = {},
): Promise<OfficeAccount | null> {
  const clientId = entraClientId();
  if (!clientId || !nestedAppAuthSupported()) return null;
  try {
    const ctx = await officeAuthContext();
    // Office's own hint, else its UPN: the token must be for the account signed in to Office.
    const loginHint = text(ctx?.loginHint) ?? text(ctx?.userPrincipalName);
    const authority = entraAuthority(ctx?.authorityType === 'aad' ? ctx.tenantId : null);
    const client = await (opts.factory ?? defaultFactory)({ auth: { clientId, authority } });
    const request: TokenRequest = loginHint ? { scopes: ID_SCOPES, loginHint } : { scopes: ID_SCOPES };
    let result: TokenResult | null = null;
    try {
      result = loginHint ? await client.ssoSilent(request) : await client.acquireTokenSilent({ scopes: ID_SCOPES });
    } catch {
      // Consent or a fresh sign-in is needed (InteractionRequiredAuthError): only with a click.
      if (opts.interactive) result = await client.acquireTokenPopup(request);
    }
    return result ? accountFromToken(result) : null;
  } catch {
    return null;
  }
}

/** What Office says about the signed-in account (NestedAppAuth 1.1), unverified; null when it cannot say. */
export async function officeReportedAccount(): Promise<OfficeAccount | null> {
  const ctx = await officeAuthContext();
  return ctx?.userPrincipalName ? { upn: ctx.userPrincipalName } : null; // source absent: 'office-account', as before
}

/** The account a signature records, and what the signer should be told about it. */
export interface SigningAccount {
  account: OfficeAccount | null;
  /** Set when verification was possible but did not happen (the pop-up closed, blocked or refused). */
  notice: string | null;
}

/**
 * For the Sign button: the account verified by Microsoft Entra ID, asking the person to sign
 * in (MSAL's pop-up) when the silent sign-in fails. Call it first in the click handler,
 * before anything else is awaited, so that the pop-up opens within the click's user
 * activation (a browser blocks pop-ups opened later). An account already verified is kept
 * without asking again; where verification is not configured or Office cannot do it, the
 * account the pane has (`current`) is returned unchanged, with no notice.
 */
export async function accountForSigning(
  current: OfficeAccount | null,
  opts: { factory?: NestableClientFactory } = {},
): Promise<SigningAccount> {
  if (current?.source === 'entra-id') return { account: current, notice: null };
  if (!entraClientId() || !nestedAppAuthSupported()) return { account: current, notice: null };
  const verified = await verifiedAccount({ ...opts, interactive: true });
  if (verified) return { account: verified, notice: null };
  return {
    account: current,
    notice:
      'Sign-in with Microsoft Entra ID did not complete (the window was closed, blocked or refused), so this ' +
      `signature records ${current ? `the Office account ${current.upn}, not verified` : 'the typed name, not verified'}.`,
  };
}

/** The signing account: verified by Entra ID where configured and possible, else as Office reports it, else null (typed name). */
export async function officeAccount(
  opts: { interactive?: boolean; factory?: NestableClientFactory } = {},
): Promise<OfficeAccount | null> {
  return (await verifiedAccount(opts)) ?? (await officeReportedAccount());
}

/**
 * The identity a record carries: an Entra ID account records the token's name, UPN,
 * object id and tenant; an Office account the name given with its UPN; else the typed name.
 */
export function accountIdentity(name: string, acc: OfficeAccount | null): Identity {
  const trimmed = name.trim();
  if (acc?.source === 'entra-id') {
    return { name: acc.name ?? trimmed, upn: acc.upn, oid: acc.oid, tid: acc.tenantId, source: 'entra-id' };
  }
  return acc ? { name: trimmed, upn: acc.upn, source: 'office-account' } : { name: trimmed, source: 'typed' };
}

/** 'Dawn Garton (dawn.garton@melton.gov.uk), verified by Microsoft Entra ID'. */
export function describeIdentity(i: Identity): string {
  return `${i.name}${i.upn ? ` (${i.upn})` : ''}, ${IDENTITY_LABELS[i.source]}`;
}

/** A name to pre-fill from an account: the token's name, else from the UPN ('alex.compiler@melton.gov.uk' -> 'Alex Compiler'). */
export function nameFromUpn(upn: string): string {
  const local = upn.split('@')[0] ?? '';
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join(' ');
}

const NAME_KEY = 'outturn.signerName';

/** The name this person typed last time on this device ('' when none or storage is blocked). */
export function rememberedName(): string {
  try {
    return globalThis.localStorage?.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberName(name: string): void {
  try {
    globalThis.localStorage?.setItem(NAME_KEY, name.trim());
  } catch {
    // Storage blocked (private mode, policy): the name is simply not remembered.
  }
}
