/**
 * The audit-trail export by platform (defect 5): Excel for Mac's web view ignores a Blob
 * download link (office-js #2700, #3385, #4681), so there the export is written to a new
 * worksheet as text; on Windows and the web it downloads. Run on the simulator with
 * Office.context.platform set as each Office reports it.
 */
import { createSimulator, type Simulator } from '../../src/simulator';
import { chainRecords, verifyTrail, type StoredEntry, type Verification } from '../../src/signoff/trail';
import { checkDraft } from '../../src/signoff/rules';
import {
  deliverExport,
  exportRoute,
  trailCsv,
  trailExport,
  trailJson,
  MAX_CELL_TEXT,
} from '../../src/taskpane/signoff/export';
import { EXPORT_BLOCK_ROWS, exportSheetName, officePlatform, writeExportSheet } from '../../src/excel/export-sheet';
import { figures } from './helpers';

let sim: Simulator;
afterEach(() => sim?.uninstall());

function trail(n: number): Verification {
  const drafts = Array.from({ length: n }, (_, i) =>
    checkDraft(
      figures(),
      i === 0
        ? { name: '=cmd|/c calc!A1', source: 'typed' as const }
        : { name: 'Bob Jones', upn: 'bob.jones@melton.gov.uk', source: 'office-account' as const },
      new Date(Date.UTC(2017, 7, 9, 9, 0, i)).toISOString(),
    ),
  );
  const recs = chainRecords(null, drafts);
  const entries: StoredEntry[] = recs.map((r) => ({ raw: JSON.parse(JSON.stringify(r)) }));
  return verifyTrail(entries, { seq: recs.length, hash: recs[recs.length - 1].hash });
}

function install(platform: string): Simulator {
  sim = createSimulator({
    sheets: [
      {
        name: 'Corporate PIs',
        cells: [
          ['Ref', 'Indicator'],
          ['PI 1', 'Households in temporary accommodation'],
        ],
      },
    ],
  }).install();
  (sim.Office.context as { platform: string }).platform = platform;
  return sim;
}

/** A sheet's cells as rows of [value, format, formula]. */
function cells(name: string): { value: unknown; format?: string; formula?: string }[][] {
  return sim
    .sheet(name)
    .rows.map((r) => (r ?? []).map((c) => ({ value: c?.value ?? null, format: c?.format, formula: c?.formula })));
}

const io = () => ({ download: jest.fn(), toWorksheet: writeExportSheet });
const today = () => {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

describe('audit trail export on Excel for Mac: a new worksheet, as text', () => {
  test('CSV: every record a row, every cell text (number format @), a formula-like name stays text, the sheet shown; nothing downloaded', async () => {
    install('Mac');
    const v = trail(3);
    const before = JSON.stringify(sim.sheet('Corporate PIs'));
    const ways = io();
    const out = await deliverExport(trailExport('csv', v.records, v), officePlatform(), ways);
    expect(ways.download).not.toHaveBeenCalled();
    const name = `Audit trail CSV ${today()}`;
    expect(out).toEqual({
      route: 'worksheet',
      sheet: name,
      message: expect.stringMatching(
        /^Excel for Mac cannot download files from an add-in, so the export was written to a new sheet, 'Audit trail CSV .*': save it with File > Save As > CSV UTF-8/,
      ),
    });
    const grid = cells(name);
    expect(grid).toHaveLength(4);
    expect(grid[0].map((c) => c.value)).toEqual([
      'seq',
      'at',
      'type',
      'actor',
      'account',
      'identity',
      'summary',
      'hash',
      'prev',
      'verification',
    ]);
    expect(grid[1].map((c) => c.value).slice(0, 6)).toEqual([
      '1',
      '2017-08-09T09:00:00.000Z',
      'check',
      "'=cmd|/c calc!A1",
      null,
      'typed',
    ]);
    expect(grid[1][7].value).toBe(v.records[0].hash);
    expect(grid[3][9].value).toBe('verified');
    for (const row of grid)
      for (const c of row) {
        expect(c.format).toBe('@');
        expect(c.formula).toBeUndefined();
      }
    expect(sim.workbook.activeSheet).toBe(name);
    expect(JSON.stringify(sim.sheet('Corporate PIs'))).toBe(before); // the return itself untouched
    // A second export does not clash with the first.
    const again = await deliverExport(trailExport('csv', v.records, v), officePlatform(), ways);
    expect(again.sheet).toBe(`Audit trail CSV ${today()} (2)`);
  });

  test('JSON: one line per row in column A; copied out, the lines are the JSON export', async () => {
    install('Mac');
    const v = trail(2);
    const out = await deliverExport(trailExport('json', v.records, v, 'melton.xlsx'), officePlatform(), io());
    expect(out.message).toMatch(/select column A, copy it and paste it into a text file/);
    const text = cells(out.sheet!)
      .map((r) => String(r[0].value))
      .join('\n');
    const back = JSON.parse(text);
    const expected = JSON.parse(trailJson(v.records, v, 'melton.xlsx'));
    expect({ ...back, exportedAt: null }).toEqual({ ...expected, exportedAt: null });
    expect(back.records[0].actor.name).toBe('=cmd|/c calc!A1');
  });

  test('a long trail is written in blocks of rows, one request each, all rows present', async () => {
    install('Mac');
    const v = trail(EXPORT_BLOCK_ROWS * 2 + 7);
    const syncs = sim.stats.syncs;
    const out = await deliverExport(trailExport('csv', v.records, v), officePlatform(), io());
    const grid = cells(out.sheet!);
    expect(grid).toHaveLength(v.records.length + 1);
    expect(grid[grid.length - 1][0].value).toBe(String(v.records.length));
    expect(sim.stats.syncs - syncs).toBe(2 + 3 + 1); // names + add, 3 blocks, header/fit/activate
  });

  test('iPad is treated as Mac; a protected workbook gets a plain sentence and no half-written sheet', async () => {
    expect(exportRoute('iOS')).toBe('worksheet');
    expect(exportRoute(undefined)).toBe('worksheet');
    install('Mac');
    sim.setCellEditMode(true);
    const v = trail(1);
    await expect(deliverExport(trailExport('csv', v.records, v), officePlatform(), io())).rejects.toThrow(
      /while a cell is being edited/,
    );
    sim.setCellEditMode(false);
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(['Corporate PIs']);
  });

  test('a cell longer than Excel holds is refused before anything is written', async () => {
    install('Mac');
    const v = trail(1);
    const exp = trailExport('csv', v.records, v);
    exp.rows[1][6] = 'x'.repeat(MAX_CELL_TEXT + 1);
    const ways = { download: jest.fn(), toWorksheet: jest.fn() };
    await expect(deliverExport(exp, 'Mac', ways)).rejects.toThrow(/32,767 characters/);
    expect(ways.toWorksheet).not.toHaveBeenCalled();
  });
});

describe('audit trail export on Windows and Excel on the web: a download', () => {
  test.each(['PC', 'OfficeOnline'])(
    '%s: the CSV/JSON file is offered for download, no sheet added',
    async (platform) => {
      install(platform);
      const v = trail(2);
      const ways = io();
      expect(await deliverExport(trailExport('csv', v.records, v), officePlatform(), ways)).toEqual({
        route: 'download',
        message: 'outturn-audit-trail.csv is being downloaded.',
      });
      expect(ways.download).toHaveBeenCalledWith(
        trailCsv(v.records, v),
        'outturn-audit-trail.csv',
        'text/csv;charset=utf-8',
      );
      await deliverExport(trailExport('json', v.records, v), officePlatform(), ways);
      expect(ways.download).toHaveBeenLastCalledWith(
        expect.stringMatching(/^\{\n {2}"exportedAt"/),
        'outturn-audit-trail.json',
        'application/json',
      );
      expect(sim.workbook.sheets.map((s) => s.name)).toEqual(['Corporate PIs']);
    },
  );
});

test('export sheet names: at most 31 characters, no characters Excel refuses, unique ignoring case', () => {
  expect(exportSheetName('CSV', '2026-12-02', [])).toBe('Audit trail CSV 2026-12-02');
  expect(exportSheetName('CSV', '2026-12-02', ['audit TRAIL csv 2026-12-02'])).toBe('Audit trail CSV 2026-12-02 (2)');
  expect(exportSheetName('CSV', '2026/12/02', [])).toBe('Audit trail CSV 2026-12-02');
  const n = exportSheetName('JSON', '2026-12-02', ['Audit trail JSON 2026-12-02', 'Audit trail JSON 2026-12-02 (2)']);
  expect(n).toBe('Audit trail JSON 2026-12-02 (3)');
  expect(n.length).toBeLessThanOrEqual(31);
});
