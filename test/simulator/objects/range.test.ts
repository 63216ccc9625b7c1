import { createOfficeHost, MARK_FORMULA } from '../../../src/excel';
import { createSimulator, Simulator } from '../../../src/simulator';
import { run, workbook } from '../helpers';

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
});

describe('ranges', () => {
  test('getRanges refuses an address list longer than 8,192 characters (InvalidArgument)', async () => {
    sim = workbook();
    const cells = (n: number) => Array.from({ length: n }, (_, i) => `C${i * 2 + 1}`).join(', ');
    expect(cells(1400).length).toBeGreaterThan(8192);
    await expect(
      run(sim, async (ctx) => {
        ctx.workbook.worksheets.getItem('Return').getRanges(cells(1400)).load('areaCount');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    const count = await run(sim, async (ctx) => {
      const areas = ctx.workbook.worksheets.getItem('Return').getRanges(cells(500));
      areas.load('areaCount');
      await ctx.sync();
      return areas.areaCount;
    });
    expect(count).toBe(500);
  });

  test("the adapter keeps each mark's address list within the limit, even for thousands of scattered cells", async () => {
    sim = createSimulator({ sheets: [{ name: 'Return', cells: [['Ref']] }] }).install();
    const findings = Array.from({ length: 3000 }, (_, i) => ({
      sheet: 'Return',
      cell: `${'BDFH'[i % 4]}${i * 3 + 2}`,
      rule: 'r',
      dimension: 'accuracy' as const,
      severity: 'error' as const,
      ref: null,
      message: 'm',
    }));
    await createOfficeHost().mark(findings);
    const marks = sim.sheet('Return').conditionalFormats;
    expect(marks.length).toBeGreaterThan(1);
    expect(marks.every((cf) => cf.formula === MARK_FORMULA.error)).toBe(true);
    expect(marks.reduce((n, cf) => n + cf.areas.length, 0)).toBe(3000);
  });

  test('values, numberFormat and formulas come back null above the 5 million cell limit', async () => {
    sim = workbook();
    const got = await run(sim, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Return').getRange('A:F');
      r.load('values, valueTypes, numberFormat, formulas, cellCount');
      await ctx.sync();
      return [r.values, r.valueTypes, r.numberFormat, r.formulas, r.cellCount];
    });
    expect(got).toEqual([null, null, null, null, 6 * 1_048_576]);
  });
});
