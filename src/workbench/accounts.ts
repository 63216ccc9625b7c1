/**
 * The workbench's Office accounts: the officers the sample grid names, so the per-owner
 * sign-off can be played through by switching who is signed in. Office itself reports
 * the account through Office.auth.getAuthContext() (NestedAppAuth 1.1); switching here
 * stands for another person opening the workbook, so the pane starts a new session.
 */
export interface WorkbenchAccount {
  name: string;
  upn: string;
  /** What the sample grid names them as. */
  roles: string;
}

const upn = (name: string) => `${name.toLowerCase().replace(/\s+/g, '.')}@melton.gov.uk`;
const account = (name: string, roles: string): WorkbenchAccount => ({ name, upn: upn(name), roles });

export const WORKBENCH_ACCOUNTS: readonly WorkbenchAccount[] = [
  account('Alan Pritchard', 'compiler'),
  account('Sarah Jones', 'compiler'),
  account('Mark Selby', 'compiler'),
  account('Linda Hewitt', 'compiler'),
  account('Paul Dunn', 'compiler'),
  account('Dawn Garton', 'responsible officer'),
  account('Jim Worley', 'responsible officer'),
  account('Keith Aubrey', 'head of service'),
  account('Harry Bell', 'head of service'),
];

/** The account the workbench starts with: the first compiler. */
export const FIRST_ACCOUNT = WORKBENCH_ACCOUNTS[0];

interface AuthLike {
  auth: { getAuthContext: () => Promise<unknown> };
}

/**
 * Sign `acc` in to the simulated Office: getAuthContext() reports its user principal name
 * as Office does (see https://learn.microsoft.com/javascript/api/office/office.auth#office-office-auth-getauthcontext-member(1)).
 */
export function signIn(office: AuthLike, acc: WorkbenchAccount): void {
  office.auth.getAuthContext = () =>
    Promise.resolve({
      userPrincipalName: acc.upn,
      tenantId: '00000000-0000-0000-0000-000000000001',
      userObjectId: '00000000-0000-0000-0000-0000000000aa',
      authorityType: 'aad',
      authorityBaseUrl: 'https://login.microsoftonline.com',
    });
}
