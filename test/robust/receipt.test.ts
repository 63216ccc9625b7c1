/**
 * Issue #12 item 4: anyone holding the file can recompute the chain and its head, so a
 * wholesale rewrite verifies as unbroken. The sign-off receipt, made when the last role
 * signs and kept outside the workbook, shows it; an empty trail in a workbook Outturn was
 * used on is suspicious. Real files, written by ExcelJS and by xlsxwriter.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { run } from '../cli/helpers';
import { pythonWithModules } from './python-writer';
import {
  editWithExcelJS,
  GRID_SHEET,
  OWNERS,
  signAllOwners,
  SIGNERS,
  SIGNING_DAY,
  unsignedReturn,
  type Writer,
} from './signed-workbook';
import { chainRecords, type RecordDraft, type TrailRecord } from '../../src/signoff/trail';
import { appendTrailRows, readHeadFromXlsx, readTrailRows, writeWorkbookWithHead } from '../support/trail-exceljs';
import { loadWorkbook } from '../../src/workbook/load';
import { checkWorkbook } from '../../src/engine/check';
import { resolveConfig } from '../../src/cli/config';
import { fingerprintGrids } from '../../src/signoff/fingerprint';
import { parseReceipt, Receipt } from '../../src/signoff/receipt';
import { receiptPath } from '../../src/cli/receipt-io';

const noPython = pythonWithModules();
const WRITERS: Writer[] = noPython ? ['exceljs'] : ['exceljs', 'xlsxwriter'];

/** Sign all three roles in place, one day apart; returns the head of service's run. */
async function signAll(file: string) {
  let last = { code: -1, stdout: '', stderr: '' };
  for (const [i, [role, name]] of SIGNERS.entries()) {
    last = await run(['sign', file, '--role', role, '--name', name, '--in-place'], {
      now: `2017-08-1${i + 1}T09:00:00Z`,
    });
    expect(last.code).toBe(0);
  }
  return last;
}

/**
 * Rewrite the whole trail as a forger holding the file would: records changed, the chain
 * recomputed, the head moved onto it. Nothing in the workbook can tell.
 */
async function forgeTrail(file: string, change: (records: TrailRecord[]) => TrailRecord[]): Promise<void> {
  const bytes = fs.readFileSync(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const records = change(readTrailRows(wb).map((e) => e.raw as TrailRecord));
  const drafts = records.map((r) => ({ type: r.type, at: r.at, actor: r.actor, payload: r.payload }) as RecordDraft);
  const forged = chainRecords(null, drafts);
  wb.removeWorksheet(wb.getWorksheet('OutturnTrail')!.id);
  appendTrailRows(wb, forged);
  const last = forged[forged.length - 1];
  await writeWorkbookWithHead(wb, file, { seq: last.seq, hash: last.hash }, bytes);
}

async function fingerprintNow(file: string): Promise<{ hash: string; indicators?: Record<string, string> }> {
  const loaded = await loadWorkbook(file);
  const result = checkWorkbook(loaded.sheets, resolveConfig(loaded.storedConfig, {}), { today: '2017-08-21' });
  return fingerprintGrids(result.grids, loaded.sheets);
}

describe.each(WRITERS)('the sign-off receipt of a return signed as a whole (written by %s)', (writer) => {
  let file: string;
  let receiptFile: string;
  beforeAll(async () => {
    file = await unsignedReturn(writer, 'return.xlsx', 'whole-return');
    const h = await signAll(file);
    receiptFile = receiptPath(file);
    expect(h.stdout).toContain(
      `Every role has signed. Receipt written to '${receiptFile}':\nOutturn sign-off receipt for 'return.xlsx'\n`,
    );
    expect(h.stdout).toMatch(
      / {2}Head of service: Keith Aubrey \(typed name\) at 2017-08-13T09:00:00.000Z \(record \d+, [0-9a-f]{16}…\)/,
    );
  }, 60_000);

  const copy = (name: string) => {
    const out = path.join(path.dirname(file), name);
    fs.copyFileSync(file, out);
    return out;
  };

  test("only the last role's signature writes it; it names the chain head, the fingerprint and every signer", async () => {
    const parsed = parseReceipt(fs.readFileSync(receiptFile, 'utf8'));
    expect(parsed.ok).toBe(true);
    const r = (parsed as { receipt: Receipt }).receipt;
    const head = await readHeadFromXlsx(fs.readFileSync(file));
    expect(r.chainHead).toEqual(head);
    expect(r.fingerprint).toBe((await fingerprintNow(file)).hash);
    expect(r.sheets).toEqual([GRID_SHEET[writer]]);
    expect(r.signatures.map((s) => [s.role, s.name, s.at])).toEqual([
      ['compiler', 'Alan Pritchard', '2017-08-11T09:00:00.000Z'],
      ['responsible-officer', 'Dawn Garton', '2017-08-12T09:00:00.000Z'],
      ['head-of-service', 'Keith Aubrey', '2017-08-13T09:00:00.000Z'],
    ]);
    const other = await unsignedReturn(writer, 'return.xlsx', 'whole-return');
    const c = await run(['sign', other, '--role', 'compiler', '--name', 'Alan Pritchard', '--in-place'], {
      now: SIGNING_DAY,
    });
    expect(c.stdout).not.toContain('Receipt');
    expect(fs.existsSync(receiptPath(other))).toBe(false);
  });

  test('audit --receipt on the receipted workbook (renamed): MATCHES, exit 0', async () => {
    const renamed = copy('sent-to-committee.xlsx');
    const a = await run(['audit', renamed, '--receipt', receiptFile], { now: SIGNING_DAY });
    expect(a.stdout).toContain("Receipt of 'return.xlsx'");
    expect(a.stdout).toContain('MATCHES. This is the workbook that was receipted.');
    expect(a.code).toBe(0);
    const j = await run(['audit', renamed, '--receipt', receiptFile, '--format', 'json'], { now: SIGNING_DAY });
    expect(JSON.parse(j.stdout).receipt).toMatchObject({ same: true, differences: [] });
  });

  test('a signature removed and the chain recomputed: audit alone says UNBROKEN; with the receipt, DIFFERS', async () => {
    const forged = copy('forged-removed.xlsx');
    await forgeTrail(forged, (records) =>
      records.filter((r) => !(r.type === 'sign' && r.payload.role === 'responsible-officer')),
    );
    const plain = await run(['audit', forged], { now: SIGNING_DAY });
    expect(plain.stdout).toMatch(/Verification: UNBROKEN/); // what the chain alone cannot show
    const a = await run(['audit', forged, '--receipt', receiptFile], { now: SIGNING_DAY });
    expect(a.code).toBe(1);
    expect(a.stdout).toContain('DIFFERS.');
    expect(a.stdout).toMatch(/Record \d+ is not the one receipted|The trail has no record \d+/);
    expect(a.stdout).toMatch(
      /The responsible officer signature (receipted \(record \d+, Dawn Garton\) is not in the trail|at record \d+ is not the one receipted)/,
    );
  });

  test('a figure changed and every signature re-made under the same typed names: with the receipt, the figures differ', async () => {
    const forged = copy('forged-figures.xlsx');
    const cell = writer === 'exceljs' ? 'H6' : 'G5';
    await editWithExcelJS(forged, (wb) => {
      wb.getWorksheet(GRID_SHEET[writer])!.getCell(cell).value = 0.951;
    });
    const fp = await fingerprintNow(forged);
    await forgeTrail(forged, (records) =>
      records.map((r) => {
        if (r.type === 'check' || r.type === 'sign')
          return {
            ...r,
            payload: {
              ...r.payload,
              fingerprint: fp.hash,
              indicatorHashes: r.type === 'sign' ? fp.indicators : undefined,
            },
          } as TrailRecord;
        return r;
      }),
    );
    const plain = await run(['audit', forged], { now: SIGNING_DAY });
    expect(plain.code).toBe(0); // the forgery holds up inside the workbook
    const a = await run(['audit', forged, '--receipt', receiptFile], { now: SIGNING_DAY });
    expect(a.code).toBe(1);
    expect(a.stdout).toMatch(
      /The figures differ from those receipted \(fingerprint now [0-9a-f]{16}…, receipted [0-9a-f]{16}…\)\./,
    );
    expect(a.stdout).toMatch(/The compiler signature at record \d+ is not the one receipted/);
  });

  test('records appended after the receipt: still the workbook receipted, with a note', async () => {
    const later = copy('later.xlsx');
    await run(['sign', later, '--role', 'compiler', '--name', 'Alan Pritchard', '--in-place'], {
      now: '2017-08-20T09:00:00Z',
    }); // refused: nothing appended
    const bytes = fs.readFileSync(later);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const records = readTrailRows(wb).map((e) => e.raw as TrailRecord);
    const last = records[records.length - 1];
    const check = records.find((r) => r.type === 'check')!;
    const more = chainRecords({ seq: last.seq, hash: last.hash }, [
      { type: 'check', at: '2017-08-20T09:00:00.000Z', actor: null, payload: check.payload } as RecordDraft,
    ]);
    appendTrailRows(wb, more);
    await writeWorkbookWithHead(wb, later, { seq: more[0].seq, hash: more[0].hash }, bytes);
    const a = await run(['audit', later, '--receipt', receiptFile], { now: SIGNING_DAY });
    expect(a.stdout).toContain('MATCHES.');
    expect(a.stdout).toMatch(/Note: 1 record was added to the trail after the receipt/);
    expect(a.code).toBe(0);
  });

  test('a receipt that is not one: exit 2, one line', async () => {
    const bad = path.join(path.dirname(file), 'bad.receipt.json');
    fs.writeFileSync(bad, '{"receipt":"something else"}');
    const a = await run(['audit', file, '--receipt', bad], { now: SIGNING_DAY });
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(
      /^outturn: cannot use the receipt '.*bad\.receipt\.json': it is not an Outturn sign-off receipt \(receipt: .*\)\n$/,
    );
  });
});

describe('an empty trail', () => {
  test("in a workbook carrying Outturn's marks (as when the trail sheet and its head are deleted together): SUSPICIOUS, exit 1", async () => {
    const file = await unsignedReturn('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.getWorksheet('Corporate PIs')!.getCell('T6').value = 'GREEN'; // an error, so check --out marks a cell
    await wb.xlsx.writeFile(file);
    const marked = path.join(path.dirname(file), 'marked.xlsx');
    expect((await run(['check', file, '--out', marked], { now: SIGNING_DAY })).code).toBe(1);
    const plain = await run(['audit', file], { now: SIGNING_DAY });
    // Never marked nor checked with Outturn: not suspicious, but nothing is signed, so not a clean audit (issue #28 item 5).
    expect(plain.stdout).not.toContain('SUSPICIOUS');
    expect(plain.stdout).toContain('Status: UNSIGNED. Nothing has been signed');
    expect(plain.code).toBe(1);
    const a = await run(['audit', marked], { now: SIGNING_DAY });
    expect(a.stdout).toMatch(
      /SUSPICIOUS: the trail is empty, but the workbook carries Outturn's cell marks \(\d+ mark rules?\), so Outturn was used on it\./,
    );
    expect(a.code).toBe(1);
  });
});

describe.each(WRITERS)('the sign-off receipt of a return signed per owner (written by %s)', (writer) => {
  test('written when the last owner signs, with every current signature and the whole figures; audit --receipt MATCHES, and DIFFERS once a figure changes', async () => {
    const file = await unsignedReturn(writer);
    const runs = await signAllOwners(file, writer);
    const receiptFile = receiptPath(file);
    for (const r of runs.slice(0, -1)) expect(r.stdout).not.toContain('Receipt written');
    expect(runs[runs.length - 1].stdout).toContain(
      `Every indicator holds three current signatures. Receipt written to '${receiptFile}':\nOutturn sign-off receipt for 'return.xlsx'\n`,
    );
    const r = (parseReceipt(fs.readFileSync(receiptFile, 'utf8')) as { receipt: Receipt }).receipt;
    expect(r.chainHead).toEqual(await readHeadFromXlsx(fs.readFileSync(file)));
    expect(r.fingerprint).toBe((await fingerprintNow(file)).hash);
    expect(r.sheets).toEqual([GRID_SHEET[writer]]);
    // Every owner's signature, once each, in chain order.
    expect(r.signatures.map((s) => [s.role, s.name])).toEqual(OWNERS[writer]);
    expect(r.signatures.map((s) => s.seq)).toEqual([...r.signatures.map((s) => s.seq)].sort((a, b) => a - b));

    const a = await run(['audit', file, '--receipt', receiptFile], { now: SIGNING_DAY });
    expect(a.stdout).toContain('MATCHES. This is the workbook that was receipted.');
    expect(a.code).toBe(0);

    const forged = path.join(path.dirname(file), 'changed.xlsx');
    fs.copyFileSync(file, forged);
    await editWithExcelJS(forged, (wb) => {
      wb.getWorksheet(GRID_SHEET[writer])!.getCell(writer === 'exceljs' ? 'H6' : 'G5').value = 0.951;
    });
    const d = await run(['audit', forged, '--receipt', receiptFile], { now: SIGNING_DAY });
    expect(d.stdout).toMatch(/The figures differ from those receipted/);
    expect(d.code).toBe(1);
  }, 120_000);

  test('not written while an owner has still to sign', async () => {
    const file = await unsignedReturn(writer);
    const [role, name] = OWNERS[writer][0];
    const c = await run(['sign', file, '--role', role, '--name', name, '--in-place', '--format', 'json'], {
      now: SIGNING_DAY,
    });
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({ mode: 'per-owner', progress: { complete: false } });
    expect(JSON.parse(c.stdout).receipt).toBeUndefined();
    expect(fs.existsSync(receiptPath(file))).toBe(false);
  });
});
