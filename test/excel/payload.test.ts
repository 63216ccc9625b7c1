/**
 * Issue #8 defect 8: reads sized on what cells really cost. Bytes per cell measured on
 * payloads of realistic returns (the four arrays the adapter loads, as JSON, UTF-8), and
 * big reads that keep every response under the 4 MB budget (Excel on the web refuses 5 MB).
 */
import { createOfficeHost } from '../../src/excel';
import { DEFAULT_READ_LIMITS, payloadBytesPerCell } from '../../src/excel/read';
import { OfficeTrailStore } from '../../src/excel/trail-office';
import { chainRecords, verifyTrail, type TrailRecord } from '../../src/signoff/trail';
import { checkDraft } from '../../src/signoff/rules';
import { CellInput, createSimulator, Simulator } from '../../src/simulator';
import { figures } from '../signoff/helpers';

let sim: Simulator | null = null;
afterEach(() => {
  sim?.uninstall();
  sim = null;
});

const ACCOUNTING = '_-£* #,##0.00_-;-£* #,##0.00_-;_-£* "-"??_-;_-@_-';
const LOOKUP = "=IFERROR(SUMIFS('Raw data'!$F:$F,'Raw data'!$A:$A,$A7,'Raw data'!$C:$C,E$4)/1000,\"\")";

/** The four arrays for `rows` x `cols` cells made by `cell`, as Office returns them. */
function payload(
  rows: number,
  cols: number,
  cell: (r: number, c: number) => { value: unknown; type: string; format: string; formula?: string },
) {
  const grid = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => cell(r, c)));
  return {
    values: grid.map((row) => row.map((x) => x.value)),
    valueTypes: grid.map((row) => row.map((x) => x.type)),
    numberFormat: grid.map((row) => row.map((x) => x.format)),
    formulas: grid.map((row) => row.map((x) => x.formula ?? x.value)),
  };
}

const dense = (r: number, c: number) => Math.sin(r * 31 + c * 7) * 1000 + 1 / 3; // full 17-digit doubles

describe('what a cell costs in a read', () => {
  test('measured on realistic payloads: the old 40 bytes a cell was low for every dense numeric grid', () => {
    const empty = payloadBytesPerCell(payload(50, 20, () => ({ value: '', type: 'Empty', format: 'General' })));
    const percent = payloadBytesPerCell(
      payload(50, 20, (r, c) => ({ value: ((r * 7 + c) % 100) / 100, type: 'Double', format: '0.0%' })),
    );
    const doubles = payloadBytesPerCell(
      payload(50, 20, (r, c) => ({ value: dense(r, c), type: 'Double', format: '#,##0.00' })),
    );
    const money = payloadBytesPerCell(
      payload(50, 20, (r, c) => ({ value: dense(r, c), type: 'Double', format: ACCOUNTING })),
    );
    const lookups = payloadBytesPerCell(
      payload(50, 20, (r, c) => ({ value: dense(r, c), type: 'Double', format: '#,##0', formula: LOOKUP })),
    );
    expect(empty).toBeCloseTo(24, 0);
    expect(percent).toBeGreaterThan(25);
    expect(percent).toBeLessThan(40);
    expect(doubles).toBeGreaterThan(55);
    expect(money).toBeGreaterThan(100);
    expect(lookups).toBeGreaterThan(120);
    // The estimate used when no sample can be taken covers all but the longest formulas.
    expect(DEFAULT_READ_LIMITS.bytesPerCell).toBeGreaterThanOrEqual(Math.max(doubles, money, lookups));
  });

  test('100,000 dense full-precision money cells: every response within the 4 MB budget, and few round trips', async () => {
    const rows = 5000;
    const cells: CellInput[][] = [
      ['Ref', 'Indicator description', ...Array.from({ length: 18 }, (_, i) => `Col ${i}`)],
    ];
    for (let r = 1; r < rows; r++)
      cells.push([
        `PI ${r}`,
        `Spend against budget, cost centre ${r}`,
        ...Array.from({ length: 18 }, (_, c) => ({ value: dense(r, c), format: ACCOUNTING })),
      ]);
    sim = createSimulator({ sheets: [{ name: 'Return', cells }] }).install();
    sim.resetStats();
    const r = await createOfficeHost().read('sheet');
    expect(r.sheets[0].cells).toHaveLength(rows);
    expect(r.sheets[0].cells[rows - 1][19]).toMatchObject({ kind: 'number', format: ACCOUNTING });
    // Largest response Excel was asked for, refused or not: at 40 bytes a cell it was one ~10 MB request.
    expect(sim.stats.maxResponseBytes).toBeLessThanOrEqual(DEFAULT_READ_LIMITS.maxResponseBytes);
    expect(sim.stats.syncs).toBeLessThanOrEqual(1 + Math.ceil(sim.stats.responseBytes / (3 * 1024 * 1024)));
  });

  test('values come back null above 5 million cells (the documented limit), and the read still succeeds in blocks', async () => {
    sim = createSimulator(
      {
        sheets: [
          {
            name: 'Return',
            cells: [
              ['Ref', 'Apr'],
              ['PI 1', 0.5],
            ],
          },
        ],
      },
      { limits: { maxCells: 20 } },
    ).install();
    for (let r = 2; r < 30; r++) sim.sheet('Return').rows[r] = [{ value: `PI ${r}` }, { value: r / 100 }];
    const nulls = await sim.Excel.run(
      async (ctx: {
        workbook: {
          worksheets: { getItem(n: string): { getRange(a: string): { load(p: string): void; values: unknown } } };
        };
        sync(): Promise<void>;
      }) => {
        const big = ctx.workbook.worksheets.getItem('Return').getRange('A1:B30');
        big.load('values');
        await ctx.sync();
        return big.values;
      },
    );
    expect(nulls).toBeNull();
    const r = await createOfficeHost({ readLimits: { maxCells: 1_000_000, sampleRows: 0 } }).read('sheet');
    expect(r.sheets[0].cells).toHaveLength(30);
    expect(r.sheets[0].cells[29][1]).toMatchObject({ kind: 'number', value: 0.29 });
  });
});

describe('the audit trail is read in blocks like the grid', () => {
  async function trailOf(n: number): Promise<TrailRecord[]> {
    sim = createSimulator({ sheets: [{ name: 'Return', cells: [['Ref'], ['PI 1']] }] }).install();
    const f = figures();
    const drafts = Array.from({ length: n }, (_, i) =>
      checkDraft(
        f,
        { name: `Officer ${i % 7}`, source: 'typed' },
        new Date(Date.UTC(2017, 7, 9, 9, 0, i)).toISOString(),
      ),
    );
    const records = chainRecords(null, drafts);
    const store = new OfficeTrailStore();
    await store.load();
    for (let i = 0; i < records.length; i += 1000) {
      const part = records.slice(i, i + 1000);
      const res = await store.append(part, i);
      expect(res.ok).toBe(true);
    }
    return records;
  }

  test('a trail too long for one 5 MB response loads whole and verifies, each response under the budget', async () => {
    const records = await trailOf(7000);
    const rowBytes = new TextEncoder().encode(
      JSON.stringify(sim!.sheet('OutturnTrail').rows[1].map((c) => c?.value ?? '')),
    ).length;
    expect(rowBytes * 7000).toBeGreaterThan(5 * 1024 * 1024); // one request would be refused on the web
    sim!.resetStats();
    const loaded = await new OfficeTrailStore().load();
    expect(loaded.entries).toHaveLength(7000);
    expect(verifyTrail(loaded.entries, loaded.head)).toMatchObject({ ok: true });
    expect(loaded.head).toEqual({ seq: 7000, hash: records[6999].hash });
    expect(sim!.stats.maxResponseBytes).toBeLessThanOrEqual(4 * 1024 * 1024);
  }, 60_000);

  test('a short trail still loads in two round trips', async () => {
    await trailOf(120);
    sim!.resetStats();
    const loaded = await new OfficeTrailStore().load();
    expect(loaded.entries).toHaveLength(120);
    expect(sim!.stats.syncs).toBe(2);
  });
});
