import { coverageLine, uncheckedSentence } from '../engine/rules/coverage';
import { gridCoverageText } from './coverage-text';
import { escapeHtml } from '../app/html-text';
import { Write, collect } from './report-output';
import { spcSummary } from '../app/spc-chart';
import { spcSvg } from '../app/spc-svg';
import {
  CheckedFile,
  FileOutcome,
  countsLine,
  indicatorHeading,
  indicatorOf,
  mappingText,
  plural,
  totals,
  unrecognisedText,
} from './outcome';

export const CSS = `
:root { color-scheme: light; }
body { font: 14px/1.45 "Segoe UI", system-ui, -apple-system, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #ddd; padding-bottom: .25rem; word-break: break-all; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
.meta { color: #555; margin: 0 0 1rem; }
.counts { display: flex; gap: .75rem; flex-wrap: wrap; margin: .75rem 0; padding: 0; list-style: none; }
.counts li { border: 1px solid #ccc; border-radius: 6px; padding: .4rem .8rem; min-width: 6rem; }
.counts strong { display: block; font-size: 1.4rem; }
.counts .error { background: #FFC7CE; color: #9C0006; border-color: #e8a0a8; }
.counts .warning { background: #FFEB9C; color: #9C5700; border-color: #e6cf70; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d0d0; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.cell { font-family: Consolas, "Courier New", monospace; white-space: nowrap; }
tr.error td.sev { background: #FFC7CE; color: #9C0006; font-weight: 600; }
tr.warning td.sev { background: #FFEB9C; color: #9C5700; font-weight: 600; }
tr.info td.sev { color: #444; }
.notice { color: #444; font-style: italic; }
.unusable { color: #9C0006; }
.spc { display: flex; flex-wrap: wrap; gap: 1rem 2rem; margin: .5rem 0 1rem; }
.spc figure { margin: 0; width: 320px; }
.spc figcaption { font-weight: 600; margin-bottom: .25rem; overflow-wrap: anywhere; }
.visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  h2 { page-break-before: auto; }
  tr { page-break-inside: avoid; }
  tr.error td.sev, tr.warning td.sev, .counts li { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

/** One self-contained page (inline CSS, no scripts, no external links) an auditor can open and print. */
export function htmlReport(outcomes: readonly FileOutcome[], generatedAt: Date, several: boolean): string {
  return collect((write) => writeHtmlReport(outcomes, generatedAt, several, write));
}

/** The page, written a table row at a time as the findings are formatted. */
export function writeHtmlReport(
  outcomes: readonly FileOutcome[],
  generatedAt: Date,
  several: boolean,
  write: Write,
): void {
  const t = totals(outcomes);
  write(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Outturn check report${several ? '' : ` — ${escapeHtml(outcomes[0]?.file ?? '')}`}</title>
<style>${CSS}
</style>
</head>
<body>
`);
  const part = partWriter(write);
  part('<h1>Outturn check report</h1>');
  part(
    `<p class="meta">Generated ${escapeHtml(generatedAt.toISOString().replace('T', ' ').slice(0, 16))} UTC · ${escapeHtml(plural(t.files, 'file'))} · ${escapeHtml(countsLine(t))}</p>`,
  );
  if (several) {
    part('<h2>Summary</h2>');
    part(countsList(t.errors, t.warnings, t.info, t.indicators));
    part(
      '<table><thead><tr><th scope="col">File</th><th scope="col">Errors</th><th scope="col">Warnings</th><th scope="col">Info</th><th scope="col">Indicators</th><th scope="col">Status</th></tr></thead><tbody>',
    );
    for (const o of outcomes) {
      if (!o.ok)
        part(
          `<tr><td>${escapeHtml(o.file)}</td><td colspan="4"></td><td class="unusable">${escapeHtml(o.error)}</td></tr>`,
        );
      else {
        const s = o.result.summary;
        const status =
          o.result.gridSummaries.length === 0 ? 'no grid found' : s.errors > 0 ? 'errors to fix' : 'no errors';
        part(
          `<tr><td>${escapeHtml(o.file)}</td><td>${s.errors}</td><td>${s.warnings}</td><td>${s.info}</td><td>${o.result.indicators}</td><td>${escapeHtml(status)}</td></tr>`,
        );
      }
    }
    part('</tbody></table>');
  }
  for (const o of outcomes) {
    if (o.ok) writeFileSection(o, several, part);
    else part(`<h2>${escapeHtml(o.file)}</h2><p class="unusable">${escapeHtml(o.error)}</p>`);
  }
  write(`
</body>
</html>
`);
}

/** Parts of the body, one line apart. */
function partWriter(write: Write): Write {
  let first = true;
  return (text) => {
    write(first ? text : `\n${text}`);
    first = false;
  };
}

function countsList(errors: number, warnings: number, info: number, indicators: number): string {
  return `<ul class="counts"><li class="error"><strong>${errors}</strong>${errors === 1 ? 'error' : 'errors'}</li><li class="warning"><strong>${warnings}</strong>${warnings === 1 ? 'warning' : 'warnings'}</li><li><strong>${info}</strong>info</li><li><strong>${indicators}</strong>${indicators === 1 ? 'indicator' : 'indicators'} checked</li></ul>`;
}

function writeFileSection(o: CheckedFile, several: boolean, part: Write): void {
  const r = o.result;
  const tl = r.timeline;
  part(`<h2>${several ? '' : 'File: '}${escapeHtml(o.file)}</h2>`);
  part(
    `<p class="meta">Period ${escapeHtml(tl.period ?? 'not known')} · as of ${escapeHtml(tl.asOf)} · deadline ${escapeHtml(tl.deadline ?? 'not known')}</p>`,
  );
  part(countsList(r.summary.errors, r.summary.warnings, r.summary.info, r.indicators));
  if (r.coverage && r.gridSummaries.length > 0) {
    const unchecked = uncheckedSentence(r.coverage);
    // Stated beside the counts, never only in the grid table: a reader of the counts must see it.
    part(
      `<p class="${unchecked ? 'notice coverage' : 'meta coverage'}">${escapeHtml(coverageLine(r.coverage))}${unchecked ? ` — ${escapeHtml(unchecked)}` : ''}</p>`,
    );
  }
  if (r.gridSummaries.length === 0) part('<p class="notice">No metric collection grid found.</p>');
  else {
    part(
      '<h3>Grids checked</h3><table><thead><tr><th scope="col">Sheet</th><th scope="col">Range</th><th scope="col">Header row</th><th scope="col">Indicators</th><th scope="col">Columns</th></tr></thead><tbody>',
    );
    for (const [i, g] of r.gridSummaries.entries())
      part(
        `<tr><td>${escapeHtml(g.sheet)}</td><td class="cell">${escapeHtml(g.range)}</td><td>${g.headerRow}</td><td>${g.indicators}</td><td>${escapeHtml(mappingText(g))}${unrecognisedText(g) ? `<br><span class="notice">${escapeHtml(unrecognisedText(g))}</span>` : ''}${gridCoverageText(
          r.gridCoverage?.[i],
        )
          .map((l) => `<br><span class="${l.startsWith('not checked') ? 'notice' : 'meta'}">${escapeHtml(l)}</span>`)
          .join('')}</td></tr>`,
      );
    part('</tbody></table>');
  }
  for (const n of r.notices) part(`<p class="notice">${escapeHtml(n)}</p>`);
  part('<h3>Findings</h3>');
  if (r.findings.length === 0)
    part(
      uncheckedSentence(r.coverage)
        ? '<p>No findings in the figures that were checked.</p>'
        : '<p>No findings: every check passed.</p>',
    );
  else {
    part(
      '<table><thead><tr><th scope="col">Sheet</th><th scope="col">Cell</th><th scope="col">Severity</th><th scope="col">Indicator</th><th scope="col">Finding</th><th scope="col">Rule</th><th scope="col">Dimension</th></tr></thead><tbody>',
    );
    for (const f of r.findings) {
      const row = indicatorOf(o, f);
      const indicator = f.ref === null && !row ? '' : indicatorHeading(f.ref, row?.label ?? null);
      part(
        `<tr class="${escapeHtml(f.severity)}"><td>${escapeHtml(f.sheet)}</td><td class="cell">${escapeHtml(f.cell ?? '—')}</td><td class="sev">${escapeHtml(f.severity)}</td><td>${escapeHtml(indicator)}</td><td>${escapeHtml(f.message)}</td><td>${escapeHtml(f.rule)}</td><td>${escapeHtml(f.dimension)}</td></tr>`,
      );
    }
    part('</tbody></table>');
  }
  writeSpcCharts(o, part);
  if (o.marked)
    part(
      `<p class="meta">Marked copy written to ${escapeHtml(o.marked.out)} (${escapeHtml(plural(o.marked.cells, 'cell'))} marked).</p>`,
    );
}

/** The XmR chart of each indicator with a special cause, each with its text alternative. */
function writeSpcCharts(o: CheckedFile, part: Write): void {
  const charts = o.spcCharts ?? [];
  if (charts.length === 0) return;
  part('<h3>Statistical process control</h3>');
  part(
    '<p class="meta">XmR charts of the indicators with a special cause: the mean, the process limits (mean ± 2.66 × mean moving range) and the target; special causes are marked in orange with a shape of their own.</p>',
  );
  part('<div class="spc">');
  charts.forEach((chart, i) => {
    part(
      `<figure><figcaption>${escapeHtml(chart.title)}</figcaption>${spcSvg(chart, `spc-${i + 1}`)}<p class="visually-hidden">${escapeHtml(spcSummary(chart))}</p></figure>`,
    );
  });
  part('</div>');
}
