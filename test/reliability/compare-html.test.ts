/**
 * `outturn compare --format html` on the Melton-style monthly return (July's file against
 * August's, written to disk): one self-contained page with accessible tables, every
 * difference listed, the figure typed over marked, and text from the workbook escaped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { meltonClean } from '../fixtures';
import { run, tmpDir, writeWorkbook } from '../cli/helpers';

const dir = tmpDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the page lists every difference in captioned tables with scoped headers, and exits 1 for the figure typed over', async () => {
  const july = await writeWorkbook(meltonClean(), path.join(dir, 'july.xlsx'));
  const wb = meltonClean();
  const ws = wb.getWorksheet('Corporate PIs')!;
  ws.getCell('H7').value = 0.5; // CS02's July figure typed over
  ws.getCell('Y8').value = 'Arrears <b>down</b> & falling'; // text from the workbook reaches the page escaped
  const august = await writeWorkbook(wb, path.join(dir, 'august.xlsx'));

  const r = await run(['compare', july, august, '--format', 'html']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(1);
  const page = r.stdout;
  expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
  expect(page).toContain('<title>Outturn comparison — ');
  // The check report's styles, no script and nothing fetched.
  expect(page).toContain('tr.error td.sev');
  expect(page).not.toMatch(/<script|<link|src=|href=/i);
  expect(page).toContain('<caption>Every difference by indicator and period</caption>');
  expect(page).toContain('<caption>Reliability findings of the current return against the previous one</caption>');
  const headers = page.match(/<th\b[^>]*>/g)!;
  expect(headers.every((h) => /scope="(col|row)"/.test(h))).toBe(true);
  // The figure typed over: its row marked, old and new as Excel shows them.
  expect(page).toMatch(
    /<tr class="error"><th scope="row">CS02 [^<]*<\/th><td>Corporate PIs<\/td><td class="cell">H7<\/td><td>Figure: Jul<\/td><td>0\.6<\/td><td>0\.5<\/td><td class="note">Restated without a record<\/td><\/tr>/,
  );
  expect(page).toContain('<td class="sev">error</td><th scope="row">CS02</th>');
  expect(page).toContain('<td>Commentary</td>');
  expect(page).toContain('Arrears &lt;b&gt;down&lt;/b&gt; &amp; falling');
  expect(page).not.toContain('<b>down</b>');
  expect(page).toContain('<li class="error"><strong>1</strong>figure restated without a record</li>');
});

test('two identical returns: no differences and exit 0', async () => {
  const a = await writeWorkbook(meltonClean(), path.join(dir, 'a.xlsx'));
  const b = await writeWorkbook(meltonClean(), path.join(dir, 'b.xlsx'));
  const r = await run(['compare', a, b, '--format', 'html']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('<p>No differences: every figure, target, RAG, owner and commentary is the same.</p>');
  expect(r.stdout).toContain('<p>No reliability findings.</p>');
});
