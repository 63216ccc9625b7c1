/**
 * Issue #7 evidence: real published performance returns, rebuilt as .xlsx by several writers
 * (openpyxl, XlsxWriter, LibreOffice), checked by the real CLI (`outturn check --format json`).
 *
 * For every folder under test/fixtures/real/ (see SOURCES.md there):
 *  - the faithful copy gives no error at all, and exactly the warnings listed in
 *    expected.json (`faithfulWarnings`: where the measure's kind cannot be told);
 *  - the seeded copy gives exactly the seeded findings (sheet, cell, rule, severity), plus
 *    the faithful copy's warnings, and nothing more.
 *
 * The one finding left out of both comparisons is `signoff-outstanding`: it names no cell,
 * says the workbook is unsigned after its deadline, and is true of every published return
 * rebuilt here (none carries an Outturn trail). test/cli/signoff-outstanding.test.ts covers it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../cli/helpers';
import { REAL_RETURNS, type RealReturn } from '../fixtures/real';

interface Finding {
  sheet: string;
  cell: string | null;
  rule: string;
  severity: string;
  message: string;
}

/** sheet!cell rule severity: one line per finding, sorted, so a failure shows the whole difference. */
const key = (f: { sheet: string; cell: string | null; rule: string; severity: string }) => `${f.sheet}!${f.cell ?? '-'} ${f.rule} ${f.severity}`;

async function findingsOf(fixture: RealReturn, file: string): Promise<Finding[]> {
  const full = path.join(fixture.dir, file);
  expect(fs.existsSync(full)).toBe(true);
  const result = await run(['check', full, '--format', 'json', ...fixture.expected.args], { now: fixture.expected.now });
  expect(result.stderr).toBe('');
  expect([0, 1]).toContain(result.code);
  const report = JSON.parse(result.stdout) as { grids: unknown[]; findings: Finding[] };
  expect(report.grids.length).toBeGreaterThan(0);
  return report.findings.filter((f) => f.rule !== 'signoff-outstanding');
}

test('the corpus holds at least five real returns, each cited in SOURCES.md', () => {
  expect(REAL_RETURNS.length).toBeGreaterThanOrEqual(5);
  const sources = fs.readFileSync(path.join(__dirname, '../fixtures/real/SOURCES.md'), 'utf8');
  for (const r of REAL_RETURNS) expect(sources).toContain(`\`${r.name}/\``);
  // Several writers, as councils' files come from several.
  expect(new Set(REAL_RETURNS.map((r) => r.expected.writer)).size).toBeGreaterThanOrEqual(3);
});

describe.each(REAL_RETURNS.map((r) => [r.name, r] as const))('%s', (_name, fixture) => {
  test('the faithful copy: no errors, and only the expected warnings', async () => {
    const findings = await findingsOf(fixture, 'faithful.xlsx');
    const expected = fixture.expected.faithfulWarnings.map(key).sort();
    expect(findings.map(key).sort()).toEqual(expected);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('the seeded copy: exactly the seeded findings, no more', async () => {
    const findings = await findingsOf(fixture, 'seeded.xlsx');
    const expected = [...fixture.expected.seededFindings, ...fixture.expected.faithfulWarnings].map(key).sort();
    expect(findings.map(key).sort()).toEqual(expected);
  });
});
