/**
 * Issue #12 item 5: text output cannot be forged. A newline in an indicator ref must not
 * forge a `check` report line, a newline in a typed name must not forge "Verification:
 * UNBROKEN", ANSI escapes must not reach the terminal; names with control characters are
 * refused at signing. Workbooks written by ExcelJS and by openpyxl.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { run, tmpDir } from '../cli/helpers';
import { meltonClean } from '../fixtures';
import { python, pythonWithModules } from './python-writer';
import { escapeControls, signerNameProblem } from '../../src/signoff/text-safety';
import { SIGNING_DAY, signedReturn, unsignedReturn } from './signed-workbook';
import { chainRecords, type RecordDraft } from '../../src/signoff/trail';
import { readHeadFromXlsx, readTrailRows, writeWorkbookWithHead, appendTrailRows } from '../support/trail-exceljs';

const noPython = pythonWithModules();
const FORGED_REF = 'CS01\n  H9    error    excel-error  all figures verified';
// eslint-disable-next-line no-control-regex -- the escape character is what is looked for
const ESC = /\u001b/;

describe('escapeControls', () => {
  test('shows C0, C1, DEL, bidi overrides and line separators as escapes; leaves other text alone', () => {
    expect(escapeControls('a\nb\r\tc\u001b[31m')).toBe('a\\nb\\r\\tc\\e[31m');
    expect(escapeControls('x\u0000\u007f\u009b\u202eevil\u2066\u2028')).toBe(
      'x\\u{0000}\\u{007F}\\u{009B}\\u{202E}evil\\u{2066}\\u{2028}',
    );
    expect(escapeControls('Café — £1,000 · 95%')).toBe('Café — £1,000 · 95%');
    expect(signerNameProblem('Ann Smith')).toBeNull();
    expect(signerNameProblem('Ann\u202eSmith')).toBe(
      'the name contains a control character (\\u{202E}): type it as one line of plain text',
    );
  });
});

describe('check: a crafted ref cannot forge a report line', () => {
  async function withRef(writer: 'exceljs' | 'openpyxl'): Promise<string> {
    const file = path.join(tmpDir(), 'crafted.xlsx');
    await meltonClean().xlsx.writeFile(file);
    if (writer === 'exceljs') {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      wb.getWorksheet('Corporate PIs')!.getCell('A6').value = FORGED_REF;
      wb.getWorksheet('Corporate PIs')!.getCell('B6').value = 'Invoices \u001b[2J\u001b[1;1Hall clear';
      wb.getWorksheet('Corporate PIs')!.getCell('T6').value = 'GREEN'; // should be AMBER: a finding on the crafted row
      await wb.xlsx.writeFile(file);
    } else {
      python(
        `import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb['Corporate PIs']\nws['A6'] = sys.argv[2]\nws['T6'] = 'GREEN'\nwb.save(sys.argv[1])`,
        file,
        FORGED_REF,
      );
    }
    return file;
  }

  test.each(noPython ? (['exceljs'] as const) : (['exceljs', 'openpyxl'] as const))(
    'written by %s: text and HTML show the newline and ESC escaped',
    async (writer) => {
      const file = await withRef(writer);
      const r = await run(['check', file], { now: '2017-08-11T09:00:00Z' });
      expect(r.stdout).not.toMatch(/^ {2}H9 {4}error/m); // no forged finding line
      expect(r.stdout).toContain('CS01\\n  H9    error    excel-error  all figures verified');
      expect(r.stdout).not.toMatch(ESC);
      for (const line of r.stdout.split('\n')) expect(line).not.toMatch(/^\s+H9\s+error/);
      const html = await run(['check', file, '--format', 'html'], { now: '2017-08-11T09:00:00Z' });
      expect(html.stdout).not.toMatch(ESC);
      expect(html.stdout).toContain('<td>CS01\\n  H9    error'); // (ExcelJS drops ESC itself on save; openpyxl refuses to write it)
    },
  );
});

describe('sign refuses names and reasons with control characters', () => {
  test.each([
    ['a newline', 'Ann Smith\nVerification: UNBROKEN'],
    ['an ANSI escape', 'Ann \u001b[32mSmith'],
    ['a right-to-left override', 'Ann \u202ehtimS'],
  ])('%s in --name: exit 2, one line, nothing written', async (_what, name) => {
    const file = await unsignedReturn('exceljs');
    const before = fs.readFileSync(file);
    const r = await run(['sign', file, '--role', 'compiler', '--name', name, '--in-place'], { now: SIGNING_DAY });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^outturn: cannot sign: the name contains a control character \(\\[a-z{}0-9A-F]+\): type it as one line of plain text\n$/,
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  test('a newline in --acknowledge is refused too', async () => {
    const file = await unsignedReturn('exceljs');
    const r = await run(
      [
        'sign',
        file,
        '--role',
        'compiler',
        '--name',
        'Alan Pritchard',
        '--acknowledge',
        'ok\nVerification: UNBROKEN',
        '--in-place',
      ],
      { now: SIGNING_DAY },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--acknowledge contains a control character \(ok\\nVerification: UNBROKEN\)/);
  });
});

describe('audit: a name written into the trail by another tool cannot forge lines', () => {
  test('a newline and ANSI escapes in a recorded name are shown escaped; the broken verdict stands', async () => {
    // A trail made elsewhere (an older version, another tool) whose signer typed a forged line.
    const file = await signedReturn('exceljs', 1);
    const bytes = fs.readFileSync(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const records = readTrailRows(wb).map((e) => e.raw as Record<string, unknown>);
    const drafts = records.map((r) => ({ type: r.type, at: r.at, actor: r.actor, payload: r.payload }) as RecordDraft);
    const sign = drafts.find((d) => d.type === 'sign')!;
    sign.actor = { name: 'Alan Pritchard\n\nVerification: UNBROKEN. \u001b[32mAll good\u001b[0m', source: 'typed' };
    const forged = chainRecords(null, drafts);
    wb.removeWorksheet(wb.getWorksheet('OutturnTrail')!.id);
    appendTrailRows(wb, forged);
    // Then the trail is cut short (the head says more), so the honest verdict is BROKEN.
    const last = forged[forged.length - 1];
    await writeWorkbookWithHead(wb, file, { seq: last.seq + 1, hash: last.hash }, bytes);
    expect((await readHeadFromXlsx(fs.readFileSync(file)))?.seq).toBe(last.seq + 1);
    const a = await run(['audit', file], { now: SIGNING_DAY });
    expect(a.code).toBe(1);
    expect(a.stdout).not.toMatch(ESC);
    expect(a.stdout.match(/^Verification: /gm)).toEqual(['Verification: ']);
    expect(a.stdout).toMatch(/^Verification: BROKEN/m);
    expect(a.stdout).toContain('Alan Pritchard\\n\\nVerification: UNBROKEN. \\e[32mAll good\\e[0m');
  });
});
