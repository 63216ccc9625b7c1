import { cellFromCsvField, decodeText, parseCsv, sheetFromCsv } from '../../src/workbook/csv';
import { isoDateToSerial } from '../../src/engine/model/cell';

describe('CSV parsing', () => {
  test('quotes, doubled quotes, separators and line breaks inside quotes, CRLF', () => {
    const text =
      'Ref,Description,Commentary\r\nPI 01,"Invoices paid, within 30 days","Said ""late"" twice\r\non two lines"\r\nPI 02,Complaints,\r\n';
    expect(parseCsv(text)).toEqual([
      ['Ref', 'Description', 'Commentary'],
      ['PI 01', 'Invoices paid, within 30 days', 'Said "late" twice\r\non two lines'],
      ['PI 02', 'Complaints', ''],
    ]);
  });

  test('a last line without a newline, and semicolon-separated files from other locales', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('Ref;Value;Note\nPI 1;0,95;"a;b"\n')).toEqual([
      ['Ref', 'Value', 'Note'],
      ['PI 1', '0,95', 'a;b'],
    ]);
  });

  test('UTF-8 BOM is dropped; UTF-16LE (Excel "Unicode text") is decoded', () => {
    expect(decodeText(Buffer.from('\ufeffRef,Value\n', 'utf8'))).toBe('Ref,Value\n');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Ref\tDoT\nPI 1\t↑\n', 'utf16le')]);
    expect(parseCsv(decodeText(utf16))).toEqual([
      ['Ref', 'DoT'],
      ['PI 1', '↑'],
    ]);
  });
});

describe('CSV fields become the cells Excel would make of them', () => {
  test('numbers, grouped numbers and pounds', () => {
    expect(cellFromCsvField('42')).toEqual({ kind: 'number', value: 42, format: 'General', formula: false });
    expect(cellFromCsvField('-3.5')).toMatchObject({ kind: 'number', value: -3.5 });
    expect(cellFromCsvField('1,234')).toEqual({ kind: 'number', value: 1234, format: '#,##0', formula: false });
    expect(cellFromCsvField('£1,250.50')).toMatchObject({ kind: 'number', value: 1250.5, format: '"£"#,##0.00' });
  });

  test('"95%" is the fraction 0.95 with a percentage format; "95 %" stays text for the checks to flag', () => {
    expect(cellFromCsvField('95%')).toEqual({ kind: 'number', value: 0.95, format: '0%', formula: false });
    expect(cellFromCsvField('72.5%')).toEqual({ kind: 'number', value: 0.725, format: '0.0%', formula: false });
    expect(cellFromCsvField('95 %')).toEqual({ kind: 'text', value: '95 %', format: 'General', formula: false });
  });

  test('UK dates dd/mm/yyyy and ISO dates become date serials; impossible dates stay text', () => {
    expect(cellFromCsvField('10/08/2017')).toEqual({
      kind: 'date',
      value: isoDateToSerial('2017-08-10'),
      format: 'dd/mm/yyyy',
      formula: false,
    });
    expect(cellFromCsvField('2017-08-10')).toMatchObject({ kind: 'date', value: isoDateToSerial('2017-08-10') });
    expect(cellFromCsvField('31/02/2017')).toMatchObject({ kind: 'text', value: '31/02/2017' });
  });

  test('annotations, refs with leading zeros, booleans and Excel error codes', () => {
    expect(cellFromCsvField('N/a')).toMatchObject({ kind: 'text', value: 'N/a' });
    expect(cellFromCsvField('Snapshot data')).toMatchObject({ kind: 'text', value: 'Snapshot data' });
    expect(cellFromCsvField('-')).toMatchObject({ kind: 'text', value: '-' });
    expect(cellFromCsvField('007')).toMatchObject({ kind: 'text', value: '007' });
    expect(cellFromCsvField('TRUE')).toMatchObject({ kind: 'boolean', value: true });
    expect(cellFromCsvField('#DIV/0!')).toEqual({ kind: 'error', value: '#DIV/0!', format: 'General', formula: false });
    expect(cellFromCsvField('')).toMatchObject({ kind: 'empty', value: null });
  });

  test('a CSV file becomes one sheet named after the file, anchored at A1', () => {
    const s = sheetFromCsv('q1-returns', 'Ref,Value\nPI 01,95%\n');
    expect(s).toMatchObject({ name: 'q1-returns', top: 0, left: 0 });
    expect(s.cells[1][1]).toMatchObject({ kind: 'number', value: 0.95, format: '0%' });
  });
});
