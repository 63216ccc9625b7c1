import { run } from './helpers';

describe('help', () => {
  test('outturn --help lists the three commands with examples; status 0', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await run([flag]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^outturn — /);
      for (const cmd of [
        'outturn check <file|folder>...',
        'outturn sign  <file.xlsx> --role ROLE --name NAME',
        'outturn audit <file.xlsx>',
      ])
        expect(r.stdout).toContain(cmd);
      expect(r.stdout).toContain('Examples:\n  outturn check examples/corporate-pis-july-2017.xlsx --as-of 2017-08-21');
    }
  });

  test('no arguments: the help, with status 2 (nothing was asked)', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^outturn — /);
  });

  test('check --help, check -h and help check show every check option and an example', async () => {
    const a = await run(['check', '--help']);
    const b = await run(['check', '-h']);
    const c = await run(['help', 'check']);
    expect(a.code).toBe(0);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    for (const opt of [
      '--sheet NAME',
      '--config FILE',
      '--period YYYY-MM',
      '--as-of YYYY-MM-DD',
      '--deadline-days N',
      '--format FORMAT',
      '--out FILE.xlsx',
      '-h, --help',
    ])
      expect(a.stdout).toContain(opt);
    expect(a.stdout).toContain(
      'Examples:\n  outturn check examples/corporate-pis-july-2017.xlsx --period 2017-07 --as-of 2017-08-21\n',
    );
  });

  test('--help wins over other arguments, even a file that does not exist', async () => {
    const r = await run(['check', 'missing.xlsx', '--format', 'json', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^outturn check — /);
  });
});
