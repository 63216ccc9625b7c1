import { a1, columnIndex, columnLetters, parseA1, parseRangeA1, rangeA1 } from '../../src/engine/model/address';
import { cellText, formatNumber, grouped } from '../../src/engine/format';
import { isoDateToSerial } from '../../src/engine/model/cell';
import { isOutturnMark, MARK_FORMULA, storedMarkFormula, storedMarkLook } from '../../src/engine/mark-convention';
import { isOwnSheet, SETTINGS_SHEET, TRAIL_SHEET } from '../../src/engine/own-sheets';
import { isInternalSheet } from '../../src/workbook/settings';

describe('A1 addressing (the one copy)', () => {
  test('column letters and numbers round-trip across the one-, two- and three-letter boundaries', () => {
    for (const col of [0, 25, 26, 51, 52, 701, 702, 16_383]) expect(columnIndex(columnLetters(col))).toBe(col);
    expect([columnLetters(0), columnLetters(25), columnLetters(26), columnLetters(16_383)]).toEqual([
      'A',
      'Z',
      'AA',
      'XFD',
    ]);
  });

  test('cells and ranges', () => {
    expect(a1(6, 7)).toBe('H7');
    expect(parseA1('$H$7')).toEqual({ row: 6, col: 7 });
    expect(parseA1('H')).toBeNull();
    expect(rangeA1(2, 1, 8, 3)).toBe('B3:D9');
    expect(parseRangeA1("'Q1 Return'!B3:D9")).toEqual({ top: 2, left: 1, bottom: 8, right: 3 });
    expect(parseRangeA1('C4')).toEqual({ top: 3, left: 2, bottom: 3, right: 2 });
    expect(parseRangeA1('B3:')).toBeNull();
  });
});

describe('the mark convention', () => {
  test('a mark is recognised as Office.js gives it, as a file stores it, and as Excel may re-space it', () => {
    expect(isOutturnMark(MARK_FORMULA.error)).toBe(true);
    expect(isOutturnMark(storedMarkFormula('warning'))).toBe(true);
    expect(storedMarkFormula('error')).toBe('N("outturn:error")=0');
    expect(isOutturnMark('=n( "OUTTURN:error" )=0')).toBe(true);
  });

  test("the user's own rules are never taken for marks", () => {
    for (const f of ['=C2>1', '=N("error")=0', '=ISBLANK(C2)', '', null, undefined])
      expect(isOutturnMark(f)).toBe(false);
  });

  test('one look, written as #RRGGBB for Office.js and as opaque ARGB for the file format', () => {
    expect(storedMarkLook('error')).toEqual({ fill: 'FFFFC7CE', font: 'FF9C0006' });
    expect(storedMarkLook('warning')).toEqual({ fill: 'FFFFEB9C', font: 'FF9C5700' });
  });
});

describe("Outturn's own sheets", () => {
  test('the storage sheets, in any case, and nothing else', () => {
    expect([SETTINGS_SHEET, TRAIL_SHEET, 'outturnsettings', 'OUTTURN notes'].every(isOwnSheet)).toBe(true);
    expect(['Corporate PIs', 'Q1 Outturn', 'Sheet1'].some(isOwnSheet)).toBe(false);
  });

  test('the checks also leave out very hidden sheets', () => {
    expect(isInternalSheet({ name: 'Lookups', state: 'veryHidden' })).toBe(true);
    expect(isInternalSheet({ name: 'Lookups', state: 'hidden' })).toBe(false);
    expect(isInternalSheet({ name: TRAIL_SHEET, state: 'visible' })).toBe(true);
  });
});

describe('number formats', () => {
  test('cell text as Excel shows it: its rounding, separators, prefixes, negatives and dates', () => {
    expect(cellText(20.95, '0.0')).toBe('21.0');
    expect(cellText(0.9033, '0%')).toBe('90%');
    expect(cellText(1234.5, '#,##0')).toBe('1,235');
    expect(cellText(-1234.5, '£#,##0.00')).toBe('-£1,234.50');
    expect(cellText(isoDateToSerial('2017-08-16'), 'd-mmm-yy')).toBe('16-Aug-17');
    expect(cellText(0.1 + 0.2, 'General')).toBe('0.3');
    expect(cellText(1e-7, '0.00')).toBe('0.00');
  });

  test('figures in sentences keep their own form: dates always dd/mm/yyyy', () => {
    expect(formatNumber(isoDateToSerial('2017-08-16'), 'd-mmm-yy')).toBe('16/08/2017');
    expect(formatNumber(0.69, '0%')).toBe('69%');
  });
});

describe('grouped: whole numbers with thousands separators, without loading the locale data', () => {
  test('the same text as en-GB would write', () => {
    for (const n of [0, 7, 999, 1000, 12345, 1048575, -2500, 300000000])
      expect(grouped(n)).toBe(n.toLocaleString('en-GB'));
    expect(grouped(12.5)).toBe('12.5');
  });
});
