/**
 * `outturn check` reads the audit trail of an .xlsx and reports the workbook-level
 * signoff-outstanding warning when the deadline (14/08/2017 for the Melton July return)
 * has passed and a role holds no current signature.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { MELTON_SHEET, writeFixture } from '../fixtures';
import { readHeadFromXlsx, writeWorkbookWithHead } from '../support/trail-exceljs';
import { run, tmpDir } from './helpers';

const AFTER = ['--as-of', '2017-08-21'];
const message = (roles: string) =>
  `Sign-off is still outstanding (${roles}) and the deadline of 14/08/2017 has passed.`;
const ALL = 'compiler, responsible officer, head of service';

interface JsonFinding {
  sheet: string;
  cell: string | null;
  rule: string;
  severity: string;
  ref: string | null;
  message: string;
}

async function findings(file: string, asOf = AFTER): Promise<JsonFinding[]> {
  const r = await run(['check', file, '--format', 'json', ...asOf]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0); // a warning only: the clean return still passes
  return JSON.parse(r.stdout).findings;
}

const signoffFindings = async (file: string, asOf = AFTER) =>
  (await findings(file, asOf)).filter((f) => f.rule === 'signoff-outstanding');

async function sign(file: string, role: string, name: string, now: string): Promise<void> {
  const r = await run(['sign', file, '--role', role, '--name', name, '--in-place'], { now });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

/** The Melton return names its owners: each of its nine officers signs their own indicators. */
const COMPILERS = ['Alan Pritchard', 'Sarah Jones', 'Mark Selby', 'Linda Hewitt', 'Paul Dunn'];

async function compilersSign(file: string): Promise<void> {
  for (const name of COMPILERS) await sign(file, 'compiler', name, '2017-08-15T09:00:00Z');
}

async function signAll(file: string): Promise<void> {
  await compilersSign(file);
  await sign(file, 'responsible-officer', 'Dawn Garton', '2017-08-16T10:00:00Z');
  await sign(file, 'responsible-officer', 'Jim Worley', '2017-08-16T10:30:00Z');
  await sign(file, 'head-of-service', 'Keith Aubrey', '2017-08-17T11:00:00Z');
  await sign(file, 'head-of-service', 'Harry Bell', '2017-08-17T11:30:00Z');
}

/** Change a figure as a person would in Excel: the trail and its chain head stay as they were. */
async function reviseCs05(file: string): Promise<void> {
  const head = await readHeadFromXlsx(fs.readFileSync(file));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(MELTON_SHEET)!;
  ws.getCell('H10').value = 20.3;
  ws.getCell('Q10').value = { formula: 'AVERAGE(E10:H10)', result: 21 } as ExcelJS.CellValue;
  await writeWorkbookWithHead(wb, file, head);
}

describe('signoff-outstanding from the audit trail', () => {
  let dir: string;
  beforeEach(() => {
    dir = tmpDir();
  });
  const clean = (name = 'melton-clean.xlsx') => writeFixture(path.join(dir, name), 'melton-clean');

  test('an unsigned clean return after the deadline: exactly one finding, for the workbook, naming all three roles', async () => {
    const all = await findings(await clean());
    expect(all).toEqual([
      {
        sheet: MELTON_SHEET,
        cell: null,
        rule: 'signoff-outstanding',
        dimension: 'timeliness',
        severity: 'warning',
        ref: null,
        message: message(ALL),
      },
    ]);
  });

  test('on or before the deadline nothing is outstanding yet', async () => {
    const file = await clean();
    expect(await findings(file, ['--as-of', '2017-08-14'])).toEqual([]);
    const r = await run(['check', file, '--as-of', '2017-08-10']);
    expect(r.stdout).toContain('No findings: every check passed.');
  });

  test('partly signed: the people still to sign are named with their role; fully signed: none', async () => {
    const file = await clean();
    await sign(file, 'compiler', 'Alan Pritchard', '2017-08-15T09:00:00Z');
    await sign(file, 'compiler', 'Sarah Jones', '2017-08-15T09:10:00Z');
    expect((await signoffFindings(file)).map((f) => f.message)).toEqual([
      message(
        'Mark Selby as compiler for 2 indicators, Linda Hewitt as compiler for 4 indicators, Paul Dunn as compiler for 2 indicators, Dawn Garton as responsible officer for 6 indicators, Jim Worley as responsible officer for 6 indicators, Keith Aubrey as head of service for 6 indicators, Harry Bell as head of service for 6 indicators',
      ),
    ]);
    await sign(file, 'compiler', 'Mark Selby', '2017-08-15T09:20:00Z');
    await sign(file, 'compiler', 'Linda Hewitt', '2017-08-15T09:30:00Z');
    await sign(file, 'compiler', 'Paul Dunn', '2017-08-15T09:40:00Z');
    expect((await signoffFindings(file)).map((f) => f.message)).toEqual([
      message(
        'Dawn Garton as responsible officer for 6 indicators, Jim Worley as responsible officer for 6 indicators, Keith Aubrey as head of service for 6 indicators, Harry Bell as head of service for 6 indicators',
      ),
    ]);
    await sign(file, 'responsible-officer', 'Dawn Garton', '2017-08-16T10:00:00Z');
    await sign(file, 'responsible-officer', 'Jim Worley', '2017-08-16T10:30:00Z');
    await sign(file, 'head-of-service', 'Keith Aubrey', '2017-08-17T11:00:00Z');
    await sign(file, 'head-of-service', 'Harry Bell', '2017-08-17T11:30:00Z');
    expect(await findings(file)).toEqual([]);
  });

  test('a figure changed after signing: the three signatures over it are outstanding again, until they sign again', async () => {
    const file = await clean();
    await signAll(file);
    await reviseCs05(file);
    expect((await signoffFindings(file)).map((f) => f.message)).toEqual([
      message(
        'Mark Selby as compiler for CS05, Dawn Garton as responsible officer for CS05, Keith Aubrey as head of service for CS05',
      ),
    ]);
    // The compiler signs the revised figures; the later signatures stood on the old ones.
    await sign(file, 'compiler', 'Mark Selby', '2017-08-18T09:00:00Z');
    expect((await signoffFindings(file)).map((f) => f.message)).toEqual([
      message('Dawn Garton as responsible officer for CS05, Keith Aubrey as head of service for CS05'),
    ]);
    const audit = await run(['audit', file]);
    expect(audit.stdout).toMatch(/ {2}CS05 +signed Mark Selby +STALE Dawn Garton +STALE Keith Aubrey\n/);
  });

  test('a broken trail counts as unsigned; audit says where it broke', async () => {
    const file = await clean();
    await signAll(file);
    // Someone deletes the chain head (the workbook name OutturnTrailHead).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    await writeWorkbookWithHead(wb, file, null);
    expect((await signoffFindings(file)).map((f) => f.message)).toEqual([message(ALL)]);
    const audit = await run(['audit', file]);
    expect(audit.code).toBe(1);
    expect(audit.stdout).toContain('Verification: BROKEN.');
  });

  test('checking one sheet with --sheet still judges the signatures (made over every sheet) as audit does', async () => {
    const file = await clean();
    await signAll(file);
    expect(await findings(file, [...AFTER, '--sheet', MELTON_SHEET])).toEqual([]);
  });
});
