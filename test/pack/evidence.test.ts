/**
 * Working papers: `outturn sign --evidence REF=PATH` records each file's name and SHA-256 in
 * the signature; `outturn audit --evidence-dir DIR` hashes them again and names a changed or
 * a missing one (exit 1); a signature made without working papers verifies as before; the
 * assurance pack lists each indicator's working papers, configured and recorded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { run, smallReturn, tmpDir, writeWorkbook } from '../cli/helpers';
import { SignPayload } from '../../src/signoff/trail';
import { AS_OF, storeConfig } from './signed-returns';

const ROOT = path.join(__dirname, '..', '..');
const SHAREPOINT = 'https://melton.sharepoint.com/sites/performance/Working%20papers/CS01';

interface Paper {
  ref: string;
  file: string;
  sha256: string;
}

let dir: string;
let papers: string;
let signed: string;
let signText: string;

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

beforeAll(async () => {
  dir = tmpDir();
  papers = path.join(dir, 'papers');
  fs.mkdirSync(papers);
  // The papers as a service keeps them: a spreadsheet's export and a note.
  fs.writeFileSync(
    path.join(papers, 'cs01-invoices-july.csv'),
    'invoice,received,paid\nINV-1001,2017-07-03,2017-07-20\n',
  );
  fs.writeFileSync(
    path.join(papers, 'cs02-calls-july.txt'),
    'Calls answered within 20 seconds, July 2017: 8,412 of 9,020.\n',
  );
  signed = path.join(dir, 'corporate-pis-signed.xlsx');
  fs.copyFileSync(path.join(ROOT, 'examples/corporate-pis-july-2017.xlsx'), signed);
  await storeConfig(signed, { evidence: { CS01: SHAREPOINT } });
  const r = await run(
    [
      'sign',
      signed,
      '--role',
      'compiler',
      '--name',
      'Alan Pritchard',
      '--acknowledge',
      'Commentary agreed with the service',
      '--evidence',
      `CS01=${path.join(papers, 'cs01-invoices-july.csv')}`,
      '--evidence',
      `CS02=${path.join(papers, 'cs02-calls-july.txt')}`,
      '--in-place',
      ...AS_OF,
    ],
    { now: '2017-08-11T09:00:00Z' },
  );
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  signText = r.stdout;
  // A signature made without working papers, as every signature before this change was.
  const plain = await run(
    [
      'sign',
      signed,
      '--role',
      'responsible-officer',
      '--name',
      'Dawn Garton',
      '--acknowledge',
      'Agreed',
      '--in-place',
      ...AS_OF,
    ],
    { now: '2017-08-11T09:05:00Z' },
  );
  expect(plain.stderr).toBe('');
  expect(plain.code).toBe(0);
}, 240_000);

async function auditJson(evidenceDir: string) {
  const r = await run(['audit', signed, '--evidence-dir', evidenceDir, '--format', 'json']);
  return { code: r.code, json: JSON.parse(r.stdout), stderr: r.stderr };
}

describe('sign --evidence', () => {
  test('the signature records each file by name with its SHA-256, and says so', async () => {
    const records = JSON.parse((await run(['audit', signed, '--format', 'json'])).stdout).records;
    const signs = records.filter((x: { type: string }) => x.type === 'sign');
    expect(signs[0].payload.evidence).toEqual([
      { ref: 'CS01', file: 'cs01-invoices-july.csv', sha256: sha(path.join(papers, 'cs01-invoices-july.csv')) },
      { ref: 'CS02', file: 'cs02-calls-july.txt', sha256: sha(path.join(papers, 'cs02-calls-july.txt')) },
    ]);
    expect(signText).toContain(
      `Working papers for CS01: 'cs01-invoices-july.csv', SHA-256 ${sha(path.join(papers, 'cs01-invoices-july.csv'))}.`,
    );
    // The signature made without working papers has no such field, so its hash is what it was before.
    expect('evidence' in signs[1].payload).toBe(false);
    expect(SignPayload.safeParse(signs[1].payload).success).toBe(true);
  });

  test('working papers named for an indicator the return does not hold are refused, nothing written', async () => {
    const before = fs.readFileSync(signed);
    const r = await run(
      [
        'sign',
        signed,
        '--role',
        'compiler',
        '--name',
        'Mark Selby',
        '--acknowledge',
        'Agreed',
        '--in-place',
        ...AS_OF,
      ].concat(['--evidence', `ZZ99=${path.join(papers, 'cs02-calls-july.txt')}`]),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("The return holds no indicator 'ZZ99'");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readFileSync(signed).equals(before)).toBe(true);
  });

  test('a file that cannot be read, or an option without REF=, is a usage error', async () => {
    const missing = await run([
      'sign',
      signed,
      '--role',
      'compiler',
      '--name',
      'Mark Selby',
      '--evidence',
      'CS03=nope.pdf',
      '--in-place',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read the working papers for CS03, 'nope.pdf': ENOENT");
    const bare = await run([
      'sign',
      signed,
      '--role',
      'compiler',
      '--name',
      'Mark Selby',
      '--evidence',
      'nope.pdf',
      '--in-place',
    ]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--evidence needs REF=PATH');
  });
});

describe('audit --evidence-dir', () => {
  test('both papers unchanged: OK, and the signature without papers still verifies', async () => {
    const { code, json, stderr } = await auditJson(papers);
    expect(stderr).toBe('');
    expect(json.verification.ok).toBe(true);
    expect(json.rules.ok).toBe(true);
    expect(json.workingPapers.ok).toBe(true);
    expect(json.workingPapers.papers.map((p: { file: string; status: string }) => [p.file, p.status])).toEqual([
      ['cs01-invoices-july.csv', 'unchanged'],
      ['cs02-calls-july.txt', 'unchanged'],
    ]);
    expect(code).toBe(0);
    const text = await run(['audit', signed, '--evidence-dir', papers]);
    expect(text.stdout).toContain(`Working papers (in '${papers}'): all 2 unchanged.`);
    expect(text.stdout).toMatch(
      /CS01: 'cs01-invoices-july\.csv' unchanged since signed in record \d+ \(Alan Pritchard\)\./,
    );
  });

  test('one changed and one deleted: each named, exit 1', async () => {
    const later = path.join(dir, 'papers-later');
    fs.mkdirSync(later);
    fs.writeFileSync(
      path.join(later, 'cs01-invoices-july.csv'),
      'invoice,received,paid\nINV-1001,2017-07-03,2017-07-29\n',
    );
    const { code, json } = await auditJson(later);
    expect(code).toBe(1);
    expect(json.workingPapers.ok).toBe(false);
    const byFile = Object.fromEntries(json.workingPapers.papers.map((p: Paper & { status: string }) => [p.file, p]));
    expect(byFile['cs01-invoices-july.csv']).toMatchObject({
      ref: 'CS01',
      status: 'changed',
      recorded: sha(path.join(papers, 'cs01-invoices-july.csv')),
      now: sha(path.join(later, 'cs01-invoices-july.csv')),
    });
    expect(byFile['cs02-calls-july.txt']).toMatchObject({ ref: 'CS02', status: 'missing', now: null });

    const text = await run(['audit', signed, '--evidence-dir', later]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`Working papers (in '${later}'): 2 of 2 CHANGED OR MISSING.`);
    expect(text.stdout).toContain("CS01: 'cs01-invoices-july.csv' CHANGED since signed in record");
    expect(text.stdout).toContain(
      "CS02: 'cs02-calls-july.txt' MISSING: no such file where the working papers are kept",
    );
  });

  test('a folder that is not there is a usage error', async () => {
    const r = await run(['audit', signed, '--evidence-dir', path.join(dir, 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a folder');
  });
});

describe('the assurance pack', () => {
  test('lists each indicator’s working papers: the configured link and the files recorded when signed', async () => {
    const r = await run(['report', signed, ...AS_OF]);
    expect(r.stderr).toBe('');
    const html = r.stdout;
    const section = (ref: string) => {
      const start = html.search(new RegExp(`<h3 id="ind-\\d+">${ref} — `));
      return html.slice(start, html.indexOf('</section>', start));
    };
    const cs01 = section('CS01');
    expect(cs01).toContain('<h4>Working papers</h4>');
    expect(cs01).toContain(`Kept at <a href="${SHAREPOINT}">${SHAREPOINT}</a>.`);
    expect(cs01).toContain(
      `<tr><td>cs01-invoices-july.csv</td><td class="hash">${sha(path.join(papers, 'cs01-invoices-july.csv'))}</td><td>Alan Pritchard (record`,
    );
    const cs02 = section('CS02');
    expect(cs02).not.toContain('Kept at');
    expect(cs02).toContain('<td>cs02-calls-july.txt</td>');
    expect(section('HC01')).toContain('None named: no working papers are configured or recorded for this indicator.');
  });
});

describe('a "Working papers" column in the grid', () => {
  test('is read per indicator and shown in the pack beside it', async () => {
    const wb = smallReturn();
    const ws = wb.getWorksheet('PIs')!;
    ws.getCell('I4').value = 'Working papers';
    ws.getCell('I5').value = 'https://intranet.example.gov.uk/finance/pi01-working-papers';
    ws.getCell('I6').value = 'S:\\Performance\\2017-18\\PI 02 complaints log.xlsx';
    const file = await writeWorkbook(wb, path.join(tmpDir(), 'small-return.xlsx'));
    const r = await run(['report', file, ...AS_OF]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      'Source named in the grid: <a href="https://intranet.example.gov.uk/finance/pi01-working-papers">https://intranet.example.gov.uk/finance/pi01-working-papers</a>.',
    );
    expect(r.stdout).toContain(
      'Source named in the grid: <code>S:\\Performance\\2017-18\\PI 02 complaints log.xlsx</code>.',
    );
  });
});
