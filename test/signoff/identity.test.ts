import { createSimulator } from '../../src/simulator';
import { nameFromUpn, officeAccount, rememberedName, rememberName } from '../../src/excel/identity';

const input = { sheets: [{ name: 'Return', cells: [['Ref']] }] };

describe('who is signing', () => {
  test('the signed-in account where NestedAppAuth 1.1 says who it is', async () => {
    const sim = createSimulator(input, { user: { userPrincipalName: 'dawn.garton@melton.gov.uk' } }).install();
    try {
      expect(await officeAccount()).toEqual({ upn: 'dawn.garton@melton.gov.uk' });
    } finally {
      sim.uninstall();
    }
  });

  test('null (typed name) when nobody is signed in, when the host lacks NestedAppAuth, or outside Office', async () => {
    for (const user of [null, 'unsupported'] as const) {
      const sim = createSimulator(input, { user }).install();
      try {
        expect(await officeAccount()).toBeNull();
      } finally {
        sim.uninstall();
      }
    }
    expect(await officeAccount()).toBeNull(); // no Office global at all
  });

  test('a name to pre-fill from the account, and the name remembered on this device', () => {
    expect(nameFromUpn('alex.compiler@melton.gov.uk')).toBe('Alex Compiler');
    expect(nameFromUpn('j_smith-jones@x.gov.uk')).toBe('J Smith Jones');
    // No localStorage in node: nothing remembered, and remembering does not throw.
    expect(rememberedName()).toBe('');
    expect(() => rememberName('Ann Smith')).not.toThrow();
    const store = new Map<string, string>();
    (globalThis as Record<string, unknown>).localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    };
    try {
      rememberName('  Ann Smith ');
      expect(rememberedName()).toBe('Ann Smith');
    } finally {
      delete (globalThis as Record<string, unknown>).localStorage;
    }
  });
});
