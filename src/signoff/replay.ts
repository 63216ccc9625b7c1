/**
 * The audit replays the rules. A hash chain proves the records were not changed after
 * they were written, not that `sign` would have written them: anyone can append records
 * and recompute the chain. So the audit walks the verified records in order, with the
 * grids' ownership, and re-applies every rule signing enforces that the trail and the
 * figures let it judge again: the order of roles per indicator, ownership or a recorded
 * delegation, one person one role, no signature over a check with errors on what it
 * covers, warnings acknowledged, time moving forward, withdrawals by the signer. A record
 * the rules would have refused is a finding, and it counts for nothing: the matrix, the
 * roles and the receipt comparison are worked out from the records that pass.
 */
import { samePersonName } from '../engine/names';
import { ownerNames, refLabel, type Ownership } from './owners';
import { ROLE_TITLES, samePerson, SIGN_ROLES, type SignRole } from './roles';
import type { CheckRecord, SignRecord, TrailRecord } from './trail';

export const REPLAY_CODES = [
  'time-backwards',
  'no-check',
  'signed-with-errors',
  'warnings-unacknowledged',
  'out-of-order',
  'not-owner',
  'same-person',
  'signed-twice',
  'withdrawal-invalid',
] as const;
export type ReplayCode = (typeof REPLAY_CODES)[number];

/** What each code means, for the audit's reports and docs/STORAGE.md. */
export const REPLAY_RULES: Record<ReplayCode, string> = {
  'time-backwards': 'time goes backwards: the record is dated before the one it follows',
  'no-check': 'the signature does not rest on a check record of the same figures before it',
  'signed-with-errors': 'signed while an error stood on the indicator (or on the return)',
  'warnings-unacknowledged': 'signed without acknowledging every warning of the check it relied on',
  'out-of-order': 'out of order: the role before had not signed those figures, or its signature was withdrawn',
  'not-owner': 'signed by someone the grid does not name, without a delegation',
  'same-person': 'the same person in two roles',
  'signed-twice': 'signed again while the role already held a current signature over the same figures',
  'withdrawal-invalid': 'a withdrawal of a signature that is not there, or not by the person who signed it',
};

export interface ReplayFinding {
  /** The record the rules would have refused. */
  seq: number;
  code: ReplayCode;
  /** One sentence naming the record, the signer and the rule. */
  message: string;
}

export interface Replay {
  findings: ReplayFinding[];
  /** Seqs of the records refused (sign and withdraw records only): they count for nothing. */
  refused: ReadonlySet<number>;
  /** The records that pass, in order: what progress, roles and receipts are worked out from. */
  accepted: TrailRecord[];
}

/** What a signature holds for one indicator: the hash signed, and whether it is an indicator's own or the whole return's. */
interface Held {
  sig: SignRecord;
  hash: string;
  kind: 'indicator' | 'whole';
}

const WHOLE = '*';

/**
 * How far a record may be dated before the one it follows: officers sign on their own
 * computers, whose clocks disagree by minutes or a time zone; a day more is not a clock.
 */
export const CLOCK_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/**
 * Why a record dated `at` cannot follow `records` (the sentence `sign` refuses with), or
 * null: it is dated more than a day before the latest record of the trail.
 */
export function clockProblem(records: readonly TrailRecord[], at: string): string | null {
  let latest: TrailRecord | null = null;
  for (const r of records) if (!latest || time(r.at) > time(latest.at)) latest = r;
  if (!latest || time(at) >= time(latest.at) - CLOCK_TOLERANCE_MS) return null;
  return `This computer's clock says ${at}, more than a day before the trail's record ${latest.seq} (${latest.at}): time cannot go backwards in the trail; correct the clock and sign again.`;
}

function time(at: string): number {
  return Date.parse(at);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Replay `records` (verified, in order). `ownership` is the grids' as they stand: null (or
 * whole-return) judges every signature as one over the whole return.
 */
export function replayTrail(records: readonly TrailRecord[], ownership: Ownership | null): Replay {
  const perOwner = ownership?.mode === 'per-owner' ? ownership : null;
  const names = perOwner ? ownerNames(perOwner) : [];
  const byKey = new Map(perOwner?.indicators.map((i) => [i.key, i]) ?? []);
  const checks = new Map<number, CheckRecord>();
  // Per indicator key (or WHOLE) and role: the current (latest, not withdrawn, accepted) signature.
  const current = new Map<string, Held>();
  const signs = new Map<number, SignRecord>();
  const withdrawn = new Set<number>();
  const findings: ReplayFinding[] = [];
  const refused = new Set<number>();
  let latest: { seq: number; at: number } | null = null;
  let modern = false; // a signature recording warningsDue was met: every later one was written since the audit replays

  const label = (key: string) => (key === WHOLE ? 'the return' : perOwner ? refLabel(perOwner, key) : key);
  const who = (r: TrailRecord) => r.actor?.name ?? 'someone unnamed';
  const refuse = (r: TrailRecord, code: ReplayCode, what: string) => {
    findings.push({ seq: r.seq, code, message: `Record ${r.seq}: ${what} (${REPLAY_RULES[code]}).` });
    if (r.type === 'sign' || r.type === 'withdraw') refused.add(r.seq);
  };

  for (const r of records) {
    const at = time(r.at);
    if (latest && at < latest.at - CLOCK_TOLERANCE_MS)
      refuse(
        r,
        'time-backwards',
        `${r.type} by ${who(r)} is dated ${r.at}, more than a day before record ${latest.seq}`,
      );

    if (r.type === 'check') checks.set(r.seq, r);
    else if (r.type === 'withdraw') {
      const sig = signs.get(r.payload.signSeq);
      if (!sig || sig.payload.role !== r.payload.role || withdrawn.has(sig.seq))
        refuse(
          r,
          'withdrawal-invalid',
          `${who(r)} withdrew record ${r.payload.signSeq}, which holds no such signature`,
        );
      else if (sig.actor && r.actor && !samePerson(sig.actor, r.actor, names))
        refuse(
          r,
          'withdrawal-invalid',
          `${who(r)} withdrew ${who(sig)}'s ${ROLE_TITLES[sig.payload.role].toLowerCase()} signature`,
        );
      else {
        withdrawn.add(sig.seq);
        for (const [id, held] of current)
          if (held.sig.seq === sig.seq) unsettle(sig.payload.role, id.slice(id.indexOf('\u0000') + 1));
      }
    } else if (r.type === 'sign') {
      const before = refused.size;
      judgeSignature(r);
      if (r.payload.check.warningsDue !== undefined) modern = true;
      if (refused.size === before) {
        signs.set(r.seq, r);
        for (const key of coveredKeys(r)) {
          unsettle(r.payload.role, key);
          current.set(`${r.payload.role}\u0000${key}`, held(r, key));
        }
      }
    }
    // A refused record does not move time on: a forgery dated in the future must not make the genuine records after it look late.
    if (!refused.has(r.seq) && (!latest || at >= latest.at)) latest = { seq: r.seq, at };
  }

  /**
   * A role's signature on an indicator replaced or withdrawn: it and every later role's
   * signature standing on it stop being current (progress.ts reads them as stale), so a
   * later role cannot sign on them.
   */
  function unsettle(role: SignRole, key: string): void {
    for (const r of SIGN_ROLES.slice(SIGN_ROLES.indexOf(role))) current.delete(`${r}\u0000${key}`);
  }

  function coveredKeys(sig: SignRecord): string[] {
    if (sig.payload.scope) return Object.keys(sig.payload.scope.indicators);
    return perOwner ? perOwner.indicators.map((i) => i.key) : [WHOLE];
  }

  function held(sig: SignRecord, key: string): Held {
    if (sig.payload.scope) return { sig, hash: sig.payload.scope.indicators[key] ?? '', kind: 'indicator' };
    const own = key === WHOLE ? undefined : sig.payload.indicatorHashes?.[key];
    return own ? { sig, hash: own, kind: 'indicator' } : { sig, hash: sig.payload.fingerprint, kind: 'whole' };
  }

  function judgeSignature(r: SignRecord): void {
    const role = r.payload.role;
    const title = ROLE_TITLES[role].toLowerCase();
    const scope = r.payload.scope;
    const keys = coveredKeys(r);
    const shown = keys.length <= 6 ? keys.map(label).join(', ') : `${plural(keys.length, 'indicator')}`;
    const signer = `${who(r)} as ${title} for ${shown}`;

    const check = checks.get(r.payload.check.seq);
    const counts = r.payload.check.counts;
    if (!check || r.payload.check.seq >= r.seq)
      refuse(r, 'no-check', `${signer} cites check record ${r.payload.check.seq}, which is no check before it`);
    else if (
      check.payload.counts.errors !== counts.errors ||
      check.payload.counts.warnings !== counts.warnings ||
      check.payload.configDigest !== r.payload.check.configDigest
    )
      refuse(r, 'no-check', `${signer} gives other counts than check record ${check.seq} it cites`);

    // Errors: a signature over the whole return stands on a check with none; one per owner
    // on a check with none on what it covers (the indicators with errors, where recorded).
    // Where the errors stood is recorded since the audit replays; an older signature is judged by the check's counts.
    const errorsOn = r.payload.check.errorsOn;
    if (errorsOn ? errorsOn.length > 0 : counts.errors > 0) {
      const hit = errorsOn ? errorsOn.filter((k) => !scope || k === '' || k in scope.indicators) : null;
      if (!hit)
        refuse(r, 'signed-with-errors', `${signer} relied on a check showing ${plural(counts.errors, 'error')}`);
      else if (hit.length)
        refuse(
          r,
          'signed-with-errors',
          `${signer} while ${hit.map((k) => (k ? label(k) : 'the return as a whole')).join(', ')} had errors`,
        );
    }
    // Warnings: every one acknowledged, by this signature's own acknowledgements (whole return)
    // or those it records (per owner: the warnings on what it covers, where recorded).
    // The warnings due are recorded since the audit replays (the check's counts include warnings about the sign-off itself, which are not acknowledged).
    const acks = r.payload.acknowledgements.length;
    const due = r.payload.check.warningsDue ?? 0;
    if (acks < due)
      refuse(
        r,
        'warnings-unacknowledged',
        `${signer} acknowledged ${acks} of the ${plural(due, 'warning')} on what it covers`,
      );

    const index = SIGN_ROLES.indexOf(role);
    const misordered: string[] = [];
    const twice: string[] = [];
    const samePeople = new Map<SignRole, string[]>();
    const notOwned = new Map<string, string[]>(); // owner -> labels
    for (const key of keys) {
      const mine = held(r, key);
      const own = current.get(`${role}\u0000${key}`);
      if (own && own.kind === mine.kind && own.hash === mine.hash) twice.push(label(key));
      if (index > 0) {
        const prev = current.get(`${SIGN_ROLES[index - 1]}\u0000${key}`);
        if (!prev || (prev.kind === mine.kind && prev.hash !== mine.hash)) misordered.push(label(key));
      }
      for (const other of SIGN_ROLES) {
        if (other === role) continue;
        const theirs = current.get(`${other}\u0000${key}`);
        if (theirs?.sig.actor && r.actor && samePerson(theirs.sig.actor, r.actor, names))
          samePeople.set(other, [...(samePeople.get(other) ?? []), label(key)]);
      }
      // Ownership: the person the grid names for the indicator in this role signs it (or signs for them by delegation).
      const owner = byKey.get(key)?.owners[role];
      if (owner && scope) {
        const delegatedFor = scope?.match === 'delegated' ? scope.delegation?.for : undefined;
        const signsFor = delegatedFor ?? r.actor?.name ?? '';
        if (!samePersonName(signsFor, owner, names)) notOwned.set(owner, [...(notOwned.get(owner) ?? []), label(key)]);
      }
    }
    // A signature over the whole return in a return that names owners: its signer must be someone the grid names
    // in that role. Signatures written before the audit replayed (no warningsDue) were taken as covering every
    // indicator whoever signed, and still are, until the first signature written since: none can follow it.
    const legacy = r.payload.check.warningsDue === undefined && !modern;
    if (perOwner && !scope && !legacy) {
      const named = [...new Set(perOwner.indicators.map((i) => i.owners[role]).filter(Boolean))];
      if (named.length && !named.some((n) => samePersonName(r.actor?.name ?? '', n, names)))
        notOwned.set(named.join(', '), ['the whole return']);
    }
    if (index > 0 && misordered.length)
      refuse(
        r,
        'out-of-order',
        `${signer}: ${roleTitle(SIGN_ROLES[index - 1])} held no current signature over the same figures of ${misordered.join(', ')}`,
      );
    if (twice.length) refuse(r, 'signed-twice', `${signer}: ${twice.join(', ')} already held this role's signature`);
    for (const [other, on] of samePeople)
      refuse(r, 'same-person', `${signer}: the same person signed ${on.join(', ')} as ${roleTitle(other)}`);
    if (notOwned.size)
      refuse(
        r,
        'not-owner',
        `${signer}: ${[...notOwned].map(([owner, on]) => `${owner} is named for ${on.join(', ')}`).join('; ')}${scope?.delegation ? ` (the delegation names ${scope.delegation.for})` : ', and no delegation is recorded'}`,
      );
  }

  return { findings, refused, accepted: records.filter((r) => !refused.has(r.seq)) };
}

function roleTitle(role: SignRole): string {
  return `the ${ROLE_TITLES[role].toLowerCase()}`;
}
