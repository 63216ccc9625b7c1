/**
 * Signed returns for the assurance pack tests, signed through the real `outturn sign`: the
 * sample after every owner signed what they could (per owner, the head of service's
 * declaration configured by the organisation), the same with a figure changed afterwards,
 * and a published return signed as a whole with its receipt.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { run, tmpDir } from '../cli/helpers';
import { readHeadFromXlsx, writeWorkbookWithHead } from '../support/trail-exceljs';

const ROOT = path.join(__dirname, '..', '..');
export const AS_OF = ['--as-of', '2017-08-21'];

/** A certification text of the organisation's own, as a collector asks for it. */
export const CONFIGURED_DECLARATION =
  'I certify that the figures in this return are accurate, that working papers are held for audit inspection, and that the return may be submitted to the Performance Team.';

/** Every owner the sample's grid names, in signing order. */
export const SAMPLE_OWNERS: [string, string][] = [
  ['compiler', 'Alan Pritchard'],
  ['compiler', 'Sarah Jones'],
  ['compiler', 'Mark Selby'],
  ['compiler', 'Linda Hewitt'],
  ['compiler', 'Paul Dunn'],
  ['responsible-officer', 'Dawn Garton'],
  ['responsible-officer', 'Jim Worley'],
  ['head-of-service', 'Keith Aubrey'],
  ['head-of-service', 'Harry Bell'],
];

async function sign(file: string, role: string, name: string, now: string): Promise<boolean> {
  const r = await run(
    ['sign', file, '--role', role, '--name', name, '--acknowledge', 'Commentary agreed with the service', '--in-place'],
    { now },
  );
  if (r.code === 2) throw new Error(`signing ${file} as ${role} could not run: ${r.stderr}`);
  return r.code === 0;
}

export interface SignedSample {
  dir: string;
  /** The sample signed by every owner (the compilers' signatures made before the declaration was configured). */
  signed: string;
  /** The same, with HC01's July figure changed after it was signed. */
  changed: string;
}

/** Set the organisation's configuration stored in the workbook (OutturnSettings!A1). */
export async function storeConfig(file: string, config: Record<string, unknown>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('OutturnSettings') ?? wb.addWorksheet('OutturnSettings', { state: 'veryHidden' });
  ws.getCell('A1').value = JSON.stringify(config);
  // ExcelJS drops the workbook's defined names: the chain head is written back as the add-in keeps it.
  const bytes = fs.readFileSync(file);
  await writeWorkbookWithHead(wb, file, await readHeadFromXlsx(bytes), bytes);
}

export async function signedSample(): Promise<SignedSample> {
  const dir = tmpDir();
  const signed = path.join(dir, 'corporate-pis-signed.xlsx');
  fs.copyFileSync(path.join(ROOT, 'examples/corporate-pis-july-2017.xlsx'), signed);
  // Before the deadline (14/08/2017); each signature a minute after the one before.
  let minute = 0;
  const at = () => `2017-08-11T09:${String(minute++).padStart(2, '0')}:00Z`;
  const signedBy: string[] = [];
  for (const [role, name] of SAMPLE_OWNERS.filter(([r]) => r === 'compiler'))
    if (await sign(signed, role, name, at())) signedBy.push(name);
  // The organisation words its head of service's certification only after the compilers signed.
  await storeConfig(signed, { declarations: { 'head-of-service': CONFIGURED_DECLARATION } });
  for (const [role, name] of SAMPLE_OWNERS.filter(([r]) => r !== 'compiler'))
    if (await sign(signed, role, name, at())) signedBy.push(name);
  if (!signedBy.includes('Harry Bell')) throw new Error(`the sample was not signed through: ${signedBy.join(', ')}`);

  const changed = path.join(dir, 'corporate-pis-changed.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(signed);
  const ws = wb.getWorksheet('Corporate PIs')!;
  let done = false;
  ws.eachRow((row) => {
    if (done || row.getCell(1).value !== 'HC01') return;
    // July is the fourth month after Apr, May, Jun: the grid's header row names it.
    const header = ws.getRow(4);
    header.eachCell((cell, col) => {
      if (!done && cell.value === 'Jul') {
        const c = row.getCell(col);
        c.value = (c.value as number) + 7;
        done = true;
      }
    });
  });
  if (!done) throw new Error('HC01 July not found in the sample');
  const bytes = fs.readFileSync(signed);
  await writeWorkbookWithHead(wb, changed, await readHeadFromXlsx(bytes), bytes);
  return { dir, signed, changed };
}

/** A published return (Maidstone's quarterly indicators), signed as a whole with its receipt. */
export async function signedPublished(): Promise<{ file: string; receipt: string }> {
  const dir = tmpDir();
  const file = path.join(dir, 'maidstone-spi-q2-2019-20.xlsx');
  fs.copyFileSync(path.join(ROOT, 'test/fixtures/real/maidstone-spi-q2-2019-20/faithful.xlsx'), file);
  const signers = [
    ['compiler', 'Ann Cole'],
    ['responsible-officer', 'Ben Dale'],
    ['head-of-service', 'Cara Eve'],
  ];
  for (const [i, [role, name]] of signers.entries())
    if (!(await sign(file, role, name, `2019-10-1${i}T10:00:00Z`))) throw new Error(`${name} could not sign`);
  const receipt = path.join(dir, 'maidstone-spi-q2-2019-20.receipt.json');
  if (!fs.existsSync(receipt)) throw new Error('no receipt was written');
  return { file, receipt };
}
