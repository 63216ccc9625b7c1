/**
 * Issue #12 item 2: people signing the same workbook in place at the same moment. Every
 * signature a process reports as made must be in the trail afterwards; a process whose
 * signature could not be made must say so (non-zero exit, a sentence), and the trail
 * must verify. Real child processes of the built command, on files written by ExcelJS
 * and by xlsxwriter.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pythonWithModules } from './python-writer';
import { ensureBuilt, outturnChild, type ChildRun } from './built-cli';
import { OWNERS, unsignedReturn, type Writer } from './signed-workbook';
import { lockName } from '../../src/workbook/atomic-write';

const noPython = pythonWithModules();
const WRITERS: Writer[] = noPython ? ['exceljs'] : ['exceljs', 'xlsxwriter'];

beforeAll(ensureBuilt, 120_000);

/** Each child holds its rename a moment (slow-rename.js), so the writers' windows overlap. */
const SLOW = { NODE_OPTIONS: `--require ${path.join(__dirname, 'slow-rename.js')}` };
const sign = (file: string, role: string, name: string) =>
  outturnChild(['sign', file, '--role', role, '--name', name, '--in-place', '--as-of', '2017-08-11'], SLOW);

interface AuditJson {
  verification: { ok: boolean; reason: string };
  records: { type: string; actor: { name: string } | null; payload: { role?: string } }[];
}

async function auditJson(file: string): Promise<AuditJson> {
  const r = await outturnChild(['audit', file, '--format', 'json']);
  return JSON.parse(r.stdout) as AuditJson;
}

function signedBy(a: AuditJson): string[] {
  return a.records.filter((r) => r.type === 'sign').map((r) => `${r.payload.role}:${r.actor?.name}`);
}

/** Every process either reported a signature that is in the trail, or reported why it has none. */
function expectNothingLost(runs: ChildRun[], a: AuditJson): void {
  expect(a.verification.ok).toBe(true);
  const inTrail = signedBy(a);
  for (const r of runs) {
    const role = r.args[r.args.indexOf('--role') + 1];
    const name = r.args[r.args.indexOf('--name') + 1];
    if (r.code === 0) {
      expect(r.stdout).toMatch(/^Signed as /);
      expect(inTrail).toContain(`${role}:${name}`);
    } else {
      expect(r.code).toBe(1); // refused (the role was signed meanwhile, or the previous role had not signed yet)
      // Queued on the lock first (one line naming whom it waited for), then refused with the reasons.
      expect(r.stderr).toMatch(
        /^(outturn: '.*' is being written by .*: waiting for it to finish \(up to \d+ s\)\.\n)?outturn: cannot sign as [a-z ]+:\n {2}- /,
      );
      expect(inTrail).not.toContain(`${role}:${name}`);
    }
    expect(r.signal).toBeNull();
    expect(r.stderr).not.toMatch(/something went wrong|at .*\.js:\d+/);
  }
}

describe.each(WRITERS)('signing in place at once (a return written by %s)', (writer) => {
  test('five compilers at once on a return signed as a whole: exactly one signature is made, the other four are told why not', async () => {
    const file = await unsignedReturn(writer, 'return.xlsx', 'whole-return');
    const names = ['Alan Pritchard', 'Sarah Jones', 'Mark Selby', 'Dawn Garton', 'Keith Aubrey'];
    const runs = await Promise.all(names.map((n) => sign(file, 'compiler', n)));
    const a = await auditJson(file);
    expectNothingLost(runs, a);
    expect(runs.filter((r) => r.code === 0)).toHaveLength(1);
    expect(signedBy(a)).toHaveLength(1);
    expect(fs.existsSync(lockName(file))).toBe(false);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  test('five people signing as compiler at once per owner: every compiler the grid names signs their own indicators, nobody else does, none is lost', async () => {
    const file = await unsignedReturn(writer);
    const names = ['Alan Pritchard', 'Sarah Jones', 'Mark Selby', 'Dawn Garton', 'Keith Aubrey'];
    const runs = await Promise.all(names.map((n) => sign(file, 'compiler', n)));
    const a = await auditJson(file);
    expectNothingLost(runs, a);
    const compilers = new Set(OWNERS[writer].filter(([role]) => role === 'compiler').map(([, n]) => n));
    // Each names different indicators, so the lock serialises them and none is refused for another's signature.
    expect(
      runs
        .filter((r) => r.code === 0)
        .map((r) => r.args[r.args.indexOf('--name') + 1])
        .sort(),
    ).toEqual(names.filter((n) => compilers.has(n)).sort());
    expect(signedBy(a).sort()).toEqual(
      names
        .filter((n) => compilers.has(n))
        .map((n) => `compiler:${n}`)
        .sort(),
    );
    expect(fs.existsSync(lockName(file))).toBe(false);
  }, 120_000);

  test.each(['whole-return', 'per-owner'] as const)(
    'compiler and responsible officer racing, two rounds (%s): no reported signature is dropped',
    async (mode) => {
      for (let round = 0; round < 2; round++) {
        const file = await unsignedReturn(writer, 'return.xlsx', mode);
        const runs = await Promise.all([
          sign(file, 'compiler', 'Alan Pritchard'),
          sign(file, 'compiler', 'Sarah Jones'),
          sign(file, 'responsible-officer', 'Dawn Garton'),
        ]);
        expectNothingLost(runs, await auditJson(file));
      }
    },
    180_000,
  );
});
