import { SimOfficeError } from './errors';

/** The signed-in account Office.auth.getAuthContext() reports (NestedAppAuth 1.1). */
export interface SimUser {
  userPrincipalName: string;
  tenantId?: string;
  userObjectId?: string;
}

export interface OfficeOptions {
  /** Highest ExcelApi 1.x minor version (e.g. 9 for 1.9). */
  apiMinor: number;
  /** Signed-in user; null: nobody signed in (getAuthContext rejects); undefined: NestedAppAuth unsupported. */
  user: SimUser | null | undefined;
  theme: 'light' | 'dark';
  /** Office.context.document.url: a path for a file on this computer, https for one on OneDrive or SharePoint. */
  documentUrl: string;
}

const LIGHT = {
  bodyBackgroundColor: '#FFFFFF',
  bodyForegroundColor: '#000000',
  controlBackgroundColor: '#FFFFFF',
  controlForegroundColor: '#000000',
  isDarkTheme: false,
  themeId: 'Colorful',
};
const DARK = {
  bodyBackgroundColor: '#262626',
  bodyForegroundColor: '#FFFFFF',
  controlBackgroundColor: '#404040',
  controlForegroundColor: '#FFFFFF',
  isDarkTheme: true,
  themeId: 'Black',
};

function versionAtMost(v: string, major: number, minor: number): boolean {
  const [a, b] = v.split('.').map(Number);
  return a < major || (a === major && (b || 0) <= minor);
}

/** An Office namespace with what a task pane touches: onReady, requirements, theme, auth, actions. */
export function createOffice(opts: OfficeOptions) {
  const actions = new Map<string, (event: { completed(): void }) => unknown>();
  const office = {
    HostType: { Excel: 'Excel' },
    PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac' },
    context: {
      host: 'Excel',
      platform: 'OfficeOnline',
      displayLanguage: 'en-GB',
      contentLanguage: 'en-GB',
      get officeTheme() {
        return opts.theme === 'dark' ? DARK : LIGHT;
      },
      requirements: {
        isSetSupported(name: string, version?: string): boolean {
          const v = version ?? '1.1';
          if (name === 'ExcelApi') return versionAtMost(v, 1, opts.apiMinor);
          if (name === 'NestedAppAuth') return opts.user !== undefined && versionAtMost(v, 1, 1);
          if (name === 'RibbonApi' || name === 'SharedRuntime' || name === 'AddinCommands')
            return versionAtMost(v, 1, 1);
          return false;
        },
      },
      document: { url: opts.documentUrl },
    },
    onReady(callback?: (info: { host: string; platform: string }) => void) {
      const info = { host: 'Excel', platform: 'OfficeOnline' };
      if (callback) setTimeout(() => callback(info), 0);
      return Promise.resolve(info);
    },
    auth: {
      getAuthContext(): Promise<{
        userPrincipalName: string;
        tenantId: string;
        userObjectId: string;
        authorityType: 'aad';
        authorityBaseUrl: string;
      }> {
        if (opts.user === undefined)
          return Promise.reject(
            new SimOfficeError('NotSupported', 'Nested app authentication is not supported by this Office host.'),
          );
        if (opts.user === null)
          return Promise.reject(new SimOfficeError('13001', 'The user is not signed in to Office.'));
        const u = opts.user;
        return Promise.resolve({
          userPrincipalName: u.userPrincipalName,
          tenantId: u.tenantId ?? '00000000-0000-0000-0000-000000000001',
          userObjectId: u.userObjectId ?? '00000000-0000-0000-0000-0000000000aa',
          authorityType: 'aad',
          authorityBaseUrl: 'https://login.microsoftonline.com',
        });
      },
    },
    actions: {
      associate(id: string, fn: (event: { completed(): void }) => unknown) {
        actions.set(id, fn);
      },
    },
    addin: {
      showAsTaskpane: () => Promise.resolve(),
      hide: () => Promise.resolve(),
    },
    /** Simulator only: run a ribbon command registered with Office.actions.associate. */
    _runAction(id: string): Promise<void> {
      const fn = actions.get(id);
      if (!fn) return Promise.reject(new Error(`No action '${id}' was associated.`));
      return new Promise<void>((resolve) => {
        void fn({ completed: () => resolve() });
      });
    },
  };
  return office;
}
