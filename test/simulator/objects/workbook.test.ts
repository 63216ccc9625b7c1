import { createOfficeHost } from '../../../src/excel';
import { Simulator } from '../../../src/simulator';
import { run, workbook } from '../helpers';

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
});

describe('selections', () => {
  test('several selected blocks: getSelectedRange fails (InvalidSelection), getSelectedRanges lists them', async () => {
    sim = workbook();
    await expect(
      run(sim, async (ctx) => {
        ctx.workbook.getSelectedRange().load('address');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidSelection' });
    const address = await run(sim, async (ctx) => {
      const areas = ctx.workbook.getSelectedRanges();
      areas.load('address');
      await ctx.sync();
      return areas.address;
    });
    expect(address).toBe('Return!A1:A3, Return!B2');
  });

  test('the adapter reads a multi-block selection as the rectangle around it, and says so', async () => {
    sim = workbook().install();
    const r = await createOfficeHost().read('selection');
    expect(r.notices).toEqual([
      'Several blocks of cells are selected (A1:A3, B2), so the rectangle around them, A1:B3, was read.',
    ]);
    expect(r.sheets[0].cells.map((row) => row.map((c) => c?.value))).toEqual([
      ['Ref', 'Apr'],
      ['CS01', 0.96],
      ['CS02', 0.9],
    ]);
  });
});
