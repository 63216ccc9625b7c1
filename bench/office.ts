/**
 * Office.js adapter: round trips and payload. Runs the real adapter (src/excel) against
 * the simulator for grids of 1k, 10k and 100k cells and one of 1M cells that must be read
 * in blocks, and reports syncs and request/response bytes for reading the grid and for
 * marking 5% of its cells. `benchOffice()` returns markdown rows for docs/BENCHMARKS.md;
 * `node dist/bench/office.js` prints them.
 */
import { createOfficeHost } from '../src/excel';
import type { Finding } from '../src/engine/model/finding';
import { a1 } from '../src/engine/model/address';
import { CellInput, createSimulator, WorkbookInput } from '../src/simulator';

const MONTHS = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];
/** A monthly return's 20 columns: identity, 12 months, YTD (a formula), target, floor, RAG, owner, submitted. */
const COLUMNS = [
  'Ref',
  'Indicator description',
  ...MONTHS,
  'Year to Date',
  'Target',
  'Floor Standard',
  'RAG',
  'Compiling officer',
  'Date submitted',
];

/** A realistic grid of about `cells` cells: % values with formats, a SUM formula, dates, text. */
export function benchGrid(cells: number): WorkbookInput {
  const rows = Math.max(1, Math.round(cells / COLUMNS.length) - 1);
  const grid: CellInput[][] = [COLUMNS];
  for (let r = 0; r < rows; r++) {
    const row = r + 2;
    const months: CellInput[] = MONTHS.map((_, m) => ({
      value: Math.round(((r * 37 + m * 11) % 1000) / 10) / 1000 + 0.5,
      format: '0.0%',
    }));
    grid.push([
      `PI ${r + 1}`,
      `Percentage of things done on time, indicator ${r + 1}`,
      ...months,
      { value: 0.6, formula: `=AVERAGE(C${row}:N${row})`, format: '0.0%' },
      { value: 0.6, format: '0.0%' },
      { value: 0.55, format: '0.0%' },
      ['GREEN', 'AMBER', 'RED'][r % 3],
      'Sarah Jones',
      { value: 42956 + (r % 5), format: 'dd/mm/yyyy' },
    ]);
  }
  return { sheets: [{ name: 'Return', cells: grid }] };
}

/** Deterministic ~5% of the value cells, three errors to two warnings. */
function failing(input: WorkbookInput): Finding[] {
  const rows = input.sheets[0].cells?.length ?? 0;
  const out: Finding[] = [];
  for (let r = 1; r < rows; r++) {
    for (let c = 2; c < COLUMNS.length; c++) {
      const h = (r * 31 + c * 17) % 100;
      if (h < 5)
        out.push({
          sheet: 'Return',
          cell: a1(r, c),
          rule: 'bench',
          dimension: 'accuracy',
          severity: h < 3 ? 'error' : 'warning',
          ref: null,
          message: '',
        });
    }
  }
  return out;
}

interface Row {
  cells: number;
  step: string;
  syncs: number;
  requestBytes: number;
  responseBytes: number;
  maxResponseBytes: number;
  ms: number;
}

const kb = (n: number) =>
  n < 10_000 ? `${n} B` : n < 10_000_000 ? `${(n / 1024).toFixed(0)} kB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

export async function benchOfficeRows(sizes = [1_000, 10_000, 100_000, 1_000_000]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const size of sizes) {
    const input = benchGrid(size);
    const sim = createSimulator(input).install();
    try {
      const host = createOfficeHost();
      const cells = (input.sheets[0].cells?.length ?? 0) * COLUMNS.length;
      const measure = async (step: string, fn: () => Promise<unknown>) => {
        sim.resetStats();
        const t = performance.now();
        await fn();
        const s = sim.stats;
        rows.push({
          cells,
          step,
          syncs: s.syncs,
          requestBytes: s.requestBytes,
          responseBytes: s.responseBytes,
          maxResponseBytes: Math.max(s.maxResponseBytes, s.maxRequestBytes),
          ms: performance.now() - t,
        });
      };
      await measure('read', () => host.read('sheet'));
      const findings = failing(input);
      await measure(`mark ${findings.length} cells (5%)`, () => host.mark(findings));
      await measure('re-mark (replace)', () => host.mark(findings));
      await measure('clear marks', () => host.clearMarks());
    } finally {
      sim.uninstall();
    }
  }
  return rows;
}

export async function benchOffice(sizes?: number[]): Promise<string> {
  const rows = await benchOfficeRows(sizes);
  const lines = [
    '| cells | step | round trips | request | response | largest single payload | time (simulator) |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.cells.toLocaleString('en-GB')} | ${r.step} | ${r.syncs} | ${kb(r.requestBytes)} | ${kb(r.responseBytes)} | ${kb(r.maxResponseBytes)} | ${r.ms.toFixed(0)} ms |`,
    ),
  ];
  return lines.join('\n');
}

if (require.main === module) {
  benchOffice().then(
    (md) => console.log(md),
    (e) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exitCode = 1;
    },
  );
}
