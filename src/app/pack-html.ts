/**
 * The assurance pack as one self-contained HTML page (inline CSS, no scripts, no external
 * links) an auditor can file and a committee can print: cover, one section per indicator,
 * the declarations confirmed, and the trail as an appendix. It renders only: every fact
 * comes decided from app/assurance.ts.
 */
import type { AssurancePack, PackIndicator, PackJudgement, PackSignature } from './assurance';
import { packWhen } from './assurance';
import { trendFigure } from './trend-svg';
import { ROLE_TITLES } from '../signoff/roles';
import { escapeHtml as h } from './html-text';

const CSS = (runningHead: string) => `
:root { color-scheme: light; }
body { font: 14px/1.45 "Segoe UI", system-ui, -apple-system, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #ddd; padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
h4 { font-size: .95rem; margin: 1rem 0 .3rem; }
.meta { color: #555; margin: 0 0 1rem; }
.running { color: #555; font-size: .85rem; border-bottom: 1px solid #ccc; margin-bottom: 1rem; padding-bottom: .25rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d0d0; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.hash, code { font-family: Consolas, "Courier New", monospace; word-break: break-all; }
.ok { color: #0b6a0b; font-weight: 600; }
.bad { color: #9C0006; font-weight: 600; }
.alert { border: 2px solid #9C0006; background: #FFF0F1; padding: .5rem 1rem; margin: 1rem 0; }
.alert h3 { margin-top: .25rem; color: #9C0006; }
blockquote { margin: .5rem 0 1rem; padding: .5rem 1rem; border-left: 4px solid #666; background: #f7f7f7; }
.notice { color: #444; font-style: italic; }
section.indicator { margin-top: 1.5rem; }
.differs { color: #9C0006; font-weight: 600; }
figure.trend { margin: .5rem 0 1rem; position: relative; }
figure.trend figcaption { color: #444; font-size: .9em; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
/* The running head and the page numbers on every printed page: margin boxes, drawn by Chromium's print too. */
@page {
  size: A4; margin: 18mm 15mm 18mm 15mm;
  @top-center { content: ${runningHead}; font: 9px "Segoe UI", system-ui, sans-serif; color: #444; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9px "Segoe UI", system-ui, sans-serif; color: #444; }
}
@media print {
  body { margin: 0; max-width: none; font-size: 10.5px; }
  /* The page's margin box carries the running head in print. */
  header.running { display: none; }
  section.part { break-before: page; page-break-before: always; }
  /* The cover follows the title on the first page. */
  section.part:first-of-type { break-before: auto; page-break-before: auto; }
  section.indicator { break-inside: avoid-page; page-break-inside: avoid; }
  /* A heading stays with what it heads. */
  h2, h3, h4 { break-after: avoid-page; page-break-after: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .alert { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

const STATUS_WORDS: Record<PackSignature['status'], string> = {
  signed: 'Signed, figures as signed',
  stale: 'STALE: figures changed since signed',
  withdrawn: 'Withdrawn',
  'not-signed': 'Not signed',
};

/** Text as a CSS string: quotes, backslashes and line breaks escaped, and nothing that could close the style element. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r\u2028\u2029]/g, (ch) => `\\${ch.charCodeAt(0).toString(16)} `)}"`;
}

function cover(p: AssurancePack): string {
  const out: string[] = [];
  out.push('<section class="part" aria-labelledby="cover-h">');
  out.push(`<h2 id="cover-h">Cover</h2>`);
  out.push('<table><tbody>');
  const row = (k: string, v: string) => out.push(`<tr><th scope="row">${h(k)}</th><td>${v}</td></tr>`);
  row('Return', h(p.returnName));
  row('Period', h(p.period ?? 'not known'));
  row('Deadline', h(p.deadline ? packWhen(p.deadline) : 'not known'));
  row('As of', h(packWhen(p.asOf)));
  row(
    'Grids',
    p.grids.length
      ? p.grids.map((g) => `${h(g.sheet)} ${h(g.range)} (${g.indicators} indicators)`).join('<br>')
      : 'No metric collection grid was found.',
  );
  row('Sheets in the workbook', String(p.sheets));
  row(
    'Sign-off',
    `<span class="${p.status === 'complete' || p.status === 'partly-signed' ? 'ok' : 'bad'}">${h(p.status.toUpperCase())}</span>. ${h(p.summary)}`,
  );
  row(
    'Sign-off mode',
    h(
      p.mode === 'per-owner'
        ? 'Per owner: each indicator signed by the people the grid names'
        : p.mode === 'whole-return'
          ? 'As a whole: one signature per role'
          : 'Not judged',
    ),
  );
  for (const r of p.roles) row(ROLE_TITLES[r.role], h(r.words));
  if (p.progress.length) row('Progress', p.progress.map(h).join('<br>'));
  row(
    'Audit trail',
    `<span class="${p.trail.ok ? 'ok' : 'bad'}">${p.trail.ok ? 'UNBROKEN' : 'BROKEN'}</span>. ${h(p.trail.reason)}${
      p.trail.firstBrokenSeq !== null ? ` First broken record: ${p.trail.firstBrokenSeq}.` : ''
    }`,
  );
  row('Chain head', p.trail.head ? `<code>${h(p.trail.head)}</code>` : 'none (nothing recorded)');
  if (p.refused.length)
    row('Records the rules refuse', `<ul>${p.refused.map((r) => `<li>${h(r)}</li>`).join('')}</ul>`);
  row(
    'Receipt',
    p.receipt
      ? `Receipt of ${h(p.receipt.returnName)} issued ${h(packWhen(p.receipt.issuedAt))}: <span class="${p.receipt.same ? 'ok' : 'bad'}">${p.receipt.same ? 'MATCHES' : 'DIFFERS'}</span>.${
          p.receipt.differences.length
            ? `<ul>${p.receipt.differences.map((d) => `<li>${h(d)}</li>`).join('')}</ul>`
            : ''
        }${p.receipt.notes.map((n) => `<br><span class="notice">${h(n)}</span>`).join('')}`
      : 'No receipt was given (--receipt).',
  );
  out.push('</tbody></table>');
  if (p.changedAfterSigning.length) {
    out.push('<div class="alert" role="note"><h3>Figures changed after signing</h3><ul>');
    for (const c of p.changedAfterSigning)
      out.push(
        `<li><strong>${h(c.indicator)}</strong>: ${h(ROLE_TITLES[c.role].toLowerCase())} signature of ${h(c.signedBy)} (${h(packWhen(c.at))}) is stale.${
          c.changes.length ? ` ${c.changes.map(h).join('; ')}` : ''
        }</li>`,
      );
    out.push('</ul></div>');
  }
  out.push('<h3>Data quality by dimension</h3>');
  out.push(
    '<table><thead><tr><th scope="col">Dimension</th><th scope="col">Errors</th><th scope="col">Warnings</th><th scope="col">Info</th></tr></thead><tbody>',
  );
  for (const q of p.quality)
    out.push(
      `<tr><th scope="row">${h(q.dimension)}</th><td class="num">${q.errors}</td><td class="num">${q.warnings}</td><td class="num">${q.info}</td></tr>`,
    );
  out.push('</tbody></table>');
  if (p.notice) out.push(`<p class="notice">${h(p.notice)}</p>`);
  out.push('</section>');
  return out.join('\n');
}

function signatureRow(s: PackSignature): string {
  const who = s.name ? `${h(s.name)}${s.upn ? ` (${h(s.upn)})` : ''}` : s.owner ? `${h(s.owner)} (to sign)` : '—';
  const delegation = s.delegation ? `<br>for ${h(s.delegation.for)}: ${h(s.delegation.reason)}` : '';
  const changes = s.changes.length ? `<br>${s.changes.map(h).join('<br>')}` : '';
  const reasons = !s.changes.length && s.staleReasons.length ? `<br>${s.staleReasons.map(h).join(' ')}` : '';
  return `<tr><th scope="row">${h(ROLE_TITLES[s.role])}</th><td>${who}${delegation}</td><td>${h(s.identity ?? '—')}</td><td>${h(s.at ? packWhen(s.at) : '—')}</td><td class="${s.status === 'stale' ? 'bad' : s.current ? 'ok' : ''}">${h(STATUS_WORDS[s.status])}${changes}${reasons}</td></tr>`;
}

function indicatorSection(i: PackIndicator, n: number): string {
  const out: string[] = [];
  const id = `ind-${n}`;
  out.push(`<section class="indicator" aria-labelledby="${id}">`);
  out.push(`<h3 id="${id}">${h(i.label)}${i.description ? ` — ${h(i.description)}` : ''}</h3>`);
  if (i.serviceArea) out.push(`<p class="meta">Service area: ${h(i.serviceArea)}</p>`);
  const cols = [
    ...i.periods.map((p) => [p.label, p.value] as const),
    ...(
      [
        ['Target', i.target],
        ['Floor', i.floor],
        ['RAG', i.rag],
        ['Direction of travel', i.dot],
      ] as const
    ).filter(([, v]) => v !== null),
  ];
  if (cols.length)
    out.push(
      `<table><caption class="meta">Figures as reported</caption><thead><tr>${cols.map(([k]) => `<th scope="col">${h(k)}</th>`).join('')}</tr></thead><tbody><tr>${cols
        .map(([, v]) => `<td class="num">${h(v ?? '')}</td>`)
        .join('')}</tr></tbody></table>`,
    );
  out.push(asRecomputed(i));
  out.push('<h4>Trend</h4>');
  out.push(
    i.trend ? trendFigure(i.trend, `trend-${n}`) : '<p>Not charted: fewer than two figures have been reported.</p>',
  );
  out.push('<h4>Findings outstanding</h4>');
  out.push(
    i.findings.length
      ? `<ul>${i.findings.map((f) => `<li><strong>${h(f.severity)}</strong> (${h(f.dimension)}, ${h(f.rule)}${f.cell ? `, ${h(f.cell)}` : ''}): ${h(f.message)}</li>`).join('')}</ul>`
      : '<p>None: every check passed on this indicator.</p>',
  );
  out.push('<h4>Acknowledgements</h4>');
  out.push(
    i.acknowledgements.length
      ? `<ul>${i.acknowledgements.map((a) => `<li>${h(a.message)} — acknowledged by ${h(a.by)} (${h(ROLE_TITLES[a.role].toLowerCase())}, ${h(packWhen(a.at))}): “${h(a.reason)}”</li>`).join('')}</ul>`
      : '<p>None.</p>',
  );
  out.push('<h4>Working papers</h4>');
  out.push(workingPapers(i));
  out.push('<h4>Signatures</h4>');
  out.push(
    `<table><thead><tr><th scope="col">Role</th><th scope="col">Who</th><th scope="col">Identity</th><th scope="col">When</th><th scope="col">Figures</th></tr></thead><tbody>${i.signatures.map(signatureRow).join('')}</tbody></table>`,
  );
  out.push('</section>');
  return out.join('\n');
}

function comparison(j: PackJudgement): string {
  if (j.difference) return `<span class="differs">${h(j.difference)}</span>`;
  if (j.agrees) return `Agrees. ${h(j.why)}`;
  return `Not recomputed. ${h(j.why)}`;
}

/** RAG and direction of travel as the workbook reports them and as the figures give them, any difference in words. */
function asRecomputed(i: PackIndicator): string {
  const rows: [string, PackJudgement][] = [];
  if (i.asRecomputed?.rag) rows.push(['RAG', i.asRecomputed.rag]);
  if (i.asRecomputed?.dot) rows.push(['Direction of travel', i.asRecomputed.dot]);
  if (!rows.length) return '';
  return `<table class="recomputed"><caption class="meta">As reported and as recomputed</caption><thead><tr><th scope="col">Judgement</th><th scope="col">As reported</th><th scope="col">As recomputed</th><th scope="col">Comparison</th></tr></thead><tbody>${rows
    .map(
      ([k, j]) =>
        `<tr><th scope="row">${h(k)}</th><td>${h(j.stated || 'none')}</td><td>${h(j.recomputed ?? 'not recomputed')}</td><td>${comparison(j)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

/** A link an auditor can follow: a web address as a link, anything else (a file path) as text. */
function paperLink(link: string): string {
  return /^https?:\/\//i.test(link) ? `<a href="${h(link)}">${h(link)}</a>` : `<code>${h(link)}</code>`;
}

function workingPapers(i: PackIndicator): string {
  const { link, source, recorded, links } = i.workingPapers;
  if (!link && !source && !recorded.length && !links.length)
    return '<p>None named: no working papers are configured or recorded for this indicator.</p>';
  const out: string[] = [];
  if (link) out.push(`<p>Kept at ${paperLink(link)}.</p>`);
  if (source && source !== link) out.push(`<p>Source named in the grid: ${paperLink(source)}.</p>`);
  // Every link a signature recorded from the pane, not only the latest: an auditor sees each one given.
  if (links.length > 1 || (links.length === 1 && links[0].link !== link))
    out.push(
      `<p>Links recorded with the signatures (not hashed):</p><ul>${links
        .map((l) => `<li>${paperLink(l.link)}, recorded by ${h(l.name)} (record ${l.seq})</li>`)
        .join('')}</ul>`,
    );
  else if (links.length === 1)
    out.push(
      `<p class="meta">Recorded with the signature of ${h(links[0].name)} (record ${links[0].seq}); a link is not hashed.</p>`,
    );
  if (recorded.length)
    out.push(
      `<table><thead><tr><th scope="col">File</th><th scope="col">SHA-256 when signed</th><th scope="col">Recorded by</th></tr></thead><tbody>${recorded
        .map(
          (r) =>
            `<tr><td>${h(r.file)}</td><td class="hash">${h(r.sha256)}</td><td>${h(r.name)} (record ${r.seq})</td></tr>`,
        )
        .join('')}</tbody></table>`,
    );
  return out.join('\n');
}

function declarations(p: AssurancePack): string {
  const out = ['<section class="part" aria-labelledby="decl-h">', '<h2 id="decl-h">Declarations confirmed</h2>'];
  if (!p.declarations.length) out.push('<p>No signature has been given, so no declaration was confirmed.</p>');
  for (const d of p.declarations) {
    out.push(`<h3>${h(ROLE_TITLES[d.role])}</h3>`);
    out.push(`<blockquote>${h(d.statement)}</blockquote>`);
    out.push(
      `<p class="meta">Confirmed by ${d.signers.map((s) => `${h(s.name)} (record ${s.seq}, ${h(packWhen(s.at))})`).join('; ')}.</p>`,
    );
  }
  out.push('</section>');
  return out.join('\n');
}

function appendix(p: AssurancePack): string {
  const out = ['<section class="part" aria-labelledby="trail-h">', '<h2 id="trail-h">Appendix: the audit trail</h2>'];
  if (!p.records.length) out.push('<p>No records: nothing was checked or signed with Outturn yet.</p>');
  else {
    out.push(
      '<table><thead><tr><th scope="col">Seq</th><th scope="col">When</th><th scope="col">Type</th><th scope="col">Record</th><th scope="col">Hash</th></tr></thead><tbody>',
    );
    for (const r of p.records)
      out.push(
        `<tr><td class="num">${r.seq}</td><td>${h(packWhen(r.at))}</td><td>${h(r.type)}</td><td>${h(r.text)}</td><td class="hash">${h(r.hash)}</td></tr>`,
      );
    out.push('</tbody></table>');
  }
  out.push('</section>');
  return out.join('\n');
}

/** The pack as a page. */
export function assurancePackHtml(p: AssurancePack, generatedAt: Date): string {
  const title = `Assurance pack — ${p.returnName}`;
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>${CSS(cssString(title))}
</style>
</head>
<body>
<header class="running">${h(title)}</header>
<main>
<h1>Assurance pack</h1>
<p class="meta">${h(p.returnName)} · period ${h(p.period ?? 'not known')} · generated ${h(generatedAt.toISOString().replace('T', ' ').slice(0, 16))} UTC by Outturn</p>
${cover(p)}
<section class="part" aria-labelledby="ind-h">
<h2 id="ind-h">Indicators</h2>
${p.indicators.length ? p.indicators.map(indicatorSection).join('\n') : '<p>No indicators were found.</p>'}
</section>
${declarations(p)}
${appendix(p)}
</main>
</body>
</html>
`;
}
