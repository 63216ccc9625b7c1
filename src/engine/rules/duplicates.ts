import type { RuleInfo } from '../model/finding';
import { normaliseName } from '../text';
import { textIn } from '../values';
import type { Emit, GridContext, RuleFamily } from './types';

const rules: RuleInfo[] = [
  {
    id: 'duplicate-ref',
    dimension: 'accuracy',
    severity: 'error',
    title: 'Duplicate indicator ref',
    description:
      'Two indicator rows of one grid carry the same ref (compared ignoring case and spacing); the later one is reported.',
    example: 'HC04 is also the ref on row 18: each indicator needs its own ref.',
  },
];

/** Refs like 'CS01' or 'PI-12' need no normalising beyond case. */
const PLAIN_REF = /^[A-Za-z0-9]+$/;
/** Refs already in normal form ('PI 000123': upper case, single spaces): their own string is the key, no copy a row. */
const NORMAL_REF = /^[A-Z0-9]+(?: [A-Z0-9]+)*$/;
const LOWER = /[a-z]/;

/** The key two refs are compared by: case and spacing ignored. */
function refKey(ref: string): string {
  return NORMAL_REF.test(ref)
    ? ref
    : !PLAIN_REF.test(ref)
      ? normaliseName(ref).toUpperCase()
      : LOWER.test(ref)
        ? ref.toUpperCase()
        : ref;
}

/** FNV-1a over the key's UTF-16 code units. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * Refs seen so far, as an open-addressed table of (hash, sheet row) in two typed arrays:
 * a Map of refs holds a key string and an entry each; this holds 16 bytes a slot, and a key is only rebuilt, from its row's cell,
 * when two hashes meet.
 */
class SeenRefs {
  private readonly rows: Int32Array;
  private readonly hashes: Int32Array;
  private readonly mask: number;

  constructor(
    rows: number,
    private readonly keyAt: (row: number) => string,
  ) {
    let size = 16;
    while (size < rows * 2) size *= 2;
    this.rows = new Int32Array(size).fill(-1);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The row first seen with this key, or -1 (and the key is then recorded at `row`). */
  firstOr(key: string, row: number): number {
    const h = hashOf(key);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = this.rows[slot];
      if (at < 0) {
        this.rows[slot] = row;
        this.hashes[slot] = h;
        return -1;
      }
      if (this.hashes[slot] === h && this.keyAt(at) === key) return at;
    }
  }
}

function check(ctx: GridContext, emit: Emit): void {
  const refCol = ctx.grid.columns.ref;
  if (refCol === undefined) return;
  const seen = new SeenRefs(ctx.rows.length, (row) => refKey(textIn(ctx.cell(row, refCol))));
  for (const facts of ctx.rows) {
    const ref = facts.ref;
    if (!ref) continue;
    const first = seen.firstOr(refKey(ref), facts.row);
    if (first >= 0)
      emit(
        'duplicate-ref',
        facts.row,
        refCol,
        ref,
        `${ref} is also the ref on row ${first + 1}: each indicator needs its own ref.`,
      );
  }
}

export const duplicateRules: RuleFamily = { rules, check };
