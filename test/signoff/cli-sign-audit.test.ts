import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { run, tmpDir } from '../cli/helpers';
import { meltonClean, meltonWorkbook } from '../fixtures';
import { readHeadFromXlsx, writeWorkbookWithHead } from '../../src/workbook/trail-xlsx';
import { ROLE_STATEMENTS } from '../../src/signoff/roles';

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

describe('outturn sign', () => {
  test('three roles sign in turn; the trail verifies; the input of --out is untouched', async () => {
    const dir = tmpDir();
    const input = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    const before = fs.readFileSync(input);
    const signed = path.join(dir, 'signed.xlsx');

    const c = await run(['sign', input, '--role', 'compiler', '--name', 'Alan Pritchard', '--out', signed]);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/^Signed as compiler by Alan Pritchard \(typed name\) at 2017-08-21T09:00:00.000Z\.\nFingerprint of the figures: [0-9a-f]{64}\nTrail records 1–2 written to '.*signed\.xlsx'\.\n$/);
    expect(fs.readFileSync(input).equals(before)).toBe(true);

    const r = await run(['sign', signed, '--role', 'responsible-officer', '--name', 'Dawn Garton', '--in-place'], { now: '2017-08-22T10:00:00Z' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Trail records 3–3 written'); // the latest check is for the same figures: reused
    const h = await run(['sign', signed, '--role', 'head-of-service', '--name', 'Keith Aubrey', '--out', signed], { now: '2017-08-23T11:00:00Z' });
    expect(h.code).toBe(0);

    const wb = await open(signed);
    expect(wb.getWorksheet('OutturnTrail')!.state).toBe('veryHidden');
    const a = await run(['audit', signed]);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain("Audit trail of '");
    expect(a.stdout).toContain('4 records');
    expect(a.stdout).toMatch(/ok +1 {2}2017-08-21T09:00:00.000Z {2}check +Check \(cli\): 12 indicators, 0 errors, 0 warnings; fingerprint [0-9a-f]{12}…/);
    expect(a.stdout).toMatch(/ok +4 {2}2017-08-23T11:00:00.000Z {2}sign +Signed as head of service by Keith Aubrey \(typed name\)/);
    expect(a.stdout).toContain("Verification: UNBROKEN. The trail is unbroken: 4 records, each linked to the one before, ending in the record the workbook's chain head names.");
    expect(a.stdout).toContain('Compiler: signed by Alan Pritchard (typed name) at 2017-08-21T09:00:00.000Z.');
    expect(a.stdout).toContain('Responsible officer: signed by Dawn Garton (typed name) at 2017-08-22T10:00:00.000Z.');
    expect(a.stdout).toContain('Head of service: signed by Keith Aubrey (typed name) at 2017-08-23T11:00:00.000Z.');

    const j = await run(['audit', signed, '--format', 'json']);
    expect(j.code).toBe(0);
    const report = JSON.parse(j.stdout);
    expect(report.verification).toMatchObject({ ok: true, firstBrokenSeq: null, verifiedThrough: 4, records: 4 });
    expect(report.records[3].payload.statement).toBe(ROLE_STATEMENTS['head-of-service']);
    expect(report.signOff.map((s: { status: string }) => s.status)).toEqual(['signed', 'signed', 'signed']);
  });

  test('refused while errors remain (exit 1), nothing written', async () => {
    const dir = tmpDir();
    const input = await save(meltonWorkbook(), path.join(dir, 'melton.xlsx'));
    const out = path.join(dir, 'signed.xlsx');
    const r = await run(['sign', input, '--role', 'compiler', '--name', 'Alan Pritchard', '--out', out]);
    expect(r.code).toBe(1);
    // The fixture's deliberate errors (the engine's exact count is its own tests' business).
    expect(r.stderr).toMatch(/^outturn: cannot sign as compiler:\n {2}- The check shows \d+ errors: fix them and check again before signing\.\n {2}- \d+ warnings are not acknowledged: give a reason for each, or one reason for all, before signing\.\n$/);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('refused out of order and for a second role by the same person', async () => {
    const dir = tmpDir();
    const input = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    const r = await run(['sign', input, '--role', 'head-of-service', '--name', 'Keith Aubrey', '--in-place']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('outturn: cannot sign as head of service:\n  - Head of service cannot sign before the responsible officer has signed.\n');
    expect((await run(['sign', input, '--role', 'compiler', '--name', 'Alan Pritchard', '--in-place'])).code).toBe(0);
    const same = await run(['sign', input, '--role', 'responsible-officer', '--name', 'alan  PRITCHARD', '--in-place']);
    expect(same.code).toBe(1);
    expect(same.stderr).toBe('outturn: cannot sign as responsible officer:\n  - Alan Pritchard has already signed as compiler; the same person cannot sign two roles.\n');
  });

  test('warnings must be acknowledged; --acknowledge records the reason', async () => {
    const dir = tmpDir();
    const wb = meltonClean();
    wb.getWorksheet('Corporate PIs')!.getCell('Y15').value = null; // AMBER without commentary: a warning
    const input = await save(wb, path.join(dir, 'melton.xlsx'));
    const r = await run(['sign', input, '--role', 'compiler', '--name', 'Linda Hewitt', '--in-place']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('outturn: cannot sign as compiler:\n  - 1 warning is not acknowledged: give a reason for each, or one reason for all, before signing.\n');
    const ok = await run(['sign', input, '--role', 'compiler', '--name', 'Linda Hewitt', '--in-place', '--acknowledge', 'Commentary for HC01 follows from the housing team.']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('1 warning acknowledged: "Commentary for HC01 follows from the housing team."');
    const a = JSON.parse((await run(['audit', input, '--format', 'json'])).stdout);
    expect(a.records.map((x: { type: string }) => x.type)).toEqual(['check', 'acknowledge', 'sign']);
    expect(a.records[1].payload).toEqual({
      checkSeq: 1,
      bulkReason: 'Commentary for HC01 follows from the housing team.',
      acknowledgements: [{ sheet: 'Corporate PIs', cell: 'Y15', rule: 'missing-commentary', ref: 'HC01', message: expect.stringContaining('RAG is AMBER but there is no commentary'), reason: 'Commentary for HC01 follows from the housing team.' }],
    });
    expect(a.records[2].payload.acknowledgements).toHaveLength(1);
  });

  test('unusable input and arguments: exit 2, one line', async () => {
    const dir = tmpDir();
    const input = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    const noOut = await run(['sign', input, '--role', 'compiler', '--name', 'A B']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toBe("outturn: sign writes the signature into the workbook: give --out signed.xlsx for a signed copy, or --in-place to write into 'melton.xlsx' itself (re-written by ExcelJS, which may drop charts and pivot tables)\n");
    expect((await run(['sign', input, '--role', 'auditor', '--name', 'A B', '--in-place'])).stderr).toBe("outturn: --role must be compiler, responsible-officer or head-of-service (got 'auditor')\n");
    expect((await run(['sign', input, '--role', 'compiler', '--in-place'])).stderr).toBe('outturn: sign needs --name with your name, e.g. --name "Ann Smith"\n');
    const missing = await run(['sign', path.join(dir, 'nope.xlsx'), '--role', 'compiler', '--name', 'A B', '--in-place']);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/^outturn: cannot read '.*nope\.xlsx': no such file\n$/) });
    fs.writeFileSync(path.join(dir, 'r.csv'), 'Ref,Apr\nPI 1,3\n');
    expect((await run(['audit', path.join(dir, 'r.csv')])).code).toBe(2);
    expect((await run(['audit', input, '--format', 'xml'])).stderr).toBe("outturn: --format must be text or json (got 'xml')\n");
  });
});

describe('outturn audit', () => {
  test('a workbook never signed: no records, exit 0', async () => {
    const dir = tmpDir();
    const input = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    const a = await run(['audit', input]);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain("no records (nothing was checked or signed with Outturn yet)");
    expect(a.stdout).toContain('Compiler: not signed.');
  });

  test('a figure changed after signing: stale signatures, changed indicator named, exit 1; re-signing clears it', async () => {
    const dir = tmpDir();
    const file = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    await run(['sign', file, '--role', 'compiler', '--name', 'Mark Selby', '--in-place']);
    await run(['sign', file, '--role', 'responsible-officer', '--name', 'Dawn Garton', '--in-place']);
    await edit(file, reviseCs05);

    const a = await run(['audit', file]);
    expect(a.code).toBe(1);
    expect(a.stdout).toContain('Verification: UNBROKEN.');
    expect(a.stdout).toMatch(/Compiler: STALE, signed by Mark Selby \(typed name\) at 2017-08-21T09:00:00.000Z; figures changed since signed\. Changed: CS05\. Compiler must sign again\./);
    expect(a.stdout).toMatch(/Responsible officer: STALE, .* Changed: CS05\. Responsible officer must sign again\./);
    const j = JSON.parse((await run(['audit', file, '--format', 'json'])).stdout);
    expect(j.signOff[0]).toMatchObject({ role: 'compiler', status: 'stale', staleReasons: ['Figures changed since signed.'], changedIndicators: { changed: ['CS05'], added: [], removed: [] } });

    // The head of service cannot sign on stale signatures.
    const h = await run(['sign', file, '--role', 'head-of-service', '--name', 'Keith Aubrey', '--in-place']);
    expect(h.code).toBe(1);
    expect(h.stderr).toContain('the signature of the responsible officer is stale (figures changed since signed)');
    // The compiler and the responsible officer sign again; the trail keeps the old signatures.
    expect((await run(['sign', file, '--role', 'compiler', '--name', 'Mark Selby', '--in-place'])).code).toBe(0);
    expect((await run(['sign', file, '--role', 'responsible-officer', '--name', 'Dawn Garton', '--in-place'])).code).toBe(0);
    const again = await run(['audit', file, '--format', 'json']);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(report.records.filter((r: { type: string }) => r.type === 'sign')).toHaveLength(4);
    expect(report.signOff.map((s: { status: string }) => s.status)).toEqual(['signed', 'signed', 'not-signed']);
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
    expect(a.stdout).toContain('Verification: BROKEN. Record 2 was altered after it was written: its contents no longer match its hash.');
    expect(a.stdout).toContain('First broken record: 2. Records after it cannot be trusted.');
    expect(a.stdout).toMatch(/BROKEN +2 {2}/);
  });

  test('the last records removed (truncation) or the head lost: broken, exit 1', async () => {
    const dir = tmpDir();
    const file = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    await run(['sign', file, '--role', 'compiler', '--name', 'Mark Selby', '--in-place']);
    await run(['sign', file, '--role', 'responsible-officer', '--name', 'Dawn Garton', '--in-place']);
    await edit(file, (wb) => wb.getWorksheet('OutturnTrail')!.spliceRows(4, 1));
    const a = await run(['audit', file]);
    expect(a.code).toBe(1);
    expect(a.stdout).toContain("Verification: BROKEN. The trail ends at record 2 but the workbook's chain head says it ends at record 3: records were removed from the end.");
    // ExcelJS alone (without Outturn's writer) drops the head: audit says so.
    const wb = await open(file);
    await wb.xlsx.writeFile(file);
    expect((await run(['audit', file])).stdout).toContain('The chain head (the workbook name OutturnTrailHead) is missing');
  });
});

describe('what signing keeps', () => {
  test("the user's named constants survive outturn sign, and the head is replaced, not doubled", async () => {
    const dir = tmpDir();
    const file = await save(meltonClean(), path.join(dir, 'melton.xlsx'));
    // A named constant, as Excel writes it (ExcelJS itself cannot keep one).
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file('xl/workbook.xml', xml.replace('</sheets>', '</sheets><definedNames><definedName name="VAT">0.2</definedName></definedNames>'));
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));

    expect((await run(['sign', file, '--role', 'compiler', '--name', 'Mark Selby', '--in-place'])).code).toBe(0);
    expect((await run(['sign', file, '--role', 'responsible-officer', '--name', 'Dawn Garton', '--in-place'])).code).toBe(0);
    const after = await (await JSZip.loadAsync(fs.readFileSync(file))).file('xl/workbook.xml')!.async('string');
    expect(after).toContain('<definedName name="VAT">0.2</definedName>');
    expect(after.match(/name="OutturnTrailHead"/g)).toHaveLength(1);
    expect((await run(['audit', file])).code).toBe(0);
  });
});
