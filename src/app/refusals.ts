/**
 * The codes of a refusal, decided from the same facts the sign-off rules judge
 * (src/signoff/rules.ts, owner-rules.ts) and in the order those rules give their
 * sentences, so each sentence is paired with its code without reading it. When the rules
 * come to return codes themselves, this file goes.
 */
import type { Finding } from '../engine/model/finding';
import { findOwner } from '../engine/names';
import { findingKey, type SignPlan } from '../signoff/owner-rules';
import { peopleFor, type Ownership } from '../signoff/owners';
import type { Progress } from '../signoff/progress';
import { samePerson, SIGN_ROLES, type Identity, type SignRole } from '../signoff/roles';
import { sheetsOf, warningKey, type CheckedFigures } from '../signoff/rules';
import { currentFigures, signOffState } from '../signoff/state';
import type { TrailRecord, Verification } from '../signoff/trail';
import type { BlockCode, RefusalCode } from './codes';

interface Acknowledging {
  reasons?: Record<string, string>;
  bulkReason?: string;
}

function unacknowledged(warnings: readonly Finding[], request: Acknowledging): number {
  const bulk = request.bulkReason?.trim();
  return warnings.filter((w) => !(request.reasons?.[warningKey(w)]?.trim() || bulk)).length;
}

/** As prepareSignature judges a signature on a return signed as a whole. */
export function wholeReturnCodes(
  verification: Verification,
  figures: CheckedFigures,
  request: Acknowledging & { role: SignRole; identity: Identity; statementConfirmed: boolean },
): RefusalCode[] {
  const codes: RefusalCode[] = [];
  if (!verification.ok) codes.push('trail-broken');
  const name = request.identity.name.trim();
  if (!name) codes.push('name-missing');
  if (!request.statementConfirmed) codes.push('statement-unconfirmed');
  if (figures.counts.indicators === 0) codes.push('no-indicators');
  if (figures.findings.some((f) => f.severity === 'error')) codes.push('errors');
  const states = signOffState(verification.records, currentFigures(figures.fingerprint, sheetsOf(figures.grids)));
  const index = SIGN_ROLES.indexOf(request.role);
  if (states[index].status === 'signed' && states[index].signature) codes.push('already-signed');
  if (index > 0 && states[index - 1].status !== 'signed') codes.push('order');
  if (name)
    for (const other of states) {
      if (other.role === request.role || !other.signature?.actor || other.status === 'withdrawn') continue;
      if (samePerson(other.signature.actor, request.identity)) codes.push('segregation');
    }
  const warnings = figures.findings.filter((f) => f.severity === 'warning');
  if (unacknowledged(warnings, request) > 0) codes.push('warnings-unacknowledged');
  return codes;
}

/** A ref as typed to the indicator's key, as the per-owner rules read --indicators. */
function keyForRef(ownership: Ownership, ref: string): string | null {
  const want = ref.trim().toLowerCase();
  const hit = ownership.indicators.find(
    (i) =>
      i.ref.toLowerCase() === want || `${i.sheet}: ${i.ref}`.toLowerCase() === want || i.key.toLowerCase() === want,
  );
  return hit?.key ?? null;
}

/** Why each indicator the plan leaves out cannot be signed now: errors on it, the order of roles, or segregation. */
export function blockCodes(
  plan: SignPlan,
  progress: Progress,
  ownership: Ownership,
  figures: CheckedFigures,
  role: SignRole,
): Map<string, BlockCode> {
  const errored = new Set<string>();
  for (const f of figures.findings)
    if (f.severity === 'error') {
      const k = findingKey(ownership, f);
      if (k !== null) errored.add(k);
    }
  const rows = new Map(progress.rows.map((r) => [r.key, r]));
  const index = SIGN_ROLES.indexOf(role);
  const codes = new Map<string, BlockCode>();
  for (const b of plan.blocked) {
    const before = index > 0 ? rows.get(b.key)?.cells[SIGN_ROLES[index - 1]] : undefined;
    codes.set(b.key, errored.has(b.key) ? 'errors' : before && before.status !== 'signed' ? 'order' : 'segregation');
  }
  return codes;
}

/** As prepareOwnerSignature (and planSignature within it) judges a per-owner signature. */
export function perOwnerCodes(
  verification: Verification,
  ownership: Ownership,
  figures: CheckedFigures,
  progress: Progress,
  plan: SignPlan,
  request: Acknowledging & {
    role: SignRole;
    identity: Identity;
    statementConfirmed: boolean;
    indicators?: readonly string[];
    onBehalfOf?: string;
    delegationReason?: string;
  },
): RefusalCode[] {
  const codes: RefusalCode[] = [];
  if (!verification.ok) codes.push('trail-broken');
  if (!request.statementConfirmed) codes.push('statement-unconfirmed');
  codes.push(...planCodes(ownership, figures, progress, plan, request));
  if (plan.eligible.length && unacknowledged(plan.warnings, request) > 0) codes.push('warnings-unacknowledged');
  return codes;
}

/** The codes of a plan's problems, in planSignature's order. */
export function planCodes(
  ownership: Ownership,
  figures: CheckedFigures,
  progress: Progress,
  plan: SignPlan,
  request: {
    role: SignRole;
    identity: Identity;
    indicators?: readonly string[];
    onBehalfOf?: string;
    delegationReason?: string;
  },
): RefusalCode[] {
  const codes: RefusalCode[] = [];
  const name = request.identity.name.trim();
  if (!name) return ['name-missing'];
  if (!figures.fingerprint.indicators) return ['too-many-indicators'];
  const people = peopleFor(ownership, request.role);
  const lookup = findOwner(
    request.onBehalfOf?.trim() || name,
    people.map((p) => p.name),
  );
  if (!lookup.found) return [lookup.ambiguous.length ? 'ambiguous-name' : 'not-owner'];
  if (plan.delegated && !request.delegationReason?.trim()) codes.push('delegation-reason-missing');
  const person = people.find((p) => p.name === lookup.match.gridName);
  for (const ref of request.indicators ?? []) {
    const key = keyForRef(ownership, ref);
    if (!key) codes.push('unknown-indicator');
    else if (!person?.keys.includes(key)) codes.push('not-their-indicator');
  }
  const general = figures.findings.some((f) => f.severity === 'error' && findingKey(ownership, f) === null);
  if (general) codes.push('errors');
  const blocked = blockCodes(plan, progress, ownership, figures, request.role);
  if (request.indicators?.length && plan.blocked.length) {
    codes.push(...plan.blocked.map((b) => blocked.get(b.key)!));
  } else if (!plan.eligible.length && !codes.length) {
    if (plan.blocked.length) {
      // One sentence lists every blocked indicator: its code is their common cause, if they share one.
      const causes = new Set(blocked.values());
      codes.push(causes.size === 1 ? [...causes][0] : 'indicators-blocked');
    } else codes.push(plan.alreadySigned.length ? 'already-signed' : 'nothing-to-sign');
  }
  return codes;
}

/** As prepareWithdrawal judges withdrawing a whole-return signature. */
export function wholeReturnWithdrawalCodes(
  verification: Verification,
  request: { role: SignRole; identity: Identity; reason: string },
): RefusalCode[] {
  const codes: RefusalCode[] = [];
  if (!verification.ok) codes.push('trail-broken');
  if (!request.reason.trim()) codes.push('reason-missing');
  const state = signOffState(verification.records, null)[SIGN_ROLES.indexOf(request.role)];
  if (!state.signature || state.status === 'not-signed') codes.push('nothing-to-withdraw');
  else if (state.status === 'withdrawn') codes.push('already-withdrawn');
  else if (state.signature.actor && !samePerson(state.signature.actor, request.identity)) codes.push('not-the-signer');
  return codes;
}

/** As prepareOwnerWithdrawal judges withdrawing the signer's own latest signature. */
export function ownWithdrawalCodes(
  verification: Verification,
  request: { role: SignRole; identity: Identity; reason: string },
): RefusalCode[] {
  const codes: RefusalCode[] = [];
  if (!verification.ok) codes.push('trail-broken');
  if (!request.reason.trim()) codes.push('reason-missing');
  const name = request.identity.name.trim();
  if (!name) codes.push('name-missing');
  const records = verification.records;
  const withdrawn = new Set(records.flatMap((r) => (r.type === 'withdraw' ? [r.payload.signSeq] : [])));
  const inRole = (r: TrailRecord) => r.type === 'sign' && r.payload.role === request.role;
  const mine = (r: TrailRecord) => inRole(r) && r.actor !== null && samePerson(r.actor, request.identity);
  if (name && !records.some((r) => mine(r) && !withdrawn.has(r.seq))) {
    if (records.some(mine)) codes.push('already-withdrawn');
    else codes.push(records.some((r) => inRole(r) && !withdrawn.has(r.seq)) ? 'not-the-signer' : 'nothing-to-withdraw');
  }
  return codes;
}
