import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MELTON_AS_OF, MELTON_ERRORS, writeFixture } from '../fixtures';
import { tmpDir } from './helpers';

/**
 * The built command as a user runs it: `node bin/outturn.js` (what `npx outturn` and the
 * package's "bin" entry start). `npm test` builds dist/ first; built here too when missing.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'outturn.js');

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'))) {
    execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: ROOT });
  }
});

function outturn(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, OUTTURN_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built `outturn` command', () => {
  test('--version and --help', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(outturn(['--version'])).toEqual({ code: 0, stdout: `outturn ${pkg.version}\n`, stderr: '' });
    const help = outturn(['check', '--help']);
    expect(help.code).toBe(0);
    for (const opt of ['--sheet', '--config', '--period', '--as-of', '--deadline-days', '--format', '--out'])
      expect(help.stdout).toContain(opt);
    expect(help.stdout).toContain('Examples:\n  outturn check ');
    expect(outturn([]).code).toBe(2);
  });

  test('checks a real workbook: JSON on stdout, status 1 for errors', async () => {
    const dir = tmpDir();
    const file = await writeFixture(path.join(dir, 'melton.xlsx'), 'melton');
    const r = outturn(['check', file, '--format', 'json', '--as-of', MELTON_AS_OF]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const findings: { cell: string | null; rule: string }[] = JSON.parse(r.stdout).findings;
    // Every deliberate error, plus one warning that nobody has signed although the deadline has passed.
    expect(findings.filter((f) => f.cell !== null)).toHaveLength(MELTON_ERRORS.length);
    expect(findings.filter((f) => f.cell === null)).toEqual([
      expect.objectContaining({ cell: null, rule: 'signoff-outstanding' }),
    ]);
  });

  test('an encrypted file: status 2 and one line on stderr, no stack trace', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'locked.xlsx');
    const bytes = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes);
    Buffer.from('EncryptionInfo', 'utf16le').copy(bytes, 512);
    fs.writeFileSync(file, bytes);
    expect(outturn(['check', 'locked.xlsx'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "outturn: cannot read 'locked.xlsx': the file is password-protected (encrypted); save an unprotected copy and try again\n",
    });
  });
});
