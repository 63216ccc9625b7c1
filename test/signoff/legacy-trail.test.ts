/**
 * An audit trail written before per-owner sign-off (Outturn b760135, its own SHA-256,
 * whole-return signatures without a scope) still verifies with @noble/hashes, and its
 * signatures still count: each covers every indicator of the return.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { verifyTrail, type TrailRecord } from '../../src/signoff/trail';
import { recordToRow, rowsToEntries } from '../../src/signoff/storage-rows';
import { returnSignOff } from '../../src/signoff/return-state';
import { checkWorkbook } from '../../src/engine/check';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import { sheetFromExcelJS } from '../support/sheet-from-exceljs';
import { meltonClean } from '../fixtures';

const fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../fixtures/legacy-trail-whole-return.json'), 'utf8'),
) as { records: TrailRecord[] };

test('the older trail verifies unchanged, record for record', () => {
  const entries = rowsToEntries(fixture.records.map((r) => recordToRow(r)));
  const last = fixture.records[fixture.records.length - 1];
  const v = verifyTrail(entries, { seq: last.seq, hash: last.hash });
  expect(v).toMatchObject({ ok: true, verifiedThrough: 4, firstBrokenSeq: null });
  expect(v.records.map((r) => r.type)).toEqual(['check', 'sign', 'sign', 'sign']);
  expect(v.records.every((r) => r.type !== 'sign' || r.payload.scope === undefined)).toBe(true);
});

test('its whole-return signatures cover every indicator of a return that names owners', () => {
  const wb = meltonClean();
  const sheets = wb.worksheets.map((w) => sheetFromExcelJS(w));
  const result = checkWorkbook(sheets, DEFAULT_CONFIG, { today: '2017-08-21' });
  const state = returnSignOff(fixture.records, result.grids, sheets);
  expect(state.ownership.mode).toBe('per-owner');
  const signers = new Set(
    state.progress!.rows.flatMap((r) => Object.values(r.cells).map((c) => c.signature?.actor?.name)),
  );
  expect([...signers].sort()).toEqual(['Ann Smith', 'Bob Jones', 'Cat Lee']);
  expect(state.progress!.counts.compiler.total).toBe(12);
  // (Whether they are current depends on the fingerprint's version: a newer fingerprint reads them as stale, never as broken.)
  expect(
    state.progress!.rows.every((r) =>
      Object.values(r.cells).every((c) => c.status === 'signed' || c.status === 'stale'),
    ),
  ).toBe(true);
});
