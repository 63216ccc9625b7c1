/**
 * A performance team's folder of returns in every state the register must tell apart, made
 * from the published returns in test/fixtures/real and the sample, signed with the CLI
 * itself: unsigned, half signed, complete with its receipt, tampered after the receipt,
 * with figures Outturn cannot place, and files that are not usable returns at all.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { run, tmpDir } from '../cli/helpers';

const ROOT = path.join(__dirname, '..', '..');
export const REAL = [
  'lgbf-childrens-services',
  'maidstone-kpi-2018-19',
  'rotherham-council-plan-measures',
  'winchester-service-standards',
];
export const AS_OF = ['--as-of', '2017-08-21'];
/** Every file's last modification, so the register's dates are known. */
export const MODIFIED = new Date('2024-05-01T08:30:00.000Z');

async function sign(file: string, role: string, name: string, extra: string[] = []): Promise<void> {
  const r = await run(['sign', file, '--role', role, '--name', name, '--in-place', ...extra]);
  if (r.code !== 0) throw new Error(`signing ${file} as ${role} failed: ${r.stderr}`);
}

/** A return whose figure column is headed "Outturn so far", which Outturn cannot place. */
async function uncheckedReturn(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Monthly');
  ws.addRow(['Ref', 'Indicator', 'Target', 'Floor', 'Outturn so far', 'RAG']);
  ws.addRow(['CS01', '% of calls answered within 20 seconds', 0.9, 0.8, 0.12, 'GREEN']);
  ws.addRow(['CS02', '% of invoices paid within 30 days', 0.95, 0.9, 0.96, 'GREEN']);
  ws.addRow(['CS03', '% of complaints answered on time', 0.9, 0.85, 0.91, 'GREEN']);
  for (let r = 2; r <= 4; r++) for (const c of ['C', 'D', 'E']) ws.getCell(`${c}${r}`).numFmt = '0%';
  await wb.xlsx.writeFile(file);
}

/** Build the folder; returns its path. */
export async function buildRegisterFolder(): Promise<string> {
  const dir = path.join(tmpDir(), 'returns');
  fs.mkdirSync(dir);
  const at = (name: string) => path.join(dir, name);
  for (const name of REAL)
    fs.copyFileSync(path.join(ROOT, 'test/fixtures/real', name, 'faithful.xlsx'), at(`${name}.xlsx`));
  const sample = path.join(ROOT, 'examples/corporate-pis-july-2017.xlsx');
  fs.copyFileSync(sample, at('corporate-unsigned.xlsx'));

  // Half signed, per owner: a compiler signs what has no error, its responsible officer what stands on that.
  fs.copyFileSync(sample, at('corporate-half.xlsx'));
  await sign(at('corporate-half.xlsx'), 'compiler', 'Alan Pritchard');
  await sign(at('corporate-half.xlsx'), 'responsible-officer', 'Dawn Garton');

  // Complete as a whole, with its receipt beside it.
  fs.copyFileSync(path.join(ROOT, 'test/fixtures/real/maidstone-spi-q2-2019-20/faithful.xlsx'), at('complete.xlsx'));
  await sign(at('complete.xlsx'), 'compiler', 'Ann Cole');
  await sign(at('complete.xlsx'), 'responsible-officer', 'Ben Dale');
  await sign(at('complete.xlsx'), 'head-of-service', 'Cara Eve');
  if (!fs.existsSync(at('complete.receipt.json'))) throw new Error('no receipt was written');

  // The same signed return with one figure changed afterwards by another program, beside the receipt it had.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(at('complete.xlsx'));
  const ws = wb.worksheets.find((w) => w.state === 'visible')!;
  let changed = false;
  ws.eachRow((row) => {
    if (changed) return;
    row.eachCell((cell) => {
      if (!changed && typeof cell.value === 'number' && row.number > 3) {
        cell.value = cell.value + 1;
        changed = true;
      }
    });
  });
  await wb.xlsx.writeFile(at('tampered.xlsx'));
  const receipt = JSON.parse(fs.readFileSync(at('complete.receipt.json'), 'utf8'));
  fs.writeFileSync(at('tampered.receipt.json'), JSON.stringify({ ...receipt, returnName: 'tampered.xlsx' }, null, 2));

  await uncheckedReturn(at('unchecked.xlsx'));

  // Files that are not usable returns.
  fs.writeFileSync(at('~$corporate-half.xlsx'), Buffer.from([0x0e, 0x41, 0x6c, 0x61, 0x6e]));
  fs.writeFileSync(at('truncated.xlsx'), fs.readFileSync(sample).subarray(0, 3000));
  const ole = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole, 0);
  Buffer.from('EncryptionInfo', 'utf16le').copy(ole, 1024);
  Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1152);
  fs.writeFileSync(at('protected.xlsx'), ole);
  fs.writeFileSync(at('minutes.docx'), 'PK not a workbook');
  fs.writeFileSync(at('orphan.receipt.json'), '{}');
  const notes = new ExcelJS.Workbook();
  notes.addWorksheet('Notes').addRow(['Please send returns by the 10th working day']);
  await notes.xlsx.writeFile(at('notes.xlsx'));

  for (const name of fs.readdirSync(dir)) fs.utimesSync(at(name), MODIFIED, MODIFIED);
  return dir;
}
