/**
 * `outturn compare --format html`: the comparison as one self-contained page, in the check
 * report's shell and styles (report-html.ts), for a committee pack or an auditor's file.
 * Every table has a caption and header cells with a scope, so a screen reader can say
 * which indicator and which column each value belongs to.
 */
import type { ReturnsCompared } from '../app';
import type { ReturnDifference } from '../app/compare';
import { summarise } from '../engine/model/finding';
import { escapeHtml } from '../app/html-text';
import { CSS } from './report-html';

const KIND_WORDS: Record<ReturnDifference['kind'], string> = {
  figure: 'Figure',
  target: 'Target',
  rag: 'RAG',
  owner: 'Owner',
  commentary: 'Commentary',
  'indicator-added': 'Indicator added',
  'indicator-removed': 'Indicator removed',
};

const EXTRA_CSS = `
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th[scope="row"] { background: none; font-weight: normal; }
td.note { white-space: nowrap; }
tr.error td.note { background: #FFC7CE; color: #9C0006; font-weight: 600; }`;

function indicatorName(d: Pick<ReturnDifference, 'ref' | 'description'>): string {
  if (d.ref && d.description) return `${d.ref} ${d.description}`;
  return d.ref ?? d.description ?? '(no ref)';
}

function what(d: ReturnDifference): string {
  return d.what ? `${KIND_WORDS[d.kind]}: ${d.what}` : KIND_WORDS[d.kind];
}

function value(v: string | null, kind: ReturnDifference['kind']): string {
  if (kind === 'indicator-added' || kind === 'indicator-removed') return '';
  return v === null ? '<span class="notice">blank</span>' : escapeHtml(v);
}

function note(d: ReturnDifference, compared: ReturnsCompared): string {
  if (d.kind !== 'figure' || !d.reported) return '';
  return compared.unrecorded.includes(d) ? 'Restated without a record' : 'Restatement recorded';
}

function countItem(n: number, one: string, many: string, cls = ''): string {
  return `<li${cls ? ` class="${cls}"` : ''}><strong>${n}</strong>${n === 1 ? one : many}</li>`;
}

export function compareHtml(compared: ReturnsCompared, oldFile: string, newFile: string, generatedAt: Date): string {
  const s = summarise(compared.findings);
  const u = compared.unrecorded.length;
  const parts = [
    `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Outturn comparison — ${escapeHtml(oldFile)} with ${escapeHtml(newFile)}</title>
<style>${CSS}${EXTRA_CSS}
</style>
</head>
<body>`,
    '<h1>Outturn comparison report</h1>',
    `<p class="meta">Generated ${escapeHtml(generatedAt.toISOString().replace('T', ' ').slice(0, 16))} UTC · previous return ${escapeHtml(oldFile)} · current return ${escapeHtml(newFile)}</p>`,
    `<ul class="counts">${countItem(u, 'figure restated without a record', 'figures restated without a record', u ? 'error' : '')}${countItem(s.warnings, 'warning', 'warnings', 'warning')}${countItem(compared.differences.length, 'difference', 'differences')}${countItem(compared.indicators.current, 'indicator compared', 'indicators compared')}</ul>`,
  ];
  parts.push('<h2>Findings</h2>');
  if (compared.findings.length === 0) parts.push('<p>No reliability findings.</p>');
  else {
    parts.push(
      '<table><caption>Reliability findings of the current return against the previous one</caption><thead><tr><th scope="col">Sheet</th><th scope="col">Cell</th><th scope="col">Severity</th><th scope="col">Indicator</th><th scope="col">Finding</th><th scope="col">Rule</th></tr></thead><tbody>',
    );
    for (const f of compared.findings)
      parts.push(
        `<tr class="${escapeHtml(f.severity)}"><td>${escapeHtml(f.sheet)}</td><td class="cell">${escapeHtml(f.cell ?? '—')}</td><td class="sev">${escapeHtml(f.severity)}</td><th scope="row">${escapeHtml(f.ref ?? '')}</th><td>${escapeHtml(f.message)}</td><td>${escapeHtml(f.rule)}</td></tr>`,
      );
    parts.push('</tbody></table>');
  }
  parts.push('<h2>Differences</h2>');
  if (compared.differences.length === 0)
    parts.push('<p>No differences: every figure, target, RAG, owner and commentary is the same.</p>');
  else {
    parts.push(
      '<table><caption>Every difference by indicator and period</caption><thead><tr><th scope="col">Indicator</th><th scope="col">Sheet</th><th scope="col">Cell</th><th scope="col">What</th><th scope="col">Previous</th><th scope="col">Current</th><th scope="col">Restatement</th></tr></thead><tbody>',
    );
    for (const d of compared.differences) {
      const n = note(d, compared);
      const cls = n === 'Restated without a record' ? ' class="error"' : '';
      parts.push(
        `<tr${cls}><th scope="row">${escapeHtml(indicatorName(d))}</th><td>${escapeHtml(d.sheet)}</td><td class="cell">${escapeHtml(d.cell ?? '—')}</td><td>${escapeHtml(what(d))}</td><td>${value(d.old, d.kind)}</td><td>${value(d.new, d.kind)}</td><td class="note">${escapeHtml(n)}</td></tr>`,
      );
    }
    parts.push('</tbody></table>');
  }
  if (compared.restatements.length > 0) {
    parts.push(
      '<h2>Restatements recorded</h2><table><caption>Restatements in the current return\'s audit trail</caption><thead><tr><th scope="col">Indicator</th><th scope="col">Period</th><th scope="col">Reported</th><th scope="col">Now</th><th scope="col">By</th><th scope="col">At</th><th scope="col">Reason</th></tr></thead><tbody>',
    );
    for (const r of compared.restatements)
      parts.push(
        `<tr><th scope="row">${escapeHtml(r.indicator)}</th><td>${escapeHtml(r.period)}</td><td>${escapeHtml(r.old ?? 'not known')}</td><td>${escapeHtml(r.new ?? 'blank')}</td><td>${escapeHtml(r.by ?? 'unknown')}</td><td>${escapeHtml(r.at)}</td><td>${escapeHtml(r.reason)}</td></tr>`,
      );
    parts.push('</tbody></table>');
  }
  parts.push('</body>\n</html>\n');
  return parts.join('\n');
}
