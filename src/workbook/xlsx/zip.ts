/**
 * The zip container of an .xlsx, read from its central directory (so parts can be read in
 * the order the reader needs them, whatever order the writer stored them in) and written
 * back with untouched entries copied as their original compressed bytes.
 *
 * Inflating is streamed, a slice of compressed bytes at a time, so a part is never held
 * whole (a large sheet's XML is hundreds of megabytes) and a part that inflates past the stated
 * limit (a zip bomb) is refused before it can exhaust memory. Under Node it goes through
 * node:zlib's native inflater, driven synchronously a slice at a time into one reused
 * 64 KB buffer: several times faster than fflate on a large sheet (docs/BENCHMARKS.md) at the
 * same bounded memory. zlib's one-shot
 * `inflateRawSync` is as fast but hands back the whole part in one Buffer, and its
 * streaming classes are asynchronous only. Where node:zlib is missing (the browser
 * bundle) or its handle is not the shape expected, fflate's streaming `Inflate` does it.
 */
import type * as Fflate from 'fflate';
import * as zlib from 'node:zlib';

/** Parts larger than this are deflated at level 1 (speed), smaller ones at level 6 (size). */
const FAST_DEFLATE_BYTES = 4 << 20;

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Where the entry's local header starts. */
  localOffset: number;
  /** The compressed bytes (a view into the file's bytes, not a copy). */
  data: Uint8Array;
  /** DOS time and date as stored, kept when the entry is copied. */
  time: number;
  date: number;
}

/** Why a zip cannot be read, in words for WorkbookReadError. */
export class ZipProblem extends Error {
  constructor(
    readonly kind: 'damaged' | 'encrypted' | 'bomb' | 'unsupported',
    message: string,
  ) {
    super(message);
  }
}

/** Default ceiling on one part's inflated size: far above any real sheet (a 1,000,000-row grid is ~400 MB of XML). */
export const MAX_PART_BYTES = 1024 * 1024 * 1024;

const SLICE = 16 * 1024;

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
}

/** The entries of a zip, by name, from its end-of-central-directory record. */
export function readZipDirectory(bytes: Uint8Array): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipProblem('damaged', 'no end-of-archive record');
  const count = u16(bytes, eocd + 10);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff)
    throw new ZipProblem('unsupported', 'it is a zip64 archive, which Outturn does not read (a workbook over 4 GB)');
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50)
      throw new ZipProblem('damaged', 'the central directory is damaged');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const time = u16(bytes, p + 12);
    const date = u16(bytes, p + 14);
    const crc = u32(bytes, p + 16) >>> 0;
    const compressedSize = u32(bytes, p + 20);
    const size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const localOffset = u32(bytes, p + 42);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (localOffset + 30 > bytes.length || u32(bytes, localOffset) !== 0x04034b50)
      throw new ZipProblem('damaged', `the entry ${name} is damaged`);
    const start = localOffset + 30 + u16(bytes, localOffset + 26) + u16(bytes, localOffset + 28);
    if (start + compressedSize > bytes.length) throw new ZipProblem('damaged', `the entry ${name} is cut short`);
    entries.set(name, {
      name,
      method,
      flags,
      crc,
      compressedSize,
      size,
      localOffset,
      data: bytes.subarray(start, start + compressedSize),
      time,
      date,
    });
  }
  return entries;
}

/** The synchronous face of node:zlib's native handle, as its own *Sync functions drive it. */
interface NativeHandle {
  writeSync(
    flush: number,
    input: Uint8Array,
    inOff: number,
    inLen: number,
    out: Uint8Array,
    outOff: number,
    outLen: number,
  ): void;
}
interface NativeEngine {
  _handle?: NativeHandle | null;
  _writeState?: Uint32Array;
  errored?: unknown;
  on(event: 'error', listener: (err: unknown) => void): unknown;
  close(): void;
}

let nativeAllowed = true;

/**
 * fflate's Inflate, loaded the first time node:zlib cannot do the work (the pane, or tests):
 * fflate builds its Huffman tables when it loads, some 7 ms a command under Node never needs (#25).
 */
function fflateInflate(): typeof Fflate.Inflate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('fflate') as typeof Fflate).Inflate;
}

/** Tests: inflate with fflate even under Node (false), or with node:zlib again (true). */
export function useNativeInflate(on: boolean): void {
  nativeAllowed = on;
}

/** A native raw inflater, or null where node:zlib cannot be driven synchronously. */
function nativeInflater(): NativeEngine | null {
  if (!nativeAllowed || typeof zlib.createInflateRaw !== 'function') return null;
  const engine = zlib.createInflateRaw() as unknown as NativeEngine;
  // (isView, not instanceof: the test runner's realm has its own Uint32Array.)
  if (typeof engine._handle?.writeSync !== 'function' || !ArrayBuffer.isView(engine._writeState)) {
    engine.close();
    return null;
  }
  return engine;
}

/** Which inflater a part is read with here ('node:zlib' or 'fflate'): the bench's floor uses the same. */
export function inflaterInUse(): 'node:zlib' | 'fflate' {
  const engine = nativeInflater();
  engine?.close();
  return engine ? 'node:zlib' : 'fflate';
}

const NATIVE_IN = 64 * 1024;
const NATIVE_OUT = 64 * 1024;

function inflateNative(engine: NativeEngine, entry: ZipEntry, take: (chunk: Uint8Array) => void): void {
  const handle = engine._handle as NativeHandle;
  const state = engine._writeState as Uint32Array;
  const out = new Uint8Array(NATIVE_OUT);
  const { Z_FINISH, Z_NO_FLUSH } = zlib.constants;
  // zlib reports a damaged stream through the engine's error event (after this returns) and
  // its `errored` field (at once); the listener only keeps the event from being unhandled.
  engine.on('error', () => undefined);
  const data = entry.data;
  try {
    for (let o = 0; o < data.length; o += NATIVE_IN) {
      const end = Math.min(o + NATIVE_IN, data.length);
      const slice = data.subarray(o, end);
      let inOff = 0;
      let availIn = slice.length;
      for (;;) {
        handle.writeSync(end === data.length ? Z_FINISH : Z_NO_FLUSH, slice, inOff, availIn, out, 0, NATIVE_OUT);
        if (engine.errored) throw new ZipProblem('damaged', `the part ${entry.name} could not be inflated`);
        const availOut = state[0];
        const left = state[1];
        if (availOut < NATIVE_OUT) take(out.subarray(0, NATIVE_OUT - availOut));
        inOff += availIn - left;
        availIn = left;
        // A full output buffer means zlib has more to give for this slice.
        if (availOut !== 0) break;
      }
    }
  } finally {
    engine.close();
  }
}

/**
 * Inflate one entry, handing its bytes on a slice at a time (a view valid only during the
 * call: the buffer is reused). Throws ZipProblem('bomb') once more than `limit` bytes have
 * come out, whatever the entry's header claims.
 */
export function inflateEntry(entry: ZipEntry, onBytes: (chunk: Uint8Array) => void, limit = MAX_PART_BYTES): void {
  if (entry.flags & 1) throw new ZipProblem('encrypted', `the part ${entry.name} is encrypted`);
  const tooBig = () =>
    new ZipProblem(
      'bomb',
      `the part ${entry.name} inflates past ${Math.round(limit / 1024 / 1024)} MB, more than any real workbook part (a zip bomb?)`,
    );
  // The declared size is checked first (cheap); the count below catches a header that lies.
  if (entry.size > limit) throw tooBig();
  let total = 0;
  const take = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total > limit) throw tooBig();
    onBytes(chunk);
  };
  if (entry.method === 0) {
    for (let o = 0; o < entry.data.length; o += SLICE) take(entry.data.subarray(o, o + SLICE));
    return;
  }
  if (entry.method !== 8)
    throw new ZipProblem('unsupported', `the part ${entry.name} uses zip compression method ${entry.method}`);
  const data = entry.data;
  if (data.length === 0) throw new ZipProblem('damaged', `the part ${entry.name} is empty`);
  const native = nativeInflater();
  if (native) {
    inflateNative(native, entry, take);
    return;
  }
  const Inflate = fflateInflate();
  const inflate = new Inflate((chunk) => take(chunk));
  try {
    for (let o = 0; o < data.length; o += SLICE) inflate.push(data.subarray(o, o + SLICE), o + SLICE >= data.length);
  } catch (err) {
    // fflate's own errors carry a numeric code; anything else came from the consumer (the XML parser).
    if (typeof (err as { code?: unknown }).code !== 'number') throw err;
    throw new ZipProblem('damaged', `the part ${entry.name} could not be inflated`);
  }
}

/** An entry's text, decoded as UTF-8 a slice at a time and handed on in pieces. */
export function entryText(entry: ZipEntry, onText: (text: string) => void, limit = MAX_PART_BYTES): void {
  const decoder = new TextDecoder('utf-8');
  let first = true;
  inflateEntry(
    entry,
    (chunk) => {
      let s = decoder.decode(chunk, { stream: true });
      if (first && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      first = false;
      if (s) onText(s);
    },
    limit,
  );
  const rest = decoder.decode();
  if (rest) onText(rest);
}

/** An entry's whole text (for the small parts: workbook, rels, content types). */
export function entryString(entry: ZipEntry, limit = MAX_PART_BYTES): string {
  const parts: string[] = [];
  entryText(entry, (t) => parts.push(t), limit);
  return parts.join('');
}

function crc32(bytes: Uint8Array): number {
  return (zlib as unknown as { crc32: (b: Uint8Array) => number }).crc32(bytes) >>> 0;
}

/** A part to write: either an entry copied as its original compressed bytes, or new content deflated here. */
export type OutEntry = { name: string; copy: ZipEntry } | { name: string; content: Uint8Array };

/**
 * Write a zip. A copied entry keeps its compressed bytes, CRC, method and timestamp exactly
 * (its bytes in the new file are the bytes of the old); a new one is deflated with fflate.
 */
export function writeZip(entries: readonly OutEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = encoder.encode(e.name);
    let method: number, crc: number, size: number, data: Uint8Array, time: number, date: number, flags: number;
    if ('copy' in e) {
      ({ method, crc, size, data, time, date } = e.copy);
      flags = e.copy.flags & 0x0800; // keep the UTF-8 name flag; sizes now sit in the headers, not a data descriptor
    } else {
      method = 8;
      crc = crc32(e.content);
      size = e.content.length; // Native deflate, faster than fflate's; a big part at level 1, several times faster
      // than level 6 for a file about a quarter larger (docs/BENCHMARKS.md).
      data = zlib.deflateRawSync(e.content, { level: e.content.length > FAST_DEFLATE_BYTES ? 1 : 6 });
      const now = new Date();
      time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
      date = ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
      flags = 0x0800;
    }
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, 0, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, time, true);
    cv.setUint16(14, date, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let o = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}
