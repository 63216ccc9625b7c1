/**
 * SHA-256 (FIPS 180-4) in plain TypeScript. The add-in and the command line hash with this
 * one implementation, so fingerprints and trail hashes can never differ because WebCrypto
 * and Node's crypto disagree on availability (WebCrypto is async-only and absent on
 * http origins) or on text encoding. Incremental, so a 100k-row grid is hashed without
 * building one giant string.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const HEX = Array.from({ length: 256 }, (_, i) => (i < 16 ? '0' : '') + i.toString(16));

export class Sha256 {
  private readonly h = new Int32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  private readonly w = new Int32Array(64);
  /** Pending bytes of an incomplete 64-byte block. */
  private readonly block = new Uint8Array(64);
  private blockLen = 0;
  /** Total bytes hashed so far (a JS number is exact up to 2^53 bytes, far beyond any workbook). */
  private total = 0;
  private done = false;

  /** Add text, encoded as UTF-8 (lone surrogates become U+FFFD, as TextEncoder does). */
  update(text: string): this {
    const block = this.block;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        block[this.blockLen++] = c;
        if (this.blockLen === 64) this.flush();
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else c = 0xfffd;
      } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x800) {
        this.byte(0xc0 | (c >> 6));
        this.byte(0x80 | (c & 63));
      } else if (c < 0x10000) {
        this.byte(0xe0 | (c >> 12));
        this.byte(0x80 | ((c >> 6) & 63));
        this.byte(0x80 | (c & 63));
      } else {
        this.byte(0xf0 | (c >> 18));
        this.byte(0x80 | ((c >> 12) & 63));
        this.byte(0x80 | ((c >> 6) & 63));
        this.byte(0x80 | (c & 63));
      }
    }
    return this;
  }

  /** Add raw bytes. */
  updateBytes(bytes: Uint8Array): this {
    for (let i = 0; i < bytes.length; i++) this.byte(bytes[i]);
    return this;
  }

  private byte(b: number): void {
    this.block[this.blockLen++] = b;
    if (this.blockLen === 64) this.flush();
  }

  private flush(): void {
    this.compress(this.block);
    this.total += 64;
    this.blockLen = 0;
  }

  private compress(p: Uint8Array): void {
    const w = this.w;
    for (let i = 0; i < 16; i++) {
      const j = i * 4;
      w[i] = (p[j] << 24) | (p[j + 1] << 16) | (p[j + 2] << 8) | p[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15];
      const y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    const h = this.h;
    let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + hh) | 0;
  }

  /** Finish and return the digest as 64 lower-case hex characters. The hasher cannot be reused. */
  digestHex(): string {
    if (this.done) throw new Error('Sha256: digest already taken');
    this.done = true;
    const bitsHi = Math.floor(((this.total + this.blockLen) * 8) / 0x100000000);
    const bitsLo = ((this.total + this.blockLen) * 8) >>> 0;
    const block = this.block;
    block[this.blockLen++] = 0x80;
    if (this.blockLen > 56) {
      block.fill(0, this.blockLen);
      this.compress(block);
      this.blockLen = 0;
    }
    block.fill(0, this.blockLen, 56);
    block[56] = bitsHi >>> 24; block[57] = bitsHi >>> 16; block[58] = bitsHi >>> 8; block[59] = bitsHi;
    block[60] = bitsLo >>> 24; block[61] = bitsLo >>> 16; block[62] = bitsLo >>> 8; block[63] = bitsLo;
    this.compress(block);
    let out = '';
    for (let i = 0; i < 8; i++) {
      const v = this.h[i];
      out += HEX[(v >>> 24) & 255] + HEX[(v >>> 16) & 255] + HEX[(v >>> 8) & 255] + HEX[v & 255];
    }
    return out;
  }
}

/** SHA-256 of the UTF-8 bytes of text, as 64 lower-case hex characters. */
export function sha256Hex(text: string): string {
  return new Sha256().update(text).digestHex();
}

/** The 'previous hash' of the first trail record. */
export const ZERO_HASH = '0'.repeat(64);
