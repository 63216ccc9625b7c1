import * as fs from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { run, smallReturn, tmpDir, writeWorkbook } from './helpers';

/** A file or an argument the command cannot use: status 2, nothing on stdout, exactly one line on stderr, no stack trace. */
async function expectUnusable(argv: string[], line: string | RegExp): Promise<void> {
  const r = await run(argv);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  if (typeof line === 'string') expect(lines[0]).toBe(line);
  else expect(lines[0]).toMatch(line);
}

describe('files that cannot be used', () => {
  let dir: string;
  let good: string;
  beforeAll(async () => {
    dir = tmpDir();
    good = await writeWorkbook(smallReturn(), path.join(dir, 'good.xlsx'));
  });
  const at = (name: string) => path.join(dir, name);

  test('a missing file', async () => {
    await expectUnusable(['check', at('nope.xlsx')], `outturn: cannot read '${at('nope.xlsx')}': no such file`);
  });

  test('an empty file', async () => {
    fs.writeFileSync(at('empty.xlsx'), '');
    await expectUnusable(['check', at('empty.xlsx')], `outturn: cannot read '${at('empty.xlsx')}': the file is empty`);
  });

  test('an empty CSV (only a BOM and blank lines)', async () => {
    fs.writeFileSync(at('empty.csv'), '\ufeff\r\n\r\n');
    await expectUnusable(['check', at('empty.csv')], `outturn: cannot read '${at('empty.csv')}': the file is empty`);
  });

  test('a text file renamed .xlsx', async () => {
    fs.writeFileSync(at('notes.xlsx'), 'Minutes of the performance board, 12 July 2017\n');
    await expectUnusable(
      ['check', at('notes.xlsx')],
      `outturn: cannot read '${at('notes.xlsx')}': it is not an Excel workbook (.xlsx) or a CSV file`,
    );
  });

  test('a PDF renamed .xlsx', async () => {
    fs.writeFileSync(at('report.xlsx'), '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n');
    await expectUnusable(
      ['check', at('report.xlsx')],
      `outturn: cannot read '${at('report.xlsx')}': it is a PDF, not a spreadsheet`,
    );
  });

  test('a truncated .xlsx (download cut short)', async () => {
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(at('truncated.xlsx'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectUnusable(
      ['check', at('truncated.xlsx')],
      /^outturn: cannot read '.*truncated\.xlsx': the file is damaged \(an incomplete or corrupt \.xlsx archive\)/,
    );
  });

  test('an .xlsx whose compressed contents are corrupt', async () => {
    const bytes = Buffer.from(fs.readFileSync(good));
    // Scramble the middle of the archive but keep its directory, so only reading the entries fails.
    for (let i = 200; i < bytes.length - 2000; i += 7) bytes[i] ^= 0x5a;
    fs.writeFileSync(at('corrupt.xlsx'), bytes);
    await expectUnusable(
      ['check', at('corrupt.xlsx')],
      `outturn: cannot read '${at('corrupt.xlsx')}': the file is damaged (an incomplete or corrupt .xlsx archive); save it again from Excel and try again`,
    );
  });

  test('a password-protected workbook (an OLE compound file holding EncryptionInfo)', async () => {
    const header = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
    Buffer.from('EncryptionInfo', 'utf16le').copy(header, 1024);
    Buffer.from('EncryptedPackage', 'utf16le').copy(header, 1152);
    fs.writeFileSync(at('protected.xlsx'), header);
    await expectUnusable(
      ['check', at('protected.xlsx')],
      `outturn: cannot read '${at('protected.xlsx')}': the file is password-protected (encrypted); save an unprotected copy and try again`,
    );
  });

  test('a legacy .xls workbook', async () => {
    const header = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
    Buffer.from('Workbook', 'utf16le').copy(header, 1024);
    fs.writeFileSync(at('old.xls'), header);
    await expectUnusable(
      ['check', at('old.xls')],
      `outturn: cannot read '${at('old.xls')}': it is an old-style .xls workbook; open it in Excel, save it as .xlsx and try again`,
    );
  });

  test('a Word document renamed .xlsx (a zip, but not a workbook)', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', '<w:document/>');
    fs.writeFileSync(at('letter.xlsx'), await zip.generateAsync({ type: 'nodebuffer' }));
    await expectUnusable(
      ['check', at('letter.xlsx')],
      `outturn: cannot read '${at('letter.xlsx')}': it is a zip archive but not an Excel workbook (no xl/workbook.xml inside)`,
    );
  });

  test('--sheet naming a sheet the workbook does not have lists the sheets it has', async () => {
    await expectUnusable(
      ['check', good, '--sheet', 'Summary'],
      `outturn: there is no sheet named 'Summary' in '${good}' (its sheets: 'PIs')`,
    );
  });

  test('--out for a CSV input: a marked copy needs an .xlsx', async () => {
    const csv = at('return.csv');
    fs.writeFileSync(csv, 'Ref,Indicator description,Jul,Target,RAG\nPI 01,% of invoices paid on time,96%,95%,GREEN\n');
    await expectUnusable(
      ['check', csv, '--out', at('marked.xlsx')],
      "outturn: --out writes a marked .xlsx copy, which needs an .xlsx input ('return.csv' is CSV)",
    );
    expect(fs.existsSync(at('marked.xlsx'))).toBe(false);
  });

  test('a folder with no workbooks in it', async () => {
    const empty = at('empty-folder');
    fs.mkdirSync(empty);
    fs.writeFileSync(path.join(empty, 'readme.md'), '# nothing here');
    fs.writeFileSync(path.join(empty, '~$locked.xlsx'), 'lock');
    await expectUnusable(['check', empty], `outturn: no .xlsx or .csv files found in '${empty}'`);
  });
});

describe('arguments that cannot be used', () => {
  let dir: string;
  let good: string;
  beforeAll(async () => {
    dir = tmpDir();
    good = await writeWorkbook(smallReturn(), path.join(dir, 'good.xlsx'));
  });

  test('no file', async () => {
    await expectUnusable(
      ['check'],
      'outturn: check needs a file or folder to check, e.g. `outturn check returns.xlsx`; see `outturn check --help`',
    );
  });

  test('an unknown command and an unknown option', async () => {
    await expectUnusable(
      ['chekc', good],
      "outturn: unknown command 'chekc'; the commands are check, sign, withdraw, audit, register, compare, restate, report and repair (see `outturn --help`)",
    );
    await expectUnusable(
      ['check', good, '--fromat', 'json'],
      "outturn: unknown option '--fromat'; see `outturn check --help`",
    );
  });

  test('an option without its value', async () => {
    await expectUnusable(['check', good, '--format'], 'outturn: --format needs a value; see `outturn check --help`');
  });

  test('a bad --format, --period, --as-of and --deadline-days', async () => {
    await expectUnusable(
      ['check', good, '--format', 'xml'],
      "outturn: --format must be text, json, csv or html (got 'xml')",
    );
    await expectUnusable(
      ['check', good, '--period', '2017-7'],
      "outturn: --period must be a month written YYYY-MM, such as 2017-07 (got '2017-7')",
    );
    await expectUnusable(
      ['check', good, '--period', 'July 2017'],
      "outturn: --period must be a month written YYYY-MM, such as 2017-07 (got 'July 2017')",
    );
    await expectUnusable(
      ['check', good, '--as-of', '2017-02-30'],
      "outturn: --as-of must be a date written YYYY-MM-DD, such as 2017-08-21 (got '2017-02-30')",
    );
    await expectUnusable(
      ['check', good, '--deadline-days', 'ten'],
      "outturn: --deadline-days must be a whole number of working days from 0 to 120 (got 'ten')",
    );
  });

  test('--config: missing, a folder, not JSON, not an object', async () => {
    await expectUnusable(
      ['check', good, '--config', path.join(dir, 'none.json')],
      `outturn: cannot read the configuration file '${path.join(dir, 'none.json')}': no such file`,
    );
    await expectUnusable(
      ['check', good, '--config', dir],
      `outturn: cannot read the configuration file '${dir}': it is a folder, not a file`,
    );
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{ "period": "2017-07", }');
    await expectUnusable(
      ['check', good, '--config', broken],
      new RegExp(
        `^outturn: the configuration file '${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}' is not valid JSON \\(.+\\)$`,
      ),
    );
    const list = path.join(dir, 'list.json');
    fs.writeFileSync(list, '[1, 2]');
    await expectUnusable(
      ['check', good, '--config', list],
      `outturn: the configuration file '${list}' must hold a JSON object such as {"period": "2017-07"}`,
    );
  });

  test('--config that is JSON but breaks the schema names each problem by its path', async () => {
    const bad = path.join(dir, 'bad-rules.json');
    fs.writeFileSync(
      bad,
      JSON.stringify({
        period: '2017-13',
        deadlineDays: -1,
        rules: { 'rag-mismatch': { severity: 'fatal' } },
        colour: 'red',
      }),
    );
    const r = await run(['check', good, '--config', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith(`outturn: the configuration file '${bad}' is not valid: `)).toBe(true);
    expect(lines[0]).toContain('period: must be a month written YYYY-MM');
    expect(lines[0]).toMatch(/deadlineDays: [^;]*>=\s*0/);
    expect(lines[0]).toMatch(/rules\.rag-mismatch\.severity: [^;]*"error"/);
    expect(lines[0]).toMatch(/\(top level\): [^;]*colour/);
  });

  test('--out with several files, --out onto the input, --out into a missing folder', async () => {
    await expectUnusable(
      ['check', good, good, '--out', path.join(dir, 'm.xlsx')],
      'outturn: --out writes one marked copy, so it needs exactly one input file',
    );
    const before = fs.readFileSync(good);
    await expectUnusable(
      ['check', good, '--out', good],
      `outturn: cannot write '${good}': it is the workbook being checked; give --out a new file name (the original is never changed)`,
    );
    const sameViaDots = path.join(dir, '.', 'good.xlsx');
    await expectUnusable(['check', good, '--out', sameViaDots], /it is the workbook being checked/);
    expect(fs.readFileSync(good).equals(before)).toBe(true);
    await expectUnusable(
      ['check', good, '--out', path.join(dir, 'no', 'such', 'm.xlsx')],
      /^outturn: cannot write '.*m\.xlsx': the folder '.*such' does not exist$/,
    );
  });
});

describe('an unexpected failure inside the command', () => {
  test('one line saying how to see the details; the stack only with OUTTURN_DEBUG=1', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const engine = require('../../src/engine/check') as typeof import('../../src/engine/check');
    const spy = jest.spyOn(engine, 'checkWorkbook').mockImplementation(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'col')\n    at somewhere");
    });
    const dir = tmpDir();
    const file = await writeWorkbook(smallReturn(), path.join(dir, 'r.xlsx'));
    try {
      const r = await run(['check', file]);
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr:
          "outturn: something went wrong: Cannot read properties of undefined (reading 'col') (run with OUTTURN_DEBUG=1 for details)\n",
      });
      process.env.OUTTURN_DEBUG = '1';
      const d = await run(['check', file]);
      expect(d.stderr).toMatch(/^outturn: something went wrong: .*\nTypeError: Cannot read properties/);
    } finally {
      delete process.env.OUTTURN_DEBUG;
      spy.mockRestore();
    }
  });
});
