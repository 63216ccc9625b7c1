import type { Finding } from '../engine/model/finding';
import { CheckedFile, FileOutcome, countsLine, mappingText, plural, totals } from './outcome';

/** The report a compiler reads at a terminal: what was checked, findings by indicator, counts. */
export function textReport(o: CheckedFile): string {
  const r = o.result;
  const out: string[] = [`File: ${o.file}`];
  if (r.gridSummaries.length === 0) out.push('No metric collection grid found.');
  for (const g of r.gridSummaries) {
    out.push(`Sheet '${g.sheet}': grid ${g.range}, header row ${g.headerRow}, ${plural(g.indicators, 'indicator')}`);
    out.push(`  columns: ${mappingText(g) || '(none recognised)'}`);
  }
  const t = r.timeline;
  out.push(`Period ${t.period ?? 'not known'} · as of ${t.asOf} · deadline ${t.deadline ?? 'not known'}`);
  for (const n of r.notices) out.push(`Note: ${n}`);
  out.push('');

  const groups = groupByIndicator(r.findings);
  const several = new Set(r.findings.map((f) => f.sheet)).size > 1;
  const cellWidth = Math.max(4, ...r.findings.map((f) => (f.cell ?? '-').length));
  const ruleWidth = Math.max(4, ...r.findings.map((f) => f.rule.length));
  for (const grp of groups) {
    const desc = grp.ref !== null ? o.descriptions.get(`${grp.sheet}\u0000${grp.ref}`) : undefined;
    const title = grp.ref === null ? 'Not about one indicator' : desc ? `${grp.ref} — ${desc}` : grp.ref;
    out.push(several ? `[${grp.sheet}] ${title}` : title);
    for (const f of grp.findings) {
      out.push(`  ${(f.cell ?? '-').padEnd(cellWidth)}  ${f.severity.padEnd(7)}  ${f.rule.padEnd(ruleWidth)}  ${oneLine(f.message)}`);
    }
    out.push('');
  }
  if (r.findings.length === 0 && r.gridSummaries.length > 0) out.push('No findings: every check passed.', '');
  out.push(`Result: ${countsLine(r.summary)} in ${plural(r.indicators, 'indicator')}`);
  if (o.marked) out.push(`Marked copy: ${o.marked.out} (${plural(o.marked.cells, 'cell')} marked)`);
  return `${out.join('\n')}\n`;
}

/** One line per file and the totals: an auditor's view of a directorate's returns. */
export function textSummaryReport(outcomes: readonly FileOutcome[]): string {
  const width = Math.min(60, Math.max(...outcomes.map((o) => o.file.length), 4));
  const lines = outcomes.map((o) => {
    const name = o.file.padEnd(width);
    if (!o.ok) return `${name}  could not be read: ${o.error.replace(/^cannot read '[^']*': /, '')}`;
    const r = o.result;
    if (r.gridSummaries.length === 0) return `${name}  no metric collection grid found`;
    const status = r.summary.errors > 0 ? 'FAIL' : 'ok  ';
    return `${name}  ${status}  ${countsLine(r.summary)} in ${plural(r.indicators, 'indicator')}`;
  });
  const t = totals(outcomes);
  const unusable = t.unusable ? ` (${t.unusable} could not be read)` : '';
  lines.push('', `Total: ${plural(t.files, 'file')}${unusable}; ${countsLine(t)} in ${plural(t.indicators, 'indicator')}`);
  return `${lines.join('\n')}\n`;
}

interface IndicatorGroup { sheet: string; ref: string | null; findings: Finding[] }

/** Findings grouped by sheet and indicator, groups in order of first finding; workbook-wide findings last. */
export function groupByIndicator(findings: readonly Finding[]): IndicatorGroup[] {
  const groups = new Map<string, IndicatorGroup>();
  const general: IndicatorGroup[] = [];
  for (const f of findings) {
    const key = `${f.sheet}\u0000${f.ref ?? '\u0001'}`;
    let g = groups.get(key);
    if (!g) {
      g = { sheet: f.sheet, ref: f.ref, findings: [] };
      groups.set(key, g);
      if (f.ref === null) general.push(g);
    }
    g.findings.push(f);
  }
  return [...[...groups.values()].filter((g) => g.ref !== null), ...general];
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ');
}
