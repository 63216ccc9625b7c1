/**
 * Issue #28 items 1 and 2, on a published return (Melton) whose first sheet names each
 * indicator's owners and whose second names none: `check` says beforehand which
 * indicators nobody is named to sign and how they are signed; every owner and the
 * whole-return roles together complete it; and a name spelt another way ('J Patel',
 * 'J. Patel', 'Dr J Patel') is one person for ownership, segregation and delegation alike.
 */
import ExcelJS from 'exceljs';
import * as path from 'node:path';
import { run, tmpDir } from '../cli/helpers';
import { mixedReturn, mixedWorkbook, OWNED_SHEET } from './mixed-return';
import { samePersonName, matchName } from '../../src/engine/names';
import { samePerson } from '../../src/signoff/roles';

const AS_OF = ['--as-of', '2017-08-11'];
const ACK = ['--acknowledge', 'Housing activity names no owners; signed as the whole return'];
const NOW = { now: '2017-08-11T09:00:00Z' };

async function sign(file: string, role: string, name: string, ...more: string[]) {
  return run(['sign', file, '--role', role, '--name', name, '--in-place', ...AS_OF, ...ACK, ...more], NOW);
}

interface AuditJson {
  status: string;
  rules: { ok: boolean; findings: unknown[] };
  progress: { complete: boolean };
}

async function audit(file: string) {
  const r = await run(['audit', file, '--format', 'json'], NOW);
  return { code: r.code, json: JSON.parse(r.stdout) as AuditJson };
}

describe('a return with one sheet naming owners and one naming none', () => {
  test('check warns owner-unassigned before anyone signs, naming the indicators and the route', async () => {
    const file = await mixedReturn();
    const r = await run(['check', file, ...AS_OF, '--format', 'json'], NOW);
    const findings = (JSON.parse(r.stdout) as { findings: { rule: string; severity: string; message: string }[] })
      .findings;
    const unassigned = findings.filter((f) => f.rule === 'owner-unassigned');
    expect(unassigned).toHaveLength(1);
    expect(unassigned[0].severity).toBe('warning');
    expect(unassigned[0].message).toMatch(
      /^6 indicators name no compiling officer, no responsible officer, no head of service \(Housing activity: HC01, Housing activity: HC02, .*Housing activity: HC06\): nobody is named to sign them, so they are signed by the whole-return roles/,
    );
  });

  test('every named owner and the whole-return roles complete it; the audit is clean', async () => {
    const file = await mixedReturn();
    for (const [role, name] of [
      ['compiler', 'Alan Pritchard'],
      ['compiler', 'Sarah Jones'],
      ['compiler', 'Mark Selby'],
      ['compiler', 'Housing Data Officer'],
      ['responsible-officer', 'Dawn Garton'],
      ['responsible-officer', 'Housing Performance Lead'],
      ['head-of-service', 'Keith Aubrey'],
      ['head-of-service', 'Director of Housing'],
    ]) {
      const r = await sign(file, role, name);
      expect([name, r.code, r.stderr]).toEqual([name, 0, '']);
    }
    const { code, json } = await audit(file);
    expect(json.progress.complete).toBe(true);
    expect(json.rules).toEqual({ ok: true, findings: [] });
    expect(code).toBe(0);
    expect(json.status).toBe('complete');
  }, 120_000);

  test('the whole-return signer of the unowned sheet signs exactly its indicators, and cannot sign another owner’s', async () => {
    const file = await mixedReturn();
    const r = await run(
      [
        'sign',
        file,
        '--role',
        'compiler',
        '--name',
        'Housing Data Officer',
        '--in-place',
        ...AS_OF,
        ...ACK,
        '--format',
        'json',
      ],
      NOW,
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { indicators: string[]; match: string };
    expect(out.match).toBe('unassigned');
    expect(out.indicators).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Housing activity: HC0${n}`));
    const other = await sign(file, 'compiler', 'Housing Data Officer', '--indicators', 'CS01');
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/CS01 is Alan Pritchard's as compiler/);
  });

  test('owners from the configuration sign the indicators the grid names nobody for; no warning then', async () => {
    const wb = mixedWorkbook();
    wb.addWorksheet('OutturnSettings', { state: 'veryHidden' }).getCell('A1').value = JSON.stringify({
      owners: [
        { sheet: 'Housing activity', compiler: 'Linda Hewitt', responsibleOfficer: 'Jim Worley' },
        { serviceArea: 'Housing and Communities', headOfService: 'Harry Bell' },
        { ref: 'HC05', compiler: 'Paul Dunn' },
      ],
    });
    const file = path.join(tmpDir(), 'configured.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await run(['check', file, ...AS_OF, '--format', 'json'], NOW);
    expect((JSON.parse(r.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule)).not.toContain(
      'owner-unassigned',
    );
    const linda = await run(
      ['sign', file, '--role', 'compiler', '--name', 'L. Hewitt', '--in-place', ...AS_OF, '--format', 'json'],
      NOW,
    );
    expect(linda.code).toBe(0);
    expect((JSON.parse(linda.stdout) as { indicators: string[] }).indicators).toEqual(
      [1, 2, 3, 4, 6].map((n) => `Housing activity: HC0${n}`),
    );
  });
});

describe('one person-matching rule', () => {
  // Each row: spellings of one person; every pair must match for owners, segregation and delegation.
  const SAME: string[][] = [
    ['J Patel', 'J. Patel', 'Dr J Patel', 'j  patel', 'PATEL, J', 'Patel, J.', 'Mr. J. Patel'],
    ['Dawn Garton', 'dawn garton', 'Dr Dawn Garton', 'GARTON, Dawn', 'Dawn  Garton', 'D. Garton', 'Mrs D Garton'],
    ['Zoë Bell', 'Zoe Bell', 'ZOË BELL', 'Bell, Zoe'],
    ['Ann-Marie Smith-Jones', 'Ann Marie Smith Jones', 'Annmarie Smith-Jones', 'Smith-Jones, Ann-Marie'],
    ["Siobhan O'Neill", 'Siobhan ONeill', 'Siobhan O’Neill', "O'Neill, Siobhan"],
  ];
  const DIFFERENT: [string, string][] = [
    ['Dawn Garton', 'David Garton'],
    ['J Patel', 'K Patel'],
    ['Dawn Garton', 'Dawn Gartons'],
    ['Alan Pritchard', 'Sarah Jones'],
  ];
  test.each(SAME)('%s: every spelling is the same person, for every rule', (...names) => {
    for (const a of names)
      for (const b of names) {
        expect([a, b, matchName(a, b) !== null]).toEqual([a, b, true]);
        expect([a, b, samePersonName(a, b)]).toEqual([a, b, true]);
        expect([a, b, samePerson({ name: a, source: 'typed' }, { name: b, source: 'typed' })]).toEqual([a, b, true]);
      }
  });
  test.each(DIFFERENT)('%s and %s are two people', (a, b) => {
    expect(samePersonName(a, b)).toBe(false);
    expect(samePerson({ name: a, source: 'typed' }, { name: b, source: 'typed' })).toBe(false);
  });
  test('initials: the same person, unless the grid names two colleagues the names resolve to', () => {
    expect(samePersonName('D. Garton', 'David Garton')).toBe(true);
    expect(samePersonName('D. Garton', 'David Garton', ['Dawn Garton', 'David Garton'])).toBe(true); // ambiguous: refused
    expect(samePersonName('Dawn Garton', 'David Garton', ['Dawn Garton', 'David Garton'])).toBe(false);
    expect(samePersonName('Da. Garton', 'David Garton', ['Dawn Garton', 'David Garton'])).toBe(false);
  });

  test('"J. Patel" compiles; "J Patel" cannot sign as responsible officer by delegation, nor "Dr J Patel" as head of service', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await mixedReturn());
    const ws = wb.getWorksheet(OWNED_SHEET)!;
    ws.getCell('V6').value = 'J. Patel';
    const file = path.join(tmpDir(), 'patel.xlsx');
    await wb.xlsx.writeFile(file);
    expect((await sign(file, 'compiler', 'J. Patel', '--indicators', 'CS01')).code).toBe(0);
    const ro = await sign(
      file,
      'responsible-officer',
      'J Patel',
      '--on-behalf-of',
      'Dawn Garton',
      '--delegation-reason',
      'Dawn on leave',
      '--indicators',
      'CS01',
    );
    expect(ro.code).toBe(1);
    expect(ro.stderr).toMatch(/the same person cannot sign two roles for one indicator/);
    // The whole-return roles of the unowned sheet: the same person, spelt three ways, signs one role only.
    expect((await sign(file, 'compiler', 'J Patel', '--indicators', 'HC01')).code).toBe(0);
    const again = await sign(file, 'responsible-officer', 'J. Patel', '--indicators', 'HC01');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/same person cannot sign two roles/);
    const third = await sign(file, 'head-of-service', 'Dr J Patel', '--indicators', 'HC01');
    expect(third.code).toBe(1);
  }, 120_000);
});
