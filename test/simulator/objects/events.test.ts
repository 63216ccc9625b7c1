import { createOfficeHost } from '../../../src/excel';
import { Simulator } from '../../../src/simulator';
import { run, workbook } from '../helpers';

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
});

describe('onChanged', () => {
  test("fires for a format change as for a value, with triggerSource telling this add-in's writes apart", async () => {
    sim = workbook();
    const seen: [string, string][] = [];
    await run(sim, async (ctx) => {
      ctx.workbook.worksheets.onChanged.add((e: { address: string; triggerSource: string }) => {
        seen.push([e.address, e.triggerSource]);
      });
      await ctx.sync();
    });
    await sim.formatCell('Return', 'B2', '0%');
    await run(sim, async (ctx) => {
      ctx.workbook.worksheets.getItem('Return').getRange('B3').numberFormat = [['0.00%']];
      ctx.workbook.worksheets.getItem('Return').getRange('A1').format.font.bold = true;
      await ctx.sync();
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual([
      ['B2', 'Unknown'],
      ['B3', 'ThisLocalAddin'],
      ['A1', 'ThisLocalAddin'],
    ]);
  });

  test("the adapter's listener hears a person's format change but not its own writes", async () => {
    sim = workbook().install();
    const host = createOfficeHost();
    let calls = 0;
    const stop = await host.onChanged(() => {
      calls++;
    });
    await sim.formatCell('Return', 'B2', '0%'); // a percentage shown differently can change a finding
    await new Promise((r) => setTimeout(r, 5));
    expect(calls).toBe(1);
    await host.read('sheet');
    await host.mark([
      { sheet: 'Return', cell: 'B2', rule: 'r', dimension: 'accuracy', severity: 'error', ref: null, message: 'm' },
    ]);
    await run(sim, async (ctx) => {
      ctx.workbook.worksheets.getItem('Return').getRange('B3').format.fill.color = '#FFFF00';
      await ctx.sync();
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(calls).toBe(1);
    stop();
  });
});
