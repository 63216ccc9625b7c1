/**
 * The pane's sign and withdraw: the application layer's use cases over the pane's ports
 * (the workbook's trail through Office.js, the check the pane has just run, the clock).
 * The Sign-off tab calls these and only renders what they return.
 */
import {
  signRecorded,
  withdrawRecorded,
  type CheckedReturn,
  type Clock,
  type SignInput,
  type SignOutcome,
  type WithdrawInput,
  type WithdrawOutcome,
} from '../../app';
import type { CheckSnapshot } from './contract';
import { trailStore, writeSettle } from './trail-client';

const systemClock: Clock = { now: () => new Date() };

/** A pane check run as the use cases read a checked return. */
export function checkedOf(snapshot: CheckSnapshot): CheckedReturn {
  return {
    result: snapshot.result,
    sheets: snapshot.sheets,
    config: snapshot.config,
    findings: snapshot.findings,
    source: 'add-in',
  };
}

/**
 * Sign the figures of the check just made (the caller re-checks first, so what is signed is what
 * the workbook holds). In a shared workbook the outcome is "signed" only once the signature is
 * found in the trail after the write has settled (app/recorded.ts); otherwise a 'not-recorded' refusal.
 */
export function signFromPane(
  snapshot: CheckSnapshot,
  input: SignInput,
  clock: Clock = systemClock,
): Promise<SignOutcome> {
  const checked = checkedOf(snapshot);
  return signRecorded(input, { trail: trailStore(), checked: () => checked, clock, settle: writeSettle() });
}

export function withdrawFromPane(input: WithdrawInput, clock: Clock = systemClock): Promise<WithdrawOutcome> {
  return withdrawRecorded(input, { trail: trailStore(), clock, settle: writeSettle() });
}
