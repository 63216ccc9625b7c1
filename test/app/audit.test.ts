/**
 * The audit use case (src/app/audit.ts) on a published return with one sheet naming owners
 * and one naming none: its status from nothing signed to complete, and issue #28 item 5:
 * a workbook with every Outturn part deleted audits as "nothing has been signed", exit 1.
 */
import * as fs from 'node:fs';
import JSZip from 'jszip';
import { run } from '../cli/helpers';
import { mixedReturn } from '../signoff/mixed-return';
import { auditReturn } from '../../src/app/audit';
import { resolveConfig } from '../../src/cli/config';
import { loadWorkbook } from '../../src/workbook/load';
import { editWithExcelJS } from '../robust/signed-workbook';

const NOW = { now: '2017-08-11T09:00:00Z' };

async function auditOf(file: string) {
  const loaded = await loadWorkbook(file);
  return auditReturn({
    trail: loaded.trail!,
    sheets: loaded.sheets,
    allSheets: loaded.sheetNames,
    config: { ok: true, config: resolveConfig(loaded.storedConfig, {}) },
    today: '2017-08-11',
  });
}

async function sign(file: string, role: string, name: string, now: string) {
  const r = await run(['sign', file, '--role', role, '--name', name, '--in-place'], { now });
  expect([name, r.code, r.stderr]).toEqual([name, 0, '']);
}

/** Delete every Outturn part: the trail and settings sheets and the chain head, as a hand with a zip tool would. */
async function stripOutturn(file: string): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const wbXml = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  let xml = wbXml.replace(/<definedName\b[^>]*name="OutturnTrailHead"[^>]*>[^<]*<\/definedName>/g, '');
  xml = xml.replace(/<definedNames>\s*<\/definedNames>/, '');
  let r = rels;
  for (const m of [...wbXml.matchAll(/<sheet [^>]*name="(Outturn\w+)"[^>]*r:id="([^"]+)"[^>]*\/>/g)]) {
    xml = xml.replace(m[0], '');
    const target = new RegExp(`<Relationship [^>]*Id="${m[2]}"[^>]*Target="([^"]+)"[^>]*/>`).exec(r);
    if (target) {
      zip.remove(`xl/${target[1].replace(/^\/?xl\//, '')}`);
      r = r.replace(target[0], '');
    }
  }
  zip.file('xl/workbook.xml', xml);
  zip.file('xl/_rels/workbook.xml.rels', r);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

test('status: unsigned, then partly signed, then complete; stale once a figure changes', async () => {
  const file = await mixedReturn();
  const empty = await auditOf(file);
  expect([empty.status, empty.findings, empty.summary]).toEqual([
    'unsigned',
    true,
    'Nothing has been signed: the workbook has a grid, but no current signature.',
  ]);
  await sign(file, 'compiler', 'Alan Pritchard', '2017-08-11T09:00:00Z');
  expect((await auditOf(file)).status).toBe('partly-signed');
  const signers: [string, string][] = [
    ['compiler', 'Sarah Jones'],
    ['compiler', 'Mark Selby'],
    ['compiler', 'Housing Data Officer'],
    ['responsible-officer', 'Dawn Garton'],
    ['responsible-officer', 'Housing Performance Lead'],
    ['head-of-service', 'Keith Aubrey'],
    ['head-of-service', 'Director of Housing'],
  ];
  for (const [i, [role, name]] of signers.entries())
    await sign(file, role, name, new Date(Date.UTC(2017, 7, 11, 10 + i)).toISOString());
  const done = await auditOf(file);
  expect([done.status, done.findings, done.replay.findings]).toEqual(['complete', false, []]);
  expect(done.progress?.complete).toBe(true);
  await editWithExcelJS(file, (wb) => (wb.getWorksheet('Corporate PIs')!.getCell('H6').value = 0.93));
  const changed = await auditOf(file);
  expect([changed.status, changed.findings, changed.anyStale]).toEqual(['stale', true, true]);
});

test('every Outturn part deleted from a signed mixed return: "nothing has been signed", exit 1, JSON status unsigned', async () => {
  const file = await mixedReturn();
  await sign(file, 'compiler', 'Alan Pritchard', '2017-08-11T09:00:00Z');
  await stripOutturn(file);
  const text = await run(['audit', file], NOW);
  expect(text.stdout).toContain('no records (nothing was checked or signed with Outturn yet)');
  expect(text.stdout).toContain(
    'Status: UNSIGNED. Nothing has been signed: the workbook has a grid, but no current signature.',
  );
  expect(text.stdout).not.toContain('UNBROKEN. The trail is empty.\n\nSign-off');
  expect(text.code).toBe(1);
  const json = JSON.parse((await run(['audit', file, '--format', 'json'], NOW)).stdout) as {
    status: string;
    verification: { ok: boolean; records: number };
  };
  expect(json.status).toBe('unsigned');
  expect(json.verification).toMatchObject({ ok: true, records: 0 });
});
