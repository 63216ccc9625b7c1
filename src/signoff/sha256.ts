/**
 * SHA-256 for fingerprints and trail hashes, from @noble/hashes (audited, synchronous,
 * incremental, the same code in the browser and in Node). WebCrypto is async-only and
 * absent on http origins, and Node's crypto is not in the browser, so neither could give
 * the add-in and the command line one implementation. Text is hashed as UTF-8.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** An incremental SHA-256: update() with text any number of times, then digestHex() once. */
export class Sha256 {
  private readonly hash = sha256.create();

  update(text: string): this {
    this.hash.update(utf8ToBytes(text));
    return this;
  }

  /** The digest as 64 lower-case hex characters. */
  digestHex(): string {
    return bytesToHex(this.hash.digest());
  }
}

/** SHA-256 of `text` (UTF-8), as 64 lower-case hex characters. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** The `prev` of the first trail record. */
export const ZERO_HASH = '0'.repeat(64);
