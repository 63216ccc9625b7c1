/** The Sign-off tab's form reducer: what a change of role, of name, or a signature made does to the form. */
import {
  EMPTY_FORM,
  signOffFormReducer,
  statementTicked,
  type SignOffForm,
} from '../../src/taskpane/signoff/use-sign-off-form';

const filled: SignOffForm = {
  ...EMPTY_FORM,
  name: 'Dawn Garton',
  chosenRole: 'responsible-officer',
  statementFor: 'responsible-officer',
  accountConfirmed: true,
  delegating: true,
  onBehalfOf: 'Jim Worley',
  delegationReason: 'Jim on leave',
  reasons: { k: 'known' },
  bulk: 'all known',
  busy: true,
};

test('another role unticks every tick (the statement was that role’s); another name drops the account confirmation', () => {
  expect(signOffFormReducer(filled, { type: 'role', value: 'compiler' })).toMatchObject({
    chosenRole: 'compiler',
    statementFor: null,
    accountConfirmed: false,
    delegating: false,
  });
  expect(signOffFormReducer(filled, { type: 'name', value: 'Jim Worley' })).toMatchObject({
    name: 'Jim Worley',
    accountConfirmed: false,
  });
  expect(signOffFormReducer(filled, { type: 'default-name', value: 'Someone' }).name).toBe('Dawn Garton');
  expect(signOffFormReducer(EMPTY_FORM, { type: 'default-name', value: 'Someone' }).name).toBe('Someone');
});

test('a signature made clears the form but keeps the name; every outcome shown counts', () => {
  const outcome = { intent: 'success' as const, title: 'Signed', lines: ['Signed.'] };
  const after = signOffFormReducer(filled, { type: 'signed', outcome });
  expect(after).toEqual({
    ...EMPTY_FORM,
    name: 'Dawn Garton',
    accountConfirmed: true,
    busy: true,
    outcome,
    outcomeCount: 1,
  });
  const refused = signOffFormReducer(after, { type: 'outcome', outcome: { ...outcome, intent: 'error' } });
  expect(refused.outcomeCount).toBe(2);
  expect(signOffFormReducer(refused, { type: 'done' }).busy).toBe(false);
  expect(signOffFormReducer(refused, { type: 'start' })).toMatchObject({ busy: true, outcome: null });
});

test('a tick confirms only the statement of the role it was given for, and pins that role', () => {
  const ticked = signOffFormReducer(EMPTY_FORM, { type: 'statement', role: 'compiler', value: true });
  expect(ticked.chosenRole).toBe('compiler');
  expect(statementTicked(ticked, 'compiler')).toBe(true);
  expect(statementTicked(ticked, 'responsible-officer')).toBe(false);
  expect(
    statementTicked(signOffFormReducer(ticked, { type: 'statement', role: 'compiler', value: false }), 'compiler'),
  ).toBe(false);
});

test('another account or scope clears every tick and the last result', () => {
  const outcome = { intent: 'error' as const, title: 'Signing refused', lines: ['No.'] };
  const shown = signOffFormReducer(filled, { type: 'outcome', outcome });
  for (const type of ['account', 'scope'] as const) {
    expect(signOffFormReducer(shown, { type })).toMatchObject({
      statementFor: null,
      accountConfirmed: false,
      delegating: false,
      outcome: null,
    });
  }
});

test('the result stays until the next action: any edit, or going back to the form, replaces it', () => {
  const outcome = { intent: 'success' as const, title: 'Signed', lines: ['Signed.'] };
  const shown = signOffFormReducer(EMPTY_FORM, { type: 'outcome', outcome });
  expect(signOffFormReducer(shown, { type: 'bulk', value: 'x' }).outcome).toBeNull();
  expect(signOffFormReducer(shown, { type: 'dismiss' }).outcome).toBeNull();
  expect(signOffFormReducer(shown, { type: 'done' }).outcome).toBe(outcome);
});
