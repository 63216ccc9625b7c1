import * as path from 'node:path';
import { MELTON_AS_OF, writeFixture } from '../fixtures';
import { run, tmpDir } from './helpers';

describe('a marked copy of a signed return', () => {
  test('keeps the audit trail verifiable: `outturn audit` on the copy finds the trail unbroken and the signature current', async () => {
    const dir = tmpDir();
    const clean = await writeFixture(path.join(dir, 'clean.xlsx'), 'melton-clean');
    const signed = path.join(dir, 'signed.xlsx');
    const sign = await run([
      'sign',
      clean,
      '--role',
      'compiler',
      '--name',
      'Alan Pritchard',
      '--as-of',
      MELTON_AS_OF,
      '--out',
      signed,
    ]);
    expect(sign.stderr).toBe('');
    expect(sign.code).toBe(0);
    const marked = path.join(dir, 'signed-marked.xlsx');
    const check = await run(['check', signed, '--as-of', MELTON_AS_OF, '--out', marked]);
    expect(check.code).toBe(0);
    const audit = await run(['audit', marked]);
    expect(audit.stderr).toBe('');
    expect(audit.code).toBe(0); // 1 would mean a broken trail (e.g. the chain head lost) or a stale signature
    const json = await run(['audit', marked, '--format', 'json']);
    expect(json.code).toBe(0);
  });
});
