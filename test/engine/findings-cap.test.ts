/**
 * The engine's cap on kept findings (CheckOptions.findingsKept): the first findings in report
 * order are kept, the summary counts all of them, and findingsFound says how many there were.
 */
import * as fs from 'node:fs';
import { checkWorkbook } from '../../src/engine/check';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import { makeCell } from '../../src/engine/model/cell';
import type { SheetModel } from '../../src/engine/model/sheet';
import { readXlsx } from '../../src/workbook/xlsx/read';
import { REAL_RETURNS, realReturnFile } from '../fixtures/real';

describe('findingsKept', () => {
  const sheets = REAL_RETURNS.flatMap((r) => [
    ...readXlsx(fs.readFileSync(realReturnFile(r.name, 'seeded'))).models.values(),
  ]);
  const all = checkWorkbook(sheets, DEFAULT_CONFIG, { today: '2018-04-20' });

  it('is not set by default: every finding is kept and none is said to be missing', () => {
    expect(all.findings.length).toBeGreaterThan(40);
    expect(all.findingsFound).toBeUndefined();
  });

  it.each([1, 7, 25])('keeps the first %i in report order, counting all', (kept) => {
    const capped = checkWorkbook(sheets, DEFAULT_CONFIG, { today: '2018-04-20', findingsKept: kept });
    expect(capped.findings).toEqual(all.findings.slice(0, kept));
    expect(capped.summary).toEqual(all.summary);
    expect(capped.findingsFound).toBe(all.findings.length);
  });

  it('says nothing when the cap is not reached', () => {
    const capped = checkWorkbook(sheets, DEFAULT_CONFIG, { today: '2018-04-20', findingsKept: all.findings.length });
    expect(capped.findings).toEqual(all.findings);
    expect(capped.findingsFound).toBeUndefined();
  });
});

describe('findingsKept past its margin (the cut and the cutoff)', () => {
  // 3,000 indicators, each with a figure typed as text: thousands of findings, so the engine
  // sorts and cuts while checking and then only counts what sorts after the last one kept.
  const header = ['Ref', 'Indicator description', 'Apr', 'May', 'Jun', 'Target', 'Responsible officer'].map((h) =>
    makeCell(h),
  );
  const rows = Array.from({ length: 3000 }, (_, i) => [
    makeCell(`PI ${i + 1}`),
    makeCell(`Number of requests type ${i + 1}`),
    makeCell(100 + (i % 7)),
    makeCell(`${90 + (i % 5)}`),
    makeCell('N/a'),
    makeCell(i % 2 ? 'ninety' : 95),
    makeCell('Helen Ward'),
  ]);
  const sheet: SheetModel = {
    name: 'PIs',
    top: 0,
    left: 0,
    cells: [[makeCell('Results up to June 2017')], [], header, ...rows],
  };
  const all = checkWorkbook([sheet], DEFAULT_CONFIG, { today: '2017-07-20' });

  it.each([500, 1900])('keeps the first %i of thousands', (kept) => {
    expect(all.findings.length).toBeGreaterThan(kept + 1000);
    const capped = checkWorkbook([sheet], DEFAULT_CONFIG, { today: '2017-07-20', findingsKept: kept });
    expect(capped.findings).toEqual(all.findings.slice(0, kept));
    expect(capped.summary).toEqual(all.summary);
    expect(capped.findingsFound).toBe(all.findings.length);
  });
});
