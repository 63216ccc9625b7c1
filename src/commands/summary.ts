/**
 * What the ribbon's Check says when it is done: a short message for the dialog (and the
 * same words for the console). Pure.
 */
import type { DialogMessage } from '../dialog/message';
import { uncheckedSentence, type CoverageTotals } from '../engine/rules/coverage';

export interface CheckOutcome {
  errors: number;
  warnings: number;
  indicators: number;
  grids: number;
  /** Why nothing was marked (a protected sheet), when marking failed. */
  markError?: string;
  notices: string[];
  /** Figure cells checked and not (the check result's coverage); a summary never calls unchecked figures clean. */
  coverage?: CoverageTotals;
}

/** A plain summary closes by itself after this long; anything the user must act on stays until OK. */
export const SUMMARY_SECONDS = 8;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function counts(o: Pick<CheckOutcome, 'errors' | 'warnings'>): string {
  return `${plural(o.errors, 'error')} and ${plural(o.warnings, 'warning')}`;
}

export function outcomeMessage(o: CheckOutcome): DialogMessage {
  const notices = o.notices.slice(0, 2);
  if (o.markError) {
    return {
      kind: 'error',
      title: `${counts(o)} found, but not marked`,
      lines: [o.markError, 'Open the Outturn pane to see the list.'],
      closeAfterSeconds: null,
    };
  }
  if (o.grids === 0) {
    return {
      kind: 'warning',
      title: 'No return found on this sheet',
      lines: notices.length
        ? notices
        : [
            'Outturn looks for a header row with Ref, Indicator and period columns. Open the pane to choose the cells to check.',
          ],
      closeAfterSeconds: null,
    };
  }
  const checked = `${plural(o.indicators, 'indicator')} checked.`;
  const unchecked = uncheckedSentence(o.coverage);
  if (unchecked) {
    // Stays until OK: the compiler has to map the columns before the counts mean anything for those indicators.
    return {
      kind: o.errors ? 'error' : 'warning',
      title: `${counts(o)}, but figures not checked`,
      lines: [
        `${plural(o.errors, 'error')} — ${unchecked}.`,
        'Open the Outturn pane: the warning names the columns to map.',
        ...notices,
      ],
      closeAfterSeconds: null,
    };
  }
  if (o.errors === 0 && o.warnings === 0) {
    return {
      kind: 'info',
      title: 'No errors or warnings',
      lines: [checked, ...notices],
      closeAfterSeconds: SUMMARY_SECONDS,
    };
  }
  return {
    kind: o.errors ? 'error' : 'warning',
    title: `${counts(o)} marked`,
    lines: [
      checked,
      'Failing cells are marked on the sheet: errors and warnings look different. Open the Outturn pane for the list, or press Clear marks there.',
      ...notices,
    ],
    closeAfterSeconds: SUMMARY_SECONDS,
  };
}

export function failureMessage(reason: string): DialogMessage {
  return { kind: 'error', title: 'Outturn could not check this sheet', lines: [reason], closeAfterSeconds: null };
}
