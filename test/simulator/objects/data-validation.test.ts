import { createSimulator, Simulator } from '../../../src/simulator';
import { run } from '../helpers';

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
});

describe('data validation', () => {
  test('validation over cells with and without a rule: MixedCriteria, rule null; valid null when some break it', async () => {
    sim = createSimulator({
      sheets: [
        {
          name: 'Return',
          cells: [
            ['Ref', 120],
            [null, 40],
            [null, 30],
          ],
          dataValidations: [{ range: 'B1:B2', type: 'WholeNumber', operator: 'Between', formula1: 0, formula2: 100 }],
        },
      ],
    });
    const got = await run(sim, async (ctx) => {
      const dv = ctx.workbook.worksheets.getItem('Return').getRange('B1:B3').dataValidation;
      const one = ctx.workbook.worksheets.getItem('Return').getRange('B1:B2').dataValidation;
      dv.load('type, rule');
      one.load('type, rule, valid');
      await ctx.sync();
      return [dv.type, dv.rule, one.type, one.rule, one.valid];
    });
    expect(got).toEqual([
      'MixedCriteria',
      null,
      'WholeNumber',
      { wholeNumber: { formula1: 0, formula2: 100, operator: 'Between' } },
      null,
    ]);
  });
});
