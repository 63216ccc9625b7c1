/**
 * `outturn report`: the assurance pack of a return signed through the command line, every
 * section asserted on the page the command writes; a figure changed after signing named on
 * the cover, old → new; a declaration configured by the organisation recorded and shown
 * word for word, beside the fixed text of the signatures made before it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { run } from '../cli/helpers';
import { readHeadFromXlsx, writeWorkbookWithHead } from '../support/trail-exceljs';
import { ROLE_STATEMENTS, roleStatement } from '../../src/signoff/roles';
import { OutturnConfig } from '../../src/engine/model/config';
import { AS_OF, CONFIGURED_DECLARATION, signedPublished, signedSample, type SignedSample } from './signed-returns';

/** The page's text, one line per block, tags dropped and entities read. */
function text(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<(br|\/tr|\/li|\/p|\/h\d|\/blockquote)>/g, '\n')
    .replace(/<\/t[dh]>/g, ' | ')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/[ \t]*\n\s*/g, '\n');
}

/** The section of the page opened by the heading with this id, up to the next part. */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`no section ${id}`);
  const end = html.indexOf('<section class="part"', start);
  return html.slice(start, end < 0 ? undefined : end);
}

function indicator(html: string, ref: string): string {
  const start = html.search(new RegExp(`<h3 id="ind-\\d+">${ref} — `));
  if (start < 0) throw new Error(`no indicator ${ref}`);
  return html.slice(start, html.indexOf('</section>', start));
}

let sample: SignedSample;

beforeAll(async () => {
  sample = await signedSample();
}, 240_000);

describe('declarations as configuration', () => {
  test('a role not configured keeps the fixed statement; a configured one is its own text', () => {
    const config = OutturnConfig.parse({ declarations: { 'head-of-service': CONFIGURED_DECLARATION } });
    expect(roleStatement('head-of-service', config.declarations)).toBe(CONFIGURED_DECLARATION);
    expect(roleStatement('compiler', config.declarations)).toBe(ROLE_STATEMENTS.compiler);
    expect(roleStatement('compiler', undefined)).toBe(ROLE_STATEMENTS.compiler);
    expect(OutturnConfig.safeParse({ declarations: { auditor: 'x' } }).success).toBe(false);
    expect(OutturnConfig.safeParse({ declarations: { compiler: '  ' } }).success).toBe(false);
  });

  test('the text configured is the text each signature records; signatures made before keep theirs', async () => {
    const r = await run(['audit', sample.signed, '--format', 'json']);
    const records = JSON.parse(r.stdout).records as { type: string; payload: { role: string; statement: string } }[];
    const signs = records.filter((x) => x.type === 'sign');
    const byRole = (role: string) => [
      ...new Set(signs.filter((s) => s.payload.role === role).map((s) => s.payload.statement)),
    ];
    expect(byRole('compiler')).toEqual([ROLE_STATEMENTS.compiler]);
    expect(byRole('responsible-officer')).toEqual([ROLE_STATEMENTS['responsible-officer']]);
    expect(byRole('head-of-service')).toEqual([CONFIGURED_DECLARATION]);
  });
});

describe('the assurance pack of the sample after every owner signed', () => {
  let html: string;

  beforeAll(async () => {
    const r = await run(['report', sample.signed, ...AS_OF]);
    expect(r.stderr).toBe('');
    // Signed in part: the indicators with errors could not be signed.
    expect(r.code).toBe(0);
    html = r.stdout;
  });

  test('one self-contained page that prints on A4, section by section', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    expect(html).toContain('<title>Assurance pack — corporate-pis-signed.xlsx</title>');
    expect(html).toContain('<header class="running">Assurance pack — corporate-pis-signed.xlsx</header>');
    expect(html).toMatch(/@page \{\s+size: A4;/);
    expect(html).toMatch(/section\.part \{ break-before: page;/);
  });

  test('the cover: return, period, grid, sign-off per role, trail and chain head, data quality by dimension', async () => {
    const cover = text(section(html, 'cover-h'));
    expect(cover).toContain('Return | corporate-pis-signed.xlsx');
    expect(cover).toContain('Period | 2017-07');
    expect(cover).toContain('Deadline | 14/08/2017');
    expect(cover).toContain('Grids | Corporate PIs A4:Z20 (12 indicators)');
    expect(cover).toContain('Sign-off | PARTLY-SIGNED. Signed in part: every signature is current');
    // The same counts `outturn audit` gives.
    const audit = JSON.parse((await run(['audit', sample.signed, '--format', 'json'])).stdout);
    const compilers = audit.progress.counts.compiler;
    expect(cover).toContain(`Compiler | ${compilers.signed} of ${compilers.total} indicators signed`);
    expect(cover).toContain('Head of service | ');
    expect(cover).toMatch(/Audit trail \| UNBROKEN\. The trail is unbroken: \d+ records/);
    expect(cover).toContain(`Chain head | ${audit.verification.head.seq}:${audit.verification.head.hash}`);
    expect(cover).toContain('Receipt | No receipt was given (--receipt).');
    const dims = cover.slice(cover.indexOf('Data quality by dimension'));
    for (const d of ['accuracy', 'completeness', 'timeliness', 'reliability'])
      expect(dims).toMatch(new RegExp(`${d} \\| \\d+ \\| \\d+ \\| \\d+`));
    expect(dims).toContain('accuracy | 5 | 0 | 0');
    expect(cover).not.toContain('Figures changed after signing');
  });

  test('per indicator: figures as reported, target, RAG, findings, acknowledgements and each signature', () => {
    const cs01 = text(indicator(html, 'CS01'));
    expect(cs01).toContain('CS01 — Percentage of invoices paid within 30 days');
    expect(cs01).toContain('Service area: Corporate Services');
    expect(cs01).toMatch(/Apr \| May \| Jun \| Jul \| Target \| Floor \| RAG \| Direction of travel/);
    expect(cs01).toContain('96.0% | 97.0% | 95.0% | 94.0% | 95.0% | 90.0% | GREEN | Worse');
    expect(cs01).toContain('error (accuracy, rag-mismatch, T6): RAG says GREEN but 94.0% is below the target');
    expect(cs01).toContain('Compiler | Alan Pritchard (to sign) | — | — | Not signed');

    const cs02 = text(indicator(html, 'CS02'));
    expect(cs02).toContain('None: every check passed on this indicator.');
    expect(cs02).toContain('Compiler | Alan Pritchard | typed name | 11/08/2017 09:00 UTC | Signed, figures as signed');
    expect(cs02).toMatch(
      /Head of service \| Keith Aubrey \| typed name \| 11\/08\/2017 09:\d\d UTC \| Signed, figures as signed/,
    );

    // A warning signed past, with the reason each signer gave.
    const acknowledged = html
      .match(/<h3 id="ind-\d+">HC\d\d[\s\S]*?<\/section>/g)!
      .map(text)
      .find((s) => s.includes('acknowledged by'));
    expect(acknowledged).toMatch(
      /— acknowledged by Linda Hewitt \(compiler, 11\/08\/2017 09:0\d UTC\): “Commentary agreed with the service”/,
    );
  });

  test('the declarations, word for word as each signature recorded them', () => {
    const decl = text(section(html, 'decl-h'));
    expect(decl).toContain(`Compiler\n${ROLE_STATEMENTS.compiler}\nConfirmed by Alan Pritchard (record`);
    expect(decl).toContain(`Responsible officer\n${ROLE_STATEMENTS['responsible-officer']}\nConfirmed by Dawn Garton`);
    expect(decl).toContain(`Head of service\n${CONFIGURED_DECLARATION}\nConfirmed by Keith Aubrey`);
    expect(decl).not.toContain(ROLE_STATEMENTS['head-of-service']);
  });

  test('the appendix: every trail record, with its hash', async () => {
    const audit = JSON.parse((await run(['audit', sample.signed, '--format', 'json'])).stdout);
    const appendix = text(section(html, 'trail-h'));
    for (const r of audit.records as { seq: number; type: string; hash: string }[])
      expect(appendix).toContain(`${r.seq} | `);
    const last = audit.records[audit.records.length - 1];
    expect(appendix).toContain(`| ${last.hash} |`);
    expect(appendix).toMatch(/\| sign \| Signed as head of service by Harry Bell \(typed name\): 5 indicators/);
  });
});

test('a figure changed after signing: named on the cover, old → new, the signatures stale (exit 1)', async () => {
  const r = await run(['report', sample.changed, ...AS_OF]);
  expect(r.code).toBe(1);
  const cover = text(section(r.stdout, 'cover-h'));
  expect(cover).toContain('Sign-off | STALE.');
  const alert = cover.slice(cover.indexOf('Figures changed after signing'));
  expect(alert).toMatch(
    /HC01: compiler signature of Linda Hewitt \(11\/08\/2017 09:0\d UTC\) is stale\. Jul: \d+ → \d+/,
  );
  expect(alert).toMatch(/HC01: head of service signature of Harry Bell/);
  expect(alert).not.toMatch(/HC02/);
  const hc01 = text(indicator(r.stdout, 'HC01'));
  expect(hc01).toMatch(
    /Compiler \| Linda Hewitt \| typed name \| .* \| STALE: figures changed since signed\nJul: \d+ → \d+/,
  );
});

describe('a published return signed as a whole, with its receipt', () => {
  let published: { file: string; receipt: string };
  beforeAll(async () => {
    published = await signedPublished();
  }, 120_000);

  test('the cover says the receipt matches; each indicator carries the three signatures', async () => {
    const r = await run(['report', published.file, '--receipt', published.receipt, '--as-of', '2019-10-20']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cover = text(section(r.stdout, 'cover-h'));
    expect(cover).toContain('Sign-off | COMPLETE.');
    expect(cover).toContain('Sign-off mode | As a whole: one signature per role');
    expect(cover).toContain('Compiler | signed by Ann Cole');
    expect(cover).toContain('Head of service | signed by Cara Eve');
    expect(cover).toMatch(/Receipt \| Receipt of maidstone-spi-q2-2019-20\.xlsx issued .*: MATCHES\./);
    const first = text(r.stdout.match(/<section class="indicator"[\s\S]*?<\/section>/)![0]);
    expect(first).toContain('Compiler | Ann Cole | typed name | 10/10/2019 10:00 UTC | Signed, figures as signed');
    expect(first).toContain(
      'Head of service | Cara Eve | typed name | 12/10/2019 10:00 UTC | Signed, figures as signed',
    );
    const decl = text(section(r.stdout, 'decl-h'));
    expect(decl).toContain(ROLE_STATEMENTS['head-of-service']);
  });

  test('a figure changed after the whole return was signed: the cover names the indicator, the receipt differs', async () => {
    const changed = path.join(path.dirname(published.file), 'maidstone-changed.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(published.file);
    const ws = wb.worksheets.find((w) => w.state === 'visible')!;
    let done = false;
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        if (!done && typeof cell.value === 'number' && row.number > 3) {
          cell.value = cell.value + 1;
          done = true;
        }
      });
    });
    const bytes = fs.readFileSync(published.file);
    await writeWorkbookWithHead(wb, changed, await readHeadFromXlsx(bytes), bytes);
    const r = await run(['report', changed, '--receipt', published.receipt, '--as-of', '2019-10-20']);
    expect(r.code).toBe(1);
    const cover = text(section(r.stdout, 'cover-h'));
    expect(cover).toContain('Sign-off | STALE.');
    expect(cover).toMatch(/Receipt \| .*: DIFFERS\./);
    const alert = cover.slice(cover.indexOf('Figures changed after signing'));
    expect(alert).toMatch(/\n[^:\n]+: compiler signature of Ann Cole \(10\/10\/2019 10:00 UTC\) is stale\./);
    expect(alert).toMatch(/head of service signature of Cara Eve/);
  });

  test('a receipt of another workbook: the cover says it differs (exit 1)', async () => {
    const r = await run(['report', sample.signed, '--receipt', published.receipt, ...AS_OF]);
    expect(r.code).toBe(1);
    expect(text(section(r.stdout, 'cover-h'))).toMatch(/Receipt \| .*: DIFFERS\./);
  });
});

describe('the command', () => {
  test('--help, and the main help names it', async () => {
    const help = await run(['report', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^outturn report — the assurance pack/);
    expect((await run(['--help'])).stdout).toContain('outturn report <file.xlsx> [--format html|pdf]');
  });

  test('--out writes the page; bad arguments are one line, exit 2', async () => {
    const out = path.join(sample.dir, 'pack.html');
    const r = await run(['report', sample.signed, ...AS_OF, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`outturn: assurance pack written to ${out}\n`);
    expect(fs.readFileSync(out, 'utf8')).toContain('<h2 id="cover-h">Cover</h2>');
    for (const argv of [
      ['report'],
      ['report', sample.signed, '--format', 'docx'],
      ['report', sample.signed, '--format', 'pdf'],
      ['report', 'figures.csv'],
      ['report', path.join(sample.dir, 'absent.xlsx')],
    ]) {
      const bad = await run(argv);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^outturn: [^\n]+\n$/);
    }
  });
});
