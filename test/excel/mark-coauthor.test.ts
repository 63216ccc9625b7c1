/**
 * Issue #24, item 7: marks that survive real Excel. A co-author's Clear merged between the
 * request that finds the marks and the one that deletes them shifts the positions Office.js
 * deletes by; and two open Office.js defects (office-js #5222: a rule sharing a cell with
 * another cannot be deleted; #6396: a rule brought back by Ctrl+Z cannot be read) used to
 * fail the whole write with "renamed or deleted?" and leave the marks stuck.
 */
import { createOfficeHost, MARK_FORMULA, OutturnHostError } from '../../src/excel';
import { MARKS_LEFT_BEHIND } from '../../src/excel/mark';
import type { Finding } from '../../src/engine/model/finding';
import { areaA1, createSimulator, type ConditionalFormatInput, type Simulator } from '../../src/simulator';
import { simulateOfficeDefects, undoDelete } from '../../src/simulator/cf-defects';

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
});

const finding = (cell: string, severity: Finding['severity']): Finding => ({
  sheet: 'Return',
  cell,
  severity,
  rule: 'test-rule',
  dimension: 'accuracy',
  ref: null,
  message: 'test',
});

const errorMark: ConditionalFormatInput = { range: 'C2', formula: MARK_FORMULA.error, fill: '#FFC7CE' };
const warningMark: ConditionalFormatInput = { range: 'C3', formula: MARK_FORMULA.warning, fill: '#FFEB9C' };
const belowTarget: ConditionalFormatInput = { range: 'C2:C3', formula: '=C2<D2', fill: '#DDDDDD' };
const overOne: ConditionalFormatInput = { range: 'C2', formula: '=C2>1', fill: '#CCCCFF', fontColor: '#000080' };
const saysRed: ConditionalFormatInput = { range: 'E2:E3', type: 'ContainsText', fill: '#FF0000' };

/** A small return with conditional formats in priority order; `onSync` runs after each request. */
function returnWith(conditionalFormats: ConditionalFormatInput[], onSync?: () => void): Simulator {
  return createSimulator(
    {
      sheets: [
        {
          name: 'Return',
          cells: [
            ['Ref', 'Indicator description', 'Apr', 'Target', 'RAG'],
            ['CS01', 'Invoices paid in 30 days', { value: 0.96, format: '0.0%' }, { value: 0.95, format: '0%' }, 'G'],
            ['CS02', 'Calls answered', { value: 'N/a' }, { value: 0.9, format: '0%' }, 'RED'],
          ],
          conditionalFormats,
        },
      ],
    },
    { onSync },
  ).install();
}

/** Every rule on the sheet as a person sees it in the Rules Manager: formula (or type), look and cells. */
function rules(s: Simulator): string[] {
  return s
    .sheet('Return')
    .conditionalFormats.map((cf) =>
      [cf.formula ?? cf.type, cf.fill ?? 'no fill', cf.fontColor, cf.areas.map(areaA1).join(',')]
        .filter(Boolean)
        .join(' '),
    );
}

/** A co-author's Clear marks, merged into this replica after this client's `n`-th request. */
function coauthorClearsAfter(n: number): { onSync: () => void; done: () => boolean } {
  let syncs = 0;
  let cleared = false;
  return {
    onSync: () => {
      syncs++;
      if (syncs !== n || !sim) return;
      const sheet = sim.sheet('Return');
      sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => !cf.formula?.includes('outturn:'));
      cleared = true;
    },
    done: () => cleared,
  };
}

describe("a co-author's Clear merged between finding the marks and deleting them", () => {
  test("never deletes the user's own custom rules that moved into the marks' positions", async () => {
    // Requests of a Check's marking: 1 the rules' types, 2 the custom formulas, then the deletes.
    const coauthor = coauthorClearsAfter(2);
    sim = returnWith([errorMark, warningMark, belowTarget, overOne], coauthor.onSync);
    const before = rules(sim).slice(2);
    await createOfficeHost().mark([finding('C3', 'error')]);
    expect(coauthor.done()).toBe(true);
    expect(rules(sim)).toEqual([`${MARK_FORMULA.error} #FFC7CE #9C0006 C3`, ...before]);
  });

  test('a rule of another type in a mark position stops the delete before anything is deleted', async () => {
    const coauthor = coauthorClearsAfter(2);
    sim = returnWith([errorMark, warningMark, belowTarget, saysRed], coauthor.onSync);
    const before = rules(sim).slice(2);
    await createOfficeHost().mark([finding('C2', 'warning')]);
    expect(coauthor.done()).toBe(true);
    expect(rules(sim)).toEqual([`${MARK_FORMULA.warning} #FFEB9C #9C5700 C2`, ...before]);
  });

  test('Clear marks in the same race removes nothing of the user', async () => {
    // Clear marks: 1 the sheets, 2 the types, 3 the formulas, then the deletes.
    const coauthor = coauthorClearsAfter(3);
    sim = returnWith([errorMark, warningMark, belowTarget, overOne], coauthor.onSync);
    const before = rules(sim).slice(2);
    expect(await createOfficeHost().clearMarks()).toBe(0);
    expect(coauthor.done()).toBe(true);
    expect(rules(sim)).toEqual(before);
  });
});

describe('office-js #5222: a rule sharing a cell with another cannot be deleted', () => {
  test('the simulator fails such a delete with ItemNotFound once the defect is on, as Excel 2411 does', async () => {
    sim = returnWith([errorMark, belowTarget]);
    simulateOfficeDefects(sim.workbook, { sharedCellDelete: true });
    const err = await sim.Excel.run(async (ctx: Excel.RequestContext) => {
      ctx.workbook.worksheets.getItem('Return').getRange().conditionalFormats.getItemAt(0).delete();
      await ctx.sync();
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ItemNotFound' });
    expect(rules(sim)).toHaveLength(2);
  });

  test('a Check retries, then switches the old mark off: the right cells show marked, no error', async () => {
    sim = returnWith([errorMark, warningMark, belowTarget]);
    simulateOfficeDefects(sim.workbook, { sharedCellDelete: true });
    await createOfficeHost().mark([finding('D2', 'error')]);
    const shown = sim
      .sheet('Return')
      .conditionalFormats.filter((cf) => cf.formula?.endsWith('=0') && cf.formula.includes('outturn:'));
    expect(shown.map((cf) => [cf.formula, cf.areas.map(areaA1)])).toEqual([[MARK_FORMULA.error, ['D2']]]);
    // The two old marks are still rules (Excel would not delete them) but never true and without a fill.
    const off = sim.sheet('Return').conditionalFormats.filter((cf) => cf.formula === '=N("outturn:error")=1');
    expect(off.map((cf) => [cf.fill, cf.areas.map(areaA1)])).toEqual([
      [null, ['C2']],
      [null, ['C3']],
    ]);
    expect(rules(sim)).toContain('=C2<D2 #DDDDDD C2:C3');
    // Checked again: the switched-off marks stay off, the new mark is replaced.
    await createOfficeHost().mark([finding('D3', 'warning')]);
    expect(rules(sim).filter((r) => r.includes('=0'))).toEqual([`${MARK_FORMULA.warning} #FFEB9C #9C5700 D3`]);
  });
});

describe('office-js #6396: a rule brought back by Ctrl+Z cannot be read', () => {
  test('the simulator fails any read of it, as Excel 2511 does', async () => {
    sim = returnWith([errorMark]);
    const mark = sim.sheet('Return').conditionalFormats[0];
    sim.sheet('Return').conditionalFormats = [];
    undoDelete(sim.sheet('Return'), mark, 0);
    const err = await sim.Excel.run(async (ctx: Excel.RequestContext) => {
      const formats = ctx.workbook.worksheets.getItem('Return').getRange().conditionalFormats;
      formats.load('items/type');
      await ctx.sync();
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ItemNotFound' });
  });

  test('Clear, Ctrl+Z, Check: the new marks are written and the message says what is left and why', async () => {
    sim = returnWith([errorMark, belowTarget]);
    const host = createOfficeHost();
    const mark = sim.sheet('Return').conditionalFormats[0];
    expect(await host.clearMarks()).toBe(1);
    undoDelete(sim.sheet('Return'), mark, 0); // the person presses Ctrl+Z
    const err = await host.mark([finding('C3', 'warning')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutturnHostError);
    expect((err as OutturnHostError).code).toBe(MARKS_LEFT_BEHIND);
    expect((err as OutturnHostError).userMessage).toBe(
      "The cells are marked, but Excel cannot reach one conditional format rule on sheet 'Return' until the workbook is reopened (a rule brought back by Undo, a known Excel defect); an old Outturn mark among them shows until then. Save, close and reopen the workbook, then press Check again.",
    );
    expect((err as OutturnHostError).userMessage).not.toMatch(/renamed or deleted/);
    expect(rules(sim)).toEqual([
      `${MARK_FORMULA.warning} #FFEB9C #9C5700 C3`,
      `${MARK_FORMULA.error} #FFC7CE C2`,
      '=C2<D2 #DDDDDD C2:C3',
    ]);
  });

  test('Clear marks around it removes the readable marks and says the same', async () => {
    sim = returnWith([errorMark, warningMark, belowTarget]);
    const mark = sim.sheet('Return').conditionalFormats[0];
    sim.sheet('Return').conditionalFormats.splice(0, 1);
    undoDelete(sim.sheet('Return'), mark, 0);
    const err = await createOfficeHost()
      .clearMarks()
      .catch((e: unknown) => e);
    expect((err as OutturnHostError).userMessage).toMatch(
      /^Removed 1 mark, but Excel cannot reach one conditional format rule on sheet 'Return' until the workbook is reopened/,
    );
    expect(rules(sim)).toEqual([`${MARK_FORMULA.error} #FFC7CE C2`, '=C2<D2 #DDDDDD C2:C3']);
  });
});
