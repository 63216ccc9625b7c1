/**
 * Per-owner sign-off on the Melton-style sample return: two service areas, five
 * compilers, two responsible officers (Dawn Garton, Jim Worley), two heads of service
 * (Keith Aubrey, Harry Bell). Names matched as typed, order and segregation per
 * indicator, errors blocking only their indicator, a delegation, a changed figure making
 * only the signatures over that indicator stale, a withdrawal, and the matrix's counts.
 */
import {
  chainRecords,
  verifyTrail,
  type RecordDraft,
  type TrailRecord,
  type Verification,
} from '../../src/signoff/trail';
import { findOwner, matchName, nameWords } from '../../src/engine/names';
import { peopleFor } from '../../src/signoff/owners';
import { prepareOwnerSignature, prepareOwnerWithdrawal, type OwnerSignRequest } from '../../src/signoff/owner-rules';
import { outstandingLines, progressLines, signOffProgress } from '../../src/signoff/progress';
import type { SignRole } from '../../src/signoff/roles';
import { checkSample, FIXES, type SampleCheck } from './owners-helpers';

const AT = '2017-08-21T10:00:00.000Z';

/** A trail in memory: append drafts, verify, as a workbook store would. */
class Trail {
  records: TrailRecord[] = [];
  get verification(): Verification {
    const last = this.records[this.records.length - 1];
    return verifyTrail(
      this.records.map((r) => ({ raw: JSON.parse(JSON.stringify(r)) })),
      last ? { seq: last.seq, hash: last.hash } : null,
    );
  }
  append(drafts: RecordDraft[]): void {
    const last = this.records[this.records.length - 1];
    this.records.push(...chainRecords(last ? { seq: last.seq, hash: last.hash } : null, drafts));
  }
}

function signer(name: string) {
  return { name, source: 'typed' as const };
}

function sign(trail: Trail, check: SampleCheck, role: SignRole, name: string, extra: Partial<OwnerSignRequest> = {}) {
  const out = prepareOwnerSignature(trail.verification, check.ownership, check.figures, {
    role,
    identity: signer(name),
    statementConfirmed: true,
    bulkReason: 'Explained in the commentary and agreed with the performance team.',
    at: AT,
    ...extra,
  });
  if (out.ok) trail.append(out.drafts);
  return out;
}

function progress(trail: Trail, check: SampleCheck) {
  return signOffProgress(
    trail.records,
    check.ownership,
    check.figures.fingerprint.indicators!,
    check.figures.fingerprint.hash,
  );
}

function statuses(trail: Trail, check: SampleCheck, role: SignRole): Record<string, string> {
  return Object.fromEntries(progress(trail, check).rows.map((r) => [r.label, r.cells[role].status]));
}

const ALL_COMPILERS = ['Alan Pritchard', 'Sarah Jones', 'Mark Selby', 'Linda Hewitt', 'Paul Dunn'];

describe('names as the grid has them', () => {
  test('titles, case, spacing, punctuation, surname first and initials', () => {
    expect(nameWords('Dr.  Dawn GARTON')).toEqual(['dawn', 'garton']);
    expect(nameWords('Garton, Dawn')).toEqual(['dawn', 'garton']);
    expect(matchName('cllr keith aubrey', 'Keith Aubrey')).toBe('exact');
    expect(matchName('D. Garton', 'Dawn Garton')).toBe('initials');
    expect(matchName('Mrs D Garton', 'Dawn Garton')).toBe('initials');
    expect(matchName('Dawn Gartons', 'Dawn Garton')).toBeNull();
    expect(matchName('Jim Garton', 'Dawn Garton')).toBeNull();
    expect(matchName('Garton', 'Dawn Garton')).toBeNull();
    expect(matchName('Zoë Bell', 'Zoe Bell')).toBe('exact');
  });

  test('an initial that fits two people in the grid matches nobody', () => {
    expect(findOwner('J Smith', ['Jane Smith', 'John Smith'])).toEqual({
      found: false,
      ambiguous: ['Jane Smith', 'John Smith'],
    });
    expect(findOwner('Jane Smith', ['Jane Smith', 'John Smith'])).toEqual({
      found: true,
      match: { gridName: 'Jane Smith', kind: 'exact' },
    });
  });
});

describe('ownership from the grid', () => {
  test("every indicator has its three owners and service area; keys are the fingerprint's", () => {
    const c = checkSample();
    expect(c.ownership.mode).toBe('per-owner');
    expect(c.ownership.indicators.map((i) => i.key)).toEqual(Object.keys(c.figures.fingerprint.indicators!));
    expect(peopleFor(c.ownership, 'compiler').map((p) => [p.name, p.keys.length])).toEqual([
      ['Alan Pritchard', 2],
      ['Sarah Jones', 2],
      ['Mark Selby', 2],
      ['Linda Hewitt', 4],
      ['Paul Dunn', 2],
    ]);
    expect(peopleFor(c.ownership, 'responsible-officer').map((p) => p.name)).toEqual(['Dawn Garton', 'Jim Worley']);
    expect(peopleFor(c.ownership, 'head-of-service').map((p) => [p.name, p.keys.map((k) => k.split('|')[1])])).toEqual([
      ['Keith Aubrey', ['CS01', 'CS02', 'CS03', 'CS04', 'CS05', 'CS06']],
      ['Harry Bell', ['HC01', 'HC02', 'HC03', 'HC04', 'HC05', 'HC06']],
    ]);
  });

  test('a grid without owner names is signed as a whole', () => {
    const blank: Record<string, unknown> = { ...FIXES };
    for (const r of [6, 7, 8, 9, 10, 11, 15, 16, 17, 18, 19, 20])
      for (const col of ['V', 'W', 'X']) blank[`${col}${r}`] = null;
    expect(checkSample(blank).ownership.mode).toBe('whole-return');
  });
});

describe('per-owner sign-off', () => {
  test('nine officers sign their own indicators; the matrix counts as they go; complete at the end', () => {
    const c = checkSample();
    const t = new Trail();
    // A responsible officer cannot sign before the compilers.
    const early = sign(t, c, 'responsible-officer', 'Dawn Garton');
    expect(early.ok).toBe(false);
    expect(early.ok ? [] : early.reasons).toEqual([
      {
        code: 'order',
        message:
          "None of Dawn Garton's indicators can be signed as responsible officer now: CS01 (the compiler (Alan Pritchard) has not signed it yet); CS02 (the compiler (Alan Pritchard) has not signed it yet); CS03 (the compiler (Sarah Jones) has not signed it yet); CS04 (the compiler (Sarah Jones) has not signed it yet); CS05 (the compiler (Mark Selby) has not signed it yet); CS06 (the compiler (Mark Selby) has not signed it yet).",
        listsPlan: true,
      },
    ]);
    expect(t.records).toHaveLength(0); // a refused signature appends nothing

    for (const name of ALL_COMPILERS) expect(sign(t, c, 'compiler', name).ok).toBe(true);
    let p = progress(t, c);
    expect(p.counts.compiler).toEqual({ signed: 12, total: 12 });
    expect(p.counts['responsible-officer']).toEqual({ signed: 0, total: 12 });

    expect(sign(t, c, 'responsible-officer', 'Dawn Garton').ok).toBe(true);
    p = progress(t, c);
    expect(progressLines(p)[0]).toBe(
      '12 of 12 indicators signed by their compiler; 6 of 12 verified by their responsible officer; 0 of 12 certified by their head of service (0 of 2 service areas certified).',
    );
    expect(outstandingLines(p)).toEqual([
      'Jim Worley (responsible officer): HC01, HC02, HC03, HC04, HC05, HC06',
      'Keith Aubrey (head of service): CS01, CS02, CS03, CS04, CS05, CS06',
      'Harry Bell (head of service): HC01, HC02, HC03, HC04, HC05, HC06',
    ]);
    expect(sign(t, c, 'head-of-service', 'Keith Aubrey').ok).toBe(true);
    p = progress(t, c);
    expect(p.serviceAreas).toEqual([
      { name: 'Corporate Services', certified: true },
      { name: 'Housing and Communities', certified: false },
    ]);
    expect(p.complete).toBe(false);
    expect(sign(t, c, 'responsible-officer', 'Jim Worley').ok).toBe(true);
    expect(sign(t, c, 'head-of-service', 'Harry Bell').ok).toBe(true);
    p = progress(t, c);
    expect(p.complete).toBe(true);
    expect(p.outstanding).toEqual([]);
    expect(progressLines(p)).toEqual([
      '12 of 12 indicators signed by their compiler; 12 of 12 verified by their responsible officer; 12 of 12 certified by their head of service (2 of 2 service areas certified).',
      'Complete: every indicator holds three current signatures.',
    ]);
    expect(t.verification.ok).toBe(true);
    // Each signature relies on a check its own signer ran, recorded under their name (never the previous signer's).
    const checks = t.records.filter((r) => r.type === 'check');
    expect(checks.map((r) => r.actor?.name)).toEqual([
      ...ALL_COMPILERS,
      'Dawn Garton',
      'Keith Aubrey',
      'Jim Worley',
      'Harry Bell',
    ]);
    const keith = t.records.find((r) => r.type === 'sign' && r.actor?.name === 'Keith Aubrey');
    expect(keith?.type === 'sign' && keith.payload.scope).toMatchObject({
      owner: 'Keith Aubrey',
      match: 'exact',
      serviceAreas: ['Corporate Services'],
    });
    expect(keith?.type === 'sign' && Object.keys(keith.payload.scope!.indicators)).toEqual(
      ['CS01', 'CS02', 'CS03', 'CS04', 'CS05', 'CS06'].map((r) => `Corporate PIs|${r}`),
    );
  });

  test("a signature for another officer's indicator is refused and appends nothing; a delegation with a reason is recorded", () => {
    const c = checkSample();
    const t = new Trail();
    for (const name of ALL_COMPILERS) sign(t, c, 'compiler', name);
    const before = t.records.length;
    const other = sign(t, c, 'responsible-officer', 'Dawn Garton', { indicators: ['HC01'] });
    expect(other.ok ? [] : other.reasons).toEqual([
      {
        code: 'not-their-indicator',
        message:
          "HC01 is Jim Worley's as responsible officer, not Dawn Garton's: signing it needs a delegation from Jim Worley with a reason.",
      },
    ]);
    const stranger = sign(t, c, 'responsible-officer', 'Ann Smith');
    expect(stranger.ok ? [] : stranger.reasons).toEqual([
      {
        code: 'not-owner',
        message:
          "Ann Smith is not named as responsible officer for any indicator in the grid (the grid names Dawn Garton, Jim Worley). To sign for someone else's indicators, record a delegation with a reason.",
      },
    ]);
    const noReason = sign(t, c, 'responsible-officer', 'Dawn Garton', { onBehalfOf: 'Jim Worley' });
    expect(noReason.ok ? [] : noReason.reasons).toEqual([
      { code: 'delegation-reason-missing', message: 'Signing for Jim Worley is a delegation: give the reason for it.' },
    ]);
    expect(t.records).toHaveLength(before);

    const delegated = sign(t, c, 'responsible-officer', 'Dawn Garton', {
      onBehalfOf: 'jim worley',
      delegationReason: 'Jim Worley on leave until September; delegated by email of 18/08/2017.',
      indicators: ['HC02', 'HC04'],
    });
    expect(delegated.ok).toBe(true);
    const rec = t.records[t.records.length - 1];
    expect(rec.type === 'sign' && rec.payload.scope).toMatchObject({
      owner: 'Jim Worley',
      match: 'delegated',
      delegation: {
        for: 'Jim Worley',
        reason: 'Jim Worley on leave until September; delegated by email of 18/08/2017.',
      },
    });
    expect(rec.actor?.name).toBe('Dawn Garton');
    expect(statuses(t, c, 'responsible-officer')).toMatchObject({
      HC01: 'not-signed',
      HC02: 'signed',
      HC03: 'not-signed',
      HC04: 'signed',
    });
  });

  test('the same person never signs two roles for one indicator, even by delegation', () => {
    const c = checkSample();
    const t = new Trail();
    for (const name of ALL_COMPILERS) sign(t, c, 'compiler', name);
    const twice = sign(t, c, 'responsible-officer', 'Alan Pritchard', {
      onBehalfOf: 'Dawn Garton',
      delegationReason: 'cover',
      indicators: ['CS01'],
    });
    expect(twice.ok ? [] : twice.reasons).toEqual([
      {
        code: 'segregation',
        message:
          'CS01 cannot be signed: Alan Pritchard signed it as compiler: the same person cannot sign two roles for one indicator.',
      },
    ]);
    // Without --indicators the others are signed and CS01, CS02 (his own) are left out.
    const rest = sign(t, c, 'responsible-officer', 'Alan Pritchard', {
      onBehalfOf: 'Dawn Garton',
      delegationReason: 'Dawn Garton on leave.',
    });
    expect(rest.ok).toBe(true);
    expect(rest.plan?.blocked.map((b) => b.label)).toEqual(['CS01', 'CS02']);
    expect(statuses(t, c, 'responsible-officer')).toMatchObject({
      CS01: 'not-signed',
      CS02: 'not-signed',
      CS03: 'signed',
      CS06: 'signed',
    });
  });

  test('a name written loosely matches its grid owner, and the match is recorded', () => {
    const c = checkSample();
    const t = new Trail();
    sign(t, c, 'compiler', 'Alan Pritchard');
    const out = sign(t, c, 'responsible-officer', 'Dr D. Garton');
    expect(out.ok).toBe(true);
    expect(out.plan?.match).toEqual({ gridName: 'Dawn Garton', kind: 'initials' });
    expect(out.plan?.eligible.map((k) => k.split('|')[1])).toEqual(['CS01', 'CS02']);
    expect(out.plan?.blocked.map((b) => `${b.label}: ${b.reason}`)).toEqual([
      'CS03: the compiler (Sarah Jones) has not signed it yet',
      'CS04: the compiler (Sarah Jones) has not signed it yet',
      'CS05: the compiler (Mark Selby) has not signed it yet',
      'CS06: the compiler (Mark Selby) has not signed it yet',
    ]);
    const rec = t.records[t.records.length - 1];
    expect(rec.type === 'sign' && rec.payload.scope?.match).toBe('initials');
  });

  test('errors on an indicator block only its signatures; warnings are acknowledged per indicator', () => {
    // CS03's June figure typed as text ("93 %") is an error; CS06 was submitted late (a warning).
    const edits = { ...FIXES };
    delete edits.G8;
    const c = checkSample(edits);
    expect(c.figures.counts.errors).toBe(1);
    const t = new Trail();
    // Alan's indicators carry no warning: he signs without acknowledging anything.
    expect(sign(t, c, 'compiler', 'Alan Pritchard', { bulkReason: undefined }).ok).toBe(true);
    expect(t.records.some((r) => r.type === 'acknowledge')).toBe(false);
    const sarah = sign(t, c, 'compiler', 'Sarah Jones', { bulkReason: undefined });
    expect(sarah.ok).toBe(true);
    expect(sarah.plan?.blocked).toEqual([
      { key: 'Corporate PIs|CS03', label: 'CS03', reason: '1 error to fix first', code: 'errors' },
    ]);
    expect(statuses(t, c, 'compiler')).toMatchObject({ CS03: 'not-signed', CS04: 'signed' });
    // Mark compiled CS06, which was submitted late: he must acknowledge that warning, and only that one.
    const mark = sign(t, c, 'compiler', 'Mark Selby', { bulkReason: undefined });
    expect(mark.ok ? [] : mark.reasons).toEqual([
      {
        code: 'warnings-unacknowledged',
        message:
          '1 warning is on these indicators not acknowledged: give a reason for each, or one reason for all, before signing.',
      },
    ]);
    const ok = sign(t, c, 'compiler', 'Mark Selby', { bulkReason: 'Extension agreed for CS06.' });
    expect(ok.ok).toBe(true);
    const ack = t.records.filter((r) => r.type === 'acknowledge');
    expect(ack).toHaveLength(1);
    expect(
      ack[0].type === 'acknowledge' && ack[0].payload.acknowledgements.map((a) => `${a.cell} ${a.rule} ${a.ref}`),
    ).toEqual(['Z11 submitted-late CS06']);
  });

  test('a changed figure makes stale only the signatures covering it, naming the figure old → new; a withdrawal', () => {
    const c = checkSample();
    const t = new Trail();
    for (const name of ALL_COMPILERS) sign(t, c, 'compiler', name);
    sign(t, c, 'responsible-officer', 'Dawn Garton');
    sign(t, c, 'responsible-officer', 'Jim Worley');
    // CS05's July figure is corrected after the responsible officers signed.
    const changed = checkSample({ ...FIXES, H10: 20.3 });
    const p = progress(t, changed);
    const stale = p.rows.flatMap((r) =>
      (['compiler', 'responsible-officer'] as const)
        .filter((role) => r.cells[role].status === 'stale')
        .map((role) => `${r.label} ${role} ${r.cells[role].signature?.actor?.name}`),
    );
    expect(stale).toEqual(['CS05 compiler Mark Selby', 'CS05 responsible-officer Dawn Garton']);
    expect(p.rows[4].cells.compiler.changedFigures).toEqual(['Jul: 20.1 → 20.3']);
    expect(p.rows[4].cells.compiler.staleReasons).toEqual(['Figures of CS05 changed since signed (Jul: 20.1 → 20.3).']);
    expect(p.counts['responsible-officer']).toEqual({ signed: 11, total: 12 });
    // Keith cannot certify CS05 until it is signed again; the rest of his service area he can.
    const keith = sign(t, changed, 'head-of-service', 'Keith Aubrey');
    expect(keith.ok).toBe(true);
    expect(keith.plan?.blocked).toEqual([
      {
        key: 'Corporate PIs|CS05',
        label: 'CS05',
        reason: 'the signature of the responsible officer (Dawn Garton) is stale',
        code: 'order',
      },
    ]);

    // Jim withdraws his signature: his six cells show withdrawn, and nothing else changes.
    const refused = prepareOwnerWithdrawal(t.verification, {
      role: 'responsible-officer',
      identity: signer('Harry Bell'),
      reason: 'wrong',
      at: AT,
    });
    expect(refused.ok ? [] : refused.reasons).toEqual([
      {
        code: 'not-the-signer',
        message:
          'Harry Bell holds no responsible officer signature to withdraw; only the person who signed can withdraw it.',
      },
    ]);
    const w = prepareOwnerWithdrawal(t.verification, {
      role: 'responsible-officer',
      identity: signer('Jim Worley'),
      reason: 'HC04 figure under review.',
      at: AT,
    });
    expect(w.ok).toBe(true);
    if (w.ok) t.append(w.drafts);
    expect(statuses(t, changed, 'responsible-officer')).toEqual({
      CS01: 'signed',
      CS02: 'signed',
      CS03: 'signed',
      CS04: 'signed',
      CS05: 'stale',
      CS06: 'signed',
      HC01: 'withdrawn',
      HC02: 'withdrawn',
      HC03: 'withdrawn',
      HC04: 'withdrawn',
      HC05: 'withdrawn',
      HC06: 'withdrawn',
    });
    expect(t.verification.ok).toBe(true);
  });
});
