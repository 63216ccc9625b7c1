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
  /** The role whose statement was ticked, or null: a tick confirms that role's exact text and no other. */
  statementFor: SignRole | null;
  accountConfirmed: boolean;
  delegating: boolean;
  onBehalfOf: string;
  delegationReason: string;
  /** A reason per warning, by warningKey. */
  reasons: Record<string, string>;
  bulk: string;
  /** Where the working papers are kept (a SharePoint or OneDrive link), recorded beside each indicator signed. */
  papersLink: string;
  busy: boolean;
  outcome: Outcome | null;
  /** Counts the outcomes shown, so that a second identical refusal still reads as a new answer (and tests can wait for it). */
  outcomeCount: number;
}

export type FormAction =
  | { type: 'name'; value: string }
  | { type: 'default-name'; value: string }
  | { type: 'role'; value: SignRole }
  | { type: 'statement'; role: SignRole; value: boolean }
  | { type: 'account' }
  | { type: 'scope' }
  | { type: 'dismiss' }
  | { type: 'account-confirmed'; value: boolean }
  | { type: 'delegating'; value: boolean }
  | { type: 'on-behalf-of'; value: string }
  | { type: 'delegation-reason'; value: string }
  | { type: 'reason'; key: string; value: string }
  | { type: 'bulk'; value: string }
  | { type: 'papers-link'; value: string }
  | { type: 'start' }
  | { type: 'outcome'; outcome: Outcome }
  | { type: 'signed'; outcome: Outcome }
  | { type: 'done' };

export const EMPTY_FORM: SignOffForm = {
  name: '',
  chosenRole: null,
  statementFor: null,
  accountConfirmed: false,
  delegating: false,
  onBehalfOf: '',
  delegationReason: '',
  reasons: {},
  bulk: '',
  papersLink: '',
  busy: false,
  outcome: null,
  outcomeCount: 0,
};

/** Every tick cleared: a declaration given for one role, account or scope is not given for another. */
function untick(state: SignOffForm): SignOffForm {
  return { ...state, statementFor: null, accountConfirmed: false, delegating: false, outcome: null };
}

/** The statement counts only when it was ticked for the role being signed. */
export function statementTicked(form: SignOffForm, role: SignRole): boolean {
  return form.statementFor === role;
}

export function signOffFormReducer(state: SignOffForm, action: FormAction): SignOffForm {
  // The result stays in the action area until the next action: any edit replaces it with the form.
  const edit = { ...state, outcome: null };
  switch (action.type) {
    case 'name':
      // A new name is a new person: an earlier confirmation of the account was not theirs.
      return { ...edit, name: action.value, accountConfirmed: false, statementFor: null };
    case 'default-name':
      return state.name ? state : { ...state, name: action.value };
    case 'role':
      return action.value === state.chosenRole ? edit : { ...untick(state), chosenRole: action.value };
    case 'account':
    case 'scope':
      return untick(state);
    case 'statement':
      // Ticking pins the role: the role shown can no longer change under a tick given for it.
      return { ...edit, chosenRole: action.role, statementFor: action.value ? action.role : null };
    case 'account-confirmed':
      return { ...edit, accountConfirmed: action.value };
    case 'delegating':
      return { ...edit, delegating: action.value, statementFor: null };
    case 'on-behalf-of':
      return { ...edit, onBehalfOf: action.value };
    case 'delegation-reason':
      return { ...edit, delegationReason: action.value };
    case 'reason':
      return { ...edit, reasons: { ...state.reasons, [action.key]: action.value } };
    case 'bulk':
      return { ...edit, bulk: action.value };
    case 'papers-link':
      return { ...edit, papersLink: action.value };
    case 'dismiss':
      return edit;
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
