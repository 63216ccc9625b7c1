/**
 * The simulator is strict where Office.js is strict (issue #8): each behaviour here is
 * one the reference documents (cited beside it in src/simulator) and the adapter relies on.
 */
import { createOfficeHost, MARK_FORMULA } from '../../src/excel';
import { createSimulator, Simulator } from '../../src/simulator';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ctx = any;
const run = <T>(sim: Simulator, batch: (ctx: Ctx) => Promise<T>) => sim.Excel.run<T>(batch);

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
});

function workbook(): Simulator {
  return createSimulator({
    sheets: [
      {
        name: 'Return',
        cells: [
          ['Ref', 'Apr'],
          ['CS01', { value: 0.96, format: '0.0%' }],
          ['CS02', { value: 0.9, format: '0.0%' }],
        ],
        conditionalFormats: [
          { range: 'B2', formula: '=B2<0.9', fill: '#FFC7CE' },
          { range: 'B3', formula: '=B3<0.8', fill: '#FFEB9C' },
          { range: 'B2:B3', formula: '=ISBLANK(B2)', fill: '#DDDDDD' },
        ],
        selection: 'A1:A3, B2',
      },
      { name: 'OutturnTrail', visibility: 'VeryHidden', cells: [['seq']] },
    ],
  });
}

const formulas = (s: Simulator) => s.sheet('Return').conditionalFormats.map((cf) => cf.formula);

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

describe('selections and data validation', () => {
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
