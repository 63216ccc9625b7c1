/**
 * Sign a return: the one place that decides whether a return is signed as a whole or per
 * owner, applies the sign-off rules, and says what the signature made (records, the plan
 * it followed, the progress, whether a receipt is now due) or why it was refused.
 */
import { findOwner, nameFitsAccount } from '../engine/names';
import { planSignature, prepareOwnerSignature, type SignPlan } from '../signoff/owner-rules';
import { ownershipFromGrids, peopleFor, type Ownership } from '../signoff/owners';
import { signOffProgress, type Progress } from '../signoff/progress';
import { ROLE_TITLES, roleStatement, SIGN_ROLES, type SignRole } from '../signoff/roles';
import { prepareSignature, sheetsOf, type CheckedFigures } from '../signoff/rules';
import { nextRoleToSign, signOffState, type RoleState } from '../signoff/state';
import { returnSignOff } from '../signoff/return-state';
import { figuresFromCheck } from '../signoff/summary';
import { signedFiguresOf } from '../signoff/signed-figures';
import {
  appendWithRetry,
  type LoadedTrail,
  type RecordDraft,
  type SignRecord,
  type TrailRecord,
  type Verification,
} from '../signoff/trail';
import type { BlockCode } from '../signoff/refusal';
import { AppError, type Refusal } from './codes';
import { resolveEvidenceKeys, type WorkingPaper } from './evidence';
import { figuresChangedRefusal, type ShownFigures } from './figures-changed';
import { withRepairRemedy } from './repair';
import type { CheckedReturn, Clock, ReturnForSigning, Signer, TrailStore } from './ports';

export type SignMode = Ownership['mode'];

interface Decision {
  mode: SignMode;
  ownership: Ownership;
  plan: SignPlan | null;
  figures: CheckedFigures;
  verification: Verification;
}

export interface SignInput {
  role: SignRole;
  signer: Signer;
  /** The signer ticked the statement (the command line's typed command is the statement). */
  statementConfirmed: boolean;
  /** Per owner: only these refs of the signer's indicators. */
  indicators?: readonly string[];
  /** Per owner: sign the indicators the grid gives this person, by delegation. */
  onBehalfOf?: string;
  delegationReason?: string;
  /** A reason per warning (by warningKey), and one for every warning not given its own. */
  reasons?: Record<string, string>;
  bulkReason?: string;
  /**
   * The figures the form showed, given when a co-author changed the workbook while it was
   * open: the signature is refused ('figures-changed') if what it covers differs now.
   */
  shownFigures?: ShownFigures;
  /** Working papers named by the signer (evidence.ts), recorded in the signature. */
  evidence?: readonly WorkingPaper[];
}

export interface SignPorts {
  trail: TrailStore;
  checked: ReturnForSigning;
  clock: Clock;
}

/** What an auditor needs kept apart from the workbook once a sign-off is complete (written by the caller). */
export type ReceiptDue =
  | { mode: 'whole-return'; records: TrailRecord[]; states: RoleState[] }
  | {
      mode: 'per-owner';
      records: TrailRecord[];
      signatures: SignRecord[];
      figures: { fingerprint: string; sheets: string[] };
    };

export interface Signed {
  signed: true;
  mode: SignMode;
  role: SignRole;
  /** Every record appended, the signature last. */
  records: TrailRecord[];
  signature: SignRecord;
  ownership: Ownership;
  /** Per owner: what the signature followed (eligible and blocked indicators). */
  plan: SignPlan | null;
  /** Per owner: the return's progress with this signature. */
  progress: Progress | null;
  receipt: ReceiptDue | null;
}

export interface SignRefused {
  signed: false;
  role: SignRole;
  refusals: Refusal[];
  mode: SignMode | null;
  plan: SignPlan | null;
}

export type SignOutcome = Signed | SignRefused;

/** The figures the sign-off rules judge, from a return as checked. */
export function figuresOf(checked: CheckedReturn): CheckedFigures {
  // A retried append judges the same checked return again: its figures are fingerprinted once.
  const known = figuresMemo.get(checked);
  if (known) return known;
  const figures = figuresFromCheck(checked.result, checked.sheets, checked.config, checked.source, checked.findings);
  figuresMemo.set(checked, figures);
  return figures;
}

const figuresMemo = new WeakMap<CheckedReturn, CheckedFigures>();

/** The refusal for a typed name that does not read as the signed-in account unless confirmed, or null. */
export function signerRefusal(signer: Signer): Refusal | null {
  const { account, identity } = signer;
  const name = identity.name.trim();
  if (!account || !name || signer.accountConfirmed || nameFitsAccount(name, account.upn)) return null;
  return {
    code: 'account-unconfirmed',
    message: `You are signed in to Office as ${account.upn}, which does not read as “${name}”. Confirm that you are ${name} signing on this account, or sign in as yourself.`,
  };
}

function refused(role: SignRole, refusals: Refusal[], mode: SignMode | null = null, plan: SignPlan | null = null) {
  return { signed: false as const, role, refusals, mode, plan };
}

/**
 * Sign in `input.role`. The return is signed per owner when its grid names owners, else as
 * a whole; options that only mean something per owner are an AppError on a whole return.
 */
export async function signReturn(input: SignInput, ports: SignPorts): Promise<SignOutcome> {
  const account = signerRefusal(input.signer);
  if (account) return refused(input.role, [account]);
  const identity = { ...input.signer.identity, name: input.signer.identity.name.trim() };
  const at = ports.clock.now().toISOString();
  // The decision made on each trail read, so the one that was appended is known without re-checking.
  const decisions = new WeakMap<LoadedTrail, Decision>();
  const out = await appendWithRetry<SignRefused>(ports.trail, (trail, verification) => {
    const checked = ports.checked(trail);
    if (checked.result.grids.length === 0)
      throw new AppError('no-grid', 'No metric collection grid was found, so there is nothing to sign.');
    const figures = figuresOf(checked);
    const ownership = ownershipFromGrids(checked.result.grids, checked.sheets, checked.config);
    // Each paper under the ref the signature records, whether named by ref, description or sheet and row.
    const evidence = input.evidence?.length ? resolveEvidenceKeys(input.evidence, ownership.indicators) : undefined;
    const request = { ...input, identity, at, statement: roleStatement(input.role, checked.config.declarations) };
    if (ownership.mode === 'whole-return') {
      if (input.indicators?.length || input.onBehalfOf)
        throw new AppError(
          'not-signable-as-a-whole',
          'The grid names no owners, so the return is signed as a whole: --indicators and --on-behalf-of do not apply.',
        );
      decisions.set(trail, { mode: 'whole-return', ownership, plan: null, figures, verification });
      const moved = input.shownFigures && figuresChangedRefusal(input.shownFigures, figures.fingerprint, null);
      if (moved) return { refusal: refused(input.role, [moved], 'whole-return') };
      const prepared = prepareSignature(verification, figures, request);
      if (prepared.ok) return { drafts: withEvidence(withSignedFigures(prepared.drafts, checked), evidence) };
      return { refusal: refused(input.role, prepared.reasons, 'whole-return') };
    }
    const prepared = prepareOwnerSignature(verification, ownership, figures, request);
    const plan = prepared.plan ?? null;
    decisions.set(trail, { mode: 'per-owner', ownership, plan, figures, verification });
    const covered = plan ? [...plan.eligible, ...plan.blocked.map((b) => b.key)] : null;
    const moved = input.shownFigures && figuresChangedRefusal(input.shownFigures, figures.fingerprint, covered);
    if (moved) return { refusal: refused(input.role, [moved], 'per-owner', plan) };
    if (prepared.ok) return { drafts: withEvidence(prepared.drafts, evidence) };
    return { refusal: refused(input.role, prepared.reasons, 'per-owner', plan) };
  });
  if ('refusal' in out) return { ...out.refusal, refusals: withRepairRemedy(out.refusal.refusals) };
  const d = decisions.get(out.trail);
  if (!d) throw new Error('the signature appended has no decision recorded');
  const records = [...d.verification.records, ...out.written];
  const signature = out.written[out.written.length - 1];
  if (signature.type !== 'sign') throw new Error('the last record written is not a signature');
  const progress = d.mode === 'per-owner' ? progressOf(records, d.ownership, d.figures) : null;
  return {
    signed: true,
    mode: d.mode,
    role: input.role,
    records: out.written,
    signature,
    ownership: d.ownership,
    plan: d.plan,
    progress,
    receipt: receiptDue(d.mode, records, signature, progress, d.figures),
  };
}

/**
 * A whole-return signature keeps the figures it signed (by indicator and period), so the
 * next period's check has the last sign-off as its reference without the previous file.
 */
function withSignedFigures(drafts: RecordDraft[], checked: CheckedReturn): RecordDraft[] {
  const figures = signedFiguresOf(checked.result.grids, checked.sheets);
  if (!figures) return drafts;
  return drafts.map((d) => (d.type === 'sign' ? { ...d, payload: { ...d.payload, figures } } : d));
}

/** The signature's draft with the working papers in its payload (absent when none were named, as before). */
function withEvidence(drafts: RecordDraft[], evidence: readonly WorkingPaper[] | undefined): RecordDraft[] {
  if (!evidence?.length) return drafts;
  return drafts.map((d) => (d.type === 'sign' ? { ...d, payload: { ...d.payload, evidence: [...evidence] } } : d));
}

function progressOf(records: readonly TrailRecord[], ownership: Ownership, figures: CheckedFigures): Progress {
  return signOffProgress(records, ownership, figures.fingerprint.indicators ?? null, figures.fingerprint.hash);
}

/**
 * A receipt is due when this signature completes the sign-off: as a whole, the head of
 * service's signature (judged on the figures it signed); per owner, the signature that
 * makes every indicator's three signatures current.
 */
function receiptDue(
  mode: SignMode,
  records: TrailRecord[],
  signature: SignRecord,
  progress: Progress | null,
  figures: CheckedFigures,
): ReceiptDue | null {
  if (mode === 'whole-return') {
    if (signature.payload.role !== 'head-of-service') return null;
    const states = signOffState(records, {
      fingerprint: signature.payload.fingerprint,
      sheets: signature.payload.sheets,
    });
    return { mode, records, states };
  }
  if (!progress?.complete) return null;
  const signatures = progress.rows.flatMap((r) =>
    SIGN_ROLES.map((role) => r.cells[role].signature).filter((s): s is SignRecord => s !== undefined),
  );
  return {
    mode,
    records,
    signatures,
    figures: { fingerprint: figures.fingerprint.hash, sheets: sheetsOf(figures.grids) },
  };
}

/** Why reasons cannot be typed yet, or null when they can: errors block the signature they would go with. */
export function reasonsBlocked(
  mode: 'per-owner' | 'whole-return',
  errorsOnReturn: number,
  eligible: number,
  blockedByErrors: number,
): string | null {
  if (mode === 'whole-return') {
    return errorsOnReturn > 0
      ? `The check shows ${errorsOnReturn} ${errorsOnReturn === 1 ? 'error' : 'errors'}: fix ${errorsOnReturn === 1 ? 'it' : 'them'} and check again; warnings can be acknowledged once no error remains.`
      : null;
  }
  return eligible === 0 && blockedByErrors > 0
    ? `Your indicators show errors: fix them and check again; their warnings can be acknowledged once no error remains on them.`
    : null;
}

/** What a signer would sign, shown before they sign (per owner), with why each left-out indicator is left out. */
export interface SignPreview {
  mode: SignMode;
  /** The role to offer: as a whole the next to sign; per owner the first the grid gives this name. */
  suggestedRole: SignRole | null;
  plan: SignPlan | null;
  /** Per owner: the code of each blocked indicator (by key). */
  blocked: Map<string, BlockCode>;
  /** Per owner: the codes of plan.problems, in order. */
  problems: Refusal[];
  /** Why warnings cannot be acknowledged yet (errors block the signature they would go with), or null. */
  reasonsBlocked: string | null;
  /** The warnings this signature would acknowledge. */
  warnings: CheckedFigures['findings'];
  /** The person the trail would record, as it records them: the account holder when an account is known. */
  signerLabel: string;
  /** Per owner: each indicator left out of this signature, once, with why. */
  notNow: { ref: string; reason: string }[];
  /** Per owner: the problems not already said by `notNow` (a sentence restating that list is left out). */
  notes: Refusal[];
}

/** Decide, without writing, what `input` would sign on the return as last checked and the trail's records. */
export function previewSignature(
  records: readonly TrailRecord[],
  checked: CheckedReturn | null,
  input: Pick<SignInput, 'signer' | 'onBehalfOf' | 'delegationReason'> & { role: SignRole | null },
): SignPreview {
  const grids = checked?.result.grids ?? [];
  const ownership = checked ? ownershipFromGrids(grids, checked.sheets, checked.config) : null;
  const figures = checked && grids.length ? figuresOf(checked) : null;
  const name = input.signer.identity.name;
  if (!ownership || ownership.mode === 'whole-return' || !figures) {
    const states =
      checked && grids.length
        ? (returnSignOff(records, grids, checked.sheets, undefined, checked.config).roles ?? [])
        : signOffState(records, null);
    const errors = figures?.findings.filter((f) => f.severity === 'error').length ?? 0;
    return {
      mode: 'whole-return',
      suggestedRole: nextRoleToSign(states),
      plan: null,
      blocked: new Map(),
      problems: [],
      reasonsBlocked: reasonsBlocked('whole-return', errors, 0, 0),
      warnings: figures?.findings.filter((f) => f.severity === 'warning') ?? [],
      signerLabel: signerLabel(input.signer),
      notNow: [],
      notes: [],
    };
  }
  const suggestedRole =
    SIGN_ROLES.find(
      (r) =>
        findOwner(
          name,
          peopleFor(ownership, r).map((p) => p.name),
        ).found,
    ) ?? null;
  const role = input.role ?? suggestedRole ?? 'compiler';
  const progress = progressOf(records, ownership, figures);
  const identity = input.signer.identity;
  if (!name.trim())
    return {
      mode: 'per-owner',
      suggestedRole,
      plan: null,
      blocked: new Map(),
      problems: [],
      reasonsBlocked: null,
      warnings: [],
      signerLabel: signerLabel(input.signer),
      notNow: [],
      notes: [],
    };
  const request = {
    role,
    identity,
    onBehalfOf: input.onBehalfOf?.trim() ? input.onBehalfOf : undefined,
    delegationReason: input.delegationReason,
  };
  const plan = planSignature(progress, ownership, figures, request);
  const blocked = new Map(plan.blocked.map((b) => [b.key, b.code]));
  const byErrors = [...blocked.values()].filter((c) => c === 'errors').length;
  const problems = plan.problems;
  return {
    mode: 'per-owner',
    suggestedRole,
    plan,
    blocked,
    problems,
    reasonsBlocked: reasonsBlocked('per-owner', 0, plan.eligible.length, byErrors),
    warnings: plan.warnings,
    signerLabel: signerLabel(input.signer),
    notNow: plan.blocked.map((b) => ({ ref: b.label, reason: b.reason })),
    notes: problems.filter((p) => !restatesBlocked(p, plan)),
  };
}

/** "Alan Pritchard (alan.pritchard@melton.gov.uk)": the name and account a signature records, from the same identity. */
function signerLabel(signer: Signer): string {
  const { name, upn } = signer.identity;
  const trimmed = name.trim();
  if (!trimmed) return upn ?? '';
  return upn ? `${trimmed} (${upn})` : trimmed;
}

/** A sentence that lists every blocked indicator again ("None of … can be signed now: CS01 (…); CS02 (…)"), as the rules mark it. */
function restatesBlocked(problem: Refusal, plan: SignPlan): boolean {
  return plan.blocked.length > 0 && problem.listsPlan === true;
}

/**
 * A refusal as the form shows it under the preview: the sentence that lists every blocked
 * indicator again is not said a second time (the preview lists each once); one line points there.
 */
export function refusalLines(refusals: readonly Refusal[], preview: SignPreview): string[] {
  const plan = preview.plan;
  const fresh = refusals.filter((r) => !(plan && restatesBlocked(r, plan)));
  if (fresh.length === refusals.length) return fresh.map((r) => r.message);
  return [
    ...fresh.map((r) => r.message),
    'None of your indicators can be signed in this role now: each is listed once, with why, under “What you would sign”.',
  ];
}

/** "Signed as compiler by Ann Smith for CS01, CS02." — the pane's one-line confirmation. */
export function signedSentence(done: Signed): string {
  const scope = done.signature.payload.scope;
  const what = scope
    ? ` for ${Object.keys(scope.indicators)
        .map((k) => k.slice(k.indexOf('|') + 1))
        .join(', ')}${scope.delegation ? ` (for ${scope.delegation.for}, by delegation)` : ''}`
    : '';
  return `Signed as ${ROLE_TITLES[done.role].toLowerCase()} by ${done.signature.actor?.name}${what}. The signature is in the workbook's audit trail.`;
}
