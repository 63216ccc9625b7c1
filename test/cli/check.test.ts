import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import {
  MELTON_AS_OF,
  MELTON_ERRORS,
  MELTON_SHEET,
  DASHBOARD_SHEET,
  meltonClean,
  meltonWorkbook,
  writeFixture,
} from '../fixtures';
import { isOutturnMark } from '../../src/engine/mark-convention';
import { noteText } from '../support/exceljs-notes';
import { cellSnapshot, readWorkbook, run, tmpDir } from './helpers';

const AS_OF = ['--as-of', MELTON_AS_OF];
const key = (f: { cell: string | null; rule: string; severity: string }) => ({
  cell: f.cell,
  rule: f.rule,
  severity: f.severity,
});
/**
 * The fixtures are checked as of 21/08/2017, after the deadline of 14/08/2017, and nobody
 * has signed them: the workbook-level signoff-outstanding warning is due, after the cell findings.
 */
const UNSIGNED = { cell: null, rule: 'signoff-outstanding', severity: 'warning' };
const UNSIGNED_MESSAGE =
  'Sign-off is still outstanding (compiler, responsible officer, head of service) and the deadline of 14/08/2017 has passed.';

/** What Excel's "Save as CSV" writes: each cell's displayed text. */
async function csvOfFirstSheet(wb: ExcelJS.Workbook): Promise<string> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const ws = back.worksheets[0];
  const lines: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const fields: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = row.getCell(c);
      let v = cell.value as unknown;
      if (v && typeof v === 'object' && 'formula' in (v as object)) v = (v as { result: unknown }).result;
      if (v && typeof v === 'object' && 'error' in (v as object)) v = (v as { error: string }).error;
      let text = '';
      if (v instanceof Date)
        text = `${String(v.getUTCDate()).padStart(2, '0')}/${String(v.getUTCMonth() + 1).padStart(2, '0')}/${v.getUTCFullYear()}`;
      else if (typeof v === 'number') {
        const fmt = cell.numFmt ?? 'General';
        const pct = /^0(\.(0+))?%$/.exec(fmt);
        if (pct) text = `${(v * 100).toFixed(pct[2]?.length ?? 0)}%`;
        else if (fmt === '#,##0') text = Math.round(v).toLocaleString('en-GB');
        else if (fmt === '0.0') text = v.toFixed(1);
        else text = String(v);
      } else if (v !== null && v !== undefined) text = String(v);
      fields.push(/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    }
    lines.push(fields.join(','));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

describe('outturn check on real workbooks', () => {
  let dir: string;
  let melton: string;
  let clean: string;
  let dashboard: string;
  beforeAll(async () => {
    dir = tmpDir();
    melton = await writeFixture(path.join(dir, 'melton.xlsx'), 'melton');
    clean = await writeFixture(path.join(dir, 'melton-clean.xlsx'), 'melton-clean');
    dashboard = await writeFixture(path.join(dir, 'dashboard.xlsx'), 'dashboard');
  });

  test('JSON for one file: exactly the contract, every deliberate error found, status 1', async () => {
    const r = await run(['check', melton, '--format', 'json', ...AS_OF]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['grids', 'findings', 'summary', 'coverage']);
    expect(json.grids).toHaveLength(1);
    expect(Object.keys(json.grids[0])).toEqual(['sheet', 'range', 'headerRow', 'columns', 'indicators', 'coverage']);
    expect(json.grids[0]).toMatchObject({ sheet: MELTON_SHEET, headerRow: 4, indicators: 12 });
    expect(json.grids[0].columns).toMatchObject({
      ref: 'A',
      description: 'B',
      ytd: 'Q',
      target: 'R',
      floor: 'S',
      rag: 'T',
      dot: 'U',
      'period:Apr': 'E',
      'period:Jul': 'H',
    });
    for (const f of json.findings)
      expect(Object.keys(f)).toEqual(['sheet', 'cell', 'rule', 'dimension', 'severity', 'ref', 'message']);
    expect(json.findings.map(key)).toEqual([...MELTON_ERRORS.map(key), UNSIGNED]);
    const t6 = json.findings.find((f: { cell: string }) => f.cell === 'T6');
    expect(t6).toMatchObject({ sheet: MELTON_SHEET, ref: 'CS01', dimension: 'accuracy' });
    expect(t6.message).toMatch(/AMBER/);
    const count = (s: string) => MELTON_ERRORS.filter((e) => e.severity === s).length;
    expect(json.summary).toEqual({ errors: count('error'), warnings: count('warning') + 1, info: count('info') });
  });

  test('a clean, unsigned return after the deadline: only the sign-off is outstanding, status 0', async () => {
    const r = await run(['check', clean, ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`File: ${clean}\nSheet '${MELTON_SHEET}': grid A4:`);
    expect(r.stdout).toContain('Period 2017-07 · as of 2017-08-21 · deadline 2017-08-14\n');
    expect(r.stdout).toContain(`Not about one indicator\n  -     warning  signoff-outstanding  ${UNSIGNED_MESSAGE}\n`);
    expect(r.stdout).toMatch(/Result: 0 errors, 1 warning, 0 info in 12 indicators\n$/);
  });

  test("text report: findings grouped under each indicator's ref and description", async () => {
    const r = await run(['check', melton, ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /\nCS01 — Percentage of invoices paid within 30 days\n {2}E6 +error +percent-out-of-range +.+\n {2}T6 +error +rag-mismatch +.+\n/,
    );
    expect(r.stdout).toMatch(
      /\nCS06 — Percentage of Council Tax collected\n {2}H11 +error +scale-mismatch +.+\n {2}Z11 +warning +submitted-late +.+\n/,
    );
    const errors = MELTON_ERRORS.filter((e) => e.severity === 'error').length;
    const warnings = MELTON_ERRORS.filter((e) => e.severity === 'warning').length;
    expect(r.stdout).toContain(`Result: ${errors} errors, ${warnings + 1} warnings, 0 info in 12 indicators`);
  });

  test('--period, --deadline-days and --as-of reach the checks', async () => {
    const r = await run([
      'check',
      clean,
      '--format',
      'json',
      '--period',
      '2017-07',
      '--deadline-days',
      '15',
      '--as-of',
      '2017-08-15',
    ]);
    expect(r.code).toBe(0);
    const text = await run(['check', clean, '--period', '2017-07', '--deadline-days', '15', '--as-of', '2017-08-15']);
    expect(text.stdout).toContain('Period 2017-07 · as of 2017-08-15 · deadline 2017-08-21');
  });

  test('a --config file overrides the rules: a disabled rule finds nothing, a severity can change', async () => {
    const cfg = path.join(dir, 'rules.json');
    fs.writeFileSync(
      cfg,
      JSON.stringify({ rules: { 'rag-mismatch': { enabled: false }, 'submitted-late': { severity: 'error' } } }),
    );
    const r = await run(['check', melton, '--format', 'json', '--config', cfg, ...AS_OF]);
    const json = JSON.parse(r.stdout);
    expect(json.findings.some((f: { rule: string }) => f.rule === 'rag-mismatch')).toBe(false);
    expect(json.findings.find((f: { rule: string }) => f.rule === 'submitted-late')).toMatchObject({
      cell: 'Z11',
      severity: 'error',
    });
  });

  test('the configuration stored in the workbook is used, and --config overrides it', async () => {
    const wb = meltonWorkbook();
    const settings = wb.addWorksheet('OutturnSettings', { state: 'veryHidden' });
    settings.getCell('A1').value = JSON.stringify({
      rules: { 'rag-mismatch': { enabled: false }, 'negative-count': { severity: 'warning' } },
    });
    const stored = path.join(dir, 'stored.xlsx');
    await wb.xlsx.writeFile(stored);
    const r = JSON.parse((await run(['check', stored, '--format', 'json', ...AS_OF])).stdout);
    expect(r.grids.map((g: { sheet: string }) => g.sheet)).toEqual([MELTON_SHEET]); // the settings sheet is not checked
    expect(r.findings.some((f: { rule: string }) => f.rule === 'rag-mismatch')).toBe(false);
    expect(r.findings.find((f: { rule: string }) => f.rule === 'negative-count')).toMatchObject({
      severity: 'warning',
    });
    const cfg = path.join(dir, 'rag-on.json');
    fs.writeFileSync(cfg, JSON.stringify({ rules: { 'rag-mismatch': { enabled: true } } }));
    const o = JSON.parse((await run(['check', stored, '--format', 'json', '--config', cfg, ...AS_OF])).stdout);
    expect(o.findings.find((f: { rule: string }) => f.rule === 'rag-mismatch')).toMatchObject({ cell: 'T6' });
    expect(o.findings.find((f: { rule: string }) => f.rule === 'negative-count')).toMatchObject({
      severity: 'warning',
    }); // the rest of the stored settings still apply
  });

  test('a stored configuration that is not valid stops the check with one clear line', async () => {
    const wb = meltonClean();
    wb.addWorksheet('OutturnSettings', { state: 'veryHidden' }).getCell('A1').value = '{"deadlineDays": "ten"}';
    const bad = path.join(dir, 'bad-settings.xlsx');
    await wb.xlsx.writeFile(bad);
    const r = await run(['check', bad, ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^outturn: the rule configuration stored in the workbook \(OutturnSettings!A1\) is not valid: deadlineDays: .+; correct it in the add-in's Settings or pass --config\n$/,
    );
  });

  test('dashboard: every sheet with a grid is checked, --sheet narrows it, a sheet without a grid is status 2', async () => {
    const all = JSON.parse((await run(['check', dashboard, '--format', 'json', '--as-of', '2017-10-20'])).stdout);
    expect(all.grids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(all.grids.map((g: { sheet: string }) => g.sheet))).toEqual(new Set([DASHBOARD_SHEET]));
    const one = await run([
      'check',
      dashboard,
      '--sheet',
      DASHBOARD_SHEET.toLowerCase(),
      '--format',
      'json',
      '--as-of',
      '2017-10-20',
    ]);
    expect(JSON.parse(one.stdout).grids).toEqual(all.grids);
    const notes = await run(['check', dashboard, '--sheet', 'Notes', '--format', 'json', '--as-of', '2017-10-20']);
    expect(notes.code).toBe(2);
    expect(notes.stderr).toBe(`outturn: no metric collection grid found in '${dashboard}' on sheet 'Notes'\n`);
    expect(JSON.parse(notes.stdout)).toEqual({ grids: [], findings: [], summary: { errors: 0, warnings: 0, info: 0 } });
  });

  test('CSV and HTML output of the same check', async () => {
    const json = JSON.parse((await run(['check', melton, '--format', 'json', ...AS_OF])).stdout);
    const csv = await run(['check', melton, '--format', 'csv', ...AS_OF]);
    expect(csv.code).toBe(1);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe('sheet,cell,rule,dimension,severity,ref,message');
    expect(lines).toHaveLength(json.findings.length + 2);
    expect(lines[1].startsWith(`${MELTON_SHEET},E6,percent-out-of-range,accuracy,error,CS01,`)).toBe(true);
    const html = await run(['check', melton, '--format', 'html', ...AS_OF]);
    expect(html.code).toBe(1);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
    expect((html.stdout.match(/<tr class="(error|warning|info)">/g) ?? []).length).toBe(json.findings.length);
    expect(html.stdout).toContain('<td class="cell">T6</td>');
  });

  test('a CSV saved from the workbook gives the same key findings; the clean one gives none (a CSV cannot be signed: no sign-off finding)', async () => {
    const bad = path.join(dir, 'melton.csv');
    fs.writeFileSync(bad, await csvOfFirstSheet(meltonWorkbook()));
    const good = path.join(dir, 'melton-clean.csv');
    fs.writeFileSync(good, await csvOfFirstSheet(meltonClean()));
    const r = await run(['check', bad, '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(1);
    const found = JSON.parse(r.stdout).findings.map(key);
    for (const cell of ['T6', 'G8', 'F9', 'G17', 'A19', 'R20'])
      expect(found).toContainEqual(MELTON_ERRORS.map(key).find((e) => e.cell === cell));
    const c = await run(['check', good, '--format', 'json', ...AS_OF]);
    expect(JSON.parse(c.stdout).findings).toEqual([]);
    expect(c.code).toBe(0);
  });

  test('--out writes a marked copy: marks on exactly the failing cells, the original untouched', async () => {
    const before = fs.readFileSync(melton);
    const out = path.join(dir, 'melton-marked.xlsx');
    const r = await run(['check', melton, '--out', out, ...AS_OF]);
    expect(r.code).toBe(1);
    const markedCells = MELTON_ERRORS.filter((e) => e.severity !== 'info').map((e) => e.cell);
    expect(r.stdout).toContain(`Marked copy: ${out} (${new Set(markedCells).size} cells marked)`);
    expect(fs.readFileSync(melton).equals(before)).toBe(true);
    const wb = await readWorkbook(out);
    const ws = wb.getWorksheet(MELTON_SHEET)!;
    const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] })
      .conditionalFormattings;
    const marks: Record<string, string> = {};
    for (const cf of cfs)
      if (cf.rules[0].formulae?.some(isOutturnMark))
        marks[cf.ref] = cf.rules[0].formulae[0].includes('error') ? 'error' : 'warning';
    const expected: Record<string, string> = {};
    for (const e of MELTON_ERRORS)
      if (e.severity !== 'info') expected[e.cell] = expected[e.cell] === 'error' ? 'error' : e.severity;
    expect(marks).toEqual(expected);
    expect(noteText(ws.getCell('T6').note)).toMatch(/^Outturn error \(rag-mismatch\): .*AMBER/);
    expect(cellSnapshot(wb)).toEqual(cellSnapshot(await readWorkbook(melton)));
  });
});

describe('several files and folders', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tmpDir();
    await writeFixture(path.join(dir, 'returns', 'corporate', 'melton.xlsx'), 'melton');
    await writeFixture(path.join(dir, 'returns', 'housing', 'clean.xlsx'), 'melton-clean');
    fs.writeFileSync(path.join(dir, 'returns', 'corporate', '~$melton.xlsx'), 'owner lock file');
    fs.writeFileSync(path.join(dir, 'returns', 'readme.txt'), 'not a return');
  });
  const returns = () => path.join(dir, 'returns');

  test('a folder is searched recursively, lock files skipped: one line per file and totals', async () => {
    const r = await run(['check', returns(), ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      new RegExp(
        `^${path.join(returns(), 'corporate', 'melton.xlsx').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} +FAIL +\\d+ errors, \\d+ warnings, 0 info in 12 indicators$`,
      ),
    );
    expect(lines[1]).toMatch(/housing\/clean\.xlsx +ok +0 errors, 1 warning, 0 info in 12 indicators$/);
    expect(lines[3]).toMatch(/^Total: 2 files; \d+ errors, \d+ warnings, 0 info in 24 indicators$/);
  });

  test('JSON with one entry per file; an unreadable file is listed with its reason and makes the status 2', async () => {
    const broken = path.join(dir, 'broken.xlsx');
    fs.writeFileSync(broken, '');
    const r = await run(['check', returns(), broken, '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`outturn: cannot read '${broken}': the file is empty\n`);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['files', 'summary']);
    expect(json.files.map((f: { file: string }) => path.relative(dir, f.file))).toEqual([
      'returns/corporate/melton.xlsx',
      'returns/housing/clean.xlsx',
      'broken.xlsx',
    ]);
    expect(Object.keys(json.files[0])).toEqual(['file', 'grids', 'findings', 'summary', 'coverage']);
    expect(json.files[1].findings).toEqual([
      {
        sheet: MELTON_SHEET,
        cell: null,
        rule: 'signoff-outstanding',
        dimension: 'timeliness',
        severity: 'warning',
        ref: null,
        message: UNSIGNED_MESSAGE,
      },
    ]);
    expect(json.files[2]).toEqual({ file: broken, error: `cannot read '${broken}': the file is empty` });
    const errors = MELTON_ERRORS.filter((e) => e.severity === 'error').length;
    expect(json.summary).toEqual({
      errors,
      warnings: MELTON_ERRORS.length - errors + 2,
      info: 0,
      files: 3,
      unreadable: 1,
    });
  });

  test('progress goes to stderr only when it is a terminal', async () => {
    const tty = await run(['check', returns(), '--format', 'json', ...AS_OF], { isTTY: true });
    expect(tty.stderr).toContain('[1/2] ');
    expect(tty.stderr).toContain('[2/2] ');
    expect(tty.stdout).not.toContain('[1/2]');
    const pipe = await run(['check', returns(), '--format', 'json', ...AS_OF], { isTTY: false });
    expect(pipe.stderr).toBe('');
    expect(pipe.stdout).toBe(tty.stdout);
  });
});
