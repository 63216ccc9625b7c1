/**
 * The pack as `outturn report --format pdf` prints it through Chromium: every page carries
 * the return's name at its head and "Page N of M" at its foot (CSS margin boxes, kept by
 * Chromium's print with its own header and footer turned off), read back with pdftotext.
 * The first two pages of the signed sample are rendered by pdftoppm to look at
 * (test-artifacts/pack-print-01.png, -02.png; copies in docs/screenshots).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARTIFACTS, chromiumAvailable } from '../browser/harness';
import { run } from '../cli/helpers';
import { AS_OF, signedPublished, signedSample } from './signed-returns';

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Why the printed pack cannot be read here, or null when it can (CI installs Chromium and poppler). */
const missing = !chromiumAvailable()
  ? 'Chromium is not installed, so no PDF can be printed'
  : !hasTool('pdftotext') || !hasTool('pdftoppm')
    ? 'poppler-utils (pdftotext, pdftoppm) are not installed, so the PDF cannot be read back'
    : null;
const maybe = missing ? test.skip : test;
const why = missing ? ` (skipped: ${missing})` : '';

/** The text of each page of a PDF. */
function pages(pdf: string): string[] {
  const out = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  return out.split('\f').filter((p) => p.trim() !== '');
}

function expectHeadAndNumbers(texts: string[], returnName: string): void {
  expect(texts.length).toBeGreaterThan(1);
  texts.forEach((t, i) => {
    const lines = t.split('\n').filter((l) => l.trim() !== '');
    expect([i, lines[0].trim()]).toEqual([i, `Assurance pack — ${returnName}`]);
    expect([i, lines[lines.length - 1].trim()]).toEqual([i, `Page ${i + 1} of ${texts.length}`]);
  });
}

maybe(
  `the signed sample printed: its name on every page, "Page N of M", the first two pages rendered${why}`,
  async () => {
    const sample = await signedSample();
    const pdf = path.join(sample.dir, 'pack.pdf');
    const r = await run(['report', sample.signed, ...AS_OF, '--format', 'pdf', '--out', pdf]);
    expect(r.stderr).toBe(`outturn: assurance pack written to ${pdf}\n`);
    const texts = pages(pdf);
    expectHeadAndNumbers(texts, 'corporate-pis-signed.xlsx');
    expect(texts[0]).toContain('Page 1 of');
    // The cover on the first page; the indicators begin on the second, the heading with its first indicator.
    expect(texts[0]).toContain('Data quality by dimension');
    expect(texts[1]).toMatch(/Indicators\s+CS01 — Percentage of invoices paid within 30 days/);
    expect(texts.join('\n')).toContain('As reported and as recomputed');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, path.join(ARTIFACTS, 'pack-print')]);
    const images = fs.readdirSync(ARTIFACTS).filter((f) => /^pack-print-\d+\.png$/.test(f));
    expect(images.length).toBeGreaterThanOrEqual(2);
  },
  300_000,
);

maybe(
  `a published return signed as a whole, printed: its name and page numbers on every page${why}`,
  async () => {
    const { file, receipt } = await signedPublished();
    const pdf = path.join(path.dirname(file), 'pack.pdf');
    const r = await run(['report', file, '--receipt', receipt, '--format', 'pdf', '--out', pdf]);
    expect(r.code).toBe(0);
    expectHeadAndNumbers(pages(pdf), 'maidstone-spi-q2-2019-20.xlsx');
  },
  300_000,
);
