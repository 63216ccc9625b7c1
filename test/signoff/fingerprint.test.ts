import { canonicalCell, compareIndicators, fingerprintGrids, describeChanges } from '../../src/signoff/fingerprint';
import { makeCell, isoDateToSerial } from '../../src/engine/model/cell';
import { performanceSheet } from './helpers';

describe('canonical cells', () => {
  test('each kind has one canonical text', () => {
    expect(canonicalCell(makeCell(0.45, '0%'))).toBe('n:0.45');
    expect(canonicalCell(makeCell(-0, 'General'))).toBe('n:0');
    expect(canonicalCell(makeCell(1e21))).toBe('n:1e+21');
    expect(canonicalCell(makeCell(isoDateToSerial('2017-08-09'), 'dd/mm/yyyy'))).toBe('d:2017-08-09');
    // ExcelJS gives a Date (millisecond-rounded), Office.js the raw serial: both canonicalise alike.
    expect(canonicalCell(makeCell(new Date(Date.UTC(2017, 7, 9, 12, 30)), 'dd/mm/yyyy hh:mm'))).toBe(
      'd:2017-08-09T12:30:00',
    );
    expect(canonicalCell(makeCell(isoDateToSerial('2017-08-09') + 0.5208333333333334, 'dd/mm/yyyy hh:mm'))).toBe(
      'd:2017-08-09T12:30:00',
    );
    expect(canonicalCell(makeCell('Cafe\u0301 ', 'General'))).toBe('t:Café ');
    expect(canonicalCell(makeCell('line\r\nbreak'))).toBe('t:line\nbreak');
    expect(canonicalCell(makeCell('#div/0!', 'General', true, true))).toBe('e:#DIV/0!');
    expect(canonicalCell(makeCell(true))).toBe('b:true');
    expect(canonicalCell(makeCell(null, '0%'))).toBeNull();
  });
});

describe('grid fingerprint', () => {
  const fp = (o?: Record<string, unknown>) => {
    const { sheet, grid } = performanceSheet(o);
    return fingerprintGrids([grid], [sheet]);
  };

  test('same figures, same fingerprint; a formula flag without its text does not count, a number format does (version 2)', () => {
    const a = fp();
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.count).toBe(4);
    expect(Object.keys(a.indicators!)).toEqual([
      'Performance|PI 1',
      'Performance|PI 2',
      'Performance|PI 3',
      'Performance|PI 4',
    ]);
    expect(fp().hash).toBe(a.hash);
    const { sheet, grid } = performanceSheet();
    sheet.cells[3][2] = { ...sheet.cells[3][2]!, formula: true };
    expect(fingerprintGrids([grid], [sheet]).hash).toBe(a.hash);
    sheet.cells[3][2] = { ...sheet.cells[3][2]!, format: '0.0%' };
    expect(fingerprintGrids([grid], [sheet]).hash).not.toBe(a.hash);
    expect(fingerprintGrids([grid], [sheet]).legacy!.hash).toBe(a.legacy!.hash);
  });

  test('a changed value, a text annotation or a title change are told apart', () => {
    const a = fp();
    const b = fp({ F5: 12.5 });
    expect(b.hash).not.toBe(a.hash);
    expect(compareIndicators(a.indicators!, b.indicators!)).toEqual({
      changed: ['Performance|PI 2'],
      added: [],
      removed: [],
    });
    expect(fp({ F5: '12.4' }).hash).not.toBe(a.hash); // a number typed as text is a different value
    expect(fp({ A1: 'Results up to August 2017' }).hash).toBe(a.hash); // titles sit outside the grid
    expect(fp({ C3: 'April' }).hash).not.toBe(a.hash); // the header row is part of it
  });

  test('duplicate and missing refs still get distinct keys', () => {
    const { sheet, grid } = performanceSheet({ A6: 'PI 2', A7: null });
    const f = fingerprintGrids([grid], [sheet]);
    expect(Object.keys(f.indicators!)).toEqual([
      'Performance|PI 1',
      'Performance|PI 2',
      'Performance|PI 2 (2)',
      'Performance|row 7',
    ]);
    expect(describeChanges({ changed: ['Performance|PI 2'], added: ['Performance|PI 9'], removed: [] })).toBe(
      'Changed: PI 2. Added: PI 9.',
    );
  });

  test('100,000 indicator rows fingerprint without per-indicator hashes in the signature', () => {
    const cells = [[makeCell('Ref'), makeCell('Indicator'), makeCell('Apr'), makeCell('May'), makeCell('Target')]];
    for (let i = 0; i < 100_000; i++)
      cells.push([
        makeCell(`PI ${i}`),
        makeCell(`Indicator number ${i}`),
        makeCell(i / 7, '0%'),
        makeCell(i * 3),
        makeCell(0.5, '0%'),
      ]);
    const sheet = { name: 'Big', top: 0, left: 0, cells };
    const grid = {
      sheet: 'Big',
      headerRow: 0,
      top: 0,
      left: 0,
      bottom: 100_000,
      right: 4,
      headers: {},
      columns: { ref: 0 },
      periods: [],
      indicatorRows: Array.from({ length: 100_000 }, (_, i) => i + 1),
      titles: [],
      mappingSource: {},
    };
    // Its time is the benchmark's to measure (docs/BENCHMARKS.md), not a test's to assert.
    const f = fingerprintGrids([grid], [sheet]);
    expect(f.count).toBe(100_000);
    expect(f.indicators).toBeUndefined();
  });
});
