/**
 * Issue #25 through the real CLI: `outturn register` over a folder of published returns in
 * every state (unsigned, half signed, complete with receipt, tampered, figures not checked,
 * files that are no return at all). Every cell of every row is asserted, and each return's
 * row is compared with what `outturn check` and `outturn audit` say of that file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { cellAt } from '../../src/engine/model/sheet';
import { loadWorkbook } from '../../src/workbook/load';
import { writeRegister } from '../../src/cli/register-report';
import type { RegisterRow } from '../../src/app/register';
import { collect } from '../../src/cli/report-output';
import { run } from '../cli/helpers';
import { AS_OF, buildRegisterFolder, MODIFIED } from './folder';

let dir: string;
let json: { returns: RegisterRow[]; totals: Record<string, number>; people: { name: string; items: unknown[] }[] };
let code: number;
let stderr: string;

beforeAll(async () => {
  dir = await buildRegisterFolder();
  const r = await run(['register', dir, ...AS_OF, '--format', 'json']);
  code = r.code;
  stderr = r.stderr;
  json = JSON.parse(r.stdout);
}, 240_000);

const at = (name: string) => path.join(dir, name);
const ROLES = ['compiler', 'responsible-officer', 'head-of-service'] as const;
const wholeReturn = (signed: 0 | 1, status: string) =>
  ROLES.map((role) => ({ role, signed, total: 1, unit: 'return', status }));
const perOwner = (c: number, ro: number, hos: number, total: number) =>
  [c, ro, hos].map((signed, i) => ({ role: ROLES[i], signed, total, unit: 'indicators' }));
const nobodyNamed = ROLES.map((role) => ({ role, name: '', indicators: ['the whole return'] }));
const EMPTY_TRAIL = { trail: 'empty', trailReason: 'Nothing was checked or signed with Outturn yet.' };
const NOT_SIGNED =
  'Signed as a whole: compiler not signed; responsible officer not signed; head of service not signed.';

/** A row with nothing in it: every expected row below says only what differs from this. */
function row(file: string, cells: Partial<RegisterRow>): RegisterRow {
  return {
    file: at(file),
    kind: 'return',
    problem: '',
    modified: MODIFIED.toISOString(),
    sheets: 0,
    gridSheets: [],
    grids: 0,
    serviceAreas: [],
    period: null,
    indicators: 0,
    errors: 0,
    warnings: 0,
    figuresNotChecked: 0,
    figureCells: 0,
    signoffMode: 'not-judged',
    roles: [],
    areasCertified: 0,
    complete: false,
    progress: '',
    stillToSign: [],
    trail: 'none',
    trailReason: '',
    receipt: 'none',
    receiptReason: '',
    ...cells,
  } as RegisterRow;
}

const unsignedWhole = (file: string, cells: Partial<RegisterRow>) =>
  row(file, {
    signoffMode: 'whole-return',
    roles: wholeReturn(0, 'not-signed'),
    progress: NOT_SIGNED,
    stillToSign: nobodyNamed,
    ...EMPTY_TRAIL,
    ...cells,
  } as Partial<RegisterRow>);

const corporateOwners = (alan: string[], dawn: string[]) => [
  { role: 'compiler', name: 'Alan Pritchard', indicators: alan },
  { role: 'compiler', name: 'Sarah Jones', indicators: ['CS03', 'CS04'] },
  { role: 'compiler', name: 'Mark Selby', indicators: ['CS05', 'CS06'] },
  { role: 'compiler', name: 'Linda Hewitt', indicators: ['HC01', 'HC02', 'HC03', 'HC04'] },
  { role: 'compiler', name: 'Paul Dunn', indicators: ['HC05', 'HC06'] },
  { role: 'responsible-officer', name: 'Dawn Garton', indicators: dawn },
  { role: 'responsible-officer', name: '', indicators: ['CS05'] },
  { role: 'responsible-officer', name: 'Jim Worley', indicators: ['HC01', 'HC02', 'HC03', 'HC04', 'HC05', 'HC06'] },
  { role: 'head-of-service', name: 'Keith Aubrey', indicators: ['CS01', 'CS02', 'CS03', 'CS04', 'CS05', 'CS06'] },
  { role: 'head-of-service', name: 'Harry Bell', indicators: ['HC01', 'HC02', 'HC03', 'HC04', 'HC05', 'HC06'] },
];
const corporate = {
  sheets: 2,
  gridSheets: ['Corporate PIs'],
  grids: 1,
  serviceAreas: ['Corporate Services', 'Housing and Communities'],
  period: '2017-07',
  indicators: 12,
  errors: 6,
  warnings: 3,
  figureCells: 80,
  signoffMode: 'per-owner' as const,
};

function expectedRows(): RegisterRow[] {
  const sentence = (c: number, ro: number) =>
    `${c} of 12 signed by their compiler; ${ro} of 12 verified by their responsible officer; 0 of 12 certified by their head of service; 0 of 2 service areas certified.`;
  const broken =
    'The chain head (the workbook name OutturnTrailHead) is missing, so the trail cannot be shown to be complete or original.';
  return [
    row('complete.xlsx', {
      sheets: 2,
      gridSheets: ['SPI Q2 2019-20'],
      grids: 1,
      indicators: 6,
      figureCells: 10,
      signoffMode: 'whole-return',
      roles: wholeReturn(1, 'signed') as RegisterRow['roles'],
      complete: true,
      progress: 'Signed as a whole: compiler signed; responsible officer signed; head of service signed.',
      trail: 'unbroken',
      trailReason:
        "The trail is unbroken: 6 records, each linked to the one before, ending in the record the workbook's chain head names.",
      receipt: 'matches',
      receiptReason: 'This is the workbook that was receipted.',
    }),
    row('corporate-half.xlsx', {
      ...corporate,
      sheets: 3, // the trail sheet the first signature added
      roles: perOwner(1, 1, 0, 12) as RegisterRow['roles'],
      progress: sentence(1, 1),
      stillToSign: corporateOwners(['CS01'], ['CS01', 'CS03', 'CS04', 'CS06']) as RegisterRow['stillToSign'],
      trail: 'unbroken',
      trailReason:
        "The trail is unbroken: 4 records, each linked to the one before, ending in the record the workbook's chain head names.",
    }),
    row('corporate-unsigned.xlsx', {
      ...corporate,
      roles: perOwner(0, 0, 0, 12) as RegisterRow['roles'],
      progress: sentence(0, 0),
      stillToSign: corporateOwners(
        ['CS01', 'CS02'],
        ['CS01', 'CS02', 'CS03', 'CS04', 'CS06'],
      ) as RegisterRow['stillToSign'],
      ...(EMPTY_TRAIL as Partial<RegisterRow>),
    }),
    unsignedWhole('lgbf-childrens-services.xlsx', {
      sheets: 1,
      gridSheets: ['Childrens Services'],
      grids: 1,
      indicators: 9,
      figureCells: 66,
    }),
    unsignedWhole('maidstone-kpi-2018-19.xlsx', {
      sheets: 2,
      gridSheets: ['CHE Q1 2018-19', 'HCL Q3 2018-19'],
      grids: 2,
      period: '2018-06',
      indicators: 11,
      figureCells: 21,
    }),
    row('minutes.docx', {
      kind: 'unusable',
      problem: 'Not a workbook Outturn reads (.docx); returns are .xlsx, .xlsm or .csv files.',
    }),
    row('notes.xlsx', {
      kind: 'no-grid',
      problem: 'No metric collection grid was found, so this is not read as a return.',
      sheets: 1,
      ...(EMPTY_TRAIL as Partial<RegisterRow>),
    }),
    row('orphan.receipt.json', {
      kind: 'unusable',
      problem: 'A sign-off receipt with no workbook of the same name beside it.',
    }),
    row('protected.xlsx', {
      kind: 'unusable',
      problem: `Cannot read '${at('protected.xlsx')}': the file is password-protected (encrypted); save an unprotected copy and try again.`,
    }),
    unsignedWhole('rotherham-council-plan-measures.xlsx', {
      sheets: 1,
      gridSheets: ['One Council'],
      grids: 1,
      indicators: 11,
      figureCells: 11,
    }),
    row('tampered.xlsx', {
      sheets: 2,
      gridSheets: ['SPI Q2 2019-20'],
      grids: 1,
      indicators: 6,
      errors: 1,
      figureCells: 10,
      signoffMode: 'whole-return',
      roles: wholeReturn(0, 'stale') as RegisterRow['roles'],
      progress:
        'Signed as a whole: compiler STALE (must sign again); responsible officer STALE (must sign again); head of service STALE (must sign again).',
      stillToSign: nobodyNamed as RegisterRow['stillToSign'],
      trail: 'broken',
      trailReason: broken,
      receipt: 'differs',
      receiptReason: expect.stringMatching(
        new RegExp(
          `^The workbook's trail is broken: ${broken.replace(/[()]/g, '\\$&')} The figures differ from those receipted \\(fingerprint now [0-9a-f]{16}…, receipted [0-9a-f]{16}…\\)\\.$`,
        ),
      ),
    }),
    row('truncated.xlsx', {
      kind: 'unusable',
      problem: `Cannot read '${at('truncated.xlsx')}': the file is damaged (an incomplete or corrupt .xlsx archive); save it again from Excel and try again.`,
    }),
    unsignedWhole('unchecked.xlsx', {
      sheets: 1,
      gridSheets: ['Monthly'],
      grids: 1,
      indicators: 3,
      warnings: 1,
      figuresNotChecked: 3,
      figureCells: 9,
    }),
    unsignedWhole('winchester-service-standards.xlsx', {
      sheets: 1,
      gridSheets: ['Revenues and Benefits'],
      grids: 2,
      indicators: 8,
      figureCells: 56,
    }),
    row('~$corporate-half.xlsx', {
      kind: 'unusable',
      problem: 'An Excel lock file (someone has the workbook open, or Excel closed without tidying up): not a return.',
    }),
  ];
}

test('one row per file, in name order, every cell as the file is; a bad file is a row saying why', () => {
  expect(stderr).toBe('');
  expect(code).toBe(2); // files that could not be used
  expect(json.returns.map((r) => path.basename(r.file))).toEqual(expectedRows().map((r) => path.basename(r.file)));
  const expected = expectedRows();
  for (const [i, r] of json.returns.entries()) expect(r).toEqual(expected[i]);
});

test('totals and the people to chase across every return', () => {
  expect(json.totals).toEqual({
    files: 15,
    returns: 9,
    notReturns: 1,
    unusable: 5,
    indicators: 78,
    errors: 13,
    warnings: 7,
    returnsWithErrors: 3,
    figuresNotChecked: 3,
    returnsWithUncheckedFigures: 1,
    complete: 1,
    brokenTrails: 1,
    receiptsMatching: 1,
    receiptsDiffering: 1,
  });
  expect(json.people.map((p) => p.name)).toEqual([
    'Alan Pritchard',
    'Dawn Garton',
    'Harry Bell',
    'Jim Worley',
    'Keith Aubrey',
    'Linda Hewitt',
    'Mark Selby',
    'Paul Dunn',
    'Sarah Jones',
    '',
  ]);
  expect(json.people[0].items).toEqual([
    { file: at('corporate-half.xlsx'), role: 'compiler', indicators: ['CS01'] },
    { file: at('corporate-unsigned.xlsx'), role: 'compiler', indicators: ['CS01', 'CS02'] },
  ]);
  // Nobody is named for the roles of the six returns signed as a whole and not complete, nor for CS05's officer.
  expect(json.people[9].items).toHaveLength(2 + 6 * 3);
});

test("each return's row agrees with `outturn check` and `outturn audit` on that file", async () => {
  for (const r of json.returns.filter((x) => x.kind === 'return')) {
    const check = JSON.parse((await run(['check', r.file, ...AS_OF, '--format', 'json'])).stdout);
    expect([r.errors, r.warnings]).toEqual([check.summary.errors, check.summary.warnings]);
    expect([r.figuresNotChecked, r.figureCells]).toEqual([check.coverage.uncheckedCells, check.coverage.figureCells]);
    expect(r.indicators).toBe(check.grids.reduce((n: number, g: { indicators: number }) => n + g.indicators, 0));
    expect(r.grids).toBe(check.grids.length);

    const receipt = fs.existsSync(r.file.replace(/\.xlsx$/, '.receipt.json'))
      ? ['--receipt', r.file.replace(/\.xlsx$/, '.receipt.json')]
      : [];
    const audit = JSON.parse(
      (await run(['audit', r.file, '--format', 'json', ...receipt], { now: '2017-08-21T09:00:00Z' })).stdout,
    );
    expect(r.trail === 'broken').toBe(!audit.verification.ok);
    if (!audit.verification.ok) expect(r.trailReason).toBe(audit.verification.reason);
    expect(r.signoffMode).toBe(audit.mode);
    for (const role of r.roles) {
      const s = audit.signOff.find((x: { role: string }) => x.role === role.role);
      if (audit.mode === 'per-owner') expect([role.signed, role.total]).toEqual([s.signed, s.total]);
      else expect(role.status).toBe(s.status);
    }
    if (audit.progress) expect(r.complete).toBe(audit.progress.complete);
    if (receipt.length) expect(r.receipt === 'matches').toBe(audit.receipt.same);
  }
}, 240_000);

test('the text register: each file, the totals and a section per person', async () => {
  const r = await run(['register', dir, ...AS_OF]);
  expect(r.code).toBe(2);
  expect(r.stdout).toContain(
    `${at('corporate-half.xlsx')}\n  Sheets: 3; grids: 1 (Corporate PIs)\n  Service areas: Corporate Services, Housing and Communities\n  Period: 2017-07; indicators: 12\n  Outstanding: 6 errors, 3 warnings; figures not checked: 0 of 80\n  Sign-off: 1 of 12 signed by their compiler; 1 of 12 verified by their responsible officer; 0 of 12 certified by their head of service; 0 of 2 service areas certified.\n    to sign: Alan Pritchard as compiler: CS01\n`,
  );
  expect(r.stdout).toContain(
    `${at('complete.xlsx')}\n  Sheets: 2; grids: 1 (SPI Q2 2019-20)\n  Period: not known; indicators: 6\n  Outstanding: 0 errors, 0 warnings; figures not checked: 0 of 10\n  Sign-off: complete\n  Trail: unbroken\n  Receipt: matches\n`,
  );
  expect(r.stdout).toContain(`${at('~$corporate-half.xlsx')}\n  NOT USED: An Excel lock file`);
  expect(r.stdout).toContain(
    'Totals:\n  15 files: 9 returns, 1 without a grid, 5 that could not be used.\n  78 indicators; 13 errors (in 3 returns) and 7 warnings outstanding; 3 figures not checked (in 1 return).\n  1 of 9 returns completely signed off; 1 broken or suspicious trails; receipts: 1 matching, 1 differing or unusable.\n',
  );
  expect(r.stdout).toContain(
    `Still to sign, by person:\n  Alan Pritchard\n    ${at('corporate-half.xlsx')}: compiler for CS01\n    ${at('corporate-unsigned.xlsx')}: compiler for CS01, CS02\n  Dawn Garton\n`,
  );
});

test('CSV: one line per file with the same cells, formula-looking text neutralised', async () => {
  const r = await run(['register', dir, ...AS_OF, '--format', 'csv']);
  const lines = r.stdout.split('\r\n');
  expect(lines[0]).toBe(
    'file,kind,problem,sheets,grids,grid sheets,service areas,period,indicators,errors,warnings,figures not checked,figure cells,compiler signed,responsible officer signed,head of service signed,compiler due,responsible officer due,head of service due,service areas certified,complete,still to sign,trail,receipt,last modified',
  );
  expect(lines).toHaveLength(17); // header, 15 files, the empty string after the last CRLF
  const toSign = [
    'Alan Pritchard as compiler: CS01',
    'Sarah Jones as compiler: CS03, CS04',
    'Mark Selby as compiler: CS05, CS06',
    'Linda Hewitt as compiler: HC01, HC02, HC03, HC04',
    'Paul Dunn as compiler: HC05, HC06',
    'Dawn Garton as responsible officer: CS01, CS03, CS04, CS06',
    '(no owner named) as responsible officer: CS05',
    'Jim Worley as responsible officer: HC01, HC02, HC03, HC04, HC05, HC06',
    'Keith Aubrey as head of service: CS01, CS02, CS03, CS04, CS05, CS06',
    'Harry Bell as head of service: HC01, HC02, HC03, HC04, HC05, HC06',
  ].join('; ');
  expect(lines[2]).toBe(
    `${at('corporate-half.xlsx')},return,,3,1,Corporate PIs,Corporate Services; Housing and Communities,2017-07,12,6,3,0,80,1,1,0,12,12,12,0,no,"${toSign}",unbroken,none,${MODIFIED.toISOString()}`,
  );
  expect(lines[6]).toBe(
    `${at('minutes.docx')},unusable,Not a workbook Outturn reads (.docx); returns are .xlsx, .xlsm or .csv files.,0,0,,,,0,0,0,0,0,,,,,,,,,,none,none,${MODIFIED.toISOString()}`.replace(
      'Not a workbook Outturn reads (.docx); returns are .xlsx, .xlsm or .csv files.',
      '"Not a workbook Outturn reads (.docx); returns are .xlsx, .xlsm or .csv files."',
    ),
  );

  const crafted = { ...json.returns[0], file: '=HYPERLINK("http://x")', problem: '+1', gridSheets: ['@SUM(A1)'] };
  const csv = collect((w) => writeRegister('csv', [crafted], { generatedAt: new Date(0), notes: [] }, w));
  expect(csv.split('\r\n')[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)",return,'\+1,2,1,'@SUM\(A1\),/);
});

test('xlsx: a workbook of returns and people to chase, read back by ExcelJS and by Outturn', async () => {
  const out = path.join(path.dirname(dir), 'register.xlsx');
  const r = await run(['register', dir, ...AS_OF, '--out', out]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`Register of 15 files written to '${out}'.\n`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Returns', 'To chase']);
  const returns = wb.getWorksheet('Returns')!;
  expect(returns.rowCount).toBe(16);
  expect(returns.getRow(1).getCell(1).value).toBe('file');
  expect(returns.getRow(1).font?.bold ?? returns.getCell('A1').font?.bold).toBe(true);
  const half = returns.getRow(3).values as unknown[];
  expect(half.slice(1, 14)).toEqual([
    at('corporate-half.xlsx'),
    'return',
    undefined,
    3,
    1,
    'Corporate PIs',
    'Corporate Services; Housing and Communities',
    '2017-07',
    12,
    6,
    3,
    0,
    80,
  ]);
  const chase = wb.getWorksheet('To chase')!;
  expect(chase.getRow(1).values).toEqual([undefined, 'person', 'file', 'role', 'indicators']);
  expect(chase.getRow(2).values).toEqual([undefined, 'Alan Pritchard', at('corporate-half.xlsx'), 'compiler', 'CS01']);
  expect(chase.rowCount).toBe(1 + json.people.reduce((n, p) => n + p.items.length, 0));

  const loaded = await loadWorkbook(out);
  expect(loaded.sheetNames).toEqual(['Returns', 'To chase']);
  expect(cellAt(loaded.sheets[0], 2, 0)).toMatchObject({ kind: 'text', value: at('corporate-half.xlsx') });
});

test('--format xlsx without --out is refused with a sentence', async () => {
  const r = await run(['register', dir, '--format', 'xlsx']);
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    'outturn: --format xlsx writes a workbook, so it needs --out FILE.xlsx\n',
  ]);
});
