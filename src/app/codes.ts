/**
 * Codes for everything a use case says besides its findings: why a signature or a
 * withdrawal is refused, what a notice is about, what went wrong. The pane, the ribbon and
 * the command line branch on these codes, never on the sentences, which are for people.
 */
import type { RuleRefusalCode } from '../signoff/refusal';
import { TrailConflictError } from '../signoff/trail';

/**
 * Why a signature or a withdrawal is refused: the sign-off rules' own codes (given where
 * each rule decides), the application's check of the signed-in account, its check that the
 * figures did not change under the signer (src/app/figures-changed.ts), and a write that a
 * co-author's overwrote (app/recorded.ts).
 */
export type RefusalCode =
  RuleRefusalCode | 'account-unconfirmed' | 'figures-changed' | 'not-recorded' | 'repair-needed' | 'nothing-to-repair';

/** One reason a signature or a withdrawal is refused: a code to branch on, a sentence to show. */
export interface Refusal {
  code: RefusalCode;
  message: string;
  /** Set by the rules on the sentence that lists every blocked indicator of the signer's plan. */
  listsPlan?: true;
}

export const NOTICE_CODES = [
  'no-grid',
  'config-set-aside',
  'findings-cut',
  'trail-unreadable',
  'sheet-protected',
  'engine',
  'host',
] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

/** A sentence about what could not be checked or done, with what it is about. */
export interface Notice {
  code: NoticeCode;
  text: string;
}

export type AppErrorCode =
  'no-grid' | 'not-signable-as-a-whole' | 'check-unfinished' | 'trail-conflict' | 'unknown-evidence-ref';

/** A use case could not go ahead: `message` is the sentence for the user, `code` what callers branch on. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get userMessage(): string {
    return this.message;
  }
}

/**
 * The sentence a user is shown for an error: the error's own when it carries one for
 * users (a userMessage, or an AppError), else a plain one that says nothing was changed.
 * A developer's message (or a stack trace) is never shown.
 */
export function userMessageOf(err: unknown, fallback = GENERIC_FAILURE): string {
  if (err instanceof AppError) return err.message;
  if (err && typeof err === 'object') {
    const m = (err as { userMessage?: unknown }).userMessage;
    if (typeof m === 'string' && m) return m;
    // Written as a sentence for users: someone else kept appending to the trail.
    if (err instanceof TrailConflictError) return err.message;
  }
  return fallback;
}

export const GENERIC_FAILURE =
  'Something went wrong while talking to Excel. Nothing in the workbook was changed; please try again.';
