/**
 * Issue #28 item 3: the audit replays the sign-off rules. Genuine trails, made by the real
 * `outturn sign` on published returns (Melton per owner; a mixed return whose second sheet
 * names no owners; Melton signed as a whole), audit clean. Then each is forged or
 * reordered, the chain recomputed so it verifies, and the audit must name the rule the
 * forged record breaks; `outturn audit` exits 1 on one, and a receipt no longer matches.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { run, tmpDir } from '../cli/helpers';
import { meltonClean } from '../fixtures';
import { mixedReturn } from './mixed-return';
import { auditReturn, type Audit } from '../../src/app/audit';
import { resolveConfig } from '../../src/cli/config';
import { loadWorkbook } from '../../src/workbook/load';
import {
  chainRecords,
  verifyTrail,
  type RecordDraft,
  type SignRecord,
  type TrailRecord,
} from '../../src/signoff/trail';
import type { ReplayCode } from '../../src/signoff/replay';
import { appendTrailRows, readTrailRows, writeWorkbookWithHead } from '../support/trail-exceljs';
import { receiptPath } from '../../src/cli/receipt-io';

type Signing = [role: string, name: string, ...extra: string[]];

/** Sign in turn, an hour apart from 11/08/2017 09:00 (before the deadline); every signature must be made. */
async function signInTurn(file: string, signers: Signing[]): Promise<void> {
  for (const [i, [role, name, ...extra]] of signers.entries()) {
    const now = new Date(Date.UTC(2017, 7, 11, 9 + i)).toISOString();
    const r = await run(['sign', file, '--role', role, '--name', name, '--in-place', ...extra], { now });
    expect([name, r.code, r.stderr]).toEqual([name, 0, '']);
  }
}

const MELTON_OWNERS: Signing[] = [
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
const MIXED_OWNERS: Signing[] = [
  ['compiler', 'Alan Pritchard'],
  ['compiler', 'Sarah Jones'],
  ['compiler', 'Mark Selby'],
  ['compiler', 'Housing Data Officer'],
  ['responsible-officer', 'Dawn Garton'],
  ['responsible-officer', 'Housing Performance Lead'],
  ['head-of-service', 'Keith Aubrey'],
  ['head-of-service', 'Director of Housing'],
];
const WHOLE: Signing[] = [
  ['compiler', 'Ann Smith'],
  ['responsible-officer', 'Bob Jones'],
  ['head-of-service', 'Cat Lee'],
];

interface Signed {
  file: string;
  records: TrailRecord[];
  source: Omit<Parameters<typeof auditReturn>[0], 'trail'>;
}

async function signedReturn(kind: 'melton' | 'mixed' | 'whole'): Promise<Signed> {
  let file: string;
  if (kind === 'mixed') file = await mixedReturn();
  else {
    const wb = meltonClean();
    if (kind === 'whole') wb.getWorksheet('Corporate PIs')!.spliceColumns(22, 3); // no owner columns: signed as a whole
    file = path.join(tmpDir(), `${kind}.xlsx`);
    await wb.xlsx.writeFile(file);
  }
  await signInTurn(file, kind === 'melton' ? MELTON_OWNERS : kind === 'mixed' ? MIXED_OWNERS : WHOLE);
  const loaded = await loadWorkbook(file);
  const records = verifyTrail(loaded.trail!.entries, loaded.trail!.head).records;
  return {
    file,
    records,
    source: {
      sheets: loaded.sheets,
      allSheets: loaded.sheetNames,
      config: { ok: true, config: resolveConfig(loaded.storedConfig, {}) },
      today: '2017-08-11',
    },
  };
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/**
 * Chain `records` afresh in the order given (new records may come without a real seq):
 * every reference to another record (a signature's check, an acknowledgement's check, a
 * withdrawal's signature) follows its record to its new place, so only the forgery differs.
 */
function rechain(records: TrailRecord[]): TrailRecord[] {
  const moved = new Map<number, number>();
  records.forEach((r, i) => {
    if (!moved.has(r.seq)) moved.set(r.seq, i + 1);
  });
  const to = (seq: number) => moved.get(seq) ?? seq;
  const drafts = records.map((r) => {
    const payload = clone(r.payload) as Record<string, unknown>;
    if (r.type === 'sign') (payload.check as { seq: number }).seq = to(r.payload.check.seq);
    if (r.type === 'acknowledge') payload.checkSeq = to(r.payload.checkSeq);
    if (r.type === 'withdraw') payload.signSeq = to(r.payload.signSeq);
    return { type: r.type, at: r.at, actor: r.actor, payload } as RecordDraft;
  });
  return chainRecords(null, drafts);
}

function audit(signed: Signed, records: TrailRecord[]): Audit {
  const last = records[records.length - 1];
  return auditReturn({
    ...signed.source,
    trail: { entries: records.map((raw) => ({ raw })), head: last ? { seq: last.seq, hash: last.hash } : null },
  });
}

/** The sign records of `role` by `name` (first one), with the records before it that belong to it. */
function signOf(records: TrailRecord[], name: string, role?: string): SignRecord {
  const s = records.find(
    (r): r is SignRecord => r.type === 'sign' && r.actor?.name === name && (!role || r.payload.role === role),
  );
  if (!s) throw new Error(`no signature by ${name}`);
  return s;
}

/** The block a signature was written in: its own check record (when it made one), acknowledgement and the signature. */
function blockOf(records: TrailRecord[], sign: SignRecord): TrailRecord[] {
  return records.filter(
    (r) =>
      r.seq === sign.seq ||
      (r.seq === sign.payload.check.seq && r.actor?.name === sign.actor?.name) ||
      (r.type === 'acknowledge' &&
        r.payload.checkSeq === sign.payload.check.seq &&
        r.seq < sign.seq &&
        r.seq > sign.seq - 3),
  );
}

function without(records: TrailRecord[], drop: TrailRecord[]): TrailRecord[] {
  const seqs = new Set(drop.map((r) => r.seq));
  return records.filter((r) => !seqs.has(r.seq));
}

/** A new signature made from `template`, changed by `edit`, appended (seq 0: placed by rechain). */
function forgedSign(template: SignRecord, edit: (s: SignRecord) => void): SignRecord {
  const s = clone(template);
  s.seq = 0;
  edit(s);
  return s;
}

/** The records up to (not including) the first signature of `role`. */
function before(records: TrailRecord[], role: string): TrailRecord[] {
  const first = records.findIndex((r) => r.type === 'sign' && r.payload.role === role);
  const sign = records[first] as SignRecord;
  const start = Math.min(...blockOf(records, sign).map((r) => r.seq));
  return records.filter((r) => r.seq < start);
}

let melton: Signed;
let mixed: Signed;
let whole: Signed;
beforeAll(async () => {
  melton = await signedReturn('melton');
  mixed = await signedReturn('mixed');
  whole = await signedReturn('whole');
}, 300_000);

test('genuine trails audit clean: every record passes the replay, the sign-off is complete, exit 0', async () => {
  for (const signed of [melton, mixed, whole]) {
    const a = audit(signed, signed.records);
    expect([path.basename(signed.file), a.replay.findings]).toEqual([path.basename(signed.file), []]);
    expect(a.status).toBe('complete');
    const cli = await run(['audit', signed.file], { now: '2017-08-11T20:00:00Z' });
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('Sign-off rules: every record passes them when replayed.');
  }
});

type Forgery = [
  description: string,
  trail: () => Signed,
  forge: (records: TrailRecord[]) => TrailRecord[],
  breaks: ReplayCode,
];

const at = (r: TrailRecord, when: string) => ({ ...clone(r), at: when }) as TrailRecord;
const keith = (rs: TrailRecord[]) => signOf(rs, 'Keith Aubrey');
const dawn = (rs: TrailRecord[]) => signOf(rs, 'Dawn Garton');
const alan = (rs: TrailRecord[]) => signOf(rs, 'Alan Pritchard');

const FORGERIES: Forgery[] = [
  // Per owner (Melton names every owner)
  [
    'a head of service signs with no responsible officer signature beneath (Dawn’s removed)',
    () => melton,
    (rs) => without(rs, blockOf(rs, dawn(rs))),
    'out-of-order',
  ],
  [
    'the head of service’s signature moved before the responsible officer’s',
    () => melton,
    (rs) => {
      const k = blockOf(rs, keith(rs));
      const d = blockOf(rs, dawn(rs));
      const rest = without(rs, [...k, ...d]);
      return [...rest.filter((r) => r.seq < d[0].seq), ...k, ...d, ...rest.filter((r) => r.seq > d[0].seq)];
    },
    'out-of-order',
  ],
  [
    'the responsible officer signs before any compiler',
    () => melton,
    (rs) => {
      const d = blockOf(rs, dawn(rs));
      return [...d, ...without(rs, d)];
    },
    'out-of-order',
  ],
  [
    'a name in no grid appends a head of service signature without a delegation',
    () => melton,
    (rs) => [
      ...rs,
      forgedSign(keith(rs), (s) => {
        s.actor = { name: 'Mallory Evans', source: 'typed' };
        s.at = '2017-08-11T23:00:00.000Z';
      }),
    ],
    'not-owner',
  ],
  [
    'a forged signature dated years before the records it follows',
    () => melton,
    (rs) => [
      ...rs,
      forgedSign(keith(rs), (s) => {
        s.actor = { name: 'Keith Aubrey', source: 'typed' };
        s.at = '2014-01-01T09:00:00.000Z';
      }),
    ],
    'time-backwards',
  ],
  [
    'a delegation for someone who is not the owner',
    () => melton,
    (rs) => [
      ...before(rs, 'head-of-service'),
      forgedSign(keith(rs), (s) => {
        s.actor = { name: 'Mallory Evans', source: 'typed' };
        s.payload.scope!.match = 'delegated';
        s.payload.scope!.delegation = { for: 'Harry Bell', reason: 'on leave' };
      }),
    ],
    'not-owner',
  ],
  [
    'the compiler signs as responsible officer by delegation ("A. Pritchard")',
    () => melton,
    (rs) => [
      ...before(rs, 'responsible-officer'),
      forgedSign(dawn(rs), (s) => {
        s.actor = { name: 'A. Pritchard', source: 'typed' };
        s.payload.scope!.match = 'delegated';
        s.payload.scope!.delegation = { for: 'Dawn Garton', reason: 'Dawn on leave' };
      }),
    ],
    'same-person',
  ],
  [
    'the compiler signs as responsible officer as "Dr Alan Pritchard"',
    () => melton,
    (rs) => [
      ...before(rs, 'responsible-officer'),
      forgedSign(dawn(rs), (s) => {
        s.actor = { name: 'Dr Alan Pritchard', source: 'typed' };
        s.payload.scope!.match = 'delegated';
        s.payload.scope!.delegation = { for: 'Dawn Garton', reason: 'Dawn on leave' };
      }),
    ],
    'same-person',
  ],
  [
    'the responsible officer certifies as head of service too ("GARTON, Dawn")',
    () => melton,
    (rs) => [
      ...before(rs, 'head-of-service'),
      forgedSign(keith(rs), (s) => {
        s.actor = { name: 'GARTON, Dawn', source: 'typed' };
        s.payload.scope!.match = 'delegated';
        s.payload.scope!.delegation = { for: 'Keith Aubrey', reason: 'Keith away' };
      }),
    ],
    'same-person',
  ],
  [
    'a signature dated a week before the one it follows',
    () => melton,
    (rs) => rs.map((r) => (r.seq === keith(rs).seq ? at(r, '2017-08-04T09:00:00.000Z') : r)),
    'time-backwards',
  ],
  [
    'a signature over a check whose errors stood on what it signs',
    () => melton,
    (rs) =>
      rs.map((r) => {
        if (r.seq !== alan(rs).seq) return r;
        const s = clone(r) as SignRecord;
        s.payload.check.errorsOn = ['Corporate PIs|CS01'];
        return s;
      }),
    'signed-with-errors',
  ],
  [
    'a signature relying on a check with errors, where they stood not recorded',
    () => melton,
    (rs) =>
      rs.map((r) => {
        const s = clone(r);
        if (s.type === 'check' && s.seq === alan(rs).payload.check.seq) s.payload.counts.errors = 2;
        if (s.type === 'sign' && s.seq === alan(rs).seq) {
          s.payload.check.counts.errors = 2;
          delete s.payload.check.errorsOn;
        }
        return s;
      }),
    'signed-with-errors',
  ],
  [
    'a signature with its warnings’ acknowledgements removed',
    () => melton,
    (rs) =>
      rs.map((r) => {
        if (r.seq !== alan(rs).seq) return r;
        const s = clone(r) as SignRecord;
        s.payload.check.warningsDue = 2;
        s.payload.acknowledgements = [];
        return s;
      }),
    'warnings-unacknowledged',
  ],
  [
    'a signature citing an acknowledgement as its check',
    () => melton,
    (rs) => {
      const ack = rs.find((r) => r.type === 'acknowledge');
      const target = ack ? ack.seq : alan(rs).seq + 100;
      return rs.map((r) => {
        if (r.seq !== alan(rs).seq) return r;
        const s = clone(r) as SignRecord;
        s.payload.check.seq = target;
        return s;
      });
    },
    'no-check',
  ],
  [
    'a signature giving other counts than the check it cites',
    () => melton,
    (rs) =>
      rs.map((r) => {
        if (r.seq !== alan(rs).seq) return r;
        const s = clone(r) as SignRecord;
        s.payload.check.counts.warnings += 3;
        return s;
      }),
    'no-check',
  ],
  [
    'the same signature appended twice',
    () => melton,
    (rs) => [...rs, forgedSign(alan(rs), (s) => (s.at = '2017-08-11T23:00:00.000Z'))],
    'signed-twice',
  ],
  [
    'a withdrawal of the compiler’s signature by someone else',
    () => melton,
    (rs) => [
      ...rs,
      {
        ...clone(rs[0]),
        seq: 0,
        type: 'withdraw',
        at: '2017-08-11T23:00:00.000Z',
        actor: { name: 'Sarah Jones', source: 'typed' },
        payload: { role: 'compiler', signSeq: alan(rs).seq, reason: 'mine now' },
      } as TrailRecord,
    ],
    'withdrawal-invalid',
  ],
  [
    'a withdrawal of a record that is no signature',
    () => melton,
    (rs) => [
      ...rs,
      {
        ...clone(rs[0]),
        seq: 0,
        type: 'withdraw',
        at: '2017-08-11T23:00:00.000Z',
        actor: { name: 'Alan Pritchard', source: 'typed' },
        payload: { role: 'compiler', signSeq: 1, reason: 'x' },
      } as TrailRecord,
    ],
    'withdrawal-invalid',
  ],
  [
    'the compiler withdraws and signs again; the head of service then signs on the stale responsible officer signature',
    () => melton,
    (rs) => [
      ...rs,
      {
        ...clone(rs[0]),
        seq: 0,
        type: 'withdraw',
        at: '2017-08-11T23:00:00.000Z',
        actor: { name: 'Alan Pritchard', source: 'typed' },
        payload: { role: 'compiler', signSeq: alan(rs).seq, reason: 'a figure to correct' },
      } as TrailRecord,
      forgedSign(alan(rs), (s) => (s.at = '2017-08-11T23:10:00.000Z')),
      forgedSign(keith(rs), (s) => (s.at = '2017-08-11T23:20:00.000Z')),
    ],
    'out-of-order',
  ],
  [
    'a signature over the whole return appended to a return signed per owner',
    () => melton,
    (rs) => [
      ...rs,
      forgedSign(keith(rs), (s) => {
        delete s.payload.scope;
        s.actor = { name: 'Mallory Evans', source: 'typed' };
        s.at = '2017-08-11T23:00:00.000Z';
      }),
    ],
    'not-owner',
  ],
  [
    'a responsible officer signing figures other than the compiler’s',
    () => melton,
    (rs) =>
      rs.map((r) => {
        if (r.seq !== dawn(rs).seq) return r;
        const s = clone(r) as SignRecord;
        const first = Object.keys(s.payload.scope!.indicators)[0];
        s.payload.scope!.indicators[first] = '0123456789abcdef';
        return s;
      }),
    'out-of-order',
  ],
  // The mixed return: the second sheet names no owners
  [
    'the whole-return route claimed for an indicator the grid assigns',
    () => mixed,
    (rs) => [
      ...rs,
      forgedSign(signOf(rs, 'Housing Data Officer'), (s) => {
        s.payload.role = 'compiler';
        s.payload.scope!.indicators = {
          'Corporate PIs|CS01': Object.values(signOf(rs, 'Alan Pritchard').payload.scope!.indicators)[0],
        };
        s.at = '2017-08-11T23:00:00.000Z';
      }),
    ],
    'not-owner',
  ],
  [
    'the whole-return compiler of the unowned sheet signs it again as responsible officer',
    () => mixed,
    (rs) => [
      ...before(rs, 'responsible-officer'),
      forgedSign(signOf(rs, 'Housing Performance Lead'), (s) => {
        s.actor = { name: 'housing data officer', source: 'typed' };
      }),
    ],
    'same-person',
  ],
  [
    'the unowned sheet’s head of service signs before its responsible officer',
    () => mixed,
    (rs) => without(rs, blockOf(rs, signOf(rs, 'Housing Performance Lead'))),
    'out-of-order',
  ],
  // Signed as a whole (the grid names no owners)
  [
    'as a whole: the head of service signs with no responsible officer',
    () => whole,
    (rs) => without(rs, blockOf(rs, signOf(rs, 'Bob Jones'))),
    'out-of-order',
  ],
  [
    'as a whole: the compiler signs as responsible officer, spelt "A. Smith"',
    () => whole,
    (rs) =>
      rs.map((r) =>
        r.seq === signOf(rs, 'Bob Jones').seq
          ? ({ ...clone(r), actor: { name: 'A. Smith', source: 'typed' } } as TrailRecord)
          : r,
      ),
    'same-person',
  ],
  [
    'as a whole: the compiler certifies as "Dr Ann Smith"',
    () => whole,
    (rs) =>
      rs.map((r) =>
        r.seq === signOf(rs, 'Cat Lee').seq
          ? ({ ...clone(r), actor: { name: 'Dr Ann Smith', source: 'typed' } } as TrailRecord)
          : r,
      ),
    'same-person',
  ],
  [
    'as a whole: the responsible officer certifies as "JONES, Bob"',
    () => whole,
    (rs) =>
      rs.map((r) =>
        r.seq === signOf(rs, 'Cat Lee').seq
          ? ({ ...clone(r), actor: { name: 'JONES, Bob', source: 'typed' } } as TrailRecord)
          : r,
      ),
    'same-person',
  ],
  [
    'as a whole: a signature over a check with errors',
    () => whole,
    (rs) =>
      rs.map((r) => {
        if (r.seq !== signOf(rs, 'Ann Smith').seq) return r;
        const s = clone(r) as SignRecord;
        s.payload.check.errorsOn = [''];
        return s;
      }),
    'signed-with-errors',
  ],
  [
    'as a whole: warnings due and none acknowledged',
    () => whole,
    (rs) =>
      rs.map((r) => {
        if (r.seq !== signOf(rs, 'Bob Jones').seq) return r;
        const s = clone(r) as SignRecord;
        s.payload.check.warningsDue = 1;
        return s;
      }),
    'warnings-unacknowledged',
  ],
  [
    'as a whole: the head of service dated two days before the responsible officer',
    () => whole,
    (rs) => rs.map((r) => (r.seq === signOf(rs, 'Cat Lee').seq ? at(r, '2017-08-09T09:00:00.000Z') : r)),
    'time-backwards',
  ],
  [
    'as a whole: a second head of service signature over the same figures',
    () => whole,
    (rs) => [
      ...rs,
      forgedSign(signOf(rs, 'Cat Lee'), (s) => {
        s.actor = { name: 'Dan Moss', source: 'typed' };
        s.at = '2017-08-11T23:00:00.000Z';
      }),
    ],
    'signed-twice',
  ],
  [
    'as a whole: the responsible officer signs figures other than the compiler’s',
    () => whole,
    (rs) =>
      rs.map((r) => {
        if (r.seq !== signOf(rs, 'Bob Jones').seq) return r;
        const s = clone(r) as SignRecord;
        s.payload.fingerprint = 'f'.repeat(64);
        return s;
      }),
    'out-of-order',
  ],
];

test(`${FORGERIES.length} forged or reordered trails, each chain recomputed: every one verifies and is caught by the rule it breaks`, () => {
  expect(FORGERIES.length).toBeGreaterThanOrEqual(25);
  for (const [description, trail, forge, breaks] of FORGERIES) {
    const signed = trail();
    const forged = rechain(forge(clone(signed.records)));
    const a = audit(signed, forged);
    expect([description, a.verification.ok]).toEqual([description, true]);
    expect([description, a.replay.findings.map((f) => f.code)]).toEqual([
      description,
      expect.arrayContaining([breaks]),
    ]);
    expect([description, a.status, a.findings]).toEqual([description, 'rules-broken', true]);
  }
});

/** Write a forged trail into the workbook, chain and head recomputed, the rest of the file as it was. */
async function writeTrail(file: string, records: TrailRecord[]): Promise<void> {
  const bytes = fs.readFileSync(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(readTrailRows(wb).length).toBeGreaterThan(0);
  wb.removeWorksheet(wb.getWorksheet('OutturnTrail')!.id);
  appendTrailRows(wb, records);
  const last = records[records.length - 1];
  await writeWorkbookWithHead(wb, file, { seq: last.seq, hash: last.hash }, bytes);
}

test('outturn audit on the forged workbook: exit 1, the rule named; with the receipt it DIFFERS; the matrix ignores the forger', async () => {
  const file = path.join(tmpDir(), 'forged.xlsx');
  fs.copyFileSync(melton.file, file);
  fs.copyFileSync(receiptPath(melton.file), receiptPath(file));
  const forged = rechain([
    ...clone(melton.records),
    forgedSign(keith(melton.records), (s) => {
      s.actor = { name: 'Mallory Evans', source: 'typed' };
      s.at = '2014-01-01T09:00:00.000Z';
    }),
  ]);
  await writeTrail(file, forged);
  const a = await run(['audit', file, '--receipt', receiptPath(file)], { now: '2017-08-12T09:00:00Z' });
  expect(a.code).toBe(1);
  expect(a.stdout).toContain('Verification: UNBROKEN.');
  expect(a.stdout).toMatch(/Sign-off rules: BROKEN\. 1 record the rules would have refused/);
  expect(a.stdout).toMatch(/time-backwards +Record \d+: sign by Mallory Evans is dated 2014-01-01T09:00:00.000Z/);
  expect(a.stdout).toMatch(
    /not-owner +Record 19: Mallory Evans as head of service for CS01, CS02, CS03, CS04, CS05, CS06: Keith Aubrey is named for CS01, CS02, CS03, CS04, CS05, CS06, and no delegation is recorded/,
  );
  expect(a.stdout).toContain('DIFFERS.');
  expect(a.stdout).not.toMatch(/signed Mallory Evans/);
  expect(a.stdout).toMatch(/ {2}CS01 +signed Alan Pritchard +signed Dawn Garton +signed Keith Aubrey\n/);
  const j = JSON.parse((await run(['audit', file, '--format', 'json'])).stdout) as {
    status: string;
    rules: { ok: boolean; findings: { code: string }[] };
  };
  expect(j.status).toBe('rules-broken');
  expect(j.rules.ok).toBe(false);
  expect(j.rules.findings.map((f) => f.code)).toEqual(['time-backwards', 'signed-twice', 'not-owner']);
});
