/**
 * Withdraw a signature. The one rule, on every surface: a person withdraws THEIR OWN
 * latest signature in the role (the newest sign record in that role whose signer is the
 * same person, withdrawn or not). Someone else's signature is never picked, even when it
 * is newer. That signature decides which rule applies: one signed as a whole (no scope)
 * is withdrawn by the whole-return rule (only while it is the role's signature), one
 * signed per owner by the per-owner rule (every indicator it covered). With no signature
 * of theirs in the role, the per-owner rule says why there is nothing to withdraw.
 */
import { prepareOwnerWithdrawal } from '../signoff/owner-rules';
import { ROLE_TITLES, samePerson, type Identity, type SignRole } from '../signoff/roles';
import { prepareWithdrawal } from '../signoff/rules';
import { appendWithRetry, type TrailRecord, type WithdrawRecord } from '../signoff/trail';
import type { Refusal } from './codes';
import type { Clock, TrailStore } from './ports';

export interface WithdrawInput {
  role: SignRole;
  identity: Identity;
  reason: string;
}

export type WithdrawOutcome =
  | { withdrawn: true; role: SignRole; record: WithdrawRecord }
  | { withdrawn: false; role: SignRole; refusals: Refusal[] };

/** The signature `identity` would withdraw in `role`: their own latest there, or undefined. */
export function ownLatestSignature(
  records: readonly TrailRecord[],
  role: SignRole,
  identity: Identity,
): TrailRecord | undefined {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (r.type === 'sign' && r.payload.role === role && r.actor && samePerson(r.actor, identity)) return r;
  }
  return undefined;
}

export async function withdrawSignature(
  input: WithdrawInput,
  ports: { trail: TrailStore; clock: Clock },
): Promise<WithdrawOutcome> {
  const identity = { ...input.identity, name: input.identity.name.trim() };
  const at = ports.clock.now().toISOString();
  const out = await appendWithRetry<Refusal[]>(ports.trail, (_trail, verification) => {
    const request = { role: input.role, identity, reason: input.reason, at };
    const own = ownLatestSignature(verification.records, input.role, identity);
    const wholeReturn = own?.type === 'sign' && !own.payload.scope;
    const prepared = wholeReturn
      ? prepareWithdrawal(verification, request)
      : prepareOwnerWithdrawal(verification, request);
    if (prepared.ok) return { drafts: prepared.drafts };
    return { refusal: prepared.reasons };
  });
  if ('refusal' in out) return { withdrawn: false, role: input.role, refusals: out.refusal };
  const record = out.written[0];
  if (record.type !== 'withdraw') throw new Error('the record written is not a withdrawal');
  return { withdrawn: true, role: input.role, record };
}

/** "The compiler signature of Ann Smith was withdrawn. …" — the pane's confirmation. */
export function withdrawnSentence(role: SignRole, name: string): string {
  return `The ${ROLE_TITLES[role].toLowerCase()} signature of ${name} was withdrawn. It stays in the audit trail with the reason.`;
}
