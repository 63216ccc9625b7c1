import { Simulator } from '../../../src/simulator';
import { type Ctx, formulas, run, workbook } from '../helpers';

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
});

describe('conditional formats are addressed by priority, which shifts after a delete', () => {
  test('id is the priority; deleting items[0] then items[1] in one batch deletes what was third', async () => {
    sim = workbook();
    const ids = await run(sim, async (ctx) => {
      const formats = ctx.workbook.worksheets.getItem('Return').getRange().conditionalFormats;
      formats.load('items/id, items/priority');
      await ctx.sync();
      const got = formats.items.map((cf: Ctx) => [cf.id, cf.priority]);
      formats.items[0].delete();
      formats.items[1].delete();
      await ctx.sync();
      return got;
    });
    expect(ids).toEqual([
      ['0', 0],
      ['1', 1],
      ['2', 2],
    ]);
    expect(formulas(sim)).toEqual(['=B3<0.8']);
  });

  test('with nothing left at a position, the delete fails with ItemNotFound', async () => {
    sim = workbook();
    await expect(
      run(sim, async (ctx) => {
        const formats = ctx.workbook.worksheets.getItem('Return').getRange().conditionalFormats;
        formats.load('items/type');
        await ctx.sync();
        for (const cf of formats.items) cf.delete();
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  test('getItem(id) resolves the priority at the time of use', async () => {
    sim = workbook();
    await run(sim, async (ctx) => {
      const formats = ctx.workbook.worksheets.getItem('Return').getRange().conditionalFormats;
      const second = formats.getItem('1');
      formats.getItem('0').delete();
      second.delete(); // now the third one sits at priority 1
      await ctx.sync();
    });
    expect(formulas(sim)).toEqual(['=B3<0.8']);
  });

  test('deleting from the bottom up (as the adapter does) deletes exactly the ones meant', async () => {
    sim = workbook();
    await run(sim, async (ctx) => {
      const formats = ctx.workbook.worksheets.getItem('Return').getRange().conditionalFormats;
      formats.load('items/type');
      await ctx.sync();
      formats.items[1].delete();
      formats.items[0].delete();
      await ctx.sync();
    });
    expect(formulas(sim)).toEqual(['=ISBLANK(B2)']);
  });
});
