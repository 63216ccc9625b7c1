import {
  chainRecords,
  verifyTrail,
  type RecordDraft,
  type TrailRecord,
  type Verification,
} from '../../src/signoff/trail';
import {
  prepareSignature,
  prepareWithdrawal,
  warningKey,
  type SignRequest,
  type CheckedFigures,
} from '../../src/signoff/rules';
import { signOffState } from '../../src/signoff/state';
import { ROLE_STATEMENTS, type SignRole } from '../../src/signoff/roles';
import { describeRoleState } from '../../src/signoff/summary';
import { figures, WARNINGS } from './helpers';

const ann = { name: 'Ann Smith', source: 'typed' as const };
const bob = { name: 'Bob Jones', upn: 'bob.jones@melton.gov.uk', source: 'office-account' as const };
const cat = { name: 'Cat Patel', source: 'typed' as const };

let clock = 0;
const at = () => new Date(Date.UTC(2017, 7, 9, 9, clock++)).toISOString();

/** A trail held in memory, signing through the rules as the pane and the CLI do. */
class Trail {
  records: TrailRecord[] = [];
  get verification(): Verification {
    const entries = this.records.map((r) => ({ raw: JSON.parse(JSON.stringify(r)) }));
    const last = this.records[this.records.length - 1];
    return verifyTrail(entries, last ? { seq: last.seq, hash: last.hash } : null);
  }
  append(drafts: RecordDraft[]): void {
    const last = this.records[this.records.length - 1];
    this.records.push(...chainRecords(last ? { seq: last.seq, hash: last.hash } : null, drafts));
  }
  sign(role: SignRole, identity: SignRequest['identity'], f: CheckedFigures, extra: Partial<SignRequest> = {}) {
    const out = prepareSignature(this.verification, f, {
      role,
      identity,
      statementConfirmed: true,
      at: at(),
      ...extra,
    });
    if (out.ok) this.append(out.drafts);
    return out;
  }
  state(f: CheckedFigures) {
    return signOffState(this.records, { fingerprint: f.fingerprint.hash, indicators: f.fingerprint.indicators });
  }
}

describe('signing in order', () => {
  test('compiler, responsible officer and head of service sign in turn', () => {
    const t = new Trail();
    const f = figures();
    expect(t.sign('compiler', ann, f)).toMatchObject({ ok: true });
    expect(t.sign('responsible-officer', bob, f)).toMatchObject({ ok: true });
    expect(t.sign('head-of-service', cat, f)).toMatchObject({ ok: true });
    // Each signature relies on a check its own signer ran, recorded under their name: a
    // check run by the compiler is never recorded as the head of service's.
    expect(t.records.map((r) => r.type)).toEqual(['check', 'sign', 'check', 'sign', 'check', 'sign']);
    expect(t.records.filter((r) => r.type === 'check').map((r) => r.actor?.name)).toEqual([
      ann.name,
      bob.name,
      cat.name,
    ]);
    expect(t.state(f).map((s) => s.status)).toEqual(['signed', 'signed', 'signed']);
    const sign = t.records[5];
    expect(sign.type === 'sign' && sign.payload).toMatchObject({
      role: 'head-of-service',
      statement: ROLE_STATEMENTS['head-of-service'],
      fingerprint: f.fingerprint.hash,
      check: { seq: 5, counts: { errors: 0, warnings: 0, info: 0, indicators: 4 } },
      acknowledgements: [],
    });
    expect(sign.actor).toEqual(cat);
    expect(t.verification.ok).toBe(true);
  });

  test('a role cannot sign before the one before it', () => {
    const t = new Trail();
    const out = t.sign('responsible-officer', bob, figures());
    expect(out).toEqual({
      ok: false,
      reasons: [{ code: 'order', message: 'Responsible officer cannot sign before the compiler has signed.' }],
    });
    t.sign('compiler', ann, figures());
    expect(t.sign('head-of-service', cat, figures())).toEqual({
      ok: false,
      reasons: [{ code: 'order', message: 'Head of service cannot sign before the responsible officer has signed.' }],
    });
  });

  test('nobody signs while errors remain', () => {
    const t = new Trail();
    const f = figures({
      findings: [
        {
          sheet: 'Performance',
          cell: 'I7',
          rule: 'ragMismatch',
          dimension: 'accuracy',
          severity: 'error',
          ref: 'PI 4',
          message: 'RAG says RED …',
        },
      ],
    });
    expect(t.sign('compiler', ann, f)).toEqual({
      ok: false,
      reasons: [{ code: 'errors', message: 'The check shows 1 error: fix it and check again before signing.' }],
    });
    expect(t.records).toHaveLength(0);
  });

  test('the statement must be confirmed and a name given', () => {
    const t = new Trail();
    const out = t.sign('compiler', { name: '  ', source: 'typed' }, figures(), { statementConfirmed: false });
    expect(out).toEqual({
      ok: false,
      reasons: [
        { code: 'name-missing', message: 'Enter your name to sign.' },
        { code: 'statement-unconfirmed', message: 'Confirm the statement for the compiler to sign.' },
      ],
    });
  });

  test('the same person cannot sign two roles (case and spacing ignored; same account)', () => {
    const t = new Trail();
    const f = figures();
    t.sign('compiler', ann, f);
    expect(t.sign('responsible-officer', { name: ' ann  SMITH ', source: 'typed' }, f)).toEqual({
      ok: false,
      reasons: [
        {
          code: 'segregation',
          message: 'Ann Smith has already signed as compiler; the same person cannot sign two roles.',
        },
      ],
    });
    expect(t.sign('responsible-officer', { name: 'AnnSmith', source: 'typed' }, f).ok).toBe(false);
    t.sign('responsible-officer', bob, f);
    expect(
      t.sign('head-of-service', { name: 'Robert Jones', upn: 'Bob.Jones@melton.gov.uk', source: 'office-account' }, f),
    ).toEqual({
      ok: false,
      reasons: [
        {
          code: 'segregation',
          message: 'Bob Jones has already signed as responsible officer; the same person cannot sign two roles.',
        },
      ],
    });
  });

  test('a role already signed must be withdrawn before signing again', () => {
    const t = new Trail();
    t.sign('compiler', ann, figures());
    const out = t.sign('compiler', ann, figures());
    expect(out.ok).toBe(false);
    expect(!out.ok && out.reasons[0].code).toBe('already-signed');
    expect(!out.ok && out.reasons[0].message).toMatch(
      /^Compiler has already signed \(Ann Smith, 2017-08-09T09:\d\d:00.000Z\); that signature must be withdrawn before the compiler signs again\.$/,
    );
  });

  test('nothing is signed on a broken trail', () => {
    const t = new Trail();
    t.sign('compiler', ann, figures());
    (t.records[0] as { at: string }).at = '2017-01-01T00:00:00.000Z';
    const out = t.sign('responsible-officer', bob, figures());
    expect(out).toEqual({
      ok: false,
      reasons: [
        {
          code: 'trail-broken',
          message:
            'The audit trail is broken (Record 1 was altered after it was written: its contents no longer match its hash), so nothing can be signed until it is restored.',
        },
      ],
    });
  });
});

describe('warnings', () => {
  const f = () => figures({ findings: WARNINGS });

  test('unacknowledged warnings block signing', () => {
    const t = new Trail();
    expect(t.sign('compiler', ann, f())).toEqual({
      ok: false,
      reasons: [
        {
          code: 'warnings-unacknowledged',
          message: '2 warnings are not acknowledged: give a reason for each, or one reason for all, before signing.',
        },
      ],
    });
    const one = t.sign('compiler', ann, f(), {
      reasons: { [warningKey(WARNINGS[0])]: 'July figure includes backlog clearance.' },
    });
    expect(one).toEqual({
      ok: false,
      reasons: [
        {
          code: 'warnings-unacknowledged',
          message: '1 warning is not acknowledged: give a reason for each, or one reason for all, before signing.',
        },
      ],
    });
  });

  test('one by one: each reason is recorded in an acknowledge record and the signature', () => {
    const t = new Trail();
    const reasons = {
      [warningKey(WARNINGS[0])]: 'July figure includes backlog clearance.',
      [warningKey(WARNINGS[1])]: 'Commentary to follow from finance.',
    };
    expect(t.sign('compiler', ann, f(), { reasons }).ok).toBe(true);
    expect(t.records.map((r) => r.type)).toEqual(['check', 'acknowledge', 'sign']);
    const ack = t.records[1];
    expect(ack.type === 'acknowledge' && ack.payload).toEqual({
      checkSeq: 1,
      acknowledgements: [
        {
          sheet: 'Performance',
          cell: 'F5',
          rule: 'outlier',
          ref: 'PI 2',
          message: WARNINGS[0].message,
          reason: 'July figure includes backlog clearance.',
        },
        {
          sheet: 'Performance',
          cell: 'K7',
          rule: 'missingCommentary',
          ref: 'PI 4',
          message: WARNINGS[1].message,
          reason: 'Commentary to follow from finance.',
        },
      ],
    });
    const sign = t.records[2];
    expect(sign.type === 'sign' && sign.payload.acknowledgements.map((a) => a.reason)).toEqual([
      'July figure includes backlog clearance.',
      'Commentary to follow from finance.',
    ]);
  });

  test('in bulk: one reason for all, recorded as the bulk reason', () => {
    const t = new Trail();
    expect(t.sign('compiler', ann, f(), { bulkReason: 'Reviewed with the service manager on 9 August.' }).ok).toBe(
      true,
    );
    const ack = t.records[1];
    expect(ack.type === 'acknowledge' && ack.payload.bulkReason).toBe('Reviewed with the service manager on 9 August.');
    expect(
      ack.type === 'acknowledge' &&
        ack.payload.acknowledgements.every((a) => a.reason === 'Reviewed with the service manager on 9 August.'),
    ).toBe(true);
  });
});

describe('stale signatures', () => {
  test('a figure changed after signing makes every signature stale and names the indicator', () => {
    const t = new Trail();
    const f = figures();
    t.sign('compiler', ann, f);
    t.sign('responsible-officer', bob, f);
    const changed = figures({ overrides: { F5: 12.9 } });
    const states = t.state(changed);
    expect(states.map((s) => s.status)).toEqual(['stale', 'stale', 'not-signed']);
    expect(states[0].figuresChanged).toBe(true);
    expect(states[0].changes).toEqual({ changed: ['Performance|PI 2'], added: [], removed: [] });
    expect(describeRoleState(states[0])).toMatch(
      /^Compiler: STALE, signed by Ann Smith \(typed name\) at 2017-08-09T09:\d\d:00.000Z; figures changed since signed\. Changed: PI 2\. Compiler must sign again\.$/,
    );
    // The head of service cannot sign on stale signatures, even with a fresh check.
    expect(t.sign('head-of-service', cat, changed)).toEqual({
      ok: false,
      reasons: [
        {
          code: 'order',
          message:
            'Head of service cannot sign: the signature of the responsible officer is stale (figures changed since signed), so the responsible officer must sign again first.',
        },
      ],
    });
  });

  test('after the compiler withdraws and signs again, the later signature is stale until that role signs again', () => {
    const t = new Trail();
    const f = figures();
    t.sign('compiler', ann, f);
    t.sign('responsible-officer', bob, f);
    const changed = figures({ overrides: { F5: 12.9 } });
    const w = prepareWithdrawal(t.verification, {
      role: 'compiler',
      identity: ann,
      reason: 'PI 2 corrected after signing.',
      at: at(),
    });
    expect(w.ok).toBe(true);
    if (w.ok) t.append(w.drafts);
    expect(t.state(changed).map((s) => s.status)).toEqual(['withdrawn', 'stale', 'not-signed']);
    expect(t.sign('compiler', ann, changed).ok).toBe(true);
    const s = t.state(changed);
    expect(s.map((x) => x.status)).toEqual(['signed', 'stale', 'not-signed']);
    expect(s[1].staleReasons).toEqual(['Figures changed since signed.', 'Compiler signed again after this signature.']);
    // A stale signature needs no withdrawal: the role simply signs again.
    expect(t.sign('responsible-officer', bob, changed).ok).toBe(true);
    expect(t.state(changed).map((x) => x.status)).toEqual(['signed', 'signed', 'not-signed']);
  });

  test('a stale signature by an earlier role whose figures match is reported as relied upon', () => {
    const t = new Trail();
    const f = figures();
    t.sign('compiler', ann, f);
    t.sign('responsible-officer', bob, f);
    // Compiler withdraws: the responsible officer's signature stood on it.
    const w = prepareWithdrawal(t.verification, {
      role: 'compiler',
      identity: ann,
      reason: 'Signed the wrong version.',
      at: at(),
    });
    if (w.ok) t.append(w.drafts);
    expect(t.state(f)[1].staleReasons).toEqual(['The signature of the compiler it relied on was withdrawn.']);
  });
});

describe('withdrawal', () => {
  test('only the signer withdraws, with a reason, and only a live signature', () => {
    const t = new Trail();
    expect(prepareWithdrawal(t.verification, { role: 'compiler', identity: ann, reason: 'x', at: at() })).toEqual({
      ok: false,
      reasons: [{ code: 'nothing-to-withdraw', message: 'Compiler has not signed, so there is nothing to withdraw.' }],
    });
    t.sign('compiler', ann, figures());
    expect(
      prepareWithdrawal(t.verification, { role: 'compiler', identity: bob, reason: 'Not mine.', at: at() }),
    ).toEqual({
      ok: false,
      reasons: [
        { code: 'not-the-signer', message: 'Only Ann Smith, who signed as compiler, can withdraw that signature.' },
      ],
    });
    expect(prepareWithdrawal(t.verification, { role: 'compiler', identity: ann, reason: '  ', at: at() })).toEqual({
      ok: false,
      reasons: [{ code: 'reason-missing', message: 'Give a reason for withdrawing the signature.' }],
    });
    const ok = prepareWithdrawal(t.verification, {
      role: 'compiler',
      identity: { name: 'ANN SMITH', source: 'typed' },
      reason: 'Wrong file.',
      at: at(),
    });
    expect(ok.ok && ok.drafts[0].payload).toEqual({ role: 'compiler', signSeq: 2, reason: 'Wrong file.' });
    if (ok.ok) t.append(ok.drafts);
    expect(prepareWithdrawal(t.verification, { role: 'compiler', identity: ann, reason: 'again', at: at() })).toEqual({
      ok: false,
      reasons: [{ code: 'already-withdrawn', message: 'The signature of the compiler was already withdrawn.' }],
    });
    // Nothing deleted: the signature is still in the trail.
    expect(t.records.map((r) => r.type)).toEqual(['check', 'sign', 'withdraw']);
    expect(t.state(figures())[0].status).toBe('withdrawn');
  });
});
