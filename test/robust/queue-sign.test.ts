/**
 * Issue #28 item 4: signers queue on the command line. Twenty processes sign the same
 * return in place at once, each as the compiling officer of their own indicator; the lock
 * is waited for (a line says whom for), so every one signs and nobody is told to try again.
 * And a lock held past the bounded wait is refused with a sentence naming its holder.
 */
import * as fs from 'node:fs';
import { ensureBuilt, outturnChild } from './built-cli';
import { TWENTY_COMPILERS, twentyCompilersReturn } from '../signoff/mixed-return';
import { lockName, withFileLock } from '../../src/workbook/atomic-write';
import { WorkbookWriteError } from '../../src/workbook/errors';

beforeAll(ensureBuilt, 120_000);

test('twenty compilers signing the same return in place at once all sign: each waits its turn', async () => {
  const file = await twentyCompilersReturn();
  const started = Date.now();
  const runs = await Promise.all(
    TWENTY_COMPILERS.map((name) =>
      outturnChild(['sign', file, '--role', 'compiler', '--name', name, '--in-place', '--as-of', '2017-08-11'], {
        OUTTURN_LOCK_WAIT: '120',
      }),
    ),
  );
  const seconds = (Date.now() - started) / 1000;
  const audit = JSON.parse((await outturnChild(['audit', file, '--format', 'json'])).stdout) as {
    verification: { ok: boolean };
    records: { type: string; actor: { name: string } | null }[];
  };
  const signed = audit.records.filter((r) => r.type === 'sign').map((r) => r.actor?.name);
  const waited = runs.filter((r) => /is being written by .*process \d+: waiting for it to finish/.test(r.stderr));
  console.log(
    `20 concurrent in-place signers: ${runs.filter((r) => r.code === 0).length} signed, ${waited.length} waited, ${seconds.toFixed(1)} s`,
  );
  for (const r of runs) {
    expect([r.args[4], r.code, r.stderr.replace(/^outturn: '.*' is being written by .*\n/m, '')]).toEqual([
      r.args[4],
      0,
      '',
    ]);
    expect(r.stdout).toMatch(/^Signed as compiler by /);
  }
  expect(audit.verification.ok).toBe(true);
  expect(signed.sort()).toEqual([...TWENTY_COMPILERS].sort());
  expect(waited.length).toBeGreaterThan(0);
  expect(fs.existsSync(lockName(file))).toBe(false);
}, 300_000);

test('a lock held past the wait: told once whom it waits for, then refused with a sentence, nothing run', async () => {
  const file = await twentyCompilersReturn('held.xlsx');
  fs.writeFileSync(lockName(file), `${process.pid}\nDawn Garton signing\n`);
  const told: string[] = [];
  let ran = false;
  const attempt = withFileLock(
    file,
    async () => {
      ran = true;
    },
    { timeoutMs: 400, onWait: (line) => told.push(line) },
  );
  await expect(attempt).rejects.toThrow(WorkbookWriteError);
  await expect(attempt).rejects.toThrow(
    new RegExp(
      `Dawn Garton signing, process ${process.pid} held it for more than 0.4 s, so we stopped waiting: nothing was written`,
    ),
  );
  expect(ran).toBe(false);
  expect(told).toEqual([
    `'held.xlsx' is being written by Dawn Garton signing, process ${process.pid}: waiting for it to finish (up to 0.4 s).`,
  ]);
  fs.rmSync(lockName(file));
});
