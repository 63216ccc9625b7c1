import { createHash } from 'crypto';
import { Sha256, sha256Hex } from '../../src/signoff/sha256';
import { canonicalJson } from '../../src/signoff/canonical-json';

describe('sha256 (@noble/hashes)', () => {
  test('NIST vectors', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    // One million 'a' (FIPS 180-2 long message vector).
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  test('agrees with Node crypto at every padding boundary and on non-ASCII text', () => {
    for (let n = 0; n < 140; n++) {
      const s = 'x'.repeat(n);
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    }
    const text = 'Café naïve – £1,234 € 😀 Ünïcödé\n\u0000';
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  test('incremental updates equal one update', () => {
    const h = new Sha256();
    h.update('PI 1|').update('n:0.45').update('£');
    expect(h.digestHex()).toBe(sha256Hex('PI 1|n:0.45£'));
  });

  test('hashes 20 MB as node:crypto does', () => {
    const big = 'n:0.4512\u0000t:Household waste recycled\n'.repeat(500_000);
    const h = sha256Hex(big);
    expect(h).toBe(createHash('sha256').update(big, 'utf8').digest('hex'));
  });
});

describe('canonical JSON', () => {
  test('sorts keys, drops undefined, writes -0 as 0, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [1, undefined, 'x'], c: undefined, d: { z: -0, y: null } })).toBe(
      '{"a":[1,null,"x"],"b":1,"d":{"y":null,"z":0}}',
    );
  });
  test('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ a: NaN })).toThrow('finite');
  });
});
