/** The Sign-off tab's form reducer: what a change of role, of name, or a signature made does to the form. */
import { EMPTY_FORM, signOffFormReducer, type SignOffForm } from '../../src/taskpane/signoff/use-sign-off-form';

const filled: SignOffForm = {
  ...EMPTY_FORM,
  name: 'Dawn Garton',
  chosenRole: 'responsible-officer',
  statementConfirmed: true,
  accountConfirmed: true,
  delegating: true,
  onBehalfOf: 'Jim Worley',
  delegationReason: 'Jim on leave',
  reasons: { k: 'known' },
  bulk: 'all known',
  busy: true,
};

test('another role unticks the statement (it was that role’s); another name drops the account confirmation', () => {
  expect(signOffFormReducer(filled, { type: 'role', value: 'compiler' })).toMatchObject({
    chosenRole: 'compiler',
    statementConfirmed: false,
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
