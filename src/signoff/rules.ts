/**
 * The sign-off rules: who may sign which role, when, and what a signature records.
 * Pure functions returning either the records to append or the reasons signing is
 * refused, each a code with a sentence a signer understands.
 */
import type { Finding } from '../engine/model/finding';
import type { Fingerprint } from './fingerprint';
import { Identity, ROLE_STATEMENTS, ROLE_TITLES, roleInSentence, samePerson, SIGN_ROLES, type SignRole } from './roles';
import { currentFigures, signOffState, type RoleState } from './state';
import { clockProblem } from './replay';
import type { RuleRefusal } from './refusal';
import type { Acknowledgement, CheckCounts, CheckRecord, RecordDraft, TrailRecord, Verification } from './trail';

/** A check run as the sign-off needs it: the figures' fingerprint, the counts, the warnings. */
export interface CheckedFigures {
  fingerprint: Fingerprint;
  counts: CheckCounts;
  configDigest: string;
  /** 'Sheet1!A3:T40' per grid. */
  grids: string[];
  /** The findings about the figures (errors, warnings, info): what blocks signing and what is acknowledged. */
  findings: readonly Finding[];
  source: 'add-in' | 'cli';
}

/** The key a warning is acknowledged under: sheet, cell, rule and ref. */
export function warningKey(f: Pick<Finding, 'sheet' | 'cell' | 'rule' | 'ref'>): string {
  return `${f.sheet}!${f.cell ?? ''}|${f.rule}|${f.ref ?? ''}`;
}

export interface SignRequest {
  role: SignRole;
  identity: Identity;
  /** The signer ticked the statement. */
  statementConfirmed: boolean;
  /** The text ticked (the configured declaration); Outturn's own statement when absent. */
  statement?: string;
  /** Reasons per warning (by warningKey). */
  reasons?: Record<string, string>;
  /** One reason for every warning not given its own. */
  bulkReason?: string;
  at: string;
}

export type SignOutcome = { ok: true; drafts: RecordDraft[] } | { ok: false; reasons: RuleRefusal[] };

/** The check record for these figures, as a draft. */
export function checkDraft(figures: CheckedFigures, actor: Identity | null, at: string): RecordDraft {
  return {
    type: 'check',
    at,
    actor,
    payload: {
      // Per-indicator hashes live in signatures only: a check record stays small (checks are
      // frequent, and Excel on the web caps one read of the trail sheet at 5 MB).
      fingerprint: figures.fingerprint.hash,
      counts: figures.counts,
      configDigest: figures.configDigest,
      grids: figures.grids,
      source: figures.source,
    },
  };
}

/**
 * The newest check record for exactly these figures and settings, if the trail's latest
 * check is one and it was run by the signer: a signature relies on a check its signer
 * ran, so a check recorded under someone else's name is never borrowed.
 */
function matchingCheck(
  records: readonly TrailRecord[],
  figures: CheckedFigures,
  signer: Identity,
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
      samePerson(r.actor, signer);
    return same ? r : undefined; // only the latest check counts: an older identical one may predate other changes
  }
  return undefined;
}

/** 'Sheet 1!A3:T40' -> 'Sheet 1', unique, in order. */
export function sheetsOf(grids: readonly string[]): string[] {
  return [...new Set(grids.map((g) => g.slice(0, g.lastIndexOf('!'))))];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Decide whether `request` may sign with these figures, given the trail so far. On
 * success, the drafts to append: a check record (unless the trail's latest check is for
 * these very figures), an acknowledge record (when there are warnings) and the sign record.
 */
export function prepareSignature(
  verification: Verification,
  figures: CheckedFigures,
  request: SignRequest,
): SignOutcome {
  const reasons: RuleRefusal[] = [];
  const { role, identity } = request;
  const records = verification.records;
  if (!verification.ok)
    reasons.push({
      code: 'trail-broken',
      message: `The audit trail is broken (${verification.reason.replace(/\.$/, '')}), so nothing can be signed until it is restored.`,
    });
  const name = identity.name.trim();
  if (!name) reasons.push({ code: 'name-missing', message: 'Enter your name to sign.' });
  if (!request.statementConfirmed)
    reasons.push({
      code: 'statement-unconfirmed',
      message: `Confirm the statement for ${roleInSentence(role)} to sign.`,
    });
  if (figures.counts.indicators === 0)
    reasons.push({ code: 'no-indicators', message: 'The check found no indicators to sign for.' });
  const clock = clockProblem(records, request.at);
  if (clock) reasons.push({ code: 'clock-behind', message: clock });
  const errorCount = figures.findings.filter((f) => f.severity === 'error').length;
  if (errorCount > 0)
    reasons.push({
      code: 'errors',
      message: `The check shows ${plural(errorCount, 'error')}: fix ${errorCount === 1 ? 'it' : 'them'} and check again before signing.`,
    });

  const states = signOffState(records, currentFigures(figures.fingerprint, sheetsOf(figures.grids)));
  const index = SIGN_ROLES.indexOf(role);
  const own = states[index];
  if (own.status === 'signed' && own.signature) {
    reasons.push({
      code: 'already-signed',
      message: `${ROLE_TITLES[role]} has already signed (${own.signature.actor?.name ?? 'unknown'}, ${own.signature.at}); that signature must be withdrawn before ${roleInSentence(role)} signs again.`,
    });
  }
  if (index > 0) {
    const before: RoleState = states[index - 1];
    const who = roleInSentence(before.role);
    if (before.status === 'not-signed')
      reasons.push({ code: 'order', message: `${ROLE_TITLES[role]} cannot sign before ${who} has signed.` });
    else if (before.status === 'withdrawn')
      reasons.push({
        code: 'order',
        message: `${ROLE_TITLES[role]} cannot sign: the signature of ${who} was withdrawn, so ${who} must sign again first.`,
      });
    else if (before.status === 'stale')
      reasons.push({
        code: 'order',
        message: `${ROLE_TITLES[role]} cannot sign: the signature of ${who} is stale (${before.staleReasons.join(' ').replace(/\.$/, '').toLowerCase()}), so ${who} must sign again first.`,
      });
  }
  if (name) {
    for (const other of states) {
      if (other.role === role || !other.signature?.actor || other.status === 'withdrawn') continue;
      if (samePerson(other.signature.actor, identity)) {
        reasons.push({
          code: 'segregation',
          message: `${other.signature.actor.name} has already signed as ${ROLE_TITLES[other.role].toLowerCase()}; the same person cannot sign two roles.`,
        });
      }
    }
  }

  const warnings = figures.findings.filter((f) => f.severity === 'warning');
  const bulk = request.bulkReason?.trim();
  const acknowledgements: Acknowledgement[] = [];
  let missing = 0;
  for (const w of warnings) {
    const own = request.reasons?.[warningKey(w)]?.trim();
    const reason = own || bulk;
    if (!reason) missing++;
    else acknowledgements.push({ sheet: w.sheet, cell: w.cell, rule: w.rule, ref: w.ref, message: w.message, reason });
  }
  if (missing > 0) {
    reasons.push({
      code: 'warnings-unacknowledged',
      message: `${plural(missing, 'warning is', 'warnings are')} not acknowledged: give a reason for each, or one reason for all, before signing.`,
    });
  }
  if (reasons.length) return { ok: false, reasons };

  const drafts: RecordDraft[] = [];
  const existing = matchingCheck(records, figures, identity);
  const lastSeq = records.length;
  let checkSeq: number;
  if (existing) checkSeq = existing.seq;
  else {
    drafts.push(checkDraft(figures, identity, request.at));
    checkSeq = lastSeq + drafts.length;
  }
  if (acknowledgements.length) {
    const allBulk = warnings.every((w) => !request.reasons?.[warningKey(w)]?.trim());
    drafts.push({
      type: 'acknowledge',
      at: request.at,
      actor: identity,
      payload: { checkSeq, acknowledgements, bulkReason: allBulk ? bulk : undefined },
    });
  }
  drafts.push({
    type: 'sign',
    at: request.at,
    actor: { ...identity, name },
    payload: {
      role,
      statement: request.statement ?? ROLE_STATEMENTS[role],
      fingerprint: figures.fingerprint.hash,
      indicatorHashes: figures.fingerprint.indicators,
      sheets: sheetsOf(figures.grids),
      check: {
        seq: checkSeq,
        counts: figures.counts,
        configDigest: figures.configDigest,
        // What the audit replays this signature by (replay.ts): errors on the figures, warnings to acknowledge.
        errorsOn: errorCount > 0 ? [''] : [],
        warningsDue: warnings.length,
      },
      acknowledgements,
    },
  });
  return { ok: true, drafts };
}

export interface WithdrawRequest {
  role: SignRole;
  identity: Identity;
  reason: string;
  at: string;
}

/**
 * A signer may withdraw their own signature (current or stale) with a reason. Nothing is
 * deleted: a withdraw record is appended and the role shows as withdrawn.
 */
export function prepareWithdrawal(verification: Verification, request: WithdrawRequest): SignOutcome {
  const reasons: RuleRefusal[] = [];
  if (!verification.ok)
    reasons.push({
      code: 'trail-broken',
      message: `The audit trail is broken (${verification.reason.replace(/\.$/, '')}), so nothing can be withdrawn until it is restored.`,
    });
  const state = signOffState(verification.records, null)[SIGN_ROLES.indexOf(request.role)];
  const reason = request.reason.trim();
  if (!reason) reasons.push({ code: 'reason-missing', message: 'Give a reason for withdrawing the signature.' });
  if (!state.signature || state.status === 'not-signed')
    reasons.push({
      code: 'nothing-to-withdraw',
      message: `${ROLE_TITLES[request.role]} has not signed, so there is nothing to withdraw.`,
    });
  else if (state.status === 'withdrawn')
    reasons.push({
      code: 'already-withdrawn',
      message: `The signature of ${roleInSentence(request.role)} was already withdrawn.`,
    });
  else if (state.signature.actor && !samePerson(state.signature.actor, request.identity)) {
    reasons.push({
      code: 'not-the-signer',
      message: `Only ${state.signature.actor.name}, who signed as ${ROLE_TITLES[request.role].toLowerCase()}, can withdraw that signature.`,
    });
  }
  if (reasons.length || !state.signature) return { ok: false, reasons };
  return {
    ok: true,
    drafts: [
      {
        type: 'withdraw',
        at: request.at,
        actor: request.identity,
        payload: { role: request.role, signSeq: state.signature.seq, reason },
      },
    ],
  };
}
