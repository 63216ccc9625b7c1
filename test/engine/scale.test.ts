import { checkWorkbook } from '../../src/engine/check';
import { makeCell, type Cell } from '../../src/engine/model/cell';
import type { SheetModel } from '../../src/engine/model/sheet';
import { config } from './helpers';

const HEADERS = [
  'Ref',
  'Indicator description',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Year to Date',
  'Target',
  'Floor Standard',
  'RAG',
  'DoT',
  'Compiling officer',
  'Responsible officer',
  'Commentary',
];

/** A large monthly grid built straight as a SheetModel, with one mistake in fifty rows and a duplicate ref in every hundred. */
function bigSheet(rows: number): SheetModel {
  const cells: Cell[][] = [[makeCell('Results up to September 2017')], [], HEADERS.map((h) => makeCell(h))];
  for (let i = 0; i < rows; i++) {
    const pct = i % 2 === 0;
    const fmt = pct ? '0.0%' : '#,##0';
    const base = pct ? 0.9 : 100;
    const months = [0, 1, 2, 3, 4, 5].map((m) =>
      makeCell(pct ? base + ((i + m) % 5) / 100 : base + ((i + m) % 7), fmt),
    );
    const ref = i % 100 === 99 ? `PI${i - 1}` : `PI${i}`;
    cells.push([
      makeCell(ref),
      makeCell(pct ? `Percentage of cases closed ${i}` : `Number of visits ${i}`),
      ...months,
      makeCell(pct ? base : base * 6, fmt),
      makeCell(pct ? 0.9 : 104, fmt),
      makeCell(pct ? 0.85 : 110, fmt),
      makeCell(i % 50 === 7 ? 'RED' : 'GREEN'),
      makeCell('↑'),
      makeCell('Ann Lee'),
      makeCell(i % 50 === 3 ? 'ann lee' : 'Bob Roy'),
      makeCell(''),
    ]);
  }
  return { name: 'Big', top: 0, left: 0, cells };
}

function time(rows: number): { ms: number; findings: number } {
  const s = bigSheet(rows);
  const cfg = config();
  checkWorkbook([s], cfg, { today: '2017-10-30' }); // warm up
  let best = Infinity;
  let findings = 0;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const r = checkWorkbook([s], cfg, { today: '2017-10-30' });
    best = Math.min(best, performance.now() - t);
    findings = r.findings.length;
  }
  return { ms: best, findings };
}

test('checking time grows linearly with the grid (no quadratic step such as pairwise duplicate search)', () => {
  const small = time(2_000);
  const large = time(20_000);
  // The same mix of rows, so about ten times the findings.
  expect(Math.abs(large.findings - small.findings * 10)).toBeLessThan(small.findings * 0.01);
  // Ten times the rows: linear is about ×10, quadratic ×100. Allow for a busy machine.
  expect(large.ms / small.ms).toBeLessThan(30);
});
