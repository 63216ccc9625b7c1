import { checkWorkbook } from '../../../src/engine/check';
import { config, sheet } from '../helpers';

/**
 * Issue #21, the Shropshire Housing return (test/fixtures/real): rent collected as a
 * percentage of the rent owed passes 100 % whenever arrears are collected too, so 100.81 is
 * a correct published figure; a share with no reference named still cannot pass 100 %.
 */
const run = (rows: unknown[][]) =>
  checkWorkbook([sheet('PIs', [['Ref', 'Indicator', 'Latest', 'Target', 'Unit'], ...rows])], config({}), {
    today: '2018-02-15',
  });
const rules = (r: ReturnType<typeof run>) => r.findings.map((f) => `${f.cell} ${f.rule}`);

test.each([
  ['Rent collected as % of rent owed', 100.81],
  ['Rent collected as a percentage of rent due', 101.2],
  ['Income collected as % of debit', 100.4],
])('"%s" may pass 100 %%', (words, figure) => {
  expect(rules(run([['R1', words, figure, 99, '']]))).toEqual([]);
});

test('a collection rate that names no reference is still a share', () => {
  expect(rules(run([['R2', '% of council tax collected', 100.81, 97, '']]))).toEqual(['C2 percent-out-of-range']);
});
