import type { CheckResult } from '../../src/engine/check';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import type { Finding } from '../../src/engine/model/finding';
import { summarise } from '../../src/engine/model/finding';
import { CheckedFile, FileOutcome, fileReportJson, indicatorOf, mappingText } from '../../src/cli/outcome';
import { rowKey as indicatorKey } from '../../src/app';
import { csvField, csvReport, neutraliseFormula } from '../../src/cli/report-csv';
import { escapeHtml } from '../../src/app/html-text';
import { htmlReport } from '../../src/cli/report-html';
import { groupByIndicator, textReport, textSummaryReport } from '../../src/cli/report-text';

/** A check result as the engine gives it, written out by hand so each report's exact text can be asserted. */
function checked(file: string, findings: Finding[], extra: Partial<CheckResult> = {}): CheckedFile {
  const result: CheckResult = {
    grids: [],
    gridSummaries: [
      {
        sheet: 'Corporate PIs',
        range: 'A5:Z20',
        headerRow: 5,
        columns: {
          ref: 'A',
          description: 'B',
          'period:Apr': 'E',
          'period:May': 'F',
          'period:Jun': 'G',
          ytd: 'Q',
          target: 'R',
          rag: 'T',
        },
        indicators: 14,
      },
    ],
    findings,
    summary: summarise(findings),
    indicators: 14,
    notices: ["No metric collection grid found on sheet 'Notes'."],
    timeline: { period: '2017-07', asOf: '2017-08-21', deadline: '2017-08-14' },
    ...extra,
  };
  return {
    ok: true,
    file,
    kind: 'xlsx',
    result,
    config: DEFAULT_CONFIG,
    indicators: new Map([
      [indicatorKey('Corporate PIs', 5), { ref: 'CS01', description: '% of invoices paid within 30 days' }],
      [indicatorKey('Corporate PIs', 8), { ref: 'HC04', description: 'Number of complaints' }],
      [indicatorKey('Corporate PIs', 10), { ref: 'HC04', description: 'Number of compliments' }],
      [indicatorKey('Corporate PIs', 11), { ref: null, description: 'Number of FOI requests' }],
    ]),
    timings: { parseMs: 1, modelMs: 1, checkMs: 1 },
  };
}

const f = (
  cell: string | null,
  severity: Finding['severity'],
  rule: string,
  ref: string | null,
  message: string,
): Finding => ({
  sheet: 'Corporate PIs',
  cell,
  rule,
  dimension: rule.startsWith('submitted') || rule === 'signoff-outstanding' ? 'timeliness' : 'accuracy',
  severity,
  ref,
  message,
});

const FINDINGS: Finding[] = [
  f('E6', 'error', 'percent-out-of-range', 'CS01', 'Apr shows 960.0%: a percentage must be between 0% and 100%.'),
  f('T6', 'error', 'rag-mismatch', 'CS01', 'YTD RAG says GREEN but 94% is below the target of 95%: should be AMBER'),
  f('F9', 'error', 'negative-count', 'HC04', 'May is -11: a count cannot be negative.'),
  f('Z11', 'warning', 'submitted-late', 'HC04', 'Submitted 16/08/2017, after the deadline of 14/08/2017.'),
  f(null, 'info', 'signoff-outstanding', null, 'No sign-off recorded yet.'),
];

describe('text report (one file)', () => {
  test('header, findings grouped by indicator row with descriptions, workbook-wide findings last, counts', () => {
    const noRef = f('A12', 'error', 'missing-ref', null, 'No ref for "Number of FOI requests".');
    expect(textReport(checked('melton.xlsx', [...FINDINGS.slice(0, 4), noRef, FINDINGS[4]]))).toBe(
      [
        'File: melton.xlsx',
        "Sheet 'Corporate PIs': grid A5:Z20, header row 5, 14 indicators",
        '  columns: ref A, description B, year to date Q, target R, RAG T, periods Apr–Jun E–G (3)',
        'Period 2017-07 · as of 2017-08-21 · deadline 2017-08-14',
        "Note: No metric collection grid found on sheet 'Notes'.",
        '',
        'CS01 — % of invoices paid within 30 days',
        '  E6    error    percent-out-of-range  Apr shows 960.0%: a percentage must be between 0% and 100%.',
        '  T6    error    rag-mismatch          YTD RAG says GREEN but 94% is below the target of 95%: should be AMBER',
        '',
        'HC04 — Number of complaints',
        '  F9    error    negative-count        May is -11: a count cannot be negative.',
        '',
        'HC04 — Number of compliments',
        '  Z11   warning  submitted-late        Submitted 16/08/2017, after the deadline of 14/08/2017.',
        '',
        '(no ref) — Number of FOI requests',
        '  A12   error    missing-ref           No ref for "Number of FOI requests".',
        '',
        'Not about one indicator',
        '  -     info     signoff-outstanding   No sign-off recorded yet.',
        '',
        'Result: 4 errors, 1 warning, 1 info in 14 indicators',
        '',
      ].join('\n'),
    );
  });

  test('a clean grid says every check passed; a marked copy is reported', () => {
    const o = checked('clean.xlsx', [], { notices: [] });
    o.marked = { out: 'clean-marked.xlsx', cells: 0 };
    const text = textReport(o);
    expect(text).toContain(
      '\nNo findings: every check passed.\n\nResult: 0 errors, 0 warnings, 0 info in 14 indicators\nMarked copy: clean-marked.xlsx (0 cells marked)\n',
    );
  });

  test('groups keep the order of the first finding and put findings about no indicator last', () => {
    const groups = groupByIndicator([FINDINGS[4], FINDINGS[2], FINDINGS[0], FINDINGS[3]]);
    expect(groups.map((g) => [g.ref, g.findings.map((x) => x.cell)])).toEqual([
      ['HC04', ['F9', 'Z11']],
      ['CS01', ['E6']],
      [null, [null]],
    ]);
    const o = checked('m.xlsx', FINDINGS);
    const byRow = groupByIndicator([FINDINGS[4], FINDINGS[2], FINDINGS[0], FINDINGS[3]], (x) => indicatorOf(o, x));
    expect(byRow.map((g) => [g.ref, g.label?.description ?? null, g.findings.map((x) => x.cell)])).toEqual([
      ['HC04', 'Number of complaints', ['F9']],
      ['CS01', '% of invoices paid within 30 days', ['E6']],
      ['HC04', 'Number of compliments', ['Z11']],
      [null, null, [null]],
    ]);
  });

  test('the mapping in words', () => {
    expect(
      mappingText({
        sheet: 'S',
        range: 'A1:C3',
        headerRow: 1,
        columns: { ref: 'A', 'period:Latest Month': 'C' },
        indicators: 2,
      }),
    ).toBe('ref A, period Latest Month C');
  });
});

describe('text report (several files)', () => {
  test('one line per file, unreadable files say why, then totals', () => {
    const outcomes: FileOutcome[] = [
      checked('returns/adult-care.xlsx', FINDINGS),
      checked('returns/clean.xlsx', [], { indicators: 6 }),
      {
        ok: false,
        file: 'returns/locked.xlsx',
        error:
          "cannot read 'returns/locked.xlsx': the file is password-protected (encrypted); save an unprotected copy and try again",
      },
      checked('returns/notes.csv', [], { gridSummaries: [], indicators: 0 }),
    ];
    expect(textSummaryReport(outcomes)).toBe(
      [
        'returns/adult-care.xlsx  FAIL  3 errors, 1 warning, 1 info in 14 indicators',
        'returns/clean.xlsx       ok    0 errors, 0 warnings, 0 info in 6 indicators',
        'returns/locked.xlsx      could not be read: the file is password-protected (encrypted); save an unprotected copy and try again',
        'returns/notes.csv        no metric collection grid found',
        '',
        'Total: 4 files (1 could not be read); 3 errors, 1 warning, 1 info in 20 indicators',
        '',
      ].join('\n'),
    );
  });
});

describe('JSON report', () => {
  test('exactly the DESIGN.md contract: grids, findings, summary and nothing more', () => {
    const json = fileReportJson(checked('melton.xlsx', FINDINGS).result);
    expect(Object.keys(json)).toEqual(['grids', 'findings', 'summary']);
    expect(Object.keys(json.grids[0])).toEqual(['sheet', 'range', 'headerRow', 'columns', 'indicators']);
    expect(json.findings.map((x) => Object.keys(x))).toEqual(
      FINDINGS.map(() => ['sheet', 'cell', 'rule', 'dimension', 'severity', 'ref', 'message']),
    );
    expect(json.findings[0]).toEqual({
      sheet: 'Corporate PIs',
      cell: 'E6',
      rule: 'percent-out-of-range',
      dimension: 'accuracy',
      severity: 'error',
      ref: 'CS01',
      message: 'Apr shows 960.0%: a percentage must be between 0% and 100%.',
    });
    expect(json.findings[4]).toMatchObject({ cell: null, ref: null });
    expect(json.summary).toEqual({ errors: 3, warnings: 1, info: 1 });
  });
});

describe('CSV report', () => {
  test('formula injection is neutralised in every field', () => {
    for (const s of ['=HYPERLINK("http://x")', '+1', '-1+2', '@SUM(A1)', '\tTab', '\rCR'])
      expect(neutraliseFormula(s)).toBe(`'${s}`);
    expect(neutraliseFormula('PI 01')).toBe('PI 01');
    expect(csvField('=1+2,"x"')).toBe('"\'=1+2,""x"""');
    expect(csvField(null)).toBe('');
  });

  test('one row per finding with a header, CRLF line ends; a file column with several files', () => {
    const evil = f('B7', 'error', 'unrecognised-text', "=cmd|'/C calc'!A0", 'Holds "=cmd", not a number');
    const one = csvReport([checked('m.xlsx', [FINDINGS[1], evil])], false);
    expect(one).toBe(
      [
        'sheet,cell,rule,dimension,severity,ref,message',
        'Corporate PIs,T6,rag-mismatch,accuracy,error,CS01,YTD RAG says GREEN but 94% is below the target of 95%: should be AMBER',
        'Corporate PIs,B7,unrecognised-text,accuracy,error,\'=cmd|\'/C calc\'!A0,"Holds ""=cmd"", not a number"',
        '',
      ].join('\r\n'),
    );
    const several = csvReport([checked('a.xlsx', [FINDINGS[0]]), { ok: false, file: 'b.xlsx', error: 'x' }], true);
    expect(several.split('\r\n')).toEqual([
      'file,sheet,cell,rule,dimension,severity,ref,message',
      'a.xlsx,Corporate PIs,E6,percent-out-of-range,accuracy,error,CS01,Apr shows 960.0%: a percentage must be between 0% and 100%.',
      '',
    ]);
  });
});

describe('HTML report', () => {
  const hostile = f(
    'C8',
    'error',
    'unrecognised-text',
    '<script>alert(1)</script>',
    'Holds "<img src=x onerror=alert(1)>" & more',
  );
  const page = htmlReport(
    [checked('<b>melton</b>.xlsx', [...FINDINGS, hostile])],
    new Date('2017-08-21T09:00:00Z'),
    false,
  );

  test('self-contained: inline CSS, no scripts, no external links or resources', () => {
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(page).toContain('<style>');
    expect(page).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    expect(page).not.toMatch(/<[a-z][^>]*\s(src|href|on\w+)=/i); // no attribute loads or runs anything
    expect(page).not.toMatch(/@import|url\(/i);
  });

  test('every string from the workbook is escaped', () => {
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('Holds &quot;&lt;img src=x onerror=alert(1)&gt;&quot; &amp; more');
    expect(page).toContain('File: &lt;b&gt;melton&lt;/b&gt;.xlsx');
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });

  test('summary counts, then a findings table row per finding with its cell', () => {
    expect(page).toContain(
      '<li class="error"><strong>4</strong>errors</li><li class="warning"><strong>1</strong>warning</li><li><strong>1</strong>info</li><li><strong>14</strong>indicators checked</li>',
    );
    const rows = page.match(/<tr class="(error|warning|info)">/g) ?? [];
    expect(rows).toHaveLength(6);
    expect(page).toContain(
      '<tr class="error"><td>Corporate PIs</td><td class="cell">T6</td><td class="sev">error</td><td>CS01 — % of invoices paid within 30 days</td><td>YTD RAG says GREEN but 94% is below the target of 95%: should be AMBER</td><td>rag-mismatch</td><td>accuracy</td></tr>',
    );
    expect(page).toContain('@media print');
    expect(page.indexOf('class="counts"')).toBeLessThan(page.indexOf('<h3>Findings</h3>'));
  });

  test('several files: an overview table, then a section per file', () => {
    const multi = htmlReport(
      [checked('a.xlsx', FINDINGS), { ok: false, file: 'b.xlsx', error: "cannot read 'b.xlsx': the file is empty" }],
      new Date('2017-08-21T09:00:00Z'),
      true,
    );
    expect(multi).toContain('<h2>Summary</h2>');
    expect(multi).toContain('<tr><td>a.xlsx</td><td>3</td><td>1</td><td>1</td><td>14</td><td>errors to fix</td></tr>');
    expect(multi).toContain('<td class="unusable">cannot read &#39;b.xlsx&#39;: the file is empty</td>');
  });
});
