/**
 * The return over time, on a published return: the county council's Social and Community
 * Services dashboard for Q2 (test/fixtures/real/oxfordshire-scs-dashboard) rolled forward
 * to Q3 as a compiler would: a Q3 column inserted after Q2, every note rewritten, the RAG
 * re-rated; then one Q2 figure restated with a reason, one typed over silently, one target
 * moved, one note copied while the figure moved. The answer key is written first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { realReturnFile } from '../fixtures/real';
import { run, tmpDir } from '../cli/helpers';

const SHEET = 'Social and Community Services';
const NOW = '2014-01-20T09:00:00Z';

/** What the Q3 check against the Q2 file must add to the plain check: each exactly once, nothing else. */
const ANSWER_KEY = [
  { rule: 'restated-figure', severity: 'error', cell: 'E7', ref: '3' },
  { rule: 'restatement-recorded', severity: 'info', cell: 'E9', ref: '4' },
  { rule: 'target-changed', severity: 'warning', cell: 'C12', ref: '5b' },
  { rule: 'commentary-unchanged', severity: 'warning', cell: 'J6', ref: '1' },
];

/** Q3 figures, ratings and notes by sheet row (the Q2 file's rows). */
const Q3: Record<number, { q3: number; rag: string; note?: string }> = {
  6: { q3: 0.61, rag: 'R' }, // the note is copied unchanged: the answer key's commentary-unchanged
  7: { q3: 0.54, rag: 'R', note: 'Steady improvement through the autumn; winter pressures expected.' },
  9: { q3: 361, rag: 'A', note: 'Further increase this quarter, driven by hospital discharges.' },
  10: { q3: 22, rag: 'G', note: 'Within target; see the detail below.' },
  11: { q3: 1, rag: 'G' },
  12: { q3: 4, rag: 'G', note: 'Target revised to 5 by the directorate in December.' },
  13: { q3: 11, rag: 'R', note: 'Eleven waiting funding decisions.' },
  14: { q3: 11, rag: 'A', note: 'Recruitment to two posts under way.' },
  16: { q3: 0.77, rag: 'G', note: 'Ahead of the end of year target.' },
};

async function rollForward(from: string, to: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  const ws = wb.getWorksheet(SHEET)!;
  // A Q3 column after Q2 (E): On Target … Notes move one to the right.
  for (const row of [4, ...Object.keys(Q3).map(Number)]) {
    for (let col = 9; col >= 6; col--) {
      const src = ws.getRow(row).getCell(col);
      const dst = ws.getRow(row).getCell(col + 1);
      dst.value = src.value;
      // A style of its own: ExcelJS shares one style object between cells read with the same style.
      dst.style = JSON.parse(JSON.stringify(src.style));
    }
    ws.getRow(row).getCell(6).value = null;
  }
  ws.getCell('F4').value = 'Q3';
  for (const [row, q] of Object.entries(Q3)) {
    const r = Number(row);
    const f = ws.getCell(`F${r}`);
    f.value = q.q3;
    f.style = JSON.parse(JSON.stringify(ws.getCell(`E${r}`).style));
    ws.getCell(`G${r}`).value = q.rag;
    if (q.note !== undefined) ws.getCell(`J${r}`).value = q.note;
  }
  // Reformatting only, never a restatement: indicator 5a's ref in capitals.
  ws.getCell('A11').value = '5A';
  // Changes: indicator 3's Q2 typed over, indicator 4's Q2 restated (recorded below), 5b's target moved.
  ws.getCell('E7').value = 0.53;
  ws.getCell('E9').value = 352;
  ws.getCell('C12').value = 5;
  await wb.xlsx.writeFile(to);
}

describe('a published quarterly return rolled forward (Oxfordshire SCS dashboard, Q2 → Q3)', () => {
  const dir = tmpDir();
  const q2 = realReturnFile('oxfordshire-scs-dashboard', 'faithful');
  const q3 = path.join(dir, 'scs-q3.xlsx');

  beforeAll(async () => {
    await rollForward(q2, q3);
    const r = await run(
      [
        'restate',
        q3,
        '--indicator',
        '4',
        '--period',
        'Q2',
        '--name',
        'Lucy Butler',
        '--reason',
        'Late notifications from one hospital added',
        '--previous',
        q2,
        '--in-place',
      ],
      { now: NOW },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Restated: 4 Q2 from 339 to 352 by Lucy Butler');
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('check --previous adds each reliability finding of the answer key exactly once, and nothing else', async () => {
    const plain = await run(['check', q3, '--format', 'json'], { now: NOW });
    const withPrevious = await run(['check', q3, '--previous', q2, '--format', 'json'], { now: NOW });
    expect(withPrevious.stderr).toBe('');
    const findings = (r: typeof plain) =>
      JSON.parse(r.stdout).findings as {
        rule: string;
        severity: string;
        cell: string;
        ref: string;
        dimension: string;
        message: string;
      }[];
    const before = findings(plain);
    const after = findings(withPrevious);
    expect(before.filter((f) => f.dimension === 'reliability')).toEqual([]);
    // The roll-forward is sound: the Q3 return checks without an error of its own.
    expect(before.filter((f) => f.severity === 'error')).toEqual([]);
    const added = after.filter((f) => f.dimension === 'reliability');
    expect(
      added
        .map(({ rule, severity, cell, ref }) => ({ rule, severity, cell, ref }))
        .sort((a, b) => a.rule.localeCompare(b.rule)),
    ).toEqual([...ANSWER_KEY].sort((a, b) => a.rule.localeCompare(b.rule)));
    expect(after.filter((f) => f.dimension !== 'reliability')).toEqual(before);
    const byRule = new Map(added.map((f) => [f.rule, f.message]));
    expect(byRule.get('restated-figure')).toBe(
      "Q2's figure was 52% in the previous return and is 53% now, with no restatement recorded: record why with `outturn restate`, or put the figure back.",
    );
    expect(byRule.get('restatement-recorded')).toMatch(
      /^Q2 restated from 339 to 352 by Lucy Butler on 2014-01-20: "Late notifications from one hospital added"\.$/,
    );
    expect(byRule.get('target-changed')).toContain('was 3 in the previous return and is 5 now');
    expect(byRule.get('commentary-unchanged')).toContain('the current figure went from 55% to 61%');
    // The unrecorded restatement is an error, so the check fails.
    expect(withPrevious.code).toBe(1);
  });

  test('compare lists every difference by indicator and period, and exits 1 for the figure typed over', async () => {
    const r = await run(['compare', q2, q3, '--format', 'json'], { now: NOW });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    const diffs = out.differences as {
      kind: string;
      ref: string;
      what: string | null;
      old: string | null;
      new: string | null;
      unrecordedRestatement: boolean;
    }[];
    const of = (kind: string) => diffs.filter((d) => d.kind === kind);
    // Q2 changed for 3 and 4 only; 5a's ref in capitals is the same indicator.
    expect(
      of('figure')
        .filter((d) => d.what === 'Q2')
        .map((d) => [d.ref, d.old, d.new, d.unrecordedRestatement]),
    ).toEqual([
      ['3', '52%', '53%', true],
      ['4', '339', '352', false],
    ]);
    expect(of('figure').filter((d) => d.what === 'Q3')).toHaveLength(9);
    expect(of('target').map((d) => [d.ref, d.old, d.new])).toEqual([['5b', '3', '5']]);
    expect(of('indicator-added')).toEqual([]);
    expect(of('indicator-removed')).toEqual([]);
    expect(of('commentary').map((d) => d.ref)).toEqual(['3', '4', '5', '5b', '5c', '6', '7']);
    expect(of('rag').map((d) => [d.ref, d.old, d.new])).toEqual([['5b', 'R', 'G']]);
    expect(out.unrecordedRestatements).toBe(1);
    const text = await run(['compare', q2, q3], { now: NOW });
    expect(text.stdout).toContain('figure Q2 E7: 52% → 53%  RESTATED WITHOUT A RECORD');
    expect(text.stdout).toContain('figure Q2 E9: 339 → 352  restatement recorded');
  });

  test('audit lists the restatement with its reason, and the trail with the restate record verifies', async () => {
    const text = await run(['audit', q3], { now: NOW });
    expect(text.stdout).toContain('Verification: UNBROKEN.');
    expect(text.stdout).toContain(
      'Restatements:\n  4 Q2: 339 → 352, by Lucy Butler at 2014-01-20T09:00:00.000Z: "Late notifications from one hospital added"',
    );
    const json = JSON.parse((await run(['audit', q3, '--format', 'json'], { now: NOW })).stdout);
    expect(json.verification.ok).toBe(true);
    expect(json.restatements).toEqual([
      {
        indicator: '4',
        period: 'Q2',
        old: '339',
        new: '352',
        reason: 'Late notifications from one hospital added',
        by: 'Lucy Butler',
        at: '2014-01-20T09:00:00.000Z',
      },
    ]);
  });

  test('restate refuses an unknown indicator or period, and a figure that did not change', async () => {
    const out = path.join(dir, 'refused.xlsx');
    const base = ['restate', q3, '--name', 'Lucy Butler', '--reason', 'x', '--out', out, '--previous', q2];
    const noRef = await run([...base, '--indicator', '99', '--period', 'Q2'], { now: NOW });
    expect(noRef.code).toBe(1);
    expect(noRef.stderr).toBe(
      "outturn: cannot record the restatement: there is no indicator with the ref '99' in the return\n",
    );
    const noPeriod = await run([...base, '--indicator', '3', '--period', 'Q4'], { now: NOW });
    expect(noPeriod.code).toBe(1);
    expect(noPeriod.stderr).toContain("3 has no period or target called 'Q4'");
    const same = await run([...base, '--indicator', '5', '--period', 'Q2'], { now: NOW });
    expect(same.code).toBe(1);
    expect(same.stderr).toContain('is 19 in both returns: there is nothing to restate');
    expect(fs.existsSync(out)).toBe(false);
    expect((await run(['restate', q3, '--indicator', '3', '--period', 'Q2', '--name', 'A'], { now: NOW })).code).toBe(
      2,
    );
  });

  test('a reformatting-only pair gives no difference and exit 0', async () => {
    const same = path.join(dir, 'scs-q2-reformatted.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(q2);
    const ws = wb.getWorksheet(SHEET)!;
    // Two percentage rows written as points (0.75 with a 0% format before, now 75).
    for (const [cell, points] of [
      ['C16', 75],
      ['D16', 71],
      ['E16', 75],
      ['C6', 100],
      ['E6', 55],
    ] as const) {
      ws.getCell(cell).value = points;
      ws.getCell(cell).style = { ...ws.getCell(cell).style, numFmt: 'General' };
    }
    ws.getCell('A11').value = '5A';
    ws.getCell('E9').style = { ...ws.getCell('E9').style, numFmt: '0' }; // 339 in another number format
    await wb.xlsx.writeFile(same);
    const r = await run(['compare', q2, same, '--format', 'json'], { now: NOW });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).differences).toEqual([]);
  });

  test('bad input: one file, or an unreadable one, is status 2', async () => {
    expect((await run(['compare', q2])).code).toBe(2);
    const r = await run(['compare', q2, path.join(dir, 'missing.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^outturn: /);
  });
});
