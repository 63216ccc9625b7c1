/**
 * What the assurance pack says per indicator beyond the figures: the RAG and direction of
 * travel as the workbook reports them and as Outturn recomputes them (a difference named in
 * words, and only where the check finds one), and a trend chart with its text alternative and
 * its figures as a table; the running head and page numbers the printed pack carries.
 * On the sample signed by every owner, on a published return signed as a whole, and on a
 * monthly return long enough for process limits.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { run, tmpDir } from '../cli/helpers';
import { AS_OF, signedPublished, signedSample } from './signed-returns';

const ROOT = path.join(__dirname, '..', '..');

/** Text of a fragment, cells split by ' | ', tags dropped and entities read. */
function text(html: string): string {
  return html
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<(br|\/tr|\/li|\/p|\/h\d|\/figcaption|\/caption)>/g, '\n')
    .replace(/<\/t[dh]>/g, ' | ')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/[ \t]*\n\s*/g, '\n');
}

/** Every indicator's section, by its heading's first word (the ref, or 'row' and its number). */
function indicators(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<section class="indicator"[\s\S]*?<h3 id="ind-\d+">([^<]*?) — [\s\S]*?<\/section>/g))
    out.set(m[1], m[0]);
  return out;
}

/** The as-reported-and-recomputed table's row for 'RAG' or 'Direction of travel', as text. */
function judged(section: string, what: 'RAG' | 'Direction of travel'): string {
  const table = section.match(/<table class="recomputed">[\s\S]*?<\/table>/)?.[0];
  if (!table) throw new Error('no as-recomputed table');
  const row = table.match(new RegExp(`<tr><th scope="row">${what}</th>[\\s\\S]*?</tr>`))?.[0];
  if (!row) throw new Error(`no ${what} row`);
  return text(row).trim();
}

describe('the sample after every owner signed', () => {
  let html: string;
  let sections: Map<string, string>;

  beforeAll(async () => {
    const sample = await signedSample();
    const r = await run(['report', sample.signed, ...AS_OF]);
    expect(r.stderr).toBe('');
    html = r.stdout;
    sections = indicators(html);
    expect(sections.size).toBe(12);
  }, 240_000);

  test('RAG and direction as reported and as recomputed; a difference named in words, not colour alone', () => {
    const cs01 = sections.get('CS01')!;
    expect(text(cs01)).toContain(
      'As reported and as recomputed\nJudgement | As reported | As recomputed | Comparison |',
    );
    expect(judged(cs01, 'RAG')).toBe(
      'RAG | GREEN | AMBER | Differs: the workbook reports GREEN, the figures give AMBER. 94.0% is below the target of 95.0% and above the floor standard of 90.0%. |',
    );
    expect(cs01).toContain('<span class="differs">Differs: ');
    expect(judged(cs01, 'Direction of travel')).toBe(
      'Direction of travel | Worse | Worse | Agrees. 94.0% is worse than Jun (95.0%; higher is better). |',
    );
    // Lower is better: the recomputation follows the polarity.
    expect(judged(sections.get('CS02')!, 'RAG')).toBe('RAG | GREEN | GREEN | Agrees. 0.6 meets the target of 0.8. |');
    expect(judged(sections.get('CS02')!, 'Direction of travel')).toBe(
      'Direction of travel | Improving | Improving | Agrees. 0.6 is better than Jun (0.9; lower is better). |',
    );
    expect(judged(sections.get('HC01')!, 'RAG')).toMatch(/^RAG \| AMBER \| AMBER \| Agrees\. 26 is above the target/);
    // A gap before July with an older figure: no direction can be told, and the pack says why.
    expect(judged(sections.get('HC03')!, 'Direction of travel')).toBe(
      'Direction of travel | Improving | not recomputed | Not recomputed. There is no Jun figure, and an earlier figure means the indicator is not new, so no direction can be told. |',
    );
    expect(judged(sections.get('HC05')!, 'Direction of travel')).toBe(
      'Direction of travel | New | New | Agrees. There is no Jun figure to compare with. |',
    );
  });

  test('the pack says a RAG or direction differs exactly where the check reports a mismatch', () => {
    for (const [ref, s] of sections) {
      const rows = s.match(/<table class="recomputed">[\s\S]*?<\/table>/)![0];
      const ragDiffers = /<th scope="row">RAG<\/th>(?:(?!<\/tr>)[\s\S])*class="differs"/.test(rows);
      const dotDiffers = /<th scope="row">Direction of travel<\/th>(?:(?!<\/tr>)[\s\S])*class="differs"/.test(rows);
      expect([ref, ragDiffers]).toEqual([ref, s.includes(', rag-mismatch, ')]);
      expect([ref, dotDiffers]).toEqual([ref, s.includes(', dot-mismatch, ')]);
    }
  });

  test('a trend chart per indicator: an image with its words, the target as a line, its figures as a table', () => {
    const cs01 = sections.get('CS01')!;
    const summary =
      'Trend of CS01 Percentage of invoices paid within 30 days: 4 figures, from 96.0% in Apr to 94.0% in Jul; target 95.0%.';
    const svg = cs01.match(/<figure class="trend" data-kind="line"><svg [^>]*>/)![0];
    expect(svg).toContain('role="img"');
    const [, labelled] = svg.match(/aria-labelledby="([^"]+)"/)!;
    expect(cs01).toContain(`<title id="${labelled}">${summary}</title>`);
    expect(cs01).toContain(`<figcaption>${summary}</figcaption>`);
    expect(cs01).toMatch(/<line [^>]*data-line="target"\/>/);
    // Four points, one per month reported, each with its figure.
    expect([...cs01.matchAll(/<g data-point="(\w+)"><title>([^<]+)<\/title>/g)].map((m) => m[2])).toEqual([
      'Apr: 96.0%',
      'May: 97.0%',
      'Jun: 95.0%',
      'Jul: 94.0%',
    ]);
    const table = text(cs01.match(/<div class="sr-only"><table>[\s\S]*?<\/table>/)![0]);
    expect(table).toBe(
      'Figures of the chart; target 95.0%\nPeriod | Figure |\nApr | 96.0% |\nMay | 97.0% |\nJun | 95.0% |\nJul | 94.0% |\n',
    );
    // One figure only: nothing to draw a line through, and the pack says so.
    expect(text(sections.get('HC05')!)).toContain('Trend\nNot charted: fewer than two figures have been reported.');
    const charted = [...sections.values()].filter((s) => s.includes('<figure class="trend"')).length;
    expect(charted).toBe(11);
  });

  test('printed: the running head and "Page N of M" in the page margins, the header on screen only', () => {
    expect(html).toContain('@top-center { content: "Assurance pack — corporate-pis-signed.xlsx";');
    expect(html).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages);');
    expect(html).toMatch(/@media print \{[\s\S]*header\.running \{ display: none; \}/);
    expect(html).toMatch(/h2, h3, h4 \{ break-after: avoid-page;/);
  });
});

test('a return name that would break out of the CSS string is escaped in the running head', async () => {
  const dir = tmpDir();
  const file = path.join(dir, 'Q2 "final" <v2>.xlsx');
  fs.copyFileSync(path.join(ROOT, 'examples/corporate-pis-july-2017.xlsx'), file);
  const r = await run(['report', file, ...AS_OF]);
  const style = r.stdout.match(/<style>[\s\S]*?<\/style>/)![0];
  expect(style).toContain('@top-center { content: "Assurance pack — Q2 \\22 final\\22  \\3c v2\\3e .xlsx";');
  expect(style.indexOf('<', 1)).toBe(style.lastIndexOf('</style>'));
});

describe('a published return signed as a whole (Maidstone, quarterly, one period)', () => {
  let sections: Map<string, string>;

  beforeAll(async () => {
    const { file, receipt } = await signedPublished();
    const r = await run(['report', file, '--receipt', receipt]);
    expect(r.code).toBe(0);
    sections = indicators(r.stdout);
  }, 240_000);

  test('its own words read: Green, Amber, Data Only, N/A; what cannot be recomputed says why', () => {
    expect([...sections.keys()]).toEqual(['row 7', 'row 8', 'row 9', 'row 10', 'row 11', 'row 12']);
    expect(judged(sections.get('row 7')!, 'RAG')).toBe(
      'RAG | Green | GREEN | Agrees. 100.00% meets the target of 100.00%. |',
    );
    expect(judged(sections.get('row 8')!, 'RAG')).toBe(
      'RAG | Amber | not recomputed | Not recomputed. There is no floor standard, so only a figure on its target can be rated. |',
    );
    expect(judged(sections.get('row 9')!, 'RAG')).toBe(
      'RAG | Data Only | not recomputed | Not recomputed. The indicator is stated as not rated. |',
    );
    expect(judged(sections.get('row 7')!, 'Direction of travel')).toBe(
      'Direction of travel | N/A | not recomputed | Not recomputed. The row states that no direction can be given. |',
    );
    expect(judged(sections.get('row 10')!, 'Direction of travel')).toBe(
      'Direction of travel | none | not recomputed | Not recomputed. The grid has no previous period to compare with. |',
    );
    for (const s of sections.values()) {
      expect(s).not.toContain('class="differs"');
      expect(text(s)).toContain('Not charted: fewer than two figures have been reported.');
    }
  });
});

test('a published return with a series per indicator (Warwickshire FRS): a line chart each, target drawn', async () => {
  const r = await run(['report', path.join(ROOT, 'test/fixtures/real/warwickshire-frs-measures/faithful.xlsx')]);
  const figures = [...r.stdout.matchAll(/<figure class="trend" data-kind="line">[\s\S]*?<\/figure>/g)].map((m) => m[0]);
  expect(figures.length).toBeGreaterThan(20);
  for (const f of figures) {
    expect(f).toMatch(/<svg [^>]*role="img" aria-labelledby="trend-\d+-title"/);
    expect(f).toMatch(
      /<figcaption>Trend of .+: \d+ figures, from .+ in .+ to .+ in .+; (target .+|no target)\.<\/figcaption>/,
    );
    expect(f).toContain('<div class="sr-only"><table>');
  }
});

/** Two years of monthly figures: enough for process limits. */
async function monthlyReturn(): Promise<string> {
  const months = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];
  const headers = [2016, 2017].flatMap((y) => months.map((m, i) => `${m}-${String(i < 9 ? y % 100 : (y + 1) % 100)}`));
  const calls = [
    640, 655, 610, 702, 688, 630, 671, 645, 660, 690, 620, 655, 648, 662, 630, 690, 1150, 640, 655, 670, 650, 640, 668,
    652,
  ];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Monthly PIs');
  ws.addRow(['Monthly indicators: results up to March 2018']);
  ws.addRow(['Ref', 'Measure', ...headers, 'Target']);
  ws.addRow(['C1', 'Number of 999 calls received', ...calls, 700]).eachCell((c) => {
    if (typeof c.value === 'number') c.numFmt = '#,##0';
  });
  const file = path.join(tmpDir(), 'monthly.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

test('enough figures for process limits: the XmR chart, with the same words and table', async () => {
  const r = await run(['report', await monthlyReturn()]);
  const figure = r.stdout.match(/<figure class="trend" data-kind="xmr">[\s\S]*?<\/figure>/)![0];
  expect(figure).toContain('data-testid="spc-chart"');
  expect(figure).toMatch(/<title id="trend-0-title">XmR chart: C1 Number of 999 calls received<\/title>/);
  expect(figure).toContain(
    '<figcaption>XmR chart of C1 Number of 999 calls received: 24 figures, from 640 in Apr-16 to 652 in Mar-18; target 700.</figcaption>',
  );
  expect(figure).toMatch(/data-line="upper"[\s\S]*data-line="target"/);
  expect(text(figure)).toContain('Apr-16 | 640 |\nMay-16 | 655 |');
});

test.each(
  fs
    .readdirSync(path.join(ROOT, 'test/fixtures/real'))
    .map((d) => path.join(ROOT, 'test/fixtures/real', d))
    .filter((d) => fs.statSync(d).isDirectory())
    .map((d) => [
      path.basename(d),
      path.join(
        d,
        fs.readdirSync(d).find((f) => f.endsWith('.xlsx'))!,
      ),
    ]),
)('%s: a difference shown exactly where the check reports a mismatch, and each shown in words', async (_, file) => {
  const r = await run(['report', file]);
  expect(r.stdout).toMatch(/^<!DOCTYPE html>/);
  for (const [ref, s] of indicators(r.stdout)) {
    const rows = s.match(/<table class="recomputed">[\s\S]*?<\/table>/)?.[0] ?? '';
    for (const [what, rule] of [
      ['RAG', 'rag-mismatch'],
      ['Direction of travel', 'dot-mismatch'],
    ]) {
      const row = rows.match(new RegExp(`<th scope="row">${what}</th>[\\s\\S]*?</tr>`))?.[0] ?? '';
      expect([ref, what, row.includes('class="differs"')]).toEqual([ref, what, s.includes(`, ${rule}, `)]);
      if (row.includes('class="differs"')) expect(row).toMatch(/<span class="differs">Differs: \S/);
    }
  }
});

test('no floor standard: a status saying met on a figure that misses its target still differs, in the check’s words', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('KPIs');
  ws.addRow(['Quarterly indicators: results up to September 2019']);
  ws.addRow(['Ref', 'Measure', 'Polarity', 'Target', 'Q1 2019/20', 'Q2 2019/20', 'RAG', 'DoT']);
  ws.addRow(['K1', 'Percentage of calls answered in 20 seconds', 'Higher is better', 90, 85, 80, 'Green', 'Improving']);
  ws.addRow(['K2', 'Missed bin collections per 100,000', 'Lower is better', 50, 60, 40, 'Green', 'Improving']);
  const file = path.join(tmpDir(), 'no-floor.xlsx');
  await wb.xlsx.writeFile(file);
  const sections = indicators((await run(['report', file, '--as-of', '2019-10-20'])).stdout);
  expect(judged(sections.get('K1')!, 'RAG')).toBe(
    'RAG | Green | not recomputed | Differs: RAG says Green but 80 does not meet the target of 90 (higher is better): should be not met. |',
  );
  expect(judged(sections.get('K1')!, 'Direction of travel')).toBe(
    'Direction of travel | Improving | Worse | Differs: the workbook reports Improving, the figures give Worse. 80 is worse than Q1 2019/20 (85; higher is better). |',
  );
  expect(judged(sections.get('K2')!, 'RAG')).toBe(
    'RAG | Green | not recomputed | Not recomputed. There is no floor standard, so only a figure on its target can be rated. |',
  );
  // Two quarters: a line between them, the target across it.
  expect(sections.get('K2')).toContain(
    '<figcaption>Trend of K2 Missed bin collections per 100,000: 2 figures, from 60 in Q1 2019/20 to 40 in Q2 2019/20; target 50.</figcaption>',
  );
});
