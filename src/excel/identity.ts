/**
 * Who is signing, as far as Office can tell. With NestedAppAuth 1.1,
 * Office.auth.getAuthContext() names the signed-in account without a sign-in prompt or a
 * token; elsewhere (older Office, personal accounts, the workbench without a user) it is
 * unavailable and the signer types their name, recorded as typed.
 */
export interface OfficeAccount {
  upn: string;
}

/** The signed-in Office account, or null when Office cannot say. Never throws. */
export async function officeAccount(): Promise<OfficeAccount | null> {
  try {
    if (typeof Office === 'undefined' || !Office.context?.requirements?.isSetSupported('NestedAppAuth', '1.1')) return null;
    if (typeof Office.auth?.getAuthContext !== 'function') return null;
    const ctx = await Office.auth.getAuthContext();
    return ctx?.userPrincipalName ? { upn: ctx.userPrincipalName } : null;
  } catch {
    return null;
  }
}

/** A name to pre-fill from an account: 'alex.compiler@melton.gov.uk' -> 'Alex Compiler'. */
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
