import type { Finding, Severity } from '../../src/engine/model/finding';
import { compareFindings, findingRows } from '../../src/taskpane/findings-view';
import { isDarkColour } from '../../src/taskpane/theme';
import { showCell } from '../../src/workbench/format';
import { isoDateToSerial } from '../../src/engine/model/cell';

const f = (cell: string | null, severity: Severity, dimension: Finding['dimension'], ref: string | null, rule = 'r'): Finding => ({
  sheet: 'Corporate PIs', cell, severity, dimension, ref, rule, message: `${rule} at ${cell}`,
});

const ALL = new Set<Severity>(['error', 'warning', 'info']);

describe('findings list rows', () => {
  const findings = [
    f('T6', 'error', 'accuracy', 'CS01', 'rag-mismatch'),
    f('G8', 'error', 'accuracy', 'CS03', 'number-stored-as-text'),
    f('W10', 'error', 'completeness', 'CS05', 'missing-owner'),
    f('Z11', 'warning', 'timeliness', 'CS06', 'submitted-late'),
    f('Y15', 'warning', 'completeness', 'HC01', 'missing-commentary'),
    f(null, 'info', 'timeliness', null, 'signoff-outstanding'),
  ].sort(compareFindings);

  test('sorts whole-workbook findings first, then by row and column', () => {
    expect(findings.map((x) => x.cell)).toEqual([null, 'T6', 'G8', 'W10', 'Z11', 'Y15']);
  });

  test('groups by dimension in a fixed order, leaving empty groups out', () => {
    const rows = findingRows(findings, ALL, 'dimension');
    expect(rows.map((r) => (r.kind === 'group' ? `# ${r.title} (${r.count})` : r.finding.cell))).toEqual([
      '# Accuracy and validity (2)', 'T6', 'G8',
      '# Completeness (2)', 'W10', 'Y15',
      '# Timeliness (2)', null, 'Z11',
    ]);
  });

  test('groups by indicator in grid order, and filters by severity', () => {
    const rows = findingRows(findings, new Set<Severity>(['warning', 'info']), 'indicator');
    expect(rows.map((r) => (r.kind === 'group' ? `# ${r.title}` : r.finding.cell))).toEqual([
      '# Whole workbook', null, '# CS06', 'Z11', '# HC01', 'Y15',
    ]);
    expect(findingRows(findings, new Set(), 'indicator')).toEqual([]);
  });

  test('2,000 findings flatten quickly into one row each plus headings', () => {
    const many = Array.from({ length: 2000 }, (_, i) => f(`H${i + 5}`, i % 3 === 0 ? 'warning' : 'error', 'accuracy', `PI${i}`));
    const t0 = performance.now();
    const rows = findingRows(many, ALL, 'indicator');
    expect(performance.now() - t0).toBeLessThan(200);
    expect(rows.length).toBe(4000);
  });
});

describe('theme', () => {
  test('Office dark body colours give the dark theme, light ones the light theme', () => {
    expect(isDarkColour('#1f1f1f')).toBe(true);
    expect(isDarkColour('#292929')).toBe(true);
    expect(isDarkColour('#ffffff')).toBe(false);
    expect(isDarkColour('#e6e6e6')).toBe(false);
    expect(isDarkColour(undefined)).toBe(false);
  });
});

describe('workbench cell text', () => {
  test('shows percentages, dates, counts and errors as Excel would', () => {
    expect(showCell(0.94, '0.0%')).toEqual({ text: '94.0%', align: 'right' });
    expect(showCell(0.9033, '0%').text).toBe('90%');
    expect(showCell(isoDateToSerial('2017-08-16'), 'dd/mm/yyyy')).toEqual({ text: '16/08/2017', align: 'right' });
    expect(showCell(1234.5, '#,##0').text).toBe('1,235');
    expect(showCell(-11, '#,##0').text).toBe('-11');
    expect(showCell(20.95, '0.0').text).toBe('21.0');
    expect(showCell('#DIV/0!', '0.0%', true)).toEqual({ text: '#DIV/0!', align: 'center' });
    expect(showCell('93 %', '0.0%')).toEqual({ text: '93 %', align: 'left' });
    expect(showCell(0.1 + 0.2)).toEqual({ text: '0.3', align: 'right' });
  });
});
