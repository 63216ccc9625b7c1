/**
 * What the Sign-off tab shows, decided without React so it can be tested: the return's
 * sign-off as of the last check, never "signed off" once the workbook changed since that
 * check, whether the sign form may take reasons, and sentences with human dates.
 */
import type { OfficeAccount } from '../../excel/identity';
import { nameFitsAccount } from '../../engine/names';
import { returnSignOff, type ReturnSignOff } from '../../signoff/return-state';
import { signOffState } from '../../signoff/state';
import type { TrailRecord } from '../../signoff/trail';
import { formatDateTime } from '../format-date';
import type { CheckSnapshot } from './contract';

export interface PaneSignOff {
  /** The sign-off judged on the last check's figures (whole-return roles judged on nothing when there is no check yet). */
  state: ReturnSignOff;
  /** The workbook changed since the last check (or was never checked): nothing can be confirmed as signed off. */
  unconfirmed: boolean;
  /** Shown as signed off: complete on figures checked and unchanged since. */
  complete: boolean;
}

export function paneSignOff(
  records: readonly TrailRecord[],
  snapshot: CheckSnapshot | null,
  changedSinceCheck: boolean,
): PaneSignOff {
  const state: ReturnSignOff =
    snapshot && snapshot.result.grids.length
      ? returnSignOff(records, snapshot.result.grids, snapshot.sheets, undefined, snapshot.config)
      : {
          ownership: { mode: 'whole-return', indicators: [] },
          progress: null,
          roles: signOffState(records, null),
          complete: false,
        };
  const unconfirmed = !snapshot || changedSinceCheck;
  return { state, unconfirmed, complete: state.complete && !unconfirmed };
}

export type AccountFit = 'no-account' | 'fits' | 'differs';

/** Whether the typed name reads as the signed-in Office account's (a difference must be confirmed). */
export function accountFit(name: string, account: OfficeAccount | null): AccountFit {
  if (!account) return 'no-account';
  return nameFitsAccount(name, account.upn) ? 'fits' : 'differs';
}

const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z\b/g;

/** A sentence from the sign-off rules with its UTC times as the reader's dates ('1 Dec 2026, 21:49'). */
export function humanDates(line: string): string {
  return line.replace(ISO_TIME, (iso) => formatDateTime(iso));
}
