/**
 * Read after write: a signature (or a withdrawal) is reported as made only once its records
 * are found in the trail after the write has settled. Co-authoring has no transactions, so a
 * write Excel accepted can still be overwritten by a co-author's that was on its way; the pane
 * then signs again once, or says plainly that nothing was signed. Decided here, once, so every
 * surface that writes to a shared workbook tells the same truth.
 */
import { ROLE_TITLES, type SignRole } from '../signoff/roles';
import { confirmRecorded, type TrailRecord } from '../signoff/trail';
import type { Refusal } from './codes';
import type { TrailStore } from './ports';
import { signReturn, type SignInput, type SignOutcome, type SignPorts } from './sign';
import { withdrawSignature, type WithdrawInput, type WithdrawOutcome } from './withdraw';

/**
 * Resolves once a write made now has settled: reached every co-author, and every co-author's
 * write that could overwrite it has arrived here. Null: the store is not shared (nothing to wait for).
 */
export type Settle = (() => Promise<void>) | null;

/** Whether the records just written are still in the trail once settled; a write lost in part is taken back. */
export async function writeSurvived(
  trail: TrailStore,
  written: readonly TrailRecord[],
  settle: Settle,
): Promise<boolean> {
  if (!settle) return true;
  await settle();
  const { present, verification } = await confirmRecorded(trail, written);
  // Each record must also still have what it links to: a write built on a record since lost would leave a broken link.
  const stored = new Set(verification.records.map((r) => r.hash));
  const linked = written.every((r) => [r.prev, ...(r.also ?? [])].every((h) => stored.has(h) || /^0{64}$/.test(h)));
  if (present && linked) return true;
  await trail.retract?.(written);
  return false;
}

export function notRecordedRefusal(role: SignRole, what: 'signature' | 'withdrawal'): Refusal {
  const thing = what === 'signature' ? `Your ${ROLE_TITLES[role].toLowerCase()} signature` : 'The withdrawal';
  return {
    code: 'not-recorded',
    message: `${thing} was not recorded: a co-author's change to the workbook at the same moment overwrote it, twice. Nothing was ${what === 'signature' ? 'signed' : 'withdrawn'}; try again in a moment.`,
  };
}

/** Sign, then confirm the signature is in the trail; if it was lost, sign once more; never "Signed" for a lost one. */
export async function signRecorded(input: SignInput, ports: SignPorts & { settle: Settle }): Promise<SignOutcome> {
  let refusals: Refusal[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const out = await signReturn(input, ports);
    if (!out.signed) {
      if (attempt === 0) return out;
      refusals = out.refusals;
      break;
    }
    if (await writeSurvived(ports.trail, out.records, ports.settle)) return out;
  }
  return {
    signed: false,
    role: input.role,
    refusals: [notRecordedRefusal(input.role, 'signature'), ...refusals],
    mode: null,
    plan: null,
  };
}

/** Withdraw, then confirm the withdrawal is in the trail, as signRecorded does. */
export async function withdrawRecorded(
  input: WithdrawInput,
  ports: Parameters<typeof withdrawSignature>[1] & { settle: Settle },
): Promise<WithdrawOutcome> {
  let refusals: Refusal[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const out = await withdrawSignature(input, ports);
    if (!out.withdrawn) {
      if (attempt === 0) return out;
      refusals = out.refusals;
      break;
    }
    if (await writeSurvived(ports.trail, [out.record], ports.settle)) return out;
  }
  return { withdrawn: false, role: input.role, refusals: [notRecordedRefusal(input.role, 'withdrawal'), ...refusals] };
}
