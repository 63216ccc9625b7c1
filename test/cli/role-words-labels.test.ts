import { roleInWords } from '../../src/cli/role-words';

/** A body's name is printed as the sheet spells it ('SSHA', not 's s h a'), like the engine's own roles in words. */
test.each([
  ['body:SSHA', 'body: SSHA'],
  ['status:MMHA', 'status: MMHA'],
  ['target:Q1 2019/20', 'target: Q1 2019/20'],
  ['responsibleOfficer', 'responsible officer'],
  ['ytd', 'year to date'],
])('%s reads "%s"', (role, words) => {
  expect(roleInWords(role)).toBe(words);
});
