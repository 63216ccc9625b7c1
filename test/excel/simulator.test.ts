import { createSimulator, Simulator } from '../../src/simulator';
import { Ctx, run } from './helpers';

/** The simulator must fail where Office fails, or the adapter's tests prove nothing. */
function small(options = {}): Simulator {
  return createSimulator(
    {
      sheets: [
        {
          name: 'Return',
          cells: [
            ['Ref', 'Apr', 'Target', 'Submitted'],
            [
              'PI 1',
              { value: 0.95, format: '0%' },
              { value: 0.9, format: '0%' },
              { value: 42956, format: 'dd/mm/yyyy' },
            ],
            ['PI 2', { value: '#DIV/0!', error: true, formula: '=B5/C5' }, 12, null],
          ],
          dataValidations: [
            { range: 'C2:C3', type: 'WholeNumber', operator: 'Between', formula1: 0, formula2: 100 },
            { range: 'A2:A3', type: 'List', source: 'PI 1,PI 3' },
          ],
        },
        { name: 'Locked', protected: true, cells: [['x']] },
        { name: 'Hidden', visibility: 'VeryHidden', cells: [['secret']] },
      ],
    },
    options,
  );
}

describe('Office.js proxy semantics', () => {
  test('reading a property that was loaded but not yet synced throws PropertyNotLoaded', async () => {
    const sim = small();
    await run(sim, async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem('Return').getRange('A1:B2');
      r.load('values');
      expect(() => r.values).toThrow(/The property 'values' is not available on Range/);
      try {
        void r.values;
      } catch (e) {
        expect((e as { code: string }).code).toBe('PropertyNotLoaded');
      }
      await ctx.sync();
      expect(r.values).toEqual([
        ['Ref', 'Apr'],
        ['PI 1', 0.95],
      ]);
    });
  });

  test('reading a property that was never loaded throws even after a sync', async () => {
    const sim = small();
    await run(sim, async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem('Return').getRange('B2');
      r.load('values');
      await ctx.sync();
      expect(() => r.numberFormat).toThrow(/numberFormat/);
      expect(() => r.address).toThrow(/not available/);
    });
  });

  test('collection items exist only after load and sync', async () => {
    const sim = small();
    await run(sim, async (ctx: Ctx) => {
      const sheets = ctx.workbook.worksheets;
      expect(() => sheets.items).toThrow(/'items' is not available on WorksheetCollection/);
      sheets.load('items/name');
      expect(() => sheets.items).toThrow(/not available/);
      await ctx.sync();
      expect(sheets.items.map((s: Ctx) => s.name)).toEqual(['Return', 'Locked', 'Hidden']);
      expect(() => sheets.items[0].visibility).toThrow(/visibility/);
    });
  });

  test('setters are queued and applied at sync; the loaded snapshot does not change by itself', async () => {
    const sim = small();
    await run(sim, async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem('Return').getRange('C3');
      r.load('values');
      await ctx.sync();
      r.values = [[15]];
      expect(sim.sheet('Return').rows[2][2]?.value).toBe(12);
      expect(r.values).toEqual([[12]]);
      await ctx.sync();
      expect(sim.sheet('Return').rows[2][2]?.value).toBe(15);
      r.load('values');
      await ctx.sync();
      expect(r.values).toEqual([[15]]);
    });
  });

  test('values, valueTypes, numberFormat, formulas and text as Office reports them', async () => {
    const sim = small();
    await run(sim, async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem('Return').getRange('B2:D3');
      r.load('address,values,valueTypes,numberFormat,formulas,text,rowCount,columnCount');
      await ctx.sync();
      expect(r.address).toBe('Return!B2:D3');
      expect(r.values).toEqual([
        [0.95, 0.9, 42956],
        ['#DIV/0!', 12, ''],
      ]);
      expect(r.valueTypes).toEqual([
        ['Double', 'Double', 'Double'],
        ['Error', 'Double', 'Empty'],
      ]);
      expect(r.numberFormat).toEqual([
        ['0%', '0%', 'dd/mm/yyyy'],
        ['General', 'General', 'General'],
      ]);
      expect(r.formulas).toEqual([
        [0.95, 0.9, 42956],
        ['=B5/C5', 12, ''],
      ]);
      expect(r.text).toEqual([
        ['95%', '90%', '09/08/2017'],
        ['#DIV/0!', '12', ''],
      ]);
      expect([r.rowCount, r.columnCount]).toEqual([2, 3]);
    });
  });

  test('getItem of a missing sheet fails the sync with ItemNotFound; getItemOrNullObject gives isNullObject', async () => {
    const sim = small();
    await run(sim, async (ctx: Ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      const there = ctx.workbook.worksheets.getItemOrNullObject('Return');
      expect(() => missing.isNullObject).toThrow(/isNullObject/);
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(there.isNullObject).toBe(false);
      ctx.workbook.worksheets.getItem('Nope').load('name');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
  });

  test('writing to a protected sheet fails with AccessDenied and changes nothing', async () => {
    const sim = small();
    const before = sim.snapshot();
    await expect(
      run(sim, async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem('Locked').getRange('A1').values = [['y']];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(
      run(sim, async (ctx: Ctx) => {
        const cf = ctx.workbook.worksheets.getItem('Locked').getRange('A1').conditionalFormats.add('Custom');
        cf.custom.rule.formula = '=TRUE';
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(sim.snapshot()).toEqual(before);
  });

  test('a proxy used after Excel.run returned fails (InvalidObjectPath)', async () => {
    const sim = small();
    let kept: Ctx;
    await run(sim, async (ctx: Ctx) => {
      kept = ctx.workbook.worksheets.getItem('Return');
      kept.load('name');
      await ctx.sync();
    });
    expect(kept.name).toBe('Return');
    expect(() => kept.getRange('A1').load('values')).toThrow(/request context it belongs to has finished/);
  });

  test('typed input: numeric text becomes a number unless the cell is formatted as text', async () => {
    const sim = small();
    await run(sim, async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Return');
      ws.getRange('F1').values = [['1e5']];
      const g = ws.getRange('G1');
      g.numberFormat = [['@']];
      g.values = [['1e5']];
      ws.getRange('H1').values = [["'=1+1"]];
      ws.getRange('I1').values = [['#N/A']];
      await ctx.sync();
    });
    const row = sim.sheet('Return').rows[0];
    expect(row[5]).toEqual({ value: 100000 });
    expect(row[6]).toEqual({ value: '1e5', format: '@' });
    expect(row[7]).toEqual({ value: '=1+1' });
    expect(row[8]).toEqual({ value: '#N/A', error: true });
  });

  test('a request above 5 MB is refused with RequestPayloadSizeLimitExceeded; a response above it with ResponsePayloadSizeLimitExceeded', async () => {
    const sim = small({ limits: { maxPayloadBytes: 2000 } });
    await expect(
      run(sim, async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem('Return').getRange('A10:A200').values = Array.from({ length: 191 }, () => [
          'some text',
        ]);
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(sim.sheet('Return').rows[9]).toBeUndefined();
    await expect(
      run(sim, async (ctx: Ctx) => {
        const r = ctx.workbook.worksheets.getItem('Return').getRange('A1:Z100');
        r.load('values,numberFormat');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });

  test('a read of more than 5 million cells gives null arrays, not values', async () => {
    const sim = small();
    const got = await run(sim, async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem('Return').getRange('A:E');
      r.load('values, numberFormat, rowCount');
      await ctx.sync();
      return [r.values, r.numberFormat, r.rowCount];
    });
    expect(got).toEqual([null, null, 1_048_576]);
  });

  test('syncs and payload bytes are counted', async () => {
    const sim = small();
    await run(sim, async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem('Return').getRange('A1:D3');
      r.load('values');
      await ctx.sync();
      await ctx.sync();
    });
    expect(sim.stats.syncs).toBe(2);
    expect(sim.stats.responseBytes).toBeGreaterThan(JSON.stringify([['Ref', 'Apr', 'Target', 'Submitted']]).length);
    expect(sim.stats.requestBytes).toBeGreaterThan(0);
  });

  test('APIs newer than the host fail with ApiNotFound (ExcelApi 1.9 host, merged areas need 1.13)', async () => {
    const sim = small({ excelApi: '1.9' });
    expect(sim.Office.context.requirements.isSetSupported('ExcelApi', '1.9')).toBe(true);
    expect(sim.Office.context.requirements.isSetSupported('ExcelApi', '1.13')).toBe(false);
    await expect(
      run(sim, async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem('Return').getRange('A1:B2').getMergedAreasOrNullObject().load('address');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  test('getInvalidCellsOrNullObject finds cells breaking whole-number and list rules; null when all are valid', async () => {
    const sim = small();
    await run(sim, async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Return');
      const bad = ws.getRange('A1:D3').dataValidation.getInvalidCellsOrNullObject();
      bad.load('address,cellCount');
      const none = ws.getRange('B1:B3').dataValidation.getInvalidCellsOrNullObject();
      none.load('address');
      await ctx.sync();
      // C2 0.9 is not whole; A3 'PI 2' is not in the list; C3 12 passes.
      expect(bad.address).toBe('Return!C2, Return!A3');
      expect(bad.cellCount).toBe(2);
      expect(none.isNullObject).toBe(true);
      const dv = ws.getRange('C2').dataValidation;
      dv.load('type,rule,valid');
      await ctx.sync();
      expect(dv.type).toBe('WholeNumber');
      expect(dv.rule).toEqual({ wholeNumber: { formula1: 0, formula2: 100, operator: 'Between' } });
      expect(dv.valid).toBe(false);
    });
  });

  test('a very hidden sheet cannot be activated; its cells are still readable', async () => {
    const sim = small();
    await expect(
      run(sim, async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem('Hidden').activate();
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
    const v = await run(sim, async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem('Hidden').getRange('A1');
      r.load('values');
      await ctx.sync();
      return r.values[0][0];
    });
    expect(v).toBe('secret');
  });

  test("onChanged handlers fire for a person's edit and for API writes, and stop after remove()", async () => {
    const sim = small();
    const seen: { address: string; triggerSource: string }[] = [];
    const reg = await run(sim, async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets
        .getItem('Return')
        .onChanged.add((e: { address: string; triggerSource: string }) => {
          seen.push({ address: e.address, triggerSource: e.triggerSource });
        });
      await ctx.sync();
      return r;
    });
    await sim.editCell('Return', 'B2', '0.5');
    expect(sim.sheet('Return').rows[1][1]).toEqual({ value: 0.5, format: '0%' });
    await run(sim, async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem('Return').getRange('C3').values = [[13]];
      await ctx.sync();
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual([
      { address: 'B2', triggerSource: 'Unknown' },
      { address: 'C3', triggerSource: 'ThisLocalAddin' },
    ]);
    await sim.Excel.run(reg, async (ctx: Ctx) => {
      reg.remove();
      await ctx.sync();
    });
    await sim.editCell('Return', 'B2', 0.6);
    expect(seen).toHaveLength(2);
  });

  test('Office.auth.getAuthContext gives the signed-in user, or rejects when nobody is signed in', async () => {
    await expect(small().Office.auth.getAuthContext()).resolves.toMatchObject({
      userPrincipalName: 'alex.compiler@melton.gov.uk',
    });
    await expect(small({ user: null }).Office.auth.getAuthContext()).rejects.toMatchObject({ code: '13001' });
    expect(small({ user: 'unsupported' }).Office.context.requirements.isSetSupported('NestedAppAuth', '1.1')).toBe(
      false,
    );
  });

  test('names hold constants and ranges', async () => {
    const sim = small();
    await run(sim, async (ctx: Ctx) => {
      ctx.workbook.names.add('OutturnTrailHead', '="3:abc"');
      ctx.workbook.names.add('Targets', ctx.workbook.worksheets.getItem('Return').getRange('C2:C3'));
      await ctx.sync();
      const a = ctx.workbook.names.getItem('OutturnTrailHead');
      const b = ctx.workbook.names.getItem('Targets');
      a.load('value,type,formula');
      b.load('value,type');
      await ctx.sync();
      expect([a.value, a.type, a.formula]).toEqual(['3:abc', 'String', '="3:abc"']);
      expect([b.value, b.type]).toEqual(['Return!$C$2:$C$3', 'Range']);
    });
  });
});
