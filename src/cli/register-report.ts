/**
 * The register in each format. Every cell's value is decided in src/app/register.ts; this
 * only lays the rows out. Workbook text (names, sheet names, reasons) is escaped for the
 * terminal, the page and a spreadsheet alike.
 */
import {
  areaTotals,
  peopleToChase,
  registerTotals,
  signoffShare,
  signoffWords,
  type RegisterRow,
  type RegisterTotals,
} from '../app/register';
import * as path from 'node:path';
import { ROLE_TITLES, SIGN_ROLES } from '../signoff/roles';
import { csvField } from './report-csv';
import { escapeHtml } from '../app/html-text';
import type { Write } from './report-output';
import { safeLineWriter } from './report-text';

export const REGISTER_FORMATS = ['text', 'json', 'csv', 'html'] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];

export interface RegisterContext {
  generatedAt: Date;
  /** Sentences about the run itself (hidden files not read). */
  notes: string[];
  /**
   * The folder the page will be opened from (where --out writes it; the working folder for
   * standard output): each return's link is written relative to it.
   */
  linkBase?: string;
}

export function writeRegister(format: RegisterFormat, rows: RegisterRow[], ctx: RegisterContext, write: Write): void {
  if (format === 'json') writeRegisterJson(rows, ctx, write);
  else if (format === 'csv') writeRegisterCsv(rows, write);
  else if (format === 'html') writeRegisterHtml(rows, ctx, write);
  else writeRegisterText(rows, ctx, write);
}

const TRAIL_WORDS: Record<RegisterRow['trail'], string> = {
  unbroken: 'unbroken',
  broken: 'BROKEN',
  'rules-broken': 'RULES BROKEN (records the sign-off rules refuse)',
  empty: 'no records',
  suspicious: 'SUSPICIOUS (empty)',
  unreadable: 'unreadable',
  none: 'none',
};
const RECEIPT_WORDS: Record<RegisterRow['receipt'], string> = {
  matches: 'matches',
  differs: 'DIFFERS',
  unreadable: 'unusable',
  none: 'none',
};

export const roleShort = (role: (typeof SIGN_ROLES)[number]) => ROLE_TITLES[role].toLowerCase();

/** "Dawn Garton as responsible officer: CS01, CS02" for each party still to sign. */
export function toSignWords(row: RegisterRow): string[] {
  return row.stillToSign.map(
    (s) => `${s.name || '(no owner named)'} as ${roleShort(s.role)}: ${s.indicators.join(', ')}`,
  );
}

const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function totalsLines(t: RegisterTotals): string[] {
  return [
    `${t.files} file${t.files === 1 ? '' : 's'}: ${t.returns} return${t.returns === 1 ? '' : 's'}, ${t.notReturns} without a grid, ${t.unusable} that could not be used.`,
    `${t.indicators} indicators; ${t.errors} errors (in ${n(t.returnsWithErrors, 'return')}) and ${t.warnings} warnings outstanding; ${t.figuresNotChecked} figures not checked (in ${n(t.returnsWithUncheckedFigures, 'return')}).`,
    `${t.complete} of ${t.returns} returns completely signed off; ${t.brokenTrails} broken or suspicious trails; receipts: ${t.receiptsMatching} matching, ${t.receiptsDiffering} differing or unusable.`,
    `${n(t.late, 'return')} submitted late; ${t.overdue} not submitted though the deadline has passed.`,
  ];
}

function writeRegisterText(rows: RegisterRow[], ctx: RegisterContext, write: Write): void {
  const line = safeLineWriter(write);
  line(`Register of returns (${rows.length} file${rows.length === 1 ? '' : 's'})`);
  for (const r of rows) {
    line('');
    line(r.file);
    if (r.kind === 'unusable') {
      line(`  NOT USED: ${r.problem}`);
      if (r.modified) line(`  Last modified: ${r.modified}`);
      continue;
    }
    line(`  Sheets: ${r.sheets}; grids: ${r.grids}${r.gridSheets.length ? ` (${r.gridSheets.join(', ')})` : ''}`);
    if (r.kind === 'no-grid') line(`  NOT A RETURN: ${r.problem}`);
    if (r.serviceAreas.length) line(`  Service areas: ${r.serviceAreas.join(', ')}`);
    line(`  Period: ${r.period ?? 'not known'}; indicators: ${r.indicators}`);
    line(
      `  Outstanding: ${n(r.errors, 'error')}, ${n(r.warnings, 'warning')}; figures not checked: ${r.figuresNotChecked} of ${r.figureCells}`,
    );
    if (r.kind === 'return') line(`  Sign-off: ${signoffWords(r)}`);
    if (r.kind === 'return') line(`  Submitted: ${r.submission.words}`);
    for (const t of toSignWords(r)) line(`    to sign: ${t}`);
    line(
      `  Trail: ${TRAIL_WORDS[r.trail]}${r.trail === 'broken' || r.trail === 'rules-broken' || r.trail === 'suspicious' ? ` (${r.trailReason})` : ''}`,
    );
    line(
      `  Receipt: ${RECEIPT_WORDS[r.receipt]}${r.receipt === 'differs' || r.receipt === 'unreadable' ? ` (${r.receiptReason})` : ''}`,
    );
    line(`  Last modified: ${r.modified ?? 'not known'}`);
  }
  line('');
  line('Totals:');
  for (const t of totalsLines(registerTotals(rows))) line(`  ${t}`);
  const people = peopleToChase(rows);
  if (people.length) {
    line('');
    line('Still to sign, by person:');
    for (const p of people) {
      line(`  ${p.name || '(no owner named in the grid)'}`);
      for (const i of p.items) line(`    ${i.file}: ${roleShort(i.role)} for ${i.indicators.join(', ')}`);
    }
  }
  for (const n of ctx.notes) line(n);
}

function writeRegisterJson(rows: RegisterRow[], ctx: RegisterContext, write: Write): void {
  write(`{\n  "generatedAt": ${JSON.stringify(ctx.generatedAt.toISOString())},\n  "returns": [\n`);
  rows.forEach((r, i) => write(`    ${JSON.stringify(r)}${i < rows.length - 1 ? ',' : ''}\n`));
  write(`  ],\n  "totals": ${JSON.stringify(registerTotals(rows))},\n`);
  write(`  "people": ${JSON.stringify(peopleToChase(rows))},\n  "notes": ${JSON.stringify(ctx.notes)}\n}\n`);
}

export const CSV_COLUMNS = [
  'file',
  'kind',
  'problem',
  'sheets',
  'grids',
  'grid sheets',
  'service areas',
  'period',
  'indicators',
  'errors',
  'warnings',
  'figures not checked',
  'figure cells',
  ...SIGN_ROLES.map((r) => `${roleShort(r)} signed`),
  ...SIGN_ROLES.map((r) => `${roleShort(r)} due`),
  'service areas certified',
  'complete',
  'still to sign',
  'trail',
  'receipt',
  'deadline',
  'submitted',
  'submission',
  'working days late',
  'last modified',
] as const;

/** A row's cells in CSV_COLUMNS order, for the CSV (and any other table of the register). */
export function registerCells(r: RegisterRow): (string | number | null)[] {
  const role = (role: string) => r.roles.find((x) => x.role === role);
  return [
    r.file,
    r.kind,
    r.problem,
    r.sheets,
    r.grids,
    r.gridSheets.join('; '),
    r.serviceAreas.join('; '),
    r.period,
    r.indicators,
    r.errors,
    r.warnings,
    r.figuresNotChecked,
    r.figureCells,
    ...SIGN_ROLES.map((x) => role(x)?.signed ?? null),
    ...SIGN_ROLES.map((x) => role(x)?.total ?? null),
    r.kind === 'return' && r.signoffMode === 'per-owner' ? r.areasCertified : null,
    r.kind === 'return' ? (r.complete ? 'yes' : 'no') : null,
    toSignWords(r).join('; '),
    r.trail,
    r.receipt,
    r.submission.deadline,
    r.submission.submitted,
    r.kind === 'return' ? r.submission.state : null,
    r.kind === 'return' && r.submission.daysLate ? r.submission.daysLate : null,
    r.modified,
  ];
}

function writeRegisterCsv(rows: RegisterRow[], write: Write): void {
  write(`${CSV_COLUMNS.map(csvField).join(',')}\r\n`);
  for (const r of rows) write(`${registerCells(r).map(csvField).join(',')}\r\n`);
}

const CSS = `
:root { color-scheme: light; }
body { font: 14px/1.45 "Segoe UI", system-ui, -apple-system, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 90rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #ddd; padding-bottom: .25rem; }
.meta { color: #555; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d0d0; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bad { background: #FFC7CE; color: #9C0006; font-weight: 600; }
.warn { background: #FFEB9C; color: #9C5700; }
.ok { color: #006100; }
.bar { width: 9rem; height: .9rem; border: 1px solid #767676; border-radius: 3px; background: #fff; }
.bar span { display: block; height: 100%; background: #107C10; }
.file { overflow-wrap: anywhere; min-width: 11rem; font-weight: 600; }
.bar.wide { width: 100%; min-width: 12rem; }
table.chart { width: auto; min-width: 40rem; }
a.report { font-weight: 400; font-size: .9em; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
ul { margin: .2rem 0; padding-left: 1.2rem; }
@media print { body { margin: 0; max-width: none; font-size: 10px; } tr { page-break-inside: avoid; } .bar span, .bad, .warn { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }`;

function progressBar(r: RegisterRow): string {
  const pct = Math.round(signoffShare(r) * 100);
  const label = r.complete ? 'Sign-off complete' : `Sign-off ${pct}% of signatures given`;
  return `<div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${pct}" aria-label="${escapeHtml(label)}" title="${escapeHtml(label)}"><span style="width:${pct}%"></span></div>`;
}

/** The folder every file lies in ('' when they share none): the page names files below it, so a long path does not fill the first column. */
export function commonFolder(files: readonly string[]): string {
  if (!files.length) return '';
  const parts = files.map((f) => f.split(/[\\/]/).slice(0, -1));
  const first = parts[0];
  let n = first.length;
  for (const p of parts) {
    let i = 0;
    while (i < n && i < p.length && p[i] === first[i]) i++;
    n = i;
  }
  return n ? `${first.slice(0, n).join('/')}/` : '';
}

/** A link from the page to a file, relative to the folder the page is opened from. */
export function fileHref(file: string, linkBase: string | undefined): string {
  const relative = linkBase === undefined ? file : path.relative(linkBase, path.resolve(file));
  return relative.split(path.sep).join('/').split('/').map(encodeURIComponent).join('/');
}

function htmlRow(r: RegisterRow, folder: string, linkBase: string | undefined): string {
  const td = (v: unknown, cls = '') => `<td${cls ? ` class="${cls}"` : ''}>${escapeHtml(v)}</td>`;
  const shown = folder && r.file.startsWith(folder) ? r.file.slice(folder.length) : r.file;
  const report = r.report
    ? `<br><a class="report" href="${escapeHtml(fileHref(r.report, linkBase))}">Check report<span class="sr"> of ${escapeHtml(shown)}</span></a>`
    : '';
  const name = `<th scope="row" class="file" title="${escapeHtml(r.file)}"><a href="${escapeHtml(fileHref(r.file, linkBase))}">${escapeHtml(shown)}</a>${report}</th>`;
  if (r.kind === 'unusable')
    return `<tr>${name}<td colspan="9" class="bad">Not used: ${escapeHtml(r.problem)}</td>${td(r.modified ?? '')}</tr>`;
  const toSign = toSignWords(r);
  const signoff =
    r.kind === 'return'
      ? `<td>${r.signoffMode === 'not-judged' ? '' : progressBar(r)}${escapeHtml(signoffWords(r))}${toSign.length ? `<ul>${toSign.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>` : ''}</td>`
      : `<td class="bad">${escapeHtml(r.problem)}</td>`;
  const trailBad =
    r.trail === 'broken' || r.trail === 'rules-broken' || r.trail === 'suspicious' || r.trail === 'unreadable';
  const receiptBad = r.receipt === 'differs' || r.receipt === 'unreadable';
  return [
    '<tr>',
    name,
    td(`${n(r.sheets, 'sheet')}, ${n(r.grids, 'grid')}${r.gridSheets.length ? ` (${r.gridSheets.join(', ')})` : ''}`),
    td(r.serviceAreas.join(', ')),
    td(r.period ?? 'not known'),
    td(r.indicators, 'num'),
    `<td class="num${r.errors ? ' bad' : ''}">${n(r.errors, 'error')}, ${n(r.warnings, 'warning')}</td>`,
    td(`${r.figuresNotChecked} of ${r.figureCells}`, `num${r.figuresNotChecked ? ' warn' : ''}`),
    signoff,
    `<td${r.submission.state === 'late' || r.submission.state === 'overdue' ? ' class="bad"' : ''}>${escapeHtml(r.submission.words)}</td>`,
    `<td${trailBad ? ' class="bad"' : ''}>Trail ${escapeHtml(TRAIL_WORDS[r.trail])}${trailBad ? `: ${escapeHtml(r.trailReason)}` : ''}<br>Receipt ${escapeHtml(RECEIPT_WORDS[r.receipt])}${receiptBad ? `: <span class="bad">${escapeHtml(r.receiptReason)}</span>` : ''}</td>`,
    td(r.modified ?? ''),
    '</tr>',
  ].join('');
}

/**
 * Sign-off by service area across every return, and overall: a bar each, with the numbers
 * beside it in the same table, so the chart has its text alternative in itself.
 */
function areaChart(rows: RegisterRow[]): string {
  const { areas, overall } = areaTotals(rows);
  if (!overall.due) return '';
  const bar = (a: { name: string; indicators: number; signed: number; due: number }, head = false) => {
    const pct = Math.round((a.signed / a.due) * 100);
    const name = a.name || '(no service area)';
    const cell = head
      ? `<th scope="row"><strong>${escapeHtml(name)}</strong></th>`
      : `<th scope="row">${escapeHtml(name)}</th>`;
    return `<tr>${cell}<td class="num">${a.indicators}</td><td class="num">${a.signed} of ${a.due}</td><td><div class="bar wide" role="img" aria-label="${escapeHtml(`${name}: ${pct}% of signatures given`)}"><span style="width:${pct}%"></span></div></td><td class="num">${pct}%</td></tr>`;
  };
  return [
    '<h2>Sign-off by service area</h2>',
    '<table class="chart" id="areas">',
    '<caption class="meta">Signatures given of those due (compiler, responsible officer and head of service for every indicator), across every return.</caption>',
    '<thead><tr><th scope="col">Service area</th><th scope="col">Indicators</th><th scope="col">Signatures</th><th scope="col">Progress</th><th scope="col">Share</th></tr></thead>',
    `<tbody>${areas.map((a) => bar(a)).join('')}${bar(overall, true)}</tbody>`,
    '</table>',
    '',
  ].join('\n');
}

function writeRegisterHtml(rows: RegisterRow[], ctx: RegisterContext, write: Write): void {
  const t = registerTotals(rows);
  write(
    `<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>Register of returns</title>\n<style>${CSS}</style>\n</head>\n<body>\n<main>\n<h1>Register of returns</h1>\n<p class="meta">Generated ${escapeHtml(ctx.generatedAt.toISOString())} by outturn register.</p>\n`,
  );
  write(
    `<h2>Totals</h2>\n<ul>${totalsLines(t)
      .map((l) => `<li>${escapeHtml(l)}</li>`)
      .join('')}</ul>\n`,
  );
  write(areaChart(rows));
  const folder = commonFolder(rows.map((r) => r.file));
  write(`<h2>Returns</h2>\n${folder ? `<p class="meta">Files in ${escapeHtml(folder)}</p>\n` : ''}`);
  write(
    '<table id="returns">\n<caption class="meta">One row per file: checks, figures not checked, sign-off, trail and receipt.</caption>\n<thead><tr><th scope="col">File</th><th scope="col">Sheets and grids</th><th scope="col">Service areas</th><th scope="col">Period</th><th scope="col">Indicators</th><th scope="col">Outstanding</th><th scope="col">Figures not checked</th><th scope="col">Sign-off</th><th scope="col">Submitted</th><th scope="col">Trail and receipt</th><th scope="col">Last modified</th></tr></thead>\n<tbody>\n',
  );
  for (const r of rows) write(`${htmlRow(r, folder, ctx.linkBase)}\n`);
  write('</tbody>\n</table>\n');
  const people = peopleToChase(rows);
  write('<h2>Still to sign, by person</h2>\n');
  if (!people.length) write('<p>Nobody: every return read is completely signed off.</p>\n');
  for (const p of people) {
    write(`<h3>${escapeHtml(p.name || '(no owner named in the grid)')}</h3>\n<ul>`);
    for (const i of p.items)
      write(`<li>${escapeHtml(`${i.file}: ${roleShort(i.role)} for ${i.indicators.join(', ')}`)}</li>`);
    write('</ul>\n');
  }
  for (const n of ctx.notes) write(`<p class="meta">${escapeHtml(n)}</p>\n`);
  write('</main>\n</body>\n</html>\n');
}
