/**
 * Issue #12 item 6: `check` writes its report to stdout in chunks as the findings are
 * formatted, never as one string. The chunks join to exactly the report each format's
 * string form gives, and the streamed JSON is byte for byte JSON.stringify of the report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeCsv } from '../../bench/large-inputs';
import { FINDINGS_KEPT, checkOneFile, localIsoDate } from '../../src/cli/check';
import { findingPosition, findingsCutNotice, rowKey as indicatorKey } from '../../src/app';
import { CheckedFile, FileOutcome, fileReportJson, totals } from '../../src/cli/outcome';
import { csvReport } from '../../src/cli/report-csv';
import { htmlReport } from '../../src/cli/report-html';
import { JsonList, jsonReport, writeJson } from '../../src/cli/report-json';
import { CHUNK_CHARS, ReportOutput, collect } from '../../src/cli/report-output';
import { textReport } from '../../src/cli/report-text';
import { main } from '../../src/cli/main';
import { REAL_RETURNS } from '../fixtures/real';
import { tmpDir } from './helpers';

const NOW = '2018-04-20T09:00:00Z';
const AS_OF = ['--as-of', '2018-04-20'];

/** The command run in-process, keeping each piece stdout was given. */
async function chunks(argv: string[]): Promise<{ code: number; pieces: string[]; stderr: string }> {
  const pieces: string[] = [];
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => {
      pieces.push(t);
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: false,
    now: () => new Date(NOW),
  });
  return { code, pieces, stderr };
}

async function outcomeOf(file: string): Promise<CheckedFile> {
  const o = await checkOneFile(file, { overrides: { asOf: '2018-04-20' }, today: localIsoDate(new Date(NOW)) }, false);
  if (!o.ok) throw new Error(o.error);
  return o;
}

describe('a large report reaches stdout in chunks', () => {
  let file: string;
  let outcome: CheckedFile;
  beforeAll(async () => {
    // 30,000 rows of the benchmark return (1 % deliberate mistakes): a report of about 2,000 findings.
    file = path.join(tmpDir(), 'return-30000.csv');
    await writeCsv(file, 30_000);
    outcome = await outcomeOf(file);
    expect(outcome.result.findings.length).toBeGreaterThan(1_500);
  }, 60_000);

  test('only the indicator rows a finding is about are labelled for headings, each with its ref and description', () => {
    const grid = outcome.result.grids[0];
    const rows = new Set(grid.indicatorRows);
    const named = new Set(
      outcome.result.findings
        .map((f) => findingPosition(f)?.row ?? null)
        .filter((r): r is number => r !== null && rows.has(r)),
    );
    expect(rows.size).toBe(30_000);
    expect(named.size).toBeGreaterThan(1_000);
    expect([...outcome.indicators.keys()].sort()).toEqual([...named].map((r) => indicatorKey(grid.sheet, r)).sort());
    const r = [...named][0];
    expect(outcome.indicators.get(indicatorKey(grid.sheet, r))).toEqual({
      ref: `PI ${String(r - 3).padStart(7, '0')}`,
      description: expect.stringMatching(new RegExp(`service requests type ${r - 3}$`)),
    });
  });

  test.each([
    ['text', () => textReport(outcome)],
    ['csv', () => csvReport([outcome], false)],
    ['html', () => htmlReport([outcome], new Date(NOW), false)],
    ['json', () => `${JSON.stringify(fileReportJson(outcome.result), null, 2)}\n`],
  ])(
    '%s: several chunks of about 256 K characters, joined the same as the whole report',
    async (format, whole) => {
      const r = await chunks(['check', file, '--format', format, ...AS_OF]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(r.pieces.length).toBeGreaterThan(1);
      for (const piece of r.pieces.slice(0, -1)) {
        expect(piece.length).toBeGreaterThanOrEqual(CHUNK_CHARS);
        expect(piece.length).toBeLessThan(CHUNK_CHARS + 4096); // one line over, never the whole report
      }
      expect(r.pieces.join('')).toBe(whole());
    },
    60_000,
  );
});

describe('more findings than a report keeps', () => {
  test('the first are listed, the counts are of all, and the report says so in one line', async () => {
    const file = path.join(tmpDir(), 'return-5000.csv');
    await writeCsv(file, 5_000);
    const settings = { overrides: { asOf: '2018-04-20' }, today: localIsoDate(new Date(NOW)) };
    const all = await checkOneFile(file, settings, false);
    const cut = await checkOneFile(file, { ...settings, findingsKept: 100 }, false);
    if (!all.ok || !cut.ok) throw new Error('not checked');
    const found = all.result.findings.length;
    expect(found).toBeGreaterThan(300);
    expect(all.findingsFound).toBeUndefined();
    expect(cut.findingsFound).toBe(found);
    expect(cut.result.findings).toEqual(all.result.findings.slice(0, 100));
    expect(cut.result.summary).toEqual(all.result.summary);
    const line = findingsCutNotice(100, found);
    expect(line).toBe(
      `${found.toLocaleString('en-GB')} findings, more than a report can keep: the first 100 are listed and the counts are of all ${found.toLocaleString('en-GB')}; fix what they show (often one mistake repeated down a column) and check again.`,
    );
    expect(textReport(cut)).toContain(`\nNote: ${line}\n`);
    expect(textReport(cut)).toContain(`Result: ${all.result.summary.errors} errors`);
    expect(htmlReport([cut], new Date(NOW), false)).toContain(`<p class="notice">${line}</p>`);
    const json = JSON.parse(collect((w) => writeJson(jsonReport([cut], false), w)));
    expect(json.findings).toHaveLength(100);
    expect(json.summary).toEqual(all.result.summary);
    expect(FINDINGS_KEPT).toBe(1_048_575); // with its header, the CSV report still opens as one Excel sheet
  }, 60_000);
});

describe('streamed JSON is byte for byte JSON.stringify of the report', () => {
  test.each(REAL_RETURNS.map((ret) => [ret.name, ret] as const))('%s (seeded copy, one file)', async (_name, ret) => {
    const file = path.join(ret.dir, 'seeded.xlsx');
    const r = await chunks(['check', file, '--format', 'json']);
    const o = await checkOneFile(file, { overrides: {}, today: localIsoDate(new Date(NOW)) }, false);
    if (!o.ok) throw new Error(o.error);
    const report = fileReportJson(o.result);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(r.pieces.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(collect((w) => writeJson(jsonReport([o], false), w))).toBe(JSON.stringify(report, null, 2));
  });

  test('a folder: every file, one unreadable, and the totals', async () => {
    const dir = tmpDir();
    const returns = REAL_RETURNS.slice(0, 3);
    returns.forEach((ret, i) =>
      fs.copyFileSync(path.join(ret.dir, 'seeded.xlsx'), path.join(dir, `${i}-${ret.name}.xlsx`)),
    );
    fs.writeFileSync(path.join(dir, '9-broken.xlsx'), 'not a workbook');
    const r = await chunks(['check', dir, '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(2);
    const outcomes: FileOutcome[] = [];
    for (const f of fs.readdirSync(dir).sort()) {
      outcomes.push(
        await checkOneFile(
          path.join(dir, f),
          { overrides: { asOf: '2018-04-20' }, today: localIsoDate(new Date(NOW)) },
          true,
        ),
      );
    }
    const t = totals(outcomes);
    const before = {
      files: outcomes.map((o) =>
        o.ok ? { file: o.file, ...fileReportJson(o.result) } : { file: o.file, error: o.error },
      ),
      summary: { errors: t.errors, warnings: t.warnings, info: t.info, files: t.files, unreadable: t.unusable },
    };
    expect(before.files.filter((f) => 'error' in f)).toHaveLength(1);
    expect(r.pieces.join('')).toBe(`${JSON.stringify(before, null, 2)}\n`);
  });

  test('what JSON.stringify does with awkward values, the writer does too', () => {
    const awkward = {
      empty: {},
      none: [],
      nested: [[], [{}], [1, [2, { a: null }]]],
      gone: undefined,
      fn: () => 1,
      holes: [undefined, () => 1, NaN, -0, Infinity, 1e21],
      when: new Date(Date.UTC(2017, 7, 10)),
      text: 'line\nbreak "quoted" \u2028 \ud800 lone',
      list: new JsonList([{ a: 1, b: [1, { c: 'x' }] }, { a: undefined }], (x) => x),
      emptyList: new JsonList([], (x) => x),
    };
    expect(collect((w) => writeJson(awkward, w))).toBe(JSON.stringify(awkward, null, 2));
    for (const v of [null, 0, 'x', true, [], {}])
      expect(collect((w) => writeJson(v, w))).toBe(JSON.stringify(v, null, 2));
  });
});

describe('ReportOutput', () => {
  test('gathers small pieces into chunks and hands on the rest at flush', () => {
    const got: string[] = [];
    const out = new ReportOutput((t) => got.push(t), 10);
    for (const p of ['abc', 'def', '', 'ghij', 'k']) out.write(p);
    expect(got).toEqual(['abcdefghij']);
    out.flush();
    out.flush();
    expect(got).toEqual(['abcdefghij', 'k']);
  });
});
