/**
 * What the Sign-off tab shows, decided without React: a fully signed return is shown as
 * signed off only on figures checked and unchanged since (the fault: "Signed off" under a
 * "figures changed" banner), reasons cannot be typed while errors remain, a typed name is
 * checked against the Office account, refusals carry human dates.
 */
import { chainRecords, type RecordDraft, type TrailRecord } from '../../src/signoff/trail';
import { prepareOwnerSignature } from '../../src/signoff/owner-rules';
import { nameFitsAccount } from '../../src/engine/names';
import { verifyTrail } from '../../src/signoff/trail';
import { accountFit, humanDates, paneSignOff } from '../../src/taskpane/signoff/signoff-view';
import { reasonsBlocked } from '../../src/app';
import type { CheckSnapshot } from '../../src/taskpane/signoff/contract';
import { DEFAULT_CONFIG } from '../../src/engine/model/config';
import type { SignRole } from '../../src/signoff/roles';
import { checkSample, FIXES } from './owners-helpers';

function signedByEveryone(): { records: TrailRecord[]; snapshot: CheckSnapshot } {
  const c = checkSample();
  const records: TrailRecord[] = [];
  const append = (drafts: RecordDraft[]) => {
    const last = records[records.length - 1];
    records.push(...chainRecords(last ? { seq: last.seq, hash: last.hash } : null, drafts));
  };
  const people: [SignRole, string][] = [
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
  for (const [role, name] of people) {
    const last = records[records.length - 1];
    const v = verifyTrail(
      records.map((r) => ({ raw: JSON.parse(JSON.stringify(r)) })),
      last ? { seq: last.seq, hash: last.hash } : null,
    );
    const out = prepareOwnerSignature(v, c.ownership, c.figures, {
      role,
      identity: { name, source: 'typed' },
      statementConfirmed: true,
      bulkReason: 'Agreed.',
      at: '2017-08-21T10:00:00.000Z',
    });
    if (!out.ok) throw new Error(out.reasons.map((r) => r.message).join(' '));
    append(out.drafts);
  }
  return {
    records,
    snapshot: {
      result: c.result,
      findings: c.result.findings,
      sheets: c.sheets,
      config: DEFAULT_CONFIG,
      at: '2017-08-21T10:00:00.000Z',
    },
  };
}

test('signed off only on figures checked and unchanged since', () => {
  const { records, snapshot } = signedByEveryone();
  expect(paneSignOff(records, snapshot, false)).toMatchObject({ complete: true, unconfirmed: false });
  // A figure was edited (Office's change event) and Check not pressed again: not shown as signed off.
  expect(paneSignOff(records, snapshot, true)).toMatchObject({ complete: false, unconfirmed: true });
  // No check yet in this pane session: nothing can be confirmed either.
  expect(paneSignOff(records, null, false).complete).toBe(false);
  // Checked again after the change: the matrix shows CS05 stale.
  const changed = checkSample({ ...FIXES, H10: 20.3 });
  const view = paneSignOff(records, { ...snapshot, result: changed.result, sheets: changed.sheets }, false);
  expect(view.complete).toBe(false);
  expect(view.state.progress?.rows.filter((r) => r.cells.compiler.status === 'stale').map((r) => r.label)).toEqual([
    'CS05',
  ]);
});

test('reasons cannot be typed while errors remain on what would be signed, and the form says why up front', () => {
  expect(reasonsBlocked('whole-return', 2, 0, 0)).toBe(
    'The check shows 2 errors: fix them and check again; warnings can be acknowledged once no error remains.',
  );
  expect(reasonsBlocked('whole-return', 0, 0, 0)).toBeNull();
  expect(reasonsBlocked('per-owner', 3, 0, 2)).toBe(
    'Your indicators show errors: fix them and check again; their warnings can be acknowledged once no error remains on them.',
  );
  // Errors elsewhere in the return do not stop a signer whose own indicators are clean.
  expect(reasonsBlocked('per-owner', 3, 2, 0)).toBeNull();
});

test('a typed name is checked against the Office account', () => {
  expect(nameFitsAccount('Dawn Garton', 'dawn.garton@melton.gov.uk')).toBe(true);
  expect(nameFitsAccount('Dr D. Garton', 'dawn.garton@melton.gov.uk')).toBe(true);
  expect(nameFitsAccount('Dawn Garton', 'dgarton@melton.gov.uk')).toBe(true);
  expect(nameFitsAccount('Dawn Garton', 'garton.d@melton.gov.uk')).toBe(true);
  expect(nameFitsAccount('Jim Worley', 'dawn.garton@melton.gov.uk')).toBe(false);
  expect(accountFit('Jim Worley', { upn: 'dawn.garton@melton.gov.uk' })).toBe('differs');
  expect(accountFit('Jim Worley', null)).toBe('no-account');
});

test('refusals read with human dates', () => {
  const line = humanDates(
    'Compiler has already signed (Ann Smith, 2026-12-01T21:49:00.000Z); that signature must be withdrawn first.',
  );
  expect(line).not.toContain('2026-12-01T21:49');
  expect(line).toMatch(/^Compiler has already signed \(Ann Smith, 1 Dec 2026, \d\d:49\); that signature/);
});
