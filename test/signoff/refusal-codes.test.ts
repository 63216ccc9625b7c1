/**
 * Every refusal the sign-off rules give carries its code, decided where the rule decides
 * (issue #20): no code is worked out again elsewhere, so none can be left unpaired. The
 * rules' sources are read to find every refusal they push, and the paths the other tests
 * do not walk are walked here on the Melton-style sample and a small whole return.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chainRecords, verifyTrail, type RecordDraft, type TrailRecord } from '../../src/signoff/trail';
import { prepareOwnerSignature, prepareOwnerWithdrawal } from '../../src/signoff/owner-rules';
import { prepareSignature, prepareWithdrawal } from '../../src/signoff/rules';
import { RULE_REFUSAL_CODES } from '../../src/signoff/refusal';
import { figures } from './helpers';
import { checkSample } from './owners-helpers';

const RULES = ['src/signoff/rules.ts', 'src/signoff/owner-rules.ts'].map((f) =>
  fs.readFileSync(path.join(__dirname, '../..', f), 'utf8'),
);

function trailOf(drafts: RecordDraft[][]) {
  let records: TrailRecord[] = [];
  for (const d of drafts) {
    const last = records[records.length - 1];
    records = [...records, ...chainRecords(last ? { seq: last.seq, hash: last.hash } : null, d)];
  }
  const last = records[records.length - 1];
  return verifyTrail(
    records.map((r) => ({ raw: JSON.parse(JSON.stringify(r)) })),
    last ? { seq: last.seq, hash: last.hash } : null,
  );
}

const codesOf = (out: { ok: boolean; reasons?: { code: string }[] }) => (out.ok ? [] : out.reasons!.map((r) => r.code));

test('every refusal the rules push is a code with its sentence, and every code is one the rules give', () => {
  const known = new Set<string>(RULE_REFUSAL_CODES);
  for (const source of RULES) {
    // Each push of a refusal or a blocked indicator: what follows must name its code.
    const pushes = [...source.matchAll(/(?:reasons|problems)\.push\(([\s\S]{0,120})/g)].map((m) => m[1]);
    expect(pushes.length).toBeGreaterThan(0);
    for (const p of pushes)
      expect(p).toMatch(/^\s*(\{\s*code: |\.\.\.plan\.(problems|blocked\.map\(\(b\) => \(\{ code: b\.code))/);
    for (const [, code] of source.matchAll(/code: '([a-z-]+)'/g)) expect(known).toContain(code);
    for (const [, code] of source.matchAll(/block\('([a-z-]+)'/g))
      expect(['errors', 'order', 'segregation']).toContain(code);
  }
  // No code is kept that no rule gives.
  for (const code of RULE_REFUSAL_CODES) expect(RULES.join('\n')).toContain(`'${code}'`);
  expect(known.has('unclassified')).toBe(false);
});

describe('whole return', () => {
  const ann = { name: 'Ann Smith', source: 'typed' as const };
  const at = '2017-08-09T09:00:00.000Z';

  test('a clock a day behind the trail, and a check with no indicators', () => {
    const first = prepareSignature(trailOf([]), figures(), {
      role: 'compiler',
      identity: ann,
      statementConfirmed: true,
      at,
    });
    if (!first.ok) throw new Error('the first signature should be accepted');
    const empty = figures();
    empty.counts = { ...empty.counts, indicators: 0 };
    const out = prepareSignature(trailOf([first.drafts]), empty, {
      role: 'responsible-officer',
      identity: { name: 'Bob Jones', source: 'typed' },
      statementConfirmed: true,
      at: '2017-08-01T09:00:00.000Z',
    });
    expect(codesOf(out)).toEqual(['no-indicators', 'clock-behind']);
    expect(!out.ok && out.reasons[1].message).toMatch(/^This computer's clock says 2017-08-01T09:00:00.000Z/);
  });

  test('withdrawing with no reason from nothing signed', () => {
    expect(codesOf(prepareWithdrawal(trailOf([]), { role: 'compiler', identity: ann, reason: ' ', at }))).toEqual([
      'reason-missing',
      'nothing-to-withdraw',
    ]);
  });
});

describe('per owner', () => {
  const c = checkSample();
  const at = '2017-08-21T10:00:00.000Z';
  const request = (name: string, extra: object = {}) => ({
    role: 'compiler' as const,
    identity: { name, source: 'typed' as const },
    statementConfirmed: true,
    bulkReason: 'Agreed with the performance team.',
    at,
    ...extra,
  });

  test('no name, an unknown ref, too many indicators for per-indicator fingerprints', () => {
    const sign = (name: string, extra: object = {}) =>
      codesOf(prepareOwnerSignature(trailOf([]), c.ownership, c.figures, request(name, extra)));
    expect(sign(' ', { statementConfirmed: false })).toEqual(['statement-unconfirmed', 'name-missing']);
    expect(sign('Alan Pritchard', { indicators: ['ZZ99'] })).toEqual(['unknown-indicator']);
    const tooMany = { ...c.figures, fingerprint: { ...c.figures.fingerprint, indicators: undefined } };
    expect(codesOf(prepareOwnerSignature(trailOf([]), c.ownership, tooMany, request('Alan Pritchard')))).toEqual([
      'too-many-indicators',
    ]);
  });

  test('signing again what is already signed, and withdrawing twice', () => {
    const first = prepareOwnerSignature(trailOf([]), c.ownership, c.figures, request('Alan Pritchard'));
    if (!first.ok) throw new Error('the first signature should be accepted');
    const again = prepareOwnerSignature(trailOf([first.drafts]), c.ownership, c.figures, request('Alan Pritchard'));
    expect(codesOf(again)).toEqual(['already-signed']);
    const withdraw = { role: 'compiler' as const, identity: { name: 'Alan Pritchard', source: 'typed' as const }, at };
    const w = prepareOwnerWithdrawal(trailOf([first.drafts]), { ...withdraw, reason: 'Wrong file.' });
    if (!w.ok) throw new Error('the withdrawal should be accepted');
    const twice = prepareOwnerWithdrawal(trailOf([first.drafts, w.drafts]), { ...withdraw, reason: 'Again.' });
    expect(codesOf(twice)).toEqual(['already-withdrawn']);
    expect(
      codesOf(
        prepareOwnerWithdrawal(trailOf([]), { ...withdraw, identity: { name: '', source: 'typed' }, reason: 'x' }),
      ),
    ).toEqual(['name-missing']);
    expect(codesOf(prepareOwnerWithdrawal(trailOf([]), { ...withdraw, reason: 'x' }))).toEqual(['nothing-to-withdraw']);
  });
});
