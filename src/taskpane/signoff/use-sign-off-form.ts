/**
 * The Sign-off tab's form state in one reducer: what is typed and ticked, whether a
 * request is under way, and the last outcome shown. The decisions stay in src/app.
 */
import * as React from 'react';
import type { SignRole } from '../../signoff/roles';

export interface Outcome {
  intent: 'success' | 'error';
  title: string;
  lines: string[];
}

export interface SignOffForm {
  name: string;
  /** The role the signer picked; null until they pick one (the suggested role applies). */
  chosenRole: SignRole | null;
  statementConfirmed: boolean;
  accountConfirmed: boolean;
  delegating: boolean;
  onBehalfOf: string;
  delegationReason: string;
  /** A reason per warning, by warningKey. */
  reasons: Record<string, string>;
  bulk: string;
  busy: boolean;
  outcome: Outcome | null;
  /** Counts the outcomes shown, so that a second identical refusal still reads as a new answer (and tests can wait for it). */
  outcomeCount: number;
}

export type FormAction =
  | { type: 'name'; value: string }
  | { type: 'default-name'; value: string }
  | { type: 'role'; value: SignRole }
  | { type: 'statement'; value: boolean }
  | { type: 'account-confirmed'; value: boolean }
  | { type: 'delegating'; value: boolean }
  | { type: 'on-behalf-of'; value: string }
  | { type: 'delegation-reason'; value: string }
  | { type: 'reason'; key: string; value: string }
  | { type: 'bulk'; value: string }
  | { type: 'start' }
  | { type: 'outcome'; outcome: Outcome }
  | { type: 'signed'; outcome: Outcome }
  | { type: 'done' };

export const EMPTY_FORM: SignOffForm = {
  name: '',
  chosenRole: null,
  statementConfirmed: false,
  accountConfirmed: false,
  delegating: false,
  onBehalfOf: '',
  delegationReason: '',
  reasons: {},
  bulk: '',
  busy: false,
  outcome: null,
  outcomeCount: 0,
};

export function signOffFormReducer(state: SignOffForm, action: FormAction): SignOffForm {
  switch (action.type) {
    case 'name':
      // A new name is a new person: an earlier confirmation of the account was not theirs.
      return { ...state, name: action.value, accountConfirmed: false };
    case 'default-name':
      return state.name ? state : { ...state, name: action.value };
    case 'role':
      // The statement is the role's: a tick given for another role does not carry over.
      return { ...state, chosenRole: action.value, statementConfirmed: false };
    case 'statement':
      return { ...state, statementConfirmed: action.value };
    case 'account-confirmed':
      return { ...state, accountConfirmed: action.value };
    case 'delegating':
      return { ...state, delegating: action.value };
    case 'on-behalf-of':
      return { ...state, onBehalfOf: action.value };
    case 'delegation-reason':
      return { ...state, delegationReason: action.value };
    case 'reason':
      return { ...state, reasons: { ...state.reasons, [action.key]: action.value } };
    case 'bulk':
      return { ...state, bulk: action.value };
    case 'start':
      return { ...state, busy: true, outcome: null };
    case 'outcome':
      return { ...state, outcome: action.outcome, outcomeCount: state.outcomeCount + 1 };
    case 'signed':
      // A signature made: the next one starts from a clean form (the name stays).
      return {
        ...EMPTY_FORM,
        name: state.name,
        accountConfirmed: state.accountConfirmed,
        busy: state.busy,
        outcome: action.outcome,
        outcomeCount: state.outcomeCount + 1,
      };
    case 'done':
      return { ...state, busy: false };
  }
}

export function useSignOffForm(): [SignOffForm, React.Dispatch<FormAction>] {
  return React.useReducer(signOffFormReducer, EMPTY_FORM);
}
