/**
 * The workbook's own trail as the reference: the Oxfordshire SCS dashboard's Q2 return,
 * without its Lead Officer column so that it is signed off as a whole (compiler,
 * responsible officer, head of service), then edited again in the same file. `check` with no previous file compares with the figures
 * the Q2 signatures carried: the Q2 figure typed over is restated-figure, naming who signed
 * the old figure and when; a restatement recorded after the sign-off turns it into info.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { realReturnFile } from '../fixtures/real';
import { run, tmpDir } from '../cli/helpers';
import { loadWorkbook } from '../../src/workbook/load';
import { verifyTrail } from '../../src/signoff/trail';
import { carryOverDefinedNames } from '../support/defined-names';

const SHEET = 'Social and Community Services';
const SIGNED_ON = ['2013-10-14T09:00:00Z', '2013-10-15T10:00:00Z', '2013-10-16T11:00:00Z'];
const NOW = '2014-01-20T09:00:00Z';

type Finding = { rule: string; severity: string; cell: string; ref: string; dimension: string; message: string };
const reliability = (stdout: string) =>
  (JSON.parse(stdout).findings as Finding[]).filter((f) => f.dimension === 'reliability');

async function signAll(file: string): Promise<void> {
  const signers = [
    ['compiler', 'Lucy Butler'],
    ['responsible-officer', 'John Jackson'],
    ['head-of-service', 'Kate Terroni'],
  ];
  for (const [i, [role, name]] of signers.entries()) {
    const r = await run(
      ['sign', file, '--role', role, '--name', name, '--acknowledge', 'Reviewed for the Q2 report', '--in-place'],
      { now: SIGNED_ON[i] },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }
}

/** The dashboard with no lead officers named: signed as a whole. */
async function withoutOfficers(from: string, to: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  const ws = wb.getWorksheet(SHEET)!;
  ws.eachRow((row) => {
    const h = row.getCell(8);
    if (typeof h.value === 'string' && h.value !== row.getCell(1).value) h.value = null;
  });
  await wb.xlsx.writeFile(to);
}

/** The same workbook (its trail kept) rolled forward: a Q3 figure in, and indicator 3's Q2 typed over. */
async function rollForward(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(SHEET)!;
  // The emptied Lead Officer column becomes Q3, the quarter now reported.
  ws.getCell('H4').value = 'Q3';
  ws.getCell('H7').value = 0.54;
  ws.getCell('H7').numFmt = '0%';
  ws.getCell('E7').value = 0.53;
  // ExcelJS drops the chain head (a defined name): carried over, as Excel would keep it.
  const before = fs.readFileSync(file);
  const after = Buffer.from(await wb.xlsx.writeBuffer());
  fs.writeFileSync(file, await carryOverDefinedNames(before, after));
}

describe('the trail as the reference (Oxfordshire SCS dashboard, signed at Q2, checked again at Q3)', () => {
  const dir = tmpDir();
  const q2 = path.join(dir, 'scs.xlsx');

  beforeAll(async () => {
    await withoutOfficers(realReturnFile('oxfordshire-scs-dashboard', 'faithful'), q2);
    await signAll(q2);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('each whole-return signature carries the figures it signed, by indicator and period', async () => {
    const loaded = await loadWorkbook(q2);
    const records = verifyTrail(loaded.trail!.entries, loaded.trail!.head).records;
    const signs = records.filter((r) => r.type === 'sign');
    expect(signs).toHaveLength(3);
    for (const s of signs) {
      if (s.type !== 'sign') continue;
      const grid = s.payload.figures!.grids[0];
      expect(grid.sheet).toBe(SHEET);
      expect(grid.headers).toContain('Q2');
      const q2col = grid.headers.indexOf('Q2');
      // Indicator 3's Q2: 52%, kept as the number with its percentage format.
      expect(grid.rows[`${SHEET}|3`][q2col]).toEqual(['n:0.52', expect.stringContaining('%')]);
    }
  });

  test('right after the sign-off the check finds nothing changed', async () => {
    const r = await run(['check', q2, '--format', 'json'], { now: NOW });
    expect(reliability(r.stdout)).toEqual([]);
  });

  test('a Q2 figure typed over afterwards is restated-figure, naming who signed the old figure and when', async () => {
    const q3 = path.join(dir, 'scs-q3.xlsx');
    fs.copyFileSync(q2, q3);
    await rollForward(q3);
    const audit = await run(['audit', q3], { now: NOW });
    expect(audit.stdout).toContain('Verification: UNBROKEN.');
    const r = await run(['check', q3, '--format', 'json'], { now: NOW });
    const found = reliability(r.stdout);
    expect(found.map(({ rule, severity, cell, ref }) => ({ rule, severity, cell, ref }))).toEqual([
      { rule: 'restated-figure', severity: 'error', cell: 'E7', ref: '3' },
      // The note was not touched while the figure it describes moved.
      { rule: 'commentary-unchanged', severity: 'warning', cell: 'I7', ref: '3' },
    ]);
    expect(found[0].message).toBe(
      "Q2's figure was 52% in the previous return (signed by Lucy Butler as compiler on 2013-10-14, by John Jackson as responsible officer on 2013-10-15, by Kate Terroni as head of service on 2013-10-16) and is 53% now, with no restatement recorded: record why with `outturn restate`, or put the figure back.",
    );
    expect(r.code).toBe(1);

    // Recorded with no previous file: the old figure is the one the last signature carried.
    const restated = await run(
      [
        'restate',
        q3,
        '--indicator',
        '3',
        '--period',
        'Q2',
        '--name',
        'Lucy Butler',
        '--reason',
        'Data cleansing of the Q2 list',
        '--in-place',
      ],
      { now: NOW },
    );
    expect(restated.stderr).toBe('');
    expect(restated.stdout).toContain('Restated: 3 Q2 from 52% to 53% by Lucy Butler');
    const again = await run(['check', q3, '--format', 'json'], { now: NOW });
    expect(
      reliability(again.stdout)
        .filter((f) => f.rule !== 'commentary-unchanged')
        .map((f) => [f.rule, f.severity, f.cell, f.message]),
    ).toEqual([
      [
        'restatement-recorded',
        'info',
        'E7',
        'Q2 restated from 52% to 53% by Lucy Butler on 2014-01-20: "Data cleansing of the Q2 list".',
      ],
    ]);
  });
});
