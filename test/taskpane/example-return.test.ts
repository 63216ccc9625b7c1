import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { checkWorkbook } from '../../src/engine';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import { loadWorkbook } from '../../src/workbook/load';
import { SAMPLE_AS_OF, SAMPLE_ERRORS } from '../../src/workbench/sample';
import { EXAMPLE_FILE, exampleWorkbook } from './example-return';

const ROOT = path.resolve(__dirname, '../..');

describe('examples/corporate-pis-july-2017.xlsx', () => {
  beforeAll(async () => {
    if (process.env.OUTTURN_WRITE_EXAMPLE === '1') await exampleWorkbook().xlsx.writeFile(EXAMPLE_FILE);
  });

  test('is the workbench sample: the same cells, formats and formulas', async () => {
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'outturn-example-')), 'fresh.xlsx');
    await exampleWorkbook().xlsx.writeFile(tmp);
    const [shipped, fresh] = await Promise.all([loadWorkbook(EXAMPLE_FILE), loadWorkbook(tmp)]);
    expect(shipped.sheets.map((s) => s.name)).toEqual(['Corporate PIs', 'Notes']);
    expect(JSON.stringify(shipped.sheets)).toBe(JSON.stringify(fresh.sheets));
    fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
  });

  test("checked as of 21 Aug 2017, it holds exactly the sample's deliberate errors", async () => {
    const { sheets } = await loadWorkbook(EXAMPLE_FILE);
    const result = checkWorkbook(sheets, { ...DEFAULT_CONFIG, asOf: SAMPLE_AS_OF }, { today: SAMPLE_AS_OF });
    expect(result.findings.map((f) => ({ cell: f.cell, rule: f.rule }))).toEqual(
      SAMPLE_ERRORS.map((e) => ({ cell: e.cell, rule: e.rule })),
    );
    // Officers named as the workbench (and the sign-off account switcher) name them.
    const text = JSON.stringify(sheets[0].cells);
    for (const name of [
      'Alan Pritchard',
      'Sarah Jones',
      'Mark Selby',
      'Linda Hewitt',
      'Paul Dunn',
      'Dawn Garton',
      'Jim Worley',
      'Keith Aubrey',
      'Harry Bell',
    ])
      expect(text).toContain(name);
  });

  test("the README's first example runs as written: outturn check on it exits 1 (errors found) with the findings", () => {
    const bin = path.join(ROOT, 'bin', 'outturn.js');
    if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js')))
      execFileSync('npm', ['run', 'build:cli'], { cwd: ROOT, stdio: 'ignore' });
    let out = '';
    let status = 0;
    try {
      out = execFileSync(
        process.execPath,
        [bin, 'check', 'examples/corporate-pis-july-2017.xlsx', '--as-of', '2017-08-21', '--format', 'json'],
        { cwd: ROOT, encoding: 'utf8' },
      );
    } catch (e) {
      const err = e as { status: number; stdout: string };
      status = err.status;
      out = err.stdout;
    }
    expect(status).toBe(1);
    const json = JSON.parse(out) as { findings: { cell: string | null; rule: string }[]; summary: { errors: number } };
    expect(json.summary.errors).toBe(6);
    expect(json.findings.filter((f) => f.cell).map((f) => `${f.cell} ${f.rule}`)).toEqual(
      SAMPLE_ERRORS.map((e) => `${e.cell} ${e.rule}`),
    );
  });
});
