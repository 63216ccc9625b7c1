/**
 * Per-owner signing: a person signs, in one role, for the indicators the grid assigns to
 * them (or, by a recorded delegation, to someone else). Order and segregation hold per
 * indicator; an indicator with errors cannot be signed, but the signer's other
 * indicators can. Pure: returns the records to append, or the reasons it is refused,
 * each with its code.
 */
import type { Finding } from '../engine/model/finding';
import { parseA1 } from '../engine/model/address';
import { clockProblem } from './replay';
import { sha256Hex } from './sha256';
import { canonicalJson } from './canonical-json';
import { findOwner, samePersonName, type OwnerMatch } from '../engine/names';
import { ownerNames, peopleFor, refLabel, unassignedKeys, type Ownership, type Person } from './owners';
import { signOffProgress, type Progress } from './progress';
import { Identity, ROLE_STATEMENTS, ROLE_TITLES, roleInSentence, samePerson, SIGN_ROLES, type SignRole } from './roles';
import type { BlockCode, RuleRefusal } from './refusal';
import { checkDraft, sheetsOf, warningKey, type CheckedFigures, type SignOutcome } from './rules';
import type { Acknowledgement, CheckRecord, RecordDraft, SignScope, TrailRecord, Verification } from './trail';

export interface OwnerSignRequest {
  role: SignRole;
  identity: Identity;
  statementConfirmed: boolean;
  /** The text ticked (the configured declaration); Outturn's own statement when absent. */
  statement?: string;
  /** Narrow the signature to these refs ('CS01', or 'Sheet: CS01'). */
  indicators?: readonly string[];
  /** Sign for this person's indicators (a delegation), with delegationReason. */
  onBehalfOf?: string;
  delegationReason?: string;
  reasons?: Record<string, string>;
  bulkReason?: string;
  at: string;
}

export interface BlockedIndicator {
  key: string;
  label: string;
  reason: string;
  code: BlockCode;
}

/** What a signature would cover, shown before signing and used to sign. */
export interface SignPlan {
  /** Refusals that stop the whole signature. */
  problems: RuleRefusal[];
  /** Who the signature is for, as the grid names them. */
  match: OwnerMatch | null;
  delegated: boolean;
  /** Indicators the signature would cover. */
  eligible: string[];
  /** Indicators of the owner that cannot be signed now, with why. */
  blocked: BlockedIndicator[];
  /** Indicators already holding this owner's current signature in this role. */
  alreadySigned: string[];
  /** The warnings to acknowledge (on the eligible indicators, and those about no indicator). */
  warnings: Finding[];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The indicator key a finding is about (by its row), or null for one about no indicator. */
export function findingKey(ownership: Ownership, f: Pick<Finding, 'sheet' | 'cell'>): string | null {
  if (!f.cell) return null;
  const at = parseA1(f.cell);
  if (!at) return null;
  return ownership.indicators.find((i) => i.sheet === f.sheet && i.row === at.row)?.key ?? null;
}

/** A ref as typed ('cs01', 'Corporate PIs: CS01') to the indicator's key, or null. */
function keyForRef(ownership: Ownership, ref: string): string | null {
  const want = ref.trim().toLowerCase();
  const hit = ownership.indicators.find(
    (i) =>
      i.ref.toLowerCase() === want || `${i.sheet}: ${i.ref}`.toLowerCase() === want || i.key.toLowerCase() === want,
  );
  return hit?.key ?? null;
}

/** Work out what `request` would sign, given the trail's progress and the figures as checked. */
export function planSignature(
  progress: Progress,
  ownership: Ownership,
  figures: CheckedFigures,
  request: Omit<OwnerSignRequest, 'statementConfirmed' | 'at' | 'reasons' | 'bulkReason'>,
): SignPlan {
  const problems: RuleRefusal[] = [];
  const { role } = request;
  const title = ROLE_TITLES[role].toLowerCase();
  const name = request.identity.name.trim();
  const plan: SignPlan = {
    problems,
    match: null,
    delegated: false,
    eligible: [],
    blocked: [],
    alreadySigned: [],
    warnings: [],
  };
  if (!name) {
    problems.push({ code: 'name-missing', message: 'Enter your name to sign.' });
    return plan;
  }
  if (!figures.fingerprint.indicators) {
    problems.push({
      code: 'too-many-indicators',
      message: 'This return has too many indicators for per-indicator fingerprints, so it cannot be signed per owner.',
    });
    return plan;
  }
  const people = peopleFor(ownership, role);
  const unassigned = unassignedKeys(ownership, role);
  const names = ownerNames(ownership);
  const forName = request.onBehalfOf?.trim() || name;
  const lookup = findOwner(
    forName,
    people.map((p) => p.name),
  );
  let person: Person;
  if (!lookup.found && !lookup.ambiguous.length && !request.onBehalfOf && unassigned.length) {
    // Not named for this role, and some indicators name nobody: the signer signs those, as the whole return's role.
    plan.match = { gridName: name, kind: 'unassigned' };
    person = { name, keys: unassigned };
  } else if (!lookup.found) {
    if (lookup.ambiguous.length)
      problems.push({
        code: 'ambiguous-name',
        message: `"${forName}" could be ${lookup.ambiguous.join(' or ')}: give the full name as the grid has it.`,
      });
    else
      problems.push({
        code: 'not-owner',
        message: `${forName} is not named as ${title} for any indicator in the grid${people.length ? ` (the grid names ${people.map((p) => p.name).join(', ')})` : ''}.${request.onBehalfOf ? '' : " To sign for someone else's indicators, record a delegation with a reason."}`,
      });
    return plan;
  } else {
    plan.match = lookup.match;
    // Signing for someone else is a delegation, unless the signer turns out to be that person (the one person-matching rule).
    plan.delegated = Boolean(request.onBehalfOf) && !samePersonName(name, lookup.match.gridName, names);
    if (plan.delegated && !request.delegationReason?.trim())
      problems.push({
        code: 'delegation-reason-missing',
        message: `Signing for ${lookup.match.gridName} is a delegation: give the reason for it.`,
      });
    person = people.find((p) => p.name === lookup.match.gridName)!;
  }
  let keys = person.keys;
  if (request.indicators?.length) {
    const wanted: string[] = [];
    for (const ref of request.indicators) {
      const key = keyForRef(ownership, ref);
      if (!key) problems.push({ code: 'unknown-indicator', message: `${ref} is not an indicator in the grid.` });
      else if (unassigned.includes(key) && !plan.delegated)
        wanted.push(key); // nobody named: anyone in the role signs it
      else if (!person.keys.includes(key)) {
        const owner = ownership.indicators.find((i) => i.key === key)?.owners[role];
        problems.push({
          code: 'not-their-indicator',
          message: `${refLabel(ownership, key)} is ${owner ? `${owner}'s` : "nobody's"} as ${title}, not ${person.name}'s: signing it needs a delegation from ${owner || 'its owner'} with a reason.`,
        });
      } else wanted.push(key);
    }
    keys = wanted;
  }

  const errorsBy = new Map<string | null, number>();
  for (const f of figures.findings)
    if (f.severity === 'error') {
      const k = findingKey(ownership, f);
      errorsBy.set(k, (errorsBy.get(k) ?? 0) + 1);
    }
  const general = errorsBy.get(null) ?? 0;
  if (general > 0)
    problems.push({
      code: 'errors',
      message: `The check shows ${plural(general, 'error')} about no single indicator: fix ${general === 1 ? 'it' : 'them'} and check again before signing.`,
    });
  const rowOf = new Map(progress.rows.map((r) => [r.key, r]));
  const index = SIGN_ROLES.indexOf(role);
  for (const key of keys) {
    const row = rowOf.get(key);
    const label = refLabel(ownership, key);
    if (!row) continue;
    const own = row.cells[role];
    const errors = errorsBy.get(key) ?? 0;
    const block = (code: BlockCode, reason: string) => plan.blocked.push({ key, label, reason, code });
    if (own.status === 'signed') {
      plan.alreadySigned.push(key);
      continue;
    }
    if (errors > 0) {
      block('errors', `${plural(errors, 'error')} to fix first`);
      continue;
    }
    if (index > 0) {
      const before = row.cells[SIGN_ROLES[index - 1]];
      const who = `${roleInSentence(SIGN_ROLES[index - 1])}${before.owner ? ` (${before.owner})` : ''}`;
      if (before.status === 'not-signed') {
        block('order', `${who} has not signed it yet`);
        continue;
      }
      if (before.status === 'withdrawn') {
        block('order', `the signature of ${who} was withdrawn`);
        continue;
      }
      if (before.status === 'stale') {
        block('order', `the signature of ${who} is stale`);
        continue;
      }
    }
    const twice = SIGN_ROLES.find(
      (r) =>
        r !== role &&
        row.cells[r].signature?.actor &&
        row.cells[r].status !== 'withdrawn' &&
        samePerson(row.cells[r].signature!.actor!, request.identity, names),
    );
    if (twice) {
      block(
        'segregation',
        `${name} signed it as ${ROLE_TITLES[twice].toLowerCase()}: the same person cannot sign two roles for one indicator`,
      );
      continue;
    }
    plan.eligible.push(key);
  }
  if (request.indicators?.length && plan.blocked.length) {
    problems.push(...plan.blocked.map((b) => ({ code: b.code, message: `${b.label} cannot be signed: ${b.reason}.` })));
  } else if (!plan.eligible.length && !problems.length) {
    if (plan.blocked.length) {
      // One sentence lists every blocked indicator: its code is their common cause, if they share one.
      const causes = new Set(plan.blocked.map((b) => b.code));
      problems.push({
        code: causes.size === 1 ? plan.blocked[0].code : 'indicators-blocked',
        message: `None of ${person.name}'s indicators can be signed as ${title} now: ${plan.blocked.map((b) => `${b.label} (${b.reason})`).join('; ')}.`,
        listsPlan: true,
      });
    } else if (plan.alreadySigned.length)
      problems.push({
        code: 'already-signed',
        message: `${person.name} already holds a current ${title} signature for ${plan.alreadySigned.length === 1 ? refLabel(ownership, plan.alreadySigned[0]) : `all ${plan.alreadySigned.length} of their indicators`}; withdraw it first to sign again.`,
      });
    else problems.push({ code: 'nothing-to-sign', message: 'There is nothing to sign.' });
  }
  const eligible = new Set(plan.eligible);
  plan.warnings = figures.findings.filter((f) => {
    if (f.severity !== 'warning') return false;
    const k = findingKey(ownership, f);
    return k === null || eligible.has(k);
  });
  return plan;
}

/** The newest check record for these figures, run by this person, if it is the trail's latest check. */
function matchingCheck(
  records: readonly TrailRecord[],
  figures: CheckedFigures,
  identity: Identity,
): CheckRecord | undefined {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (r.type !== 'check') continue;
    const same =
      r.payload.fingerprint === figures.fingerprint.hash &&
      r.payload.configDigest === figures.configDigest &&
      r.payload.counts.errors === figures.counts.errors &&
      r.payload.counts.warnings === figures.counts.warnings &&
      r.actor !== null &&
      samePerson(r.actor, identity);
    return same ? r : undefined;
  }
  return undefined;
}

/**
 * Decide whether `request` may sign; on success the drafts to append (a check record
 * unless the latest check is this person's of these figures, an acknowledgement when
 * there are warnings, and the scoped sign record). A refusal appends nothing.
 */
export function prepareOwnerSignature(
  verification: Verification,
  ownership: Ownership,
  figures: CheckedFigures,
  request: OwnerSignRequest,
): SignOutcome & { plan?: SignPlan } {
  const reasons: RuleRefusal[] = [];
  if (!verification.ok)
    reasons.push({
      code: 'trail-broken',
      message: `The audit trail is broken (${verification.reason.replace(/\.$/, '')}), so nothing can be signed until it is restored.`,
    });
  if (!request.statementConfirmed)
    reasons.push({
      code: 'statement-unconfirmed',
      message: `Confirm the statement for ${roleInSentence(request.role)} to sign.`,
    });
  const clock = clockProblem(verification.records, request.at);
  if (clock) reasons.push({ code: 'clock-behind', message: clock });
  const progress = signOffProgress(
    verification.records,
    ownership,
    figures.fingerprint.indicators ?? null,
    figures.fingerprint.hash,
  );
  const plan = planSignature(progress, ownership, figures, request);
  reasons.push(...plan.problems);
  const bulk = request.bulkReason?.trim();
  const acknowledgements: Acknowledgement[] = [];
  let missing = 0;
  for (const w of plan.warnings) {
    const reason = request.reasons?.[warningKey(w)]?.trim() || bulk;
    if (!reason) missing++;
    else acknowledgements.push({ sheet: w.sheet, cell: w.cell, rule: w.rule, ref: w.ref, message: w.message, reason });
  }
  if (missing > 0 && plan.eligible.length)
    reasons.push({
      code: 'warnings-unacknowledged',
      message: `${plural(missing, 'warning is', 'warnings are')} on these indicators not acknowledged: give a reason for each, or one reason for all, before signing.`,
    });
  if (reasons.length || !plan.match) return { ok: false, reasons, plan };

  const identity = { ...request.identity, name: request.identity.name.trim() };
  const drafts: RecordDraft[] = [];
  const existing = matchingCheck(verification.records, figures, identity);
  let checkSeq: number;
  if (existing) checkSeq = existing.seq;
  else {
    drafts.push(checkDraft(figures, identity, request.at));
    checkSeq = verification.records.length + 1;
  }
  if (acknowledgements.length) {
    const allBulk = plan.warnings.every((w) => !request.reasons?.[warningKey(w)]?.trim());
    drafts.push({
      type: 'acknowledge',
      at: request.at,
      actor: identity,
      payload: { checkSeq, acknowledgements, bulkReason: allBulk ? bulk : undefined },
    });
  }
  const hashes = figures.fingerprint.indicators!;
  const indicators = Object.fromEntries(plan.eligible.map((k) => [k, hashes[k]]));
  const byKey = new Map(ownership.indicators.map((i) => [i.key, i]));
  const scope: SignScope = {
    indicators,
    owner: plan.match.gridName,
    match: plan.delegated ? 'delegated' : plan.match.kind,
    delegation: plan.delegated ? { for: plan.match.gridName, reason: request.delegationReason!.trim() } : undefined,
    serviceAreas: [...new Set(plan.eligible.map((k) => byKey.get(k)?.serviceArea ?? '').filter(Boolean))],
    // Kept for returns of ordinary size, so a later change reads "Jul: 20.1 → 20.3".
    figures:
      plan.eligible.length <= 500
        ? Object.fromEntries(plan.eligible.map((k) => [k, byKey.get(k)?.figures ?? {}]))
        : undefined,
  };
  drafts.push({
    type: 'sign',
    at: request.at,
    actor: identity,
    payload: {
      role: request.role,
      statement: request.statement ?? ROLE_STATEMENTS[request.role],
      // The fingerprint of exactly what this signature covers: its indicators' own fingerprints.
      fingerprint: sha256Hex(canonicalJson(indicators)),
      sheets: sheetsOf(figures.grids),
      check: {
        seq: checkSeq,
        counts: figures.counts,
        configDigest: figures.configDigest,
        // What the audit replays this signature by (replay.ts): where the errors stood, and the warnings it had to acknowledge.
        errorsOn: [
          ...new Set(figures.findings.filter((f) => f.severity === 'error').map((f) => findingKey(ownership, f) ?? '')),
        ],
        warningsDue: plan.warnings.length,
      },
      acknowledgements,
      scope,
    },
  });
  return { ok: true, drafts, plan };
}

export interface OwnerWithdrawRequest {
  role: SignRole;
  identity: Identity;
  reason: string;
  at: string;
}

/**
 * Withdraw the signer's own latest signature in a role (all the indicators it covered).
 * Only the person who signed may; nothing is deleted.
 */
export function prepareOwnerWithdrawal(verification: Verification, request: OwnerWithdrawRequest): SignOutcome {
  const reasons: RuleRefusal[] = [];
  if (!verification.ok)
    reasons.push({
      code: 'trail-broken',
      message: `The audit trail is broken (${verification.reason.replace(/\.$/, '')}), so nothing can be withdrawn until it is restored.`,
    });
  const reason = request.reason.trim();
  if (!reason) reasons.push({ code: 'reason-missing', message: 'Give a reason for withdrawing the signature.' });
  if (!request.identity.name.trim())
    reasons.push({ code: 'name-missing', message: 'Enter your name to withdraw your signature.' });
  const withdrawn = new Set(
    verification.records
      .filter((r) => r.type === 'withdraw')
      .map((r) => (r.type === 'withdraw' ? r.payload.signSeq : 0)),
  );
  const title = ROLE_TITLES[request.role].toLowerCase();
  const mine = verification.records.filter(
    (r) =>
      r.type === 'sign' &&
      r.payload.role === request.role &&
      r.actor &&
      samePerson(r.actor, request.identity) &&
      !withdrawn.has(r.seq),
  );
  const latest = mine[mine.length - 1];
  if (request.identity.name.trim() && !latest) {
    const anyone = verification.records.some(
      (r) => r.type === 'sign' && r.payload.role === request.role && !withdrawn.has(r.seq),
    );
    const theirs = verification.records.some(
      (r) => r.type === 'sign' && r.payload.role === request.role && r.actor && samePerson(r.actor, request.identity),
    );
    if (theirs)
      reasons.push({
        code: 'already-withdrawn',
        message: `${request.identity.name.trim()}'s ${title} signature was already withdrawn.`,
      });
    else if (anyone)
      reasons.push({
        code: 'not-the-signer',
        message: `${request.identity.name.trim()} holds no ${title} signature to withdraw; only the person who signed can withdraw it.`,
      });
    else
      reasons.push({
        code: 'nothing-to-withdraw',
        message: `Nobody has signed as ${title}, so there is nothing to withdraw.`,
      });
  }
  if (reasons.length || !latest) return { ok: false, reasons };
  return {
    ok: true,
    drafts: [
      {
        type: 'withdraw',
        at: request.at,
        actor: request.identity,
        payload: { role: request.role, signSeq: latest.seq, reason },
      },
    ],
  };
}
