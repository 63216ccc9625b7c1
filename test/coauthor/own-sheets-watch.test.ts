/**
 * Issue #24, item 6: Outturn's own sheets are watched. A co-author's saved settings or
 * signature reach this client as changes to the very hidden settings and trail sheets with
 * `source: Remote`; the pane is told which, and this add-in's own writes are not reported.
 * Two clients on the co-authoring simulator; client 0 is this pane.
 */
import { createCoauthoring } from '../../src/simulator/coauthor';
import type { WorkbookInput } from '../../src/simulator';
import { createOfficeHost } from '../../src/excel/office-host';
import type { OwnSheetChange } from '../../src/excel/own-sheet-events';

const input = (): WorkbookInput => ({
  sheets: [
    {
      name: 'Return',
      cells: [
        ['Ref', 'Indicator description', 'Apr'],
        ['CS01', 'Invoices paid in 30 days', 0.96],
      ],
    },
  ],
});

type Ctx = Excel.RequestContext;

/** What a co-author's pane writes when they press Save in Settings. */
const coauthorSavesSettings = (run: (b: (c: Ctx) => Promise<void>) => Promise<void>, json: string) =>
  run(async (context) => {
    const ws = context.workbook.worksheets.add('OutturnSettings');
    ws.visibility = Excel.SheetVisibility.veryHidden;
    ws.getRange('A1:B1').values = [[json, '2026-12-07T10:00:00.000Z']];
    await context.sync();
  });

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("a co-author's changes to Outturn's own sheets", () => {
  test('settings saved by a co-author: reported as remote settings, and read again they are theirs', async () => {
    const co = createCoauthoring(input(), { clients: 2, delay: () => 5 });
    const pane = co.clients[0].install();
    try {
      const host = createOfficeHost();
      const own: OwnSheetChange[] = [];
      const figures: { remote: boolean }[] = [];
      const stopOwn = await host.onOwnSheetsChanged!((c) => own.push(c));
      const stopFigures = await host.onChanged((c) => figures.push(c));
      await coauthorSavesSettings(co.run(1), '{"deadlineDays":12}');
      expect(own).toEqual([]); // nothing has arrived yet
      await co.settle();
      await tick();
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((c) => c.sheet === 'settings' && c.remote)).toBe(true);
      expect(figures).toEqual([]); // the figures did not change
      expect(await host.loadSettings()).toEqual({ deadlineDays: 12 });

      // A co-author's edit of a figure: the figures listener hears it as remote.
      await co.run(1)(async (context) => {
        context.workbook.worksheets.getItem('Return').getRange('C2').values = [[0.5]];
        await context.sync();
      });
      await co.settle();
      await tick();
      expect(figures).toEqual([{ remote: true }]);
      stopOwn();
      stopFigures();
    } finally {
      pane.uninstall();
    }
  });

  test("a co-author's trail write is reported as the trail; this pane's own settings save is not reported", async () => {
    const co = createCoauthoring(input(), { clients: 2, delay: () => 5 });
    const pane = co.clients[0].install();
    try {
      const host = createOfficeHost();
      const own: OwnSheetChange[] = [];
      const stop = await host.onOwnSheetsChanged!((c) => own.push(c));
      await host.saveSettings({ deadlineDays: 10 });
      await tick();
      expect(own).toEqual([]);
      await co.run(1)(async (context) => {
        const ws = context.workbook.worksheets.add('OutturnTrail');
        ws.visibility = Excel.SheetVisibility.veryHidden;
        ws.getRange('A1').values = [['seq']];
        await context.sync();
      });
      await co.settle();
      await tick();
      expect(own).toContainEqual({ sheet: 'trail', remote: true });
      expect(own.some((c) => c.sheet === 'settings')).toBe(false);
      stop();
    } finally {
      pane.uninstall();
    }
  });
});
