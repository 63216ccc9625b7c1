import { Simulator } from '../../../src/simulator';
import { run, workbook } from '../helpers';

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
});

describe('sheets', () => {
  test('getItem of a missing sheet fails the batch with ItemNotFound; what ran before it stays applied (batches are not transactions)', async () => {
    sim = workbook();
    const before = sim.snapshot();
    await expect(
      run(sim, async (ctx) => {
        ctx.workbook.worksheets.getItem('Return').getRange('C1').values = [['note']];
        ctx.workbook.worksheets.getItem('Q2').getRange('A1').load('values');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
    // Office batches are not transactions: what ran before the failing call stays applied.
    expect(sim.sheet('Return').rows[0][2]).toEqual({ value: 'note' });
    expect(sim.snapshot()).not.toEqual(before);
  });

  test('getItem takes a worksheet id as well as a name, and the id survives a rename', async () => {
    sim = workbook();
    const id = sim.sheet('Return').id;
    sim.sheet('Return').name = 'Q1 final';
    const name = await run(sim, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(id);
      ws.load('name');
      await ctx.sync();
      return ws.name;
    });
    expect(name).toBe('Q1 final');
  });

  test('a very hidden sheet cannot be deleted (InvalidOperation) until it is made hidden', async () => {
    sim = workbook();
    await expect(
      run(sim, async (ctx) => {
        ctx.workbook.worksheets.getItem('OutturnTrail').delete();
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(['Return', 'OutturnTrail']);
    await run(sim, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('OutturnTrail');
      ws.visibility = 'Hidden';
      ws.delete();
      await ctx.sync();
    });
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(['Return']);
  });
});
