import type { Finding, Severity } from '../../src/engine/model/finding';
import { type FindingRow, compareFindings, findingPlace, findingRows } from '../../src/taskpane/findings-view';
import { isDarkColour } from '../../src/taskpane/theme';
import { showCell } from '../../src/workbench/format';
import { isoDateToSerial } from '../../src/engine/model/cell';

const f = (
  cell: string | null,
  severity: Severity,
  dimension: Finding['dimension'],
  ref: string | null,
  rule = 'r',
): Finding => ({
  sheet: 'Corporate PIs',
  cell,
  severity,
  dimension,
  ref,
  rule,
  message: `${rule} at ${cell}`,
});

const label = (rows: FindingRow[]) =>
  rows.map((r) =>
    r.kind === 'group'
      ? `# ${r.title}${r.detail ? ` - ${r.detail}` : ''} (${r.count})${r.collapsed ? ' +' : ''}`
      : `${r.finding.cell}${r.also.length ? ` x${r.also.length + 1}` : ''}`,
  );

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
    expect(label(findingRows(findings, { show: 'all', groupBy: 'dimension' }))).toEqual([
      '# Accuracy and validity (2)',
      'T6',
      'G8',
      '# Completeness (2)',
      'W10',
      'Y15',
      '# Timeliness (2)',
      'null',
      'Z11',
    ]);
  });

  test('"Errors" shows errors only; "Warnings" warnings only; nothing matching gives no rows', () => {
    const errors = findingRows(findings, { show: 'error', groupBy: 'dimension' }).filter((r) => r.kind === 'finding');
    expect(errors.map((r) => r.kind === 'finding' && r.finding.severity)).toEqual(['error', 'error', 'error']);
    expect(label(findingRows(findings, { show: 'warning', groupBy: 'indicator' }))).toEqual([
      '# CS06 (1)',
      'Z11',
      '# HC01 (1)',
      'Y15',
    ]);
    expect(
      findingRows(
        findings.filter((x) => x.severity !== 'info'),
        { show: 'info', groupBy: 'rule' },
      ),
    ).toEqual([]);
  });

  test('indicator groups are headed by ref and description; a finding with no indicator is the whole workbook', () => {
    const rows = findingRows(findings, {
      show: 'all',
      groupBy: 'indicator',
      words: {
        description: (sheet, ref) =>
          sheet === 'Corporate PIs' && ref === 'CS01' ? 'Percentage of calls answered' : undefined,
      },
    });
    expect(label(rows).slice(0, 4)).toEqual([
      '# Whole workbook (1)',
      'null',
      '# CS01 - Percentage of calls answered (1)',
      'T6',
    ]);
  });

  test('rule groups use the catalogue title; sheet groups the sheet name', () => {
    const rows = findingRows(findings, {
      show: 'error',
      groupBy: 'rule',
      words: { ruleTitle: (id) => (id === 'rag-mismatch' ? 'RAG agrees with the figures' : id) },
    });
    expect(label(rows)[0]).toBe('# RAG agrees with the figures (1)');
    const other = { ...findings[1], sheet: 'Adult care', cell: 'C4' };
    expect(label(findingRows([...findings, other].sort(compareFindings), { show: 'error', groupBy: 'sheet' }))).toEqual(
      ['# Adult care (1)', 'C4', '# Corporate PIs (3)', 'T6', 'G8', 'W10'],
    );
  });

  test('many identical findings are one row with a count, and a long group starts collapsed until toggled', () => {
    const same = Array.from({ length: 3000 }, (_, i): Finding => ({
      sheet: 'Large return',
      cell: `J${i + 4}`,
      rule: 'rag-mismatch',
      dimension: 'accuracy',
      severity: 'error',
      ref: `PI ${i}`,
      message:
        'RAG says GREEN but 93.0% is between the floor standard of 90.0% and the target of 95.0%: should be AMBER.',
    }));
    const byRule = findingRows(same, { show: 'all', groupBy: 'rule' });
    expect(label(byRule)).toEqual(['# rag-mismatch (3000)', 'J4 x3000']);
    const row = byRule[1];
    expect(row.kind === 'finding' && row.also.map((x) => x.cell).slice(0, 2)).toEqual(['J5', 'J6']);
    // By indicator every group is one finding: 3,000 short groups, none collapsed.
    expect(findingRows(same, { show: 'all', groupBy: 'indicator', defaultCollapsedAbove: 50 }).length).toBe(6000);
    const distinct = same.map((x, i) => ({ ...x, message: `${x.message} (${i})` }));
    expect(label(findingRows(distinct, { show: 'all', groupBy: 'rule', defaultCollapsedAbove: 50 }))).toEqual([
      '# rag-mismatch (3000) +',
    ]);
    const opened = findingRows(distinct, {
      show: 'all',
      groupBy: 'rule',
      defaultCollapsedAbove: 50,
      toggled: new Set(['r:rag-mismatch']),
    });
    expect(opened.length).toBe(3001);
    const shut = findingRows(findings, { show: 'all', groupBy: 'dimension', toggled: new Set(['accuracy']) });
    expect(label(shut)[0]).toBe('# Accuracy and validity (2) +');
    expect(label(shut)[1]).toBe('# Completeness (2)');
  });

  test('2,000 findings on 2,000 indicators flatten into one row each plus headings', () => {
    // (Speed is measured by npm run bench, not here.)
    const many = Array.from({ length: 2000 }, (_, i) =>
      f(`H${i + 5}`, i % 3 === 0 ? 'warning' : 'error', 'accuracy', `PI${i}`),
    );
    const rows = findingRows(many, { show: 'all', groupBy: 'indicator' });
    expect(rows.length).toBe(4000);
  });

  test('a finding says where it is: the cell, the sheet only when several were checked, "Whole workbook" with no cell', () => {
    expect(findingPlace(findings[1], false)).toBe('T6');
    expect(findingPlace(findings[1], true)).toBe('Corporate PIs · T6');
    expect(findingPlace(findings[0], false)).toBe('Whole workbook');
    expect(findingPlace(findings[0], true)).toBe('Corporate PIs · Whole workbook');
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
