import type { RuleInfo } from '../model/finding';
import { normaliseName } from '../text';
import type { Emit, GridContext, RuleFamily } from './types';

const rules: RuleInfo[] = [
  { id: 'duplicate-ref', dimension: 'accuracy', severity: 'error', title: 'Duplicate indicator ref',
    description: 'Two indicator rows of one grid carry the same ref (compared ignoring case and spacing); the later one is reported.',
    example: 'HC04 is also the ref on row 18: each indicator needs its own ref.' },
];

/** Refs like 'CS01' or 'PI-12' need no normalising beyond case. */
const PLAIN_REF = /^[A-Za-z0-9]+$/;
/** Refs already in normal form ('PI 000123': upper case, single spaces): their own string is the key, no copy a row. */
const NORMAL_REF = /^[A-Z0-9]+(?: [A-Z0-9]+)*$/;
const LOWER = /[a-z]/;

function check(ctx: GridContext, emit: Emit): void {
  const refCol = ctx.grid.columns.ref;
  if (refCol === undefined) return;
  const seen = new Map<string, number>();
  for (const facts of ctx.rows) {
    if (!facts.ref) continue;
    const key = NORMAL_REF.test(facts.ref) ? facts.ref : !PLAIN_REF.test(facts.ref) ? normaliseName(facts.ref).toUpperCase() : LOWER.test(facts.ref) ? facts.ref.toUpperCase() : facts.ref;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, facts.row);
    else emit('duplicate-ref', facts.row, refCol, facts.ref, `${facts.ref} is also the ref on row ${first + 1}: each indicator needs its own ref.`);
  }
}

export const duplicateRules: RuleFamily = { rules, check };
