import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { run, tmpDir } from '../cli/helpers';
import { meltonClean } from '../fixtures';
import { readHeadFromXlsx, writeWorkbookWithHead } from '../support/trail-exceljs';

async function save(wb: ExcelJS.Workbook, file: string): Promise<string> {
  await wb.xlsx.writeFile(file);
  return file;
}

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Edit a workbook as a person would in Excel: the trail and its head stay as they were. */
async function edit(file: string, change: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const head = await readHeadFromXlsx(fs.readFileSync(file));
  const wb = await open(file);
  change(wb);
  await writeWorkbookWithHead(wb, file, head);
}

/** A clean return whose July figure for CS05 is revised (with its year-to-date), still without errors. */
function reviseCs05(wb: ExcelJS.Workbook): void {
  const ws = wb.getWorksheet('Corporate PIs')!;
  ws.getCell('H10').value = 20.3;
  ws.getCell('Q10').value = { formula: 'AVERAGE(E10:H10)', result: 21 } as ExcelJS.CellValue;
}

const COMPILERS = ['Alan Pritchard', 'Sarah Jones', 'Mark Selby', 'Linda Hewitt', 'Paul Dunn'];

async function signAs(file: string, role: string, name: string, extra: string[] = [], now?: string) {
  return run(['sign', file, '--role', role, '--name', name, '--in-place', ...extra], now ? { now } : {});
}

async function compilersSign(file: string): Promise<void> {
  for (const name of COMPILERS) expect((await signAs(file, 'compiler', name)).code).toBe(0);
}

describe('outturn sign, per owner (the Melton return names its owners)', () => {
  test('nine officers sign their own indicators on one workbook; audit prints the matrix and the counts; complete', async () => {
    const dir = tmpDir();
    const input = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    const before = fs.readFileSync(input);
    const signed = path.join(dir, 'signed.xlsx');

    const c = await run(['sign', input, '--role', 'compiler', '--name', 'Alan Pritchard', '--out', signed]);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(
      /^Signed as compiler by Alan Pritchard \(typed name\) at 2017-08-21T09:00:00.000Z\.\nIndicators signed \(2\): CS01, CS02\.\nFingerprint of the figures: [0-9a-f]{64}\nTrail records 1–2 written to '.*signed\.xlsx'\.\n2 of 12 indicators signed by their compiler; 0 of 12 verified by their responsible officer; 0 of 12 certified by their head of service \(0 of 2 service areas certified\)\.\nNot complete yet\.\n$/,
    );
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    for (const name of COMPILERS.slice(1)) expect((await signAs(signed, 'compiler', name)).code).toBe(0);

    const dawn = await signAs(signed, 'responsible-officer', 'Dawn Garton', [], '2017-08-22T10:00:00Z');
    expect(dawn.code).toBe(0);
    expect(dawn.stdout).toContain('Indicators signed (6): CS01, CS02, CS03, CS04, CS05, CS06.');
    const mid = await run(['audit', signed]);
    expect(mid.code).toBe(0); // nothing broken, nothing stale: just not finished
    expect(mid.stdout).toContain(
      '  12 of 12 indicators signed by their compiler; 6 of 12 verified by their responsible officer; 0 of 12 certified by their head of service (0 of 2 service areas certified).',
    );
    expect(mid.stdout).toMatch(
      /\n {2}Indicator +Compiler +Responsible officer +Head of service\n {2}CS01 +signed Alan Pritchard +signed Dawn Garton +to sign Keith Aubrey\n/,
    );
    expect(mid.stdout).toMatch(/ {2}HC06 +signed Paul Dunn +to sign Jim Worley +to sign Harry Bell\n/);
    expect(mid.stdout).toContain(
      'Still to sign:\n  Jim Worley (responsible officer): HC01, HC02, HC03, HC04, HC05, HC06\n  Keith Aubrey (head of service): CS01, CS02, CS03, CS04, CS05, CS06\n  Harry Bell (head of service): HC01, HC02, HC03, HC04, HC05, HC06\n',
    );

    expect((await signAs(signed, 'head-of-service', 'Keith Aubrey', [], '2017-08-22T11:00:00Z')).code).toBe(0);
    expect((await signAs(signed, 'responsible-officer', 'Jim Worley', [], '2017-08-22T11:30:00Z')).code).toBe(0);
    const last = await run(
      ['sign', signed, '--role', 'head-of-service', '--name', 'Harry Bell', '--in-place', '--format', 'json'],
      { now: '2017-08-23T11:00:00Z' },
    );
    expect(last.code).toBe(0);
    expect(JSON.parse(last.stdout)).toMatchObject({
      signed: true,
      role: 'head-of-service',
      name: 'Harry Bell',
      identity: 'typed',
      at: '2017-08-23T11:00:00.000Z',
      mode: 'per-owner',
      owner: 'Harry Bell',
      match: 'exact',
      delegation: null,
      indicators: ['HC01', 'HC02', 'HC03', 'HC04', 'HC05', 'HC06'],
      notSigned: [],
      serviceAreas: ['Housing and Communities'],
      acknowledged: 0,
      progress: {
        complete: true,
        serviceAreas: [
          { name: 'Corporate Services', certified: true },
          { name: 'Housing and Communities', certified: true },
        ],
      },
    });

    const a = await run(['audit', signed]);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('Verification: UNBROKEN.');
    expect(a.stdout).toContain('Complete: every indicator holds three current signatures.');
    expect(a.stdout).toMatch(
      /sign +Signed as responsible officer by Dawn Garton \(typed name\): 6 indicators \(CS01, CS02, CS03, CS04, CS05, CS06\); fingerprint/,
    );
    expect(a.stdout).not.toContain('Still to sign:');
    const j = JSON.parse((await run(['audit', signed, '--format', 'json'])).stdout);
    expect(j.mode).toBe('per-owner');
    expect(j.signOff).toEqual([
      { role: 'compiler', status: 'signed', signed: 12, total: 12 },
      { role: 'responsible-officer', status: 'signed', signed: 12, total: 12 },
      { role: 'head-of-service', status: 'signed', signed: 12, total: 12 },
    ]);
    expect(j.progress.matrix[6]).toMatchObject({
      indicator: 'HC01',
      serviceArea: 'Housing and Communities',
      compiler: { status: 'signed', owner: 'Linda Hewitt', signedBy: 'Linda Hewitt' },
      'responsible-officer': { status: 'signed', signedBy: 'Jim Worley' },
    });
    expect(j.records[j.records.length - 1].payload.scope).toMatchObject({
      owner: 'Harry Bell',
      match: 'exact',
      serviceAreas: ['Housing and Communities'],
    });
    expect(Object.keys(j.records[j.records.length - 1].payload.scope.indicators)).toHaveLength(6);
    // `check` no longer reports the sign-off outstanding once everyone has signed.
    const chk = JSON.parse((await run(['check', signed, '--format', 'json', '--as-of', '2017-08-21'])).stdout);
    expect(chk.findings.filter((f: { rule: string }) => f.rule === 'signoff-outstanding')).toEqual([]);
  });

  test("refused for another officer's indicator, for a name the grid does not hold, out of order: exit 1, the file untouched", async () => {
    const dir = tmpDir();
    const file = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    const early = await signAs(file, 'head-of-service', 'Keith Aubrey', ['--indicators', 'CS01']);
    expect(early.code).toBe(1);
    expect(early.stderr).toBe(
      'outturn: cannot sign as head of service:\n  - CS01 cannot be signed: the responsible officer (Dawn Garton) has not signed it yet.\n',
    );
    await compilersSign(file);
    const bytes = fs.readFileSync(file);
    const other = await signAs(file, 'responsible-officer', 'Dawn Garton', ['--indicators', 'CS01,HC01']);
    expect(other.code).toBe(1);
    expect(other.stderr).toBe(
      "outturn: cannot sign as responsible officer:\n  - HC01 is Jim Worley's as responsible officer, not Dawn Garton's: signing it needs a delegation from Jim Worley with a reason.\n",
    );
    const stranger = await signAs(file, 'responsible-officer', 'Ann Smith');
    expect(stranger.stderr).toBe(
      "outturn: cannot sign as responsible officer:\n  - Ann Smith is not named as responsible officer for any indicator in the grid (the grid names Dawn Garton, Jim Worley). To sign for someone else's indicators, record a delegation with a reason.\n",
    );
    const json = await run([
      'sign',
      file,
      '--role',
      'responsible-officer',
      '--name',
      'Ann Smith',
      '--in-place',
      '--format',
      'json',
    ]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      signed: false,
      role: 'responsible-officer',
      name: 'Ann Smith',
      reasons: [expect.stringContaining('Ann Smith is not named as responsible officer')],
      codes: ['not-owner'],
    });
    expect(fs.readFileSync(file).equals(bytes)).toBe(true); // a refused signature appends nothing
    // The same person never signs two roles for one indicator.
    const same = await signAs(file, 'responsible-officer', 'alan  PRITCHARD', [
      '--on-behalf-of',
      'Dawn Garton',
      '--delegation-reason',
      'cover',
      '--indicators',
      'CS02',
    ]);
    expect(same.stderr).toBe(
      'outturn: cannot sign as responsible officer:\n  - CS02 cannot be signed: alan  PRITCHARD signed it as compiler: the same person cannot sign two roles for one indicator.\n',
    );
  });

  test('a delegation with a reason; a loosely written name matched and said so', async () => {
    const dir = tmpDir();
    const file = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    await compilersSign(file);
    const noReason = await signAs(file, 'responsible-officer', 'Dawn Garton', ['--on-behalf-of', 'Jim Worley']);
    expect(noReason.stderr).toBe(
      'outturn: cannot sign as responsible officer:\n  - Signing for Jim Worley is a delegation: give the reason for it.\n',
    );
    const d = await signAs(file, 'responsible-officer', 'Dawn Garton', [
      '--on-behalf-of',
      'Jim Worley',
      '--delegation-reason',
      'Jim Worley on leave; delegated by email of 18/08/2017.',
    ]);
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('Indicators signed (6): HC01, HC02, HC03, HC04, HC05, HC06.');
    expect(d.stdout).toContain(
      'Signed for Jim Worley by delegation: "Jim Worley on leave; delegated by email of 18/08/2017."',
    );
    const loose = await signAs(file, 'responsible-officer', 'Dr D. Garton');
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain('Your name was matched to Dawn Garton, as the grid names them.');
    const j = JSON.parse((await run(['audit', file, '--format', 'json'])).stdout);
    expect(j.progress.matrix[6]['responsible-officer']).toMatchObject({
      status: 'signed',
      owner: 'Jim Worley',
      signedBy: 'Dawn Garton',
      delegation: { for: 'Jim Worley', reason: 'Jim Worley on leave; delegated by email of 18/08/2017.' },
    });
    expect((await run(['audit', file])).stdout).toMatch(
      / {2}HC01 +signed Linda Hewitt +signed Dawn Garton for Jim Worley +to sign Harry Bell\n/,
    );
  });

  test("errors on one indicator leave it out, the rest of the signer's are signed; its warning is acknowledged", async () => {
    const dir = tmpDir();
    const wb = meltonClean();
    wb.getWorksheet('Corporate PIs')!.getCell('G8').value = '93 %'; // CS03's June figure typed as text: an error
    wb.getWorksheet('Corporate PIs')!.getCell('Y15').value = null; // HC01 AMBER without commentary: a warning
    const file = await save(wb, path.join(dir, 'melton.xlsx'));
    const s = await signAs(file, 'compiler', 'Sarah Jones');
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('Indicators signed (1): CS04.');
    expect(s.stdout).toContain('Not signed now: CS03 (1 error to fix first).');
    const l = await signAs(file, 'compiler', 'Linda Hewitt');
    expect(l.stderr).toBe(
      'outturn: cannot sign as compiler:\n  - 1 warning is on these indicators not acknowledged: give a reason for each, or one reason for all, before signing.\n',
    );
    const ok = await signAs(file, 'compiler', 'Linda Hewitt', [
      '--acknowledge',
      'Commentary for HC01 follows from the housing team.',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('1 warning acknowledged: "Commentary for HC01 follows from the housing team."');
  });

  test('a changed figure makes stale only the signatures over it, naming the figure old → new; exit 1; signing again clears it', async () => {
    const dir = tmpDir();
    const file = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    await compilersSign(file);
    await signAs(file, 'responsible-officer', 'Dawn Garton');
    await signAs(file, 'responsible-officer', 'Jim Worley');
    await edit(file, reviseCs05);
    const a = await run(['audit', file]);
    expect(a.code).toBe(1);
    expect(a.stdout).toContain(
      'Stale signatures (must be signed again):\n  CS05, compiler (Mark Selby): Figures of CS05 changed since signed (Jul: 20.1 → 20.3; Year to Date: 20.95 → 21).\n  CS05, responsible officer (Dawn Garton): Figures of CS05 changed since signed (Jul: 20.1 → 20.3; Year to Date: 20.95 → 21).\n',
    );
    expect(a.stdout).toMatch(/ {2}CS05 +STALE Mark Selby +STALE Dawn Garton +to sign Keith Aubrey\n/);
    expect(a.stdout).toMatch(/ {2}CS06 +signed Mark Selby +signed Dawn Garton +to sign Keith Aubrey\n/);
    const j = JSON.parse((await run(['audit', file, '--format', 'json'])).stdout);
    expect(j.signOff.map((r: { status: string }) => r.status)).toEqual(['stale', 'stale', 'not-signed']);
    expect(j.progress.counts['responsible-officer']).toEqual({ signed: 11, total: 12 });
    expect(j.progress.matrix[4].compiler).toMatchObject({
      status: 'stale',
      changedFigures: ['Jul: 20.1 → 20.3', 'Year to Date: 20.95 → 21'],
    });
    // Keith certifies the rest of his area; CS05 waits.
    const k = await signAs(file, 'head-of-service', 'Keith Aubrey');
    expect(k.stdout).toContain(
      'Not signed now: CS05 (the signature of the responsible officer (Dawn Garton) is stale).',
    );
    // Mark Selby holds a current signature for CS06 and a stale one for CS05: he signs CS05 again.
    const again = await signAs(file, 'compiler', 'Mark Selby');
    expect(again.stdout).toContain('Indicators signed (1): CS05.');
    expect((await signAs(file, 'responsible-officer', 'Dawn Garton', ['--indicators', 'CS05'])).code).toBe(0);
    const after = JSON.parse((await run(['audit', file, '--format', 'json'])).stdout);
    expect(after.progress.matrix[4]).toMatchObject({
      compiler: { status: 'signed' },
      'responsible-officer': { status: 'signed' },
    });
    expect((await run(['audit', file])).code).toBe(0);
  });
});

describe('outturn withdraw', () => {
  test('the signer withdraws with a reason; the trail keeps it; the next role waits; nobody else can', async () => {
    const dir = tmpDir();
    const file = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    await compilersSign(file);
    await signAs(file, 'responsible-officer', 'Jim Worley');
    const bytes = fs.readFileSync(file);
    const other = await run([
      'withdraw',
      file,
      '--role',
      'responsible-officer',
      '--name',
      'Harry Bell',
      '--reason',
      'x',
      '--in-place',
    ]);
    expect(other.code).toBe(1);
    expect(other.stderr).toBe(
      'outturn: cannot withdraw the responsible officer signature:\n  - Harry Bell holds no responsible officer signature to withdraw; only the person who signed can withdraw it.\n',
    );
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(
      (await run(['withdraw', file, '--role', 'responsible-officer', '--name', 'Jim Worley', '--in-place'])).stderr,
    ).toBe('outturn: withdraw needs --reason saying why the signature is withdrawn\n');
    expect(
      (await run(['withdraw', file, '--role', 'responsible-officer', '--name', 'Jim Worley', '--reason', 'r'])).code,
    ).toBe(2);

    const w = await run(
      [
        'withdraw',
        file,
        '--role',
        'responsible-officer',
        '--name',
        'jim worley',
        '--reason',
        'HC04 figure under review.',
        '--in-place',
        '--format',
        'json',
      ],
      { now: '2017-08-22T08:00:00Z' },
    );
    expect(w.code).toBe(0);
    expect(JSON.parse(w.stdout)).toMatchObject({
      withdrawn: true,
      role: 'responsible-officer',
      name: 'jim worley',
      at: '2017-08-22T08:00:00.000Z',
      reason: 'HC04 figure under review.',
    });
    const a = await run(['audit', file]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/ {2}HC04 +signed Linda Hewitt +withdrawn Jim Worley +to sign Harry Bell\n/);
    expect(a.stdout).toMatch(
      /withdraw +jim worley \(typed name\) withdrew the responsible officer signature \(record \d+\): "HC04 figure under review\."/,
    );
    const h = await signAs(file, 'head-of-service', 'Harry Bell');
    expect(h.code).toBe(1);
    expect(h.stderr).toContain('HC01 (the signature of the responsible officer (Jim Worley) was withdrawn)');
    const twice = await run([
      'withdraw',
      file,
      '--role',
      'responsible-officer',
      '--name',
      'Jim Worley',
      '--reason',
      'again',
      '--in-place',
    ]);
    expect(twice.stderr).toBe(
      "outturn: cannot withdraw the responsible officer signature:\n  - Jim Worley's responsible officer signature was already withdrawn.\n",
    );
    // Jim signs again: current once more.
    expect((await signAs(file, 'responsible-officer', 'Jim Worley')).code).toBe(0);
    const j = JSON.parse((await run(['audit', file, '--format', 'json'])).stdout);
    expect(j.signOff[1]).toEqual({ role: 'responsible-officer', status: 'partly-signed', signed: 6, total: 12 });
  });
});

describe('outturn sign, whole return (the grid names no owners)', () => {
  /** The Melton return without its three owner columns. */
  function unowned(): ExcelJS.Workbook {
    const wb = meltonClean();
    wb.getWorksheet('Corporate PIs')!.spliceColumns(22, 3);
    return wb;
  }

  test('three roles sign in turn by any names, as before; audit shows the three roles; withdraw works too', async () => {
    const dir = tmpDir();
    const file = await save(unowned(), path.join(dir, 'melton.xlsx'));
    const c = await signAs(file, 'compiler', 'Ann Smith');
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(
      /^Signed as compiler by Ann Smith \(typed name\) at 2017-08-21T09:00:00.000Z\.\nFingerprint of the figures: [0-9a-f]{64}\nTrail records 1–2 written to '.*melton\.xlsx'\.\n$/,
    );
    const narrowed = await signAs(file, 'responsible-officer', 'Bob Jones', ['--indicators', 'CS01']);
    expect(narrowed).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('names no owners, so the return is signed as a whole'),
    });
    const same = await signAs(file, 'responsible-officer', 'ann  SMITH');
    expect(same.stderr).toBe(
      'outturn: cannot sign as responsible officer:\n  - Ann Smith has already signed as compiler; the same person cannot sign two roles.\n',
    );
    expect((await signAs(file, 'responsible-officer', 'Bob Jones')).code).toBe(0);
    expect((await signAs(file, 'head-of-service', 'Cat Lee')).code).toBe(0);
    const a = await run(['audit', file]);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('Compiler: signed by Ann Smith (typed name) at 2017-08-21T09:00:00.000Z.');
    expect(a.stdout).toContain('Head of service: signed by Cat Lee (typed name)');
    expect(JSON.parse((await run(['audit', file, '--format', 'json'])).stdout)).toMatchObject({
      mode: 'whole-return',
      signOff: [{ status: 'signed' }, { status: 'signed' }, { status: 'signed' }],
    });
    expect(
      (
        await run([
          'withdraw',
          file,
          '--role',
          'head-of-service',
          '--name',
          'Cat Lee',
          '--reason',
          'Queried by audit.',
          '--in-place',
        ])
      ).code,
    ).toBe(0);
    expect((await run(['audit', file])).stdout).toContain(
      'Head of service: signature by Cat Lee (typed name) withdrawn at 2017-08-21T09:00:00.000Z: "Queried by audit.".',
    );
  });

  test('unusable input and arguments: exit 2, one line', async () => {
    const dir = tmpDir();
    const input = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    const noOut = await run(['sign', input, '--role', 'compiler', '--name', 'A B']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toBe(
      "outturn: sign writes the signature into the workbook: give --out signed.xlsx for a signed copy, or --in-place to write into 'melton.xlsx' itself\n",
    );
    expect((await run(['sign', input, '--role', 'auditor', '--name', 'A B', '--in-place'])).stderr).toBe(
      "outturn: --role must be compiler, responsible-officer or head-of-service (got 'auditor')\n",
    );
    expect((await run(['sign', input, '--role', 'compiler', '--in-place'])).stderr).toBe(
      'outturn: sign needs --name with your name, e.g. --name "Ann Smith"\n',
    );
    const missing = await run([
      'sign',
      path.join(dir, 'nope.xlsx'),
      '--role',
      'compiler',
      '--name',
      'A B',
      '--in-place',
    ]);
    expect(missing).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^outturn: cannot read '.*nope\.xlsx': no such file\n$/),
    });
    fs.writeFileSync(path.join(dir, 'r.csv'), 'Ref,Apr\nPI 1,3\n');
    expect((await run(['audit', path.join(dir, 'r.csv')])).code).toBe(2);
    expect((await run(['audit', input, '--format', 'xml'])).stderr).toBe(
      "outturn: --format must be text or json (got 'xml')\n",
    );
  });
});

describe('outturn audit', () => {
  test('a workbook never signed: no records, "nothing has been signed", exit 1 (issue #28 item 5)', async () => {
    const dir = tmpDir();
    const input = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    const a = await run(['audit', input]);
    expect(a.code).toBe(1);
    expect(a.stdout).toContain(
      'Status: UNSIGNED. Nothing has been signed: the workbook has a grid, but no current signature.',
    );
    const j = JSON.parse((await run(['audit', input, '--format', 'json'])).stdout) as { status: string };
    expect(j.status).toBe('unsigned');
    expect(a.stdout).toContain('no records (nothing was checked or signed with Outturn yet)');
    expect(a.stdout).toContain(
      '  0 of 12 indicators signed by their compiler; 0 of 12 verified by their responsible officer; 0 of 12 certified by their head of service (0 of 2 service areas certified).',
    );
    expect(a.stdout).toMatch(/ {2}CS01 +to sign Alan Pritchard +to sign Dawn Garton +to sign Keith Aubrey\n/);
  });

  test('a trail record edited in the very hidden sheet: broken at that record, exit 1', async () => {
    const dir = tmpDir();
    const file = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    await run(['sign', file, '--role', 'compiler', '--name', 'Mark Selby', '--in-place']);
    await run(['sign', file, '--role', 'responsible-officer', '--name', 'Dawn Garton', '--in-place']);
    await edit(file, (wb) => {
      const ws = wb.getWorksheet('OutturnTrail')!;
      ws.getCell('G3').value = String(ws.getCell('G3').value).replace('Mark Selby', 'Mark Selbie');
      ws.getCell('D3').value = 'Mark Selbie';
    });
    const a = await run(['audit', file]);
    expect(a.code).toBe(1);
    expect(a.stdout).toContain(
      'Verification: BROKEN. Record 2 was altered after it was written: its contents no longer match its hash.',
    );
    expect(a.stdout).toContain('First broken record: 2. Records after it cannot be trusted.');
    expect(a.stdout).toMatch(/BROKEN +2 {2}/);
  });

  test('the last records removed (truncation) or the head lost: broken, exit 1', async () => {
    const dir = tmpDir();
    const file = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    await run(['sign', file, '--role', 'compiler', '--name', 'Mark Selby', '--in-place']);
    await run(['sign', file, '--role', 'responsible-officer', '--name', 'Dawn Garton', '--in-place']);
    await edit(file, (wb) => wb.getWorksheet('OutturnTrail')!.spliceRows(5, 1));
    const a = await run(['audit', file]);
    expect(a.code).toBe(1);
    expect(a.stdout).toContain(
      "Verification: BROKEN. The trail ends at record 3 but the workbook's chain head says it ends at record 4: records were removed from the end.",
    );
    // ExcelJS alone (without Outturn's writer) drops the head: audit says so.
    const wb = await open(file);
    await wb.xlsx.writeFile(file);
    expect((await run(['audit', file])).stdout).toContain(
      'The chain head (the workbook name OutturnTrailHead) is missing',
    );
  });
});

describe('what signing keeps', () => {
  test("the user's named constants survive outturn sign, and the head is replaced, not doubled", async () => {
    const dir = tmpDir();
    const file = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    // A named constant, as Excel writes it (ExcelJS itself cannot keep one).
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file(
      'xl/workbook.xml',
      xml.replace('</sheets>', '</sheets><definedNames><definedName name="VAT">0.2</definedName></definedNames>'),
    );
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));

    expect((await run(['sign', file, '--role', 'compiler', '--name', 'Mark Selby', '--in-place'])).code).toBe(0);
    expect(
      (await run(['sign', file, '--role', 'responsible-officer', '--name', 'Dawn Garton', '--in-place'])).code,
    ).toBe(0);
    const after = await (await JSZip.loadAsync(fs.readFileSync(file))).file('xl/workbook.xml')!.async('string');
    expect(after).toContain('<definedName name="VAT">0.2</definedName>');
    expect(after.match(/name="OutturnTrailHead"/g)).toHaveLength(1);
    expect((await run(['audit', file])).code).toBe(0);
  });
});
