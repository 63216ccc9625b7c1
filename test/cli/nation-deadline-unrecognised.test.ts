import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveConfigWithNotes } from '../../src/cli/config';
import { run, smallReturn, tmpDir, writeWorkbook } from './helpers';

/** Issue #7 on the command line: --nation, a fixed deadline never dropped silently, unrecognised columns listed. */
const dir = tmpDir();
let plain: string;
let stored: string;
let extraColumn: string;

beforeAll(async () => {
  plain = await writeWorkbook(smallReturn(), path.join(dir, 'plain.xlsx'));
  const withSettings = smallReturn();
  withSettings.addWorksheet('OutturnSettings', { state: 'veryHidden' }).getCell('A1').value = JSON.stringify({
    period: '2017-07',
    deadline: '2017-08-18',
  });
  stored = await writeWorkbook(withSettings, path.join(dir, 'stored.xlsx'));
  const extra = smallReturn();
  extra.worksheets[0].getCell('I4').value = 'Benchmark quartile';
  extra.worksheets[0].getCell('I5').value = '2nd';
  extraColumn = await writeWorkbook(extra, path.join(dir, 'extra.xlsx'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('--nation', () => {
  test("Scotland's bank holiday (7 August 2017) moves the deadline from 14 to 15 August", async () => {
    const eng = await run(['check', plain]);
    expect(eng.stdout).toContain('Period 2017-07 · as of 2017-08-21 · deadline 2017-08-14');
    const sct = await run(['check', plain, '--nation', 'scotland']);
    expect(sct.stdout).toContain('Period 2017-07 · as of 2017-08-21 · deadline 2017-08-15');
    const ni = await run(['check', plain, '--nation', 'Northern-Ireland']);
    expect(ni.stdout).toContain('deadline 2017-08-14');
  });

  test('an unknown nation is one clear line and status 2', async () => {
    const r = await run(['check', plain, '--nation', 'wales']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("outturn: --nation must be england-and-wales, scotland or northern-ireland (got 'wales')\n");
  });

  test('the help names it', async () => {
    expect((await run(['check', '--help'])).stdout).toContain('--nation NATION');
  });
});

describe('a fixed deadline is never dropped silently', () => {
  test('kept when --period names the period it was saved for', async () => {
    const r = await run(['check', stored, '--period', '2017-07']);
    expect(r.stdout).toContain('deadline 2017-08-18');
    expect(r.stdout).not.toContain('set aside');
  });

  test('set aside, with a note, when --period asks for another period', async () => {
    const r = await run(['check', stored, '--period', '2017-08', '--as-of', '2017-09-20']);
    expect(r.stdout).toContain('Period 2017-08 · as of 2017-09-20 · deadline 2017-09-14');
    expect(r.stdout).toContain(
      'Note: The configured deadline 2017-08-18 was set aside: it was saved for the period 2017-07, and --period asks for 2017-08, so the deadline is counted in working days after 2017-08 ends (give a deadline in --config to fix one).',
    );
  });

  test('set aside, with a note, by --deadline-days', async () => {
    const r = await run(['check', stored, '--deadline-days', '5']);
    expect(r.stdout).toContain('deadline 2017-08-07');
    expect(r.stdout).toContain(
      'Note: The configured deadline 2017-08-18 was set aside: --deadline-days 5 asks for the deadline to be counted in working days after the period ends.',
    );
  });

  test('a deadline given in --config is kept beside --period', () => {
    const { config, notes } = resolveConfigWithNotes(
      { found: false },
      { period: '2017-08', file: { name: 'c.json', raw: { deadline: '2017-09-29' } } },
    );
    expect([config.period, config.deadline, notes]).toEqual(['2017-08', '2017-09-29', []]);
  });
});

describe('columns not recognised are listed', () => {
  test('in the text, JSON and HTML reports', async () => {
    const text = await run(['check', extraColumn]);
    expect(text.stdout).toContain('  not recognised: `Benchmark quartile` (I) (map them with "columns" in --config)\n');
    const json = JSON.parse((await run(['check', extraColumn, '--format', 'json'])).stdout);
    expect(json.grids[0].unrecognised).toEqual([{ column: 'I', header: 'Benchmark quartile' }]);
    const html = (await run(['check', extraColumn, '--format', 'html'])).stdout;
    expect(html).toContain('<span class="notice">not recognised: `Benchmark quartile` (I)</span>');
  });

  test('a grid whose every header is understood keeps the documented JSON keys', async () => {
    const json = JSON.parse((await run(['check', plain, '--format', 'json'])).stdout);
    expect(Object.keys(json.grids[0])).toEqual(['sheet', 'range', 'headerRow', 'columns', 'indicators', 'coverage']);
  });
});
