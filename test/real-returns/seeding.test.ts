/**
 * The corpus keeps its own books: in every folder of test/fixtures/real/, the seeded copy
 * differs from the faithful copy in exactly the cells expected.json lists as seeded, and in
 * nothing else (values, formulas and number formats compared). So "exactly the seeded
 * findings" in real-returns.test.ts means what it says, and no seed was forgotten or
 * written to the wrong cell. Passes on any engine: it reads the files, not the findings.
 */
import ExcelJS from 'exceljs';
import * as path from 'node:path';
import { REAL_RETURNS } from '../fixtures/real';

async function cellsOf(file: string): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const cells = new Map<string, string>();
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (c) => {
        if (c.isMerged && c.master !== c) return;
        const value = c.value === null || c.value === undefined || c.value === '' ? null : c.value;
        if (value === null) return;
        cells.set(`${ws.name}!${c.address}`, JSON.stringify({ value, numFmt: c.numFmt ?? null }));
      });
    });
  }
  return cells;
}

describe.each(REAL_RETURNS.map((r) => [r.name, r] as const))('%s', (_name, fixture) => {
  test('the seeded copy differs from the faithful copy in the seeded cells only', async () => {
    const faithful = await cellsOf(path.join(fixture.dir, 'faithful.xlsx'));
    const seeded = await cellsOf(path.join(fixture.dir, 'seeded.xlsx'));
    const changed = new Set<string>();
    for (const k of new Set([...faithful.keys(), ...seeded.keys()]))
      if (faithful.get(k) !== seeded.get(k)) changed.add(k);
    const listed = new Set(fixture.expected.seededFindings.map((f) => `${f.sheet}!${f.cell}`));
    expect([...changed].sort()).toEqual([...listed].sort());
    // The faithful copy really holds a grid's worth of figures on every sheet a seed names.
    for (const f of fixture.expected.seededFindings) {
      expect([...faithful.keys()].some((k) => k.startsWith(`${f.sheet}!`))).toBe(true);
    }
  });
});
