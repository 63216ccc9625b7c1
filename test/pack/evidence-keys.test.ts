/**
 * `outturn sign --evidence KEY=PATH` on a published return whose grid has no ref column
 * (Maidstone's quarterly indicators): the indicator named by its description (case and
 * spacing aside) or by its sheet and row ('SPI Q2 2019-20'!8); the paper recorded under the
 * ref the pack and `audit --evidence-dir` use; an unknown or ambiguous key refused in one
 * sentence naming the nearest indicators, nothing written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { run, tmpDir } from '../cli/helpers';

const ROOT = path.join(__dirname, '..', '..');
const PUBLISHED = path.join(ROOT, 'test/fixtures/real/maidstone-spi-q2-2019-20/faithful.xlsx');
const SHEET = 'SPI Q2 2019-20';

let dir: string;
let appeals: string;
let enforcement: string;

beforeAll(() => {
  dir = tmpDir();
  appeals = path.join(dir, 'appeals-q2.csv');
  enforcement = path.join(dir, 'enforcement-p2-q2.txt');
  fs.writeFileSync(appeals, 'appeal,decided\nAPP/U2235/W/19/1,2019-08-02\n');
  fs.writeFileSync(enforcement, 'Priority 2 cases closed in time, Q2 2019/20: 41 of 44.\n');
});

function copy(name: string): string {
  const file = path.join(dir, name);
  fs.copyFileSync(PUBLISHED, file);
  return file;
}

function sign(file: string, ...evidence: string[]) {
  return run(
    [
      'sign',
      file,
      '--role',
      'compiler',
      '--name',
      'Ann Cole',
      '--in-place',
      ...evidence.flatMap((e) => ['--evidence', e]),
    ],
    { now: '2019-10-10T10:00:00Z' },
  );
}

test('named by description and by sheet and row: recorded, listed in the pack, re-hashed by audit', async () => {
  const file = copy('by-description.xlsx');
  const r = await sign(file, `  number of APPEALS in   period=${appeals}`, `'${SHEET}'!8=${enforcement}`);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("Working papers for row 11: 'appeals-q2.csv', SHA-256 ");
  expect(r.stdout).toContain("Working papers for row 8: 'enforcement-p2-q2.txt', SHA-256 ");

  const pack = (await run(['report', file])).stdout;
  const section = (row: string) => {
    const start = pack.search(new RegExp(`<h3 id="ind-\\d+">row ${row} — `));
    return pack.slice(start, pack.indexOf('</section>', start));
  };
  expect(section('11')).toMatch(
    /<td>appeals-q2\.csv<\/td><td class="hash">[0-9a-f]{64}<\/td><td>Ann Cole \(record 2\)/,
  );
  expect(section('8')).toContain('<td>enforcement-p2-q2.txt</td>');
  expect(section('7')).toContain('None named: no working papers are configured or recorded for this indicator.');

  fs.appendFileSync(appeals, 'APP/U2235/W/19/2,2019-09-12\n');
  const audit = await run(['audit', file, '--evidence-dir', dir]);
  expect(audit.code).toBe(1);
  expect(audit.stdout).toContain("row 11: 'appeals-q2.csv' CHANGED since signed in record 2 (Ann Cole)");
  expect(audit.stdout).toContain("row 8: 'enforcement-p2-q2.txt' unchanged since signed in record 2 (Ann Cole)");
});

test('a description that names no indicator: refused, naming the nearest, nothing written', async () => {
  const file = copy('unknown.xlsx');
  const before = fs.readFileSync(file);
  const r = await sign(file, `Percentage of priority cases=${enforcement}`);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(
    `outturn: cannot sign: The return holds no indicator 'Percentage of priority cases', so the working papers 'enforcement-p2-q2.txt' cannot be recorded: give the indicator's ref, its description as the grid shows it, or its sheet and row (e.g. '${SHEET}'!7=enforcement-p2-q2.txt); the nearest are 'Percentage of priority 1 enforcement cases dealt with in time' ('${SHEET}'!7), 'Percentage of priority 2 enforcement cases dealt with in time' ('${SHEET}'!8).\n`,
  );
  expect(fs.readFileSync(file).equals(before)).toBe(true);
});

test('a row with no indicator, or a sheet the return does not have: refused in one sentence', async () => {
  const file = copy('bad-row.xlsx');
  const row = await sign(file, `'${SHEET}'!3=${appeals}`);
  expect(row.code).toBe(2);
  expect(row.stderr).toMatch(
    new RegExp(
      `^outturn: cannot sign: No indicator is on row 3 of '${SHEET}', so the working papers 'appeals-q2.csv' cannot be recorded: the nearest are 'Percentage of priority 1 enforcement cases dealt with in time' \\('${SHEET}'!7\\), .*\\.\\n$`,
    ),
  );
  const sheet = await sign(file, `KPIs!11=${appeals}`);
  expect(sheet.code).toBe(2);
  expect(sheet.stderr).toBe(
    `outturn: cannot sign: The return has no indicator on a sheet called 'KPIs', so the working papers 'appeals-q2.csv' cannot be recorded: the sheets with indicators are '${SHEET}'.\n`,
  );
  expect(sheet.stderr).not.toMatch(/\n\s+at /);
});

test('a description two indicators share: refused, naming both by sheet and row; the row then records it', async () => {
  const file = path.join(dir, 'ambiguous.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(PUBLISHED);
  const ws = wb.getWorksheet(SHEET)!;
  // The last indicator given the same words as the one before it, as a copied row keeps them.
  ws.getCell('A12').value = ws.getCell('A11').value;
  await wb.xlsx.writeFile(file);
  const before = fs.readFileSync(file);
  const r = await sign(file, `Number of appeals in period=${appeals}`);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(
    `outturn: cannot sign: 'Number of appeals in period' describes 2 indicators, '${SHEET}'!11 and '${SHEET}'!12, so the working papers 'appeals-q2.csv' cannot be recorded against one: name it by its sheet and row instead, e.g. '${SHEET}'!11=appeals-q2.csv.\n`,
  );
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  const ok = await sign(file, `'${SHEET.toLowerCase()}'!12=${appeals}`);
  expect(ok.stderr).toBe('');
  expect(ok.stdout).toContain("Working papers for row 12: 'appeals-q2.csv'");
});
