import { canonicalJson } from '../../src/signoff/canonical-json';
import { ZERO_HASH, sha256Hex } from '../../src/signoff/sha256';
import {
  chainRecords,
  parseHead,
  formatHead,
  recordHash,
  verifyTrail,
  appendWithRetry,
  TrailConflictError,
  type TrailRecord,
  type StoredEntry,
  type ChainHead,
  type TrailStore,
  type LoadedTrail,
  type RecordDraft,
} from '../../src/signoff/trail';
import { recordToRow, rowToEntry, rowsToEntries, splitJson, JSON_CHUNK } from '../../src/signoff/storage-rows';
import { checkDraft } from '../../src/signoff/rules';
import { figures } from './helpers';

const ann = { name: 'Ann Smith', source: 'typed' as const };

function sampleTrail(): TrailRecord[] {
  const f = figures();
  const drafts: RecordDraft[] = [
    checkDraft(f, ann, '2017-08-09T09:00:00.000Z'),
    {
      type: 'sign',
      at: '2017-08-09T09:05:00.000Z',
      actor: ann,
      payload: {
        role: 'compiler',
        statement: 'I confirm …',
        fingerprint: f.fingerprint.hash,
        sheets: ['Performance'],
        check: { seq: 1, counts: f.counts, configDigest: f.configDigest },
        acknowledgements: [],
      },
    },
    checkDraft(
      f,
      { name: 'Bob Jones', upn: 'bob.jones@melton.gov.uk', source: 'office-account' },
      '2017-08-10T10:00:00.000Z',
    ),
    {
      type: 'withdraw',
      at: '2017-08-10T10:30:00.000Z',
      actor: ann,
      payload: { role: 'compiler', signSeq: 2, reason: 'Wrong source file used for PI 3.' },
    },
    {
      type: 'config',
      at: '2017-08-10T11:00:00.000Z',
      actor: ann,
      payload: { configDigest: sha256Hex('{}'), config: { deadlineDays: 12 } },
    },
  ];
  return chainRecords(null, drafts);
}

const entries = (records: unknown[]): StoredEntry[] => records.map((raw) => ({ raw: JSON.parse(JSON.stringify(raw)) }));
const headOf = (records: TrailRecord[]): ChainHead => ({
  seq: records[records.length - 1].seq,
  hash: records[records.length - 1].hash,
});

describe('hash chain', () => {
  test('records are numbered from 1, linked by prev, and hash their canonical JSON', () => {
    const t = sampleTrail();
    expect(t.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(t[0].prev).toBe(ZERO_HASH);
    for (let i = 1; i < t.length; i++) expect(t[i].prev).toBe(t[i - 1].hash);
    const { hash, ...rest } = t[2];
    expect(hash).toBe(sha256Hex(canonicalJson(rest)));
    expect(t[0].payload).not.toHaveProperty('indicatorHashes.undefined');
  });

  test('an untouched trail verifies', () => {
    const t = sampleTrail();
    const v = verifyTrail(entries(t), headOf(t));
    expect(v).toMatchObject({ ok: true, firstBrokenSeq: null, verifiedThrough: 5 });
    expect(v.reason).toBe(
      "The trail is unbroken: 5 records, each linked to the one before, ending in the record the workbook's chain head names.",
    );
  });

  test('an edited field is found at its record', () => {
    const t = JSON.parse(JSON.stringify(sampleTrail()));
    t[3].payload.reason = 'Nothing wrong.';
    const v = verifyTrail(entries(t), headOf(t));
    expect(v).toMatchObject({ ok: false, firstBrokenSeq: 4, verifiedThrough: 3 });
    expect(v.reason).toBe('Record 4 was altered after it was written: its contents no longer match its hash.');
  });

  test('an edited time (at) in the first record breaks it', () => {
    const t = JSON.parse(JSON.stringify(sampleTrail()));
    t[0].at = '2017-08-08T09:00:00.000Z';
    expect(verifyTrail(entries(t), headOf(t))).toMatchObject({ ok: false, firstBrokenSeq: 1 });
  });

  test('an edited record whose hash was recomputed breaks the link of the next', () => {
    const t = JSON.parse(JSON.stringify(sampleTrail()));
    t[1].actor.name = 'Carol White';
    t[1].hash = recordHash(t[1]);
    const v = verifyTrail(entries(t), headOf(t));
    expect(v).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    expect(v.reason).toBe('Record 3 does not link to record 2: a record before it was replaced or altered.');
  });

  test('a deleted record is found', () => {
    const t = sampleTrail();
    const v = verifyTrail(entries([t[0], t[1], t[3], t[4]]), headOf(t));
    expect(v).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    expect(v.reason).toBe('Record 3 is missing: record 4 stands in its place.');
  });

  test('two swapped records are found', () => {
    const t = sampleTrail();
    const v = verifyTrail(entries([t[0], t[2], t[1], t[3], t[4]]), headOf(t));
    expect(v).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    expect(v.reason).toBe('Records are out of order: record 3 stands where record 2 should be.'); // as docs/STORAGE.md says
  });

  test('truncation is found through the chain head', () => {
    const t = sampleTrail();
    const v = verifyTrail(entries(t.slice(0, 3)), headOf(t));
    expect(v).toMatchObject({ ok: false, firstBrokenSeq: 4, verifiedThrough: 3 });
    expect(v.reason).toBe(
      "The trail ends at record 3 but the workbook's chain head says it ends at record 5: records were removed from the end.",
    );
    expect(verifyTrail([], headOf(t))).toMatchObject({ ok: false, firstBrokenSeq: 1 });
  });

  test('a whole trail replaced by a self-consistent forged chain fails on the head', () => {
    const t = sampleTrail();
    const forged = chainRecords(
      null,
      t.map(
        (r) =>
          ({
            type: r.type,
            at: r.at,
            actor: r.type === 'sign' ? { name: 'Mallory', source: 'typed' } : r.actor,
            payload: r.payload,
          }) as RecordDraft,
      ),
    );
    expect(verifyTrail(entries(forged), null).ok).toBe(false);
    const v = verifyTrail(entries(forged), headOf(t));
    expect(v).toMatchObject({ ok: false, firstBrokenSeq: 5, verifiedThrough: 5 });
    expect(v.reason).toBe(
      "The trail does not end in the record the workbook's chain head names: it was replaced or re-written.",
    );
  });

  test('a missing head is reported; records added without moving the head too', () => {
    const t = sampleTrail();
    expect(verifyTrail(entries(t), null)).toMatchObject({ ok: false, firstBrokenSeq: null });
    expect(verifyTrail(entries(t), { seq: 3, hash: t[2].hash })).toMatchObject({ ok: false, firstBrokenSeq: 4 });
    expect(verifyTrail([], null)).toMatchObject({ ok: true, reason: 'The trail is empty.' });
  });

  test('a record with an invalid field is reported, not thrown', () => {
    const t = JSON.parse(JSON.stringify(sampleTrail()));
    t[2].type = 'sign';
    const v = verifyTrail(entries(t), headOf(t));
    expect(v.ok).toBe(false);
    expect(v.firstBrokenSeq).toBe(3);
    expect(v.reason).toMatch(/^Record 3 is not a valid trail record \(payload\./);
  });

  test('head text round-trips, with or without a formula wrapper', () => {
    const h = { seq: 12, hash: 'ab'.repeat(32) };
    expect(formatHead(h)).toBe(`12:${'ab'.repeat(32)}`);
    expect(parseHead(formatHead(h))).toEqual(h);
    expect(parseHead(`="${formatHead(h)}"`)).toEqual(h);
    expect(parseHead('12:xyz')).toBeNull();
  });
});

describe('storage rows', () => {
  test('a record becomes readable columns plus its JSON, and reads back', () => {
    const [r] = sampleTrail();
    const row = recordToRow(r);
    expect(row.slice(0, 6)).toEqual([1, '2017-08-09T09:00:00.000Z', 'check', 'Ann Smith', r.hash, ZERO_HASH]);
    expect(JSON.parse(row[6] as string)).toEqual(r);
    // The JSON as stored comes with it: verification reads each stored text once.
    expect(rowToEntry(row)).toEqual({ raw: r, text: row[6] });
    // Office.js may hand the seq back as text: still the same record.
    expect(rowToEntry(['1', ...row.slice(1)])).toEqual({ raw: r, text: row[6] });
  });

  test('a readable column that disagrees with the JSON is a problem', () => {
    const [r] = sampleTrail();
    const row = recordToRow(r);
    row[3] = 'Someone Else';
    expect(rowToEntry(row).problem).toBe(
      `its 'actor' column says "Someone Else" but its record JSON says "Ann Smith".`,
    );
    expect(rowToEntry([1, 'x', 'check', '', 'h', 'p', '{not json']).problem).toBe('the record JSON is not valid JSON.');
  });

  test('JSON longer than a cell holds is split into safe chunks and joined back', () => {
    const long = JSON.stringify({ note: `${'x'.repeat(JSON_CHUNK - 10)}=-+@${'y'.repeat(40_000)}` });
    const parts = splitJson(long);
    expect(parts.length).toBe(3);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(32_767);
      expect(p).not.toMatch(/^[=+\-@']/);
    }
    expect(parts.join('')).toBe(long);
  });

  test('trailing blank rows are ignored', () => {
    const t = sampleTrail();
    const rows = [...t.map(recordToRow), [null, null], []];
    expect(rowsToEntries(rows)).toHaveLength(5);
  });
});

describe('append with conflict detection', () => {
  class MemoryStore implements TrailStore {
    rows: TrailRecord[] = [];
    head: ChainHead | null = null;
    /** Simulate a co-author appending just before our write, `times` times. */
    interlopers = 0;
    async load(): Promise<LoadedTrail> {
      return { entries: entries(this.rows), head: this.head };
    }
    async append(records: TrailRecord[], expectedSeq: number) {
      if (this.interlopers > 0) {
        this.interlopers--;
        const last = this.rows[this.rows.length - 1];
        const [other] = chainRecords(last ? { seq: last.seq, hash: last.hash } : null, [
          checkDraft(figures(), { name: 'Co Author', source: 'typed' }, '2017-08-09T09:00:01.000Z'),
        ]);
        this.rows.push(other);
        this.head = { seq: other.seq, hash: other.hash };
      }
      if (this.rows.length !== expectedSeq)
        return { ok: false as const, conflict: true as const, storedSeq: this.rows.length };
      this.rows.push(...records);
      this.head = headOf(this.rows);
      return { ok: true as const, records };
    }
  }
  const draft = () => ({ drafts: [checkDraft(figures(), ann, '2017-08-09T09:00:00.000Z')] });

  test('a conflict is retried on the fresh trail: no two records share a seq', async () => {
    const store = new MemoryStore();
    await appendWithRetry(store, draft);
    store.interlopers = 1;
    const out = await appendWithRetry(store, draft);
    expect('written' in out && out.written.map((r) => r.seq)).toEqual([3]);
    expect(store.rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(verifyTrail(entries(store.rows), store.head).ok).toBe(true);
  });

  test('persistent conflicts are reported, nothing written by us', async () => {
    const store = new MemoryStore();
    store.interlopers = 3;
    await expect(appendWithRetry(store, draft)).rejects.toThrow(TrailConflictError);
    expect(store.rows.every((r) => r.actor?.name === 'Co Author')).toBe(true);
  });

  test('the builder may refuse after re-reading', async () => {
    const store = new MemoryStore();
    const out = await appendWithRetry(store, () => ({ refusal: 'no' }));
    expect(out).toEqual({ refusal: 'no' });
  });
});
