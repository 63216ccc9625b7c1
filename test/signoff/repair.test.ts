/**
 * A broken trail is recoverable by the right person (issue #24, item 8), through the command
 * line on a realistic return: a record altered in the very hidden sheet breaks the trail and
 * signing is refused with a code naming the repair; the head of service (or an auditor) repairs
 * it with a reason; signing then goes on, and every later audit still shows the break, the
 * records it affected and the repair.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { run, tmpDir } from '../cli/helpers';
import { meltonClean } from '../fixtures';
import { readHeadFromXlsx, writeWorkbookWithHead } from '../support/trail-exceljs';
import { XlsxFileTrailStore } from '../../src/workbook/trail-xlsx';
import { verifyTrail } from '../../src/signoff/trail';

/** The Melton return without its three owner columns: signed as a whole. */
async function unownedMelton(file: string): Promise<string> {
  const wb = meltonClean();
  wb.getWorksheet('Corporate PIs')!.spliceColumns(22, 3);
  await wb.xlsx.writeFile(file);
  return file;
}

/** A person edits the compiler's signature in the very hidden trail sheet (the head stays as it was). */
async function alterCompilerSignature(file: string): Promise<void> {
  const head = await readHeadFromXlsx(fs.readFileSync(file));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('OutturnTrail')!;
  const row = [...Array(ws.rowCount).keys()].map((i) => i + 1).find((r) => ws.getCell(`C${r}`).value === 'sign')!;
  ws.getCell(`G${row}`).value = String(ws.getCell(`G${row}`).value).replace('Mark Selby', 'Mark Selbie');
  ws.getCell(`D${row}`).value = 'Mark Selbie';
  await writeWorkbookWithHead(wb, file, head);
}

const sign = (file: string, role: string, name: string) =>
  run(['sign', file, '--role', role, '--name', name, '--in-place', '--format', 'json']);

test('broken → signing refused naming the repair; repaired by the head of service → signing goes on; audit shows both', async () => {
  const file = await unownedMelton(path.join(tmpDir(), 'melton.xlsx'));
  expect((await sign(file, 'compiler', 'Mark Selby')).code).toBe(0);
  await alterCompilerSignature(file);

  const refused = await sign(file, 'responsible-officer', 'Dawn Garton');
  expect(refused.code).toBe(1);
  expect(JSON.parse(refused.stdout).codes).toEqual(expect.arrayContaining(['trail-broken', 'repair-needed']));

  const broken = await run(['audit', file]);
  expect(broken.code).toBe(1);
  expect(broken.stdout).toMatch(/Verification: BROKEN\. Record \d+ was altered after it was written/);
  expect(broken.stdout).toMatch(/Affected: record \d+ \(sign, Mark Selbie\)/);

  // Only the head of service or an auditor, and only with a reason.
  expect(
    (await run(['repair', file, '--name', 'Dawn Garton', '--role', 'compiler', '--reason', 'x', '--in-place'])).code,
  ).toBe(2);
  const repaired = await run([
    'repair',
    file,
    '--reason',
    'Compiler name edited in the trail sheet by mistake while filtering; reported to internal audit',
    '--name',
    'Keith Aubrey',
    '--role',
    'head-of-service',
    '--in-place',
    '--format',
    'json',
  ]);
  expect(repaired.code).toBe(0);
  const r = JSON.parse(repaired.stdout);
  expect(r).toMatchObject({ repaired: true, role: 'head-of-service', trailVerifies: true });
  expect(r.broke).toMatch(/was altered after it was written/);
  expect(r.brokenRows).toBeGreaterThan(0);

  // The broken rows are kept word for word in the repair record, and stay in the sheet.
  const trail = await new XlsxFileTrailStore(file, file).load();
  const v = verifyTrail(trail.entries, trail.head);
  expect(v.ok).toBe(true);
  expect(v.repairs).toHaveLength(1);
  expect(v.repairs![0].repair.payload.segment.some((t) => t.includes('Mark Selbie'))).toBe(true);

  // The altered signature counts for nothing: the compiler signs again, then the responsible officer.
  expect((await sign(file, 'compiler', 'Mark Selby')).code).toBe(0);
  expect((await sign(file, 'responsible-officer', 'Dawn Garton')).code).toBe(0);
  const audit = await run(['audit', file]);
  expect(audit.stdout).toMatch(/Verification: UNBROKEN\. .*One break was repaired/);
  expect(audit.stdout).toMatch(
    /Repaired by Keith Aubrey as head of service at .*"Compiler name edited .*What broke: Record \d+ was altered after it was written.*Kept as they were: record \d+ \(sign\)/,
  );
  expect(audit.stdout).toMatch(/repair +Keith Aubrey \(typed name\) repaired the broken trail as head of service/);
  expect(audit.stdout).not.toContain('Mark Selbie (typed name) at');
  const json = JSON.parse((await run(['audit', file, '--format', 'json'])).stdout);
  expect(json.verification.repairs).toHaveLength(1);
});

test('a repair is refused on an unbroken trail, and a change before the repair after it is still detected', async () => {
  const file = await unownedMelton(path.join(tmpDir(), 'melton.xlsx'));
  expect((await sign(file, 'compiler', 'Mark Selby')).code).toBe(0);
  const nothing = await run([
    'repair',
    file,
    '--reason',
    'tidy',
    '--name',
    'Ann Auditor',
    '--role',
    'auditor',
    '--in-place',
    '--format',
    'json',
  ]);
  expect(nothing.code).toBe(1);
  expect(JSON.parse(nothing.stdout).codes).toEqual(['nothing-to-repair']);

  await alterCompilerSignature(file);
  expect(
    (
      await run([
        'repair',
        file,
        '--reason',
        'name edited by mistake',
        '--name',
        'Ann Auditor',
        '--role',
        'auditor',
        '--in-place',
      ])
    ).code,
  ).toBe(0);
  // Someone edits the broken segment again after the repair: the repair no longer vouches for it.
  const head = await readHeadFromXlsx(fs.readFileSync(file));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('OutturnTrail')!;
  ws.getCell('G2').value = String(ws.getCell('G2').value).replace('"errors":0', '"errors":1');
  await writeWorkbookWithHead(wb, file, head);
  const audit = await run(['audit', file]);
  expect(audit.code).toBe(1);
  expect(audit.stdout).toMatch(/The rows before the repair record .* were changed after the repair/);
});
