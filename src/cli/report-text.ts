import type { Finding } from '../engine/model/finding';
import { coverageLine, uncheckedSentence } from '../engine/rules/coverage';
import { gridCoverageText } from './coverage-text';
import { escapeControls } from '../signoff/text-safety';
import { Write, collect } from './report-output';
import {
  CheckedFile,
  FileOutcome,
  IndicatorLabel,
  countsLine,
  indicatorHeading,
  indicatorOf,
  mappingText,
  plural,
  totals,
  unrecognisedText,
} from './outcome';

/** The report a compiler reads at a terminal: what was checked, findings by indicator, counts. */
export function textReport(o: CheckedFile): string {
  return collect((write) => writeTextReport(o, write));
}

/** The text report, written line by line as the findings are formatted (check.ts streams it to stdout). */
export function writeTextReport(o: CheckedFile, write: Write): void {
  const line = safeLineWriter(write);
  const r = o.result;
  line(`File: ${o.file}`);
  if (r.gridSummaries.length === 0) line('No metric collection grid found.');
  for (const [i, g] of r.gridSummaries.entries()) {
    line(`Sheet '${g.sheet}': grid ${g.range}, header row ${g.headerRow}, ${plural(g.indicators, 'indicator')}`);
    line(`  columns: ${mappingText(g) || '(none recognised)'}`);
    if (unrecognisedText(g)) line(`  ${unrecognisedText(g)} (map them with "columns" in --config)`);
    for (const l of gridCoverageText(r.gridCoverage?.[i])) line(`  ${l}`);
  }
  const t = r.timeline;
  line(`Period ${t.period ?? 'not known'} · as of ${t.asOf} · deadline ${t.deadline ?? 'not known'}`);
  for (const n of r.notices) line(`Note: ${n}`);
  line('');

  const groups = groupByIndicator(r.findings, (f) => indicatorOf(o, f));
  const several = new Set(r.findings.map((f) => f.sheet)).size > 1;
  // A loop, not Math.max(...array): spreading 150,000+ findings overflows the call stack.
  const cellWidth = widest(r.findings, (f) => (f.cell ?? '-').length, 4);
  const ruleWidth = widest(r.findings, (f) => f.rule.length, 4);
  for (const grp of groups) {
    const title = grp.ref === null && !grp.label ? 'Not about one indicator' : indicatorHeading(grp.ref, grp.label);
    line(several ? `[${grp.sheet}] ${title}` : title);
    for (const f of grp.findings) {
      line(
        `  ${(f.cell ?? '-').padEnd(cellWidth)}  ${f.severity.padEnd(7)}  ${f.rule.padEnd(ruleWidth)}  ${f.message}`,
      );
    }
    line('');
  }
  const unchecked = uncheckedSentence(r.coverage);
  if (r.findings.length === 0 && r.gridSummaries.length > 0) {
    // Never "every check passed" over figures no check read.
    line(unchecked ? 'No findings in the figures that were checked.' : 'No findings: every check passed.');
    line('');
  }
  if (r.coverage && r.gridSummaries.length > 0) line(coverageLine(r.coverage));
  line(`Result: ${countsLine(r.summary)} in ${plural(r.indicators, 'indicator')}${unchecked ? ` — ${unchecked}` : ''}`);
  if (o.marked) line(`Marked copy: ${o.marked.out} (${plural(o.marked.cells, 'cell')} marked)`);
}

/** The largest `measure` over the items, at least `floor`. */
export function widest<T>(items: readonly T[], measure: (item: T) => number, floor: number): number {
  let w = floor;
  for (const item of items) {
    const n = measure(item);
    if (n > w) w = n;
  }
  return w;
}

/**
 * Lines joined for a terminal. Each line is one line: a newline, an ANSI escape or a bidi
 * override in workbook text (a ref, a sheet name, a typed name) is shown escaped, so it can
 * neither forge a report line nor drive the terminal.
 */
export function safeLines(lines: readonly string[]): string {
  return collect((write) => {
    const line = safeLineWriter(write);
    for (const l of lines) line(l);
  });
}

/** One line for a terminal at a time, escaped as safeLines escapes it. */
export function safeLineWriter(write: Write): (line: string) => void {
  return (line) => write(`${escapeControls(line)}\n`);
}

/** One line per file and the totals: an auditor's view of a directorate's returns (one line a file, so built whole). */
export function textSummaryReport(outcomes: readonly FileOutcome[]): string {
  const width = Math.min(
    60,
    widest(outcomes, (o) => o.file.length, 4),
  );
  const lines = outcomes.map((o) => {
    const name = o.file.padEnd(width);
    if (!o.ok) return `${name}  could not be read: ${o.error.replace(/^cannot read '[^']*': /, '')}`;
    const r = o.result;
    if (r.gridSummaries.length === 0) return `${name}  no metric collection grid found`;
    const status = r.summary.errors > 0 ? 'FAIL' : 'ok  ';
    const unchecked = uncheckedSentence(r.coverage);
    return `${name}  ${status}  ${countsLine(r.summary)} in ${plural(r.indicators, 'indicator')}${unchecked ? ` — ${unchecked}` : ''}`;
  });
  const t = totals(outcomes);
  const unusable = t.unusable ? ` (${t.unusable} could not be read)` : '';
  lines.push(
    '',
    `Total: ${plural(t.files, 'file')}${unusable}; ${countsLine(t)} in ${plural(t.indicators, 'indicator')}`,
  );
  return safeLines(lines);
}

interface IndicatorGroup {
  sheet: string;
  ref: string | null;
  label: IndicatorLabel | null;
  findings: Finding[];
}

type RowOf = (f: Finding) => { key: string; label: IndicatorLabel } | null;

/**
 * Findings grouped by indicator (its row when the finding's cell is on one, else its ref),
 * groups in order of first finding; findings about no indicator last.
 */
export function groupByIndicator(findings: readonly Finding[], rowOf: RowOf = () => null): IndicatorGroup[] {
  const groups = new Map<string, IndicatorGroup>();
  for (const f of findings) {
    const row = rowOf(f);
    const key = row ? `row\u0000${row.key}` : `ref\u0000${f.sheet}\u0000${f.ref ?? '\u0001'}`;
    let g = groups.get(key);
    if (!g) {
      g = { sheet: f.sheet, ref: f.ref ?? row?.label.ref ?? null, label: row?.label ?? null, findings: [] };
      groups.set(key, g);
    }
    g.findings.push(f);
  }
  const all = [...groups.values()];
  return [...all.filter((g) => g.ref !== null || g.label), ...all.filter((g) => g.ref === null && !g.label)];
}
