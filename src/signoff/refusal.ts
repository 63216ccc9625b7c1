/**
 * Why the sign-off rules refuse a signature or a withdrawal: each reason carries its code,
 * given where the rule decides it, so nothing downstream works a code out again from the
 * sentence or from the facts. Callers branch on the code; the sentence is for people.
 */

export const RULE_REFUSAL_CODES = [
  'trail-broken',
  'name-missing',
  'statement-unconfirmed',
  'clock-behind',
  'no-indicators',
  'errors',
  'already-signed',
  'order',
  'segregation',
  'warnings-unacknowledged',
  'not-owner',
  'ambiguous-name',
  'delegation-reason-missing',
  'unknown-indicator',
  'not-their-indicator',
  'too-many-indicators',
  'indicators-blocked',
  'nothing-to-sign',
  'reason-missing',
  'nothing-to-withdraw',
  'already-withdrawn',
  'not-the-signer',
] as const;
export type RuleRefusalCode = (typeof RULE_REFUSAL_CODES)[number];

/** One reason a rule refuses: a code to branch on, a sentence to show. */
export interface RuleRefusal {
  code: RuleRefusalCode;
  message: string;
  /**
   * The sentence names every indicator of the signer's plan with why it is blocked: a form that
   * already lists the plan shows a pointer to that list instead of saying each one twice.
   */
  listsPlan?: true;
}

/** Why one indicator of a per-owner signature cannot be signed now. */
export type BlockCode = Extract<RuleRefusalCode, 'errors' | 'order' | 'segregation'>;
