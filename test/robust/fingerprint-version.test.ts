/**
 * Issue #12 item 3 at the sign-off layer: fingerprint version 2 covers value, formula text
 * and number format; signatures made with version 1 (values only) still verify against
 * unchanged figures and go stale when a value changes, naming the indicator.
 */
import { canonicalCellV2, fingerprintGrids, FINGERPRINT_VERSION } from '../../src/signoff/fingerprint';
import { currentFigures, signOffState } from '../../src/signoff/state';
import { chainRecords, type RecordDraft } from '../../src/signoff/trail';
import { makeCell } from '../../src/engine/model/cell';
import { performanceSheet } from '../signoff/helpers';

function signedWith(fingerprint: string, indicatorHashes: Record<string, string> | undefined) {
  const draft: RecordDraft = {
    type: 'sign',
    at: '2017-08-10T09:00:00.000Z',
    actor: { name: 'Ann Smith', source: 'typed' },
    payload: {
      role: 'compiler',
      statement: 'I confirm …',
      fingerprint,
      indicatorHashes,
      sheets: ['Performance'],
      check: { seq: 1, counts: { errors: 0, warnings: 0, info: 0, indicators: 4 }, configDigest: '0'.repeat(64) },
      acknowledgements: [],
    },
  } as RecordDraft;
  return chainRecords(null, [draft]);
}

describe('fingerprint version 2', () => {
  test('is the version written, and covers formula text and number format', () => {
    expect(FINGERPRINT_VERSION).toBe('outturn-fingerprint/2');
    expect(canonicalCellV2(makeCell(0.97, 'General'))).toBe('n:0.97');
    expect(canonicalCellV2(makeCell(0.97, '0.0%'))).toEqual(['n:0.97', '0.0%', '']);
    expect(canonicalCellV2(makeCell(0.97, '0.0%', '=0.5'))).toEqual(['n:0.97', '0.0%', '=0.5']);
    expect(canonicalCellV2(makeCell(0.97, '"50%"'))).toEqual(['n:0.97', '"50%"', '']);
    // Dates: the ISO value only, since Office.js and ExcelJS spell built-in date formats differently.
    expect(canonicalCellV2(makeCell(42957, 'dd/mm/yyyy'))).toBe('d:2017-08-10');
    expect(canonicalCellV2(makeCell(null, '0%'))).toBeNull();
  });

  test('a figure replaced by a formula with the same cached result, or re-formatted, is a different fingerprint', () => {
    const base = performanceSheet();
    const a = fingerprintGrids([base.grid], [base.sheet]);
    const withFormula = performanceSheet({ F4: 0.45 });
    withFormula.sheet.cells[3][5] = makeCell(0.45, '0%', '=0.5');
    expect(fingerprintGrids([withFormula.grid], [withFormula.sheet]).hash).not.toBe(a.hash);
    const reformatted = performanceSheet();
    reformatted.sheet.cells[3][5] = makeCell(0.45, '"50%"');
    const b = fingerprintGrids([reformatted.grid], [reformatted.sheet]);
    expect(b.hash).not.toBe(a.hash);
    expect(b.legacy!.hash).toBe(a.legacy!.hash); // version 1 could not tell
    expect(a.coverage).toEqual([
      { sheet: 'Performance', range: 'A3:K7', header: expect.stringMatching(/^[0-9a-f]{16}$/) },
    ]);
  });

  test('a signature made with version 1 stays current on unchanged figures, and goes stale naming the indicator', () => {
    const { sheet, grid } = performanceSheet();
    const fp = fingerprintGrids([grid], [sheet]);
    const records = signedWith(fp.legacy!.hash, fp.legacy!.indicators);
    expect(signOffState(records, currentFigures(fp, ['Performance']))[0].status).toBe('signed');

    const changed = performanceSheet({ F5: 12.9 });
    const now = fingerprintGrids([changed.grid], [changed.sheet]);
    const [compiler] = signOffState(records, currentFigures(now, ['Performance']));
    expect(compiler.status).toBe('stale');
    expect(compiler.staleReasons).toEqual(['Figures changed since signed.']);
    expect(compiler.changes).toEqual({ changed: ['Performance|PI 2'], added: [], removed: [] });
  });

  test('a version 2 signature names the indicator whose format changed', () => {
    const { sheet, grid } = performanceSheet();
    const fp = fingerprintGrids([grid], [sheet]);
    const records = signedWith(fp.hash, fp.indicators);
    const re = performanceSheet();
    re.sheet.cells[3][5] = makeCell(0.45, '"50%"');
    const [compiler] = signOffState(records, currentFigures(fingerprintGrids([re.grid], [re.sheet]), ['Performance']));
    expect(compiler.status).toBe('stale');
    expect(compiler.changes).toEqual({ changed: ['Performance|PI 1'], added: [], removed: [] });
  });
});
