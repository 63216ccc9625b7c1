/**
 * Issue #12 items 7 and 8: `sign --in-place` respects the file (mode, owner, read-only,
 * symlink, hard link), says what happened when the disk is full or read-only, and cleans
 * up the temporary files of a killed run. Real files on disk, written by ExcelJS and xlsxwriter.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../cli/helpers';
import { pythonWithModules } from './python-writer';
import { SIGNING_DAY, unsignedReturn, type Writer } from './signed-workbook';
import { processAlive, removeStaleTempFiles } from '../../src/workbook/atomic-write';
import { readHeadFromXlsx } from '../support/trail-exceljs';

const noPython = pythonWithModules();
const WRITERS: Writer[] = noPython ? ['exceljs'] : ['exceljs', 'xlsxwriter'];
const isRoot = process.getuid?.() === 0;

const signCompiler = (file: string) =>
  run(['sign', file, '--role', 'compiler', '--name', 'Alan Pritchard', '--in-place'], { now: SIGNING_DAY });
const headOf = async (file: string) => readHeadFromXlsx(fs.readFileSync(file));

describe.each(WRITERS)('sign --in-place on a return written by %s', (writer) => {
  test('keeps the file mode (0600) and, as root, its owner', async () => {
    const file = await unsignedReturn(writer);
    fs.chmodSync(file, 0o600);
    if (isRoot) fs.chownSync(file, 4321, 4321);
    const r = await signCompiler(file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const st = fs.statSync(file);
    expect(st.mode & 0o777).toBe(0o600);
    if (isRoot) expect([st.uid, st.gid]).toEqual([4321, 4321]);
    expect((await headOf(file))?.seq).toBe(2);
  });

  test('refuses a read-only file and leaves it byte for byte as it was', async () => {
    const file = await unsignedReturn(writer);
    fs.chmodSync(file, 0o444);
    const before = fs.readFileSync(file);
    const r = await signCompiler(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `outturn: cannot write '${file}': the file is read-only: nothing was written (make it writable first if it should change)\n`,
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o444);
  });

  test('writes through a symlink to its target; the link stays a link', async () => {
    const target = await unsignedReturn(writer);
    const link = path.join(path.dirname(target), 'latest.xlsx');
    fs.symlinkSync(path.basename(target), link);
    const r = await signCompiler(link);
    expect(r.code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe(path.basename(target));
    expect((await headOf(target))?.seq).toBe(2);
  });

  test('says when a hard link cannot be kept', async () => {
    const file = await unsignedReturn(writer);
    const other = path.join(path.dirname(file), 'copy-for-committee.xlsx');
    fs.linkSync(file, other);
    const r = await signCompiler(file);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `outturn: note: '${file}' has 1 other hard link: the signed workbook replaces it as a new file, so that link keeps the unsigned version.\n`,
    );
    expect((await headOf(file))?.seq).toBe(2);
    expect(await headOf(other)).toBeNull();
  });
});

describe('a full or read-only disk', () => {
  afterEach(() => jest.restoreAllMocks());

  test.each([
    ['ENOSPC', 'no space left on the disk: nothing was written'],
    ['EROFS', 'the disk is read-only: nothing was written'],
  ])('%s: one sentence, the original untouched, no temporary file left', async (code, sentence) => {
    const file = await unsignedReturn('exceljs');
    const before = fs.readFileSync(file);
    const real = fs.promises.writeFile;
    jest.spyOn(fs.promises, 'writeFile').mockImplementation(async (p, data, opts) => {
      if (String(p).endsWith('.tmp')) {
        await real(p, 'partial');
        throw Object.assign(new Error(`${code}: simulated, write '${String(p)}'`), { code });
      }
      return real(p, data, opts);
    });
    const r = await signCompiler(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`outturn: cannot write '${file}': ${sentence}\n`);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp') || f.endsWith('-lock'))).toEqual([]);
  });
});

describe('temporary files of a killed run', () => {
  test("ours with a dead pid are removed on the next run; a live writer's are left", async () => {
    const file = await unsignedReturn('exceljs');
    const dir = path.dirname(file);
    let dead = 999_999;
    while (processAlive(dead)) dead--;
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const stale = path.join(dir, `.return.xlsx.${dead}.tmp`);
      const live = path.join(dir, `.return.xlsx.${sleeper.pid}.tmp`);
      const notOurs = path.join(dir, '.return.xlsx.backup.tmp');
      for (const f of [stale, live, notOurs]) fs.writeFileSync(f, 'half a workbook');
      const r = await signCompiler(file);
      expect(r.code).toBe(0);
      expect(fs.existsSync(stale)).toBe(false);
      expect(fs.existsSync(live)).toBe(true);
      expect(fs.existsSync(notOurs)).toBe(true);
      expect(await removeStaleTempFiles(file)).toEqual([]);
    } finally {
      sleeper.kill();
    }
  });

  test('a lock left by a killed run is taken over', async () => {
    const file = await unsignedReturn('exceljs');
    let dead = 999_999;
    while (processAlive(dead)) dead--;
    fs.writeFileSync(path.join(path.dirname(file), '.return.xlsx.outturn-lock'), `${dead}\n`);
    const r = await signCompiler(file);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(path.dirname(file), '.return.xlsx.outturn-lock'))).toBe(false);
  });
});
