/**
 * The audit trail: append-only, hash-chained records. Each record holds the hash of the
 * one before it (64 zeros for the first) and its own hash over its canonical JSON without
 * the hash field. The workbook keeps the last record's seq and hash a second time, in the
 * defined name OutturnTrailHead, so truncation or a wholesale replacement shows too.
 */
import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import { sha256Hex, ZERO_HASH } from './sha256';
import { Identity, SignRole } from './roles';
import { SignedFigures } from './signed-figures';

export const TRAIL_VERSION = 1;

/*
 * The record schemas are built the first time a trail is read (z.lazy): building them costs a
 * command that reads no trail — `outturn check` of an unsigned return — some 18 ms of its
 * start-up (issue #25, docs/BENCHMARKS.md). z.lazy builds each once and keeps it.
 */
const hex64 = () => z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex characters');

export const CheckCounts = z.lazy(() =>
  z.object({
    errors: z.number().int().min(0),
    warnings: z.number().int().min(0),
    info: z.number().int().min(0),
    indicators: z.number().int().min(0),
  }),
);
export type CheckCounts = z.infer<typeof CheckCounts>;

/** A warning the signer accepts, with the reason they gave. */
export const Acknowledgement = z.lazy(() =>
  z.object({
    sheet: z.string(),
    cell: z.string().nullable(),
    rule: z.string(),
    ref: z.string().nullable(),
    message: z.string(),
    reason: z.string().min(1),
  }),
);
export type Acknowledgement = z.infer<typeof Acknowledgement>;

/** Per-indicator hashes ("Sheet|PI 12" -> 16 hex characters). */
const IndicatorHashes = () => z.record(z.string(), z.string());

export const CheckPayload = z.lazy(() =>
  z.object({
    fingerprint: hex64(),
    indicatorHashes: IndicatorHashes().optional(),
    counts: CheckCounts,
    /** SHA-256 of the rule configuration the check ran with. */
    configDigest: hex64(),
    /** Where the grids were found, e.g. 'Sheet1!A3:T40'. */
    grids: z.array(z.string()),
    /** 'add-in' or 'cli'. */
    source: z.enum(['add-in', 'cli']),
  }),
);

export const AcknowledgePayload = z.lazy(() =>
  z.object({
    /** The check record whose warnings these are. */
    checkSeq: z.number().int().min(1),
    acknowledgements: z.array(Acknowledgement),
    /** The one reason given for all warnings, when they were acknowledged in bulk. */
    bulkReason: z.string().optional(),
  }),
);

/**
 * What a per-owner signature covers: the indicators the grid assigns to the signer (or to
 * the person they sign for, by delegation), each with its own fingerprint. Absent on a
 * whole-return signature (the grid names no owners, or written before per-owner sign-off).
 */
export const SignScope = z.lazy(() =>
  z.object({
    /** Indicator key ('Sheet|CS01') -> its per-indicator fingerprint when signed. */
    indicators: z.record(z.string(), z.string()),
    /** The grid's name for the owner signed for. */
    owner: z.string().min(1),
    /**
     * How the signer's name matched the grid: word for word, by initials, signed for someone
     * else, or 'unassigned': indicators that name nobody in the role, signed by the whole return's role.
     */
    match: z.enum(['exact', 'initials', 'delegated', 'unassigned']),
    /** Signing for someone else's indicators: who, and why. */
    delegation: z.object({ for: z.string().min(1), reason: z.string().min(1) }).optional(),
    /** The service areas of the indicators covered (a head of service certifies theirs). */
    serviceAreas: z.array(z.string()).optional(),
    /** Key -> header -> canonical cell text, so a later change can be told as old → new. */
    figures: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  }),
);
export type SignScope = z.infer<typeof SignScope>;

export const SignPayload = z.lazy(() =>
  z.object({
    role: SignRole,
    statement: z.string().min(1),
    fingerprint: hex64(),
    indicatorHashes: IndicatorHashes().optional(),
    /** The sheets whose grids the fingerprint covers (so staleness is judged on the same sheets). */
    sheets: z.array(z.string()),
    /**
     * The check run the signature relied on. Per owner, also what the audit replays it by:
     * the indicators that had errors ('' for errors about no indicator) and how many warnings
     * were on what the signature covers.
     */
    check: z.object({
      seq: z.number().int().min(1),
      counts: CheckCounts,
      configDigest: hex64(),
      errorsOn: z.array(z.string()).optional(),
      warningsDue: z.number().int().min(0).optional(),
    }),
    acknowledgements: z.array(Acknowledgement),
    scope: SignScope.optional(),
    /** A whole-return signature's figures (signed-figures.ts), the next period's reference; absent before they were kept. */
    figures: SignedFigures.optional(),
    /**
     * The working papers the signer named: from `sign --evidence`, indicator ref, file name and SHA-256 of its bytes;
     * from the pane, which cannot read local files, indicator ref and the link where they are kept (not hashed).
     */
    evidence: z
      .array(
        z.union([
          z.object({ ref: z.string().min(1), file: z.string().min(1), sha256: hex64() }),
          z.object({ ref: z.string().min(1), link: z.string().min(1) }),
        ]),
      )
      .optional(),
  }),
);

export const WithdrawPayload = z.lazy(() =>
  z.object({
    role: SignRole,
    /** The sign record withdrawn. */
    signSeq: z.number().int().min(1),
    reason: z.string().min(1),
  }),
);

/**
 * A figure (or target) of an already-reported period restated, with the reason: the
 * reliability check reads it as the reason the figure moved. Not a signature: the sign-off
 * rules and their replay pass over it.
 */
export const RestatePayload = z.lazy(() =>
  z.object({
    /** The indicator's ref as written in the grid. */
    indicator: z.string().min(1),
    /** The period (or target) label as written ('May', 'Q2 2019/20', 'Target'). */
    period: z.string().min(1),
    /** The figure as it was reported, as shown; null when not known. */
    old: z.string().nullable(),
    /** The figure now, as shown; null when the cell is empty. */
    new: z.string().nullable(),
    reason: z.string().min(1),
    sheet: z.string().optional(),
  }),
);

/** Who may repair a broken trail: the head of service, or an auditor. */
export const RepairRole = z.enum(['head-of-service', 'auditor']);
export type RepairRole = z.infer<typeof RepairRole>;

/**
 * A broken trail repaired (docs/STORAGE.md, "Repair"): the break as verification told it, the
 * broken rows kept word for word, and a digest of every row before this record, so the trail
 * goes on from here while the break and the repair stay in it for every later audit.
 */
export const RepairPayload = z.lazy(() =>
  z.object({
    role: RepairRole,
    reason: z.string().min(1),
    /** What verification said was broken when the repair was made, word for word. */
    broke: z.string().min(1),
    /** Seq (position) of the first record that failed; null when no record could be blamed. */
    firstBrokenSeq: z.number().int().min(1).nullable(),
    /** The stored rows from the first broken one on, each row's record JSON as stored, in stored order. */
    segment: z.array(z.string()),
    /** SHA-256 over every stored row before this record (rowsDigest): nothing before it may change after. */
    rowsDigest: hex64(),
    /** The workbook's chain head when repaired ('seq:hash'), or null when it had none. */
    head: z.string().nullable(),
  }),
);

export const ConfigPayload = z.lazy(() =>
  z.object({
    configDigest: hex64(),
    config: z.unknown(),
  }),
);

const base = () => ({
  v: z.literal(TRAIL_VERSION),
  seq: z.number().int().min(1),
  prev: hex64(),
  /** UTC, ISO 8601 with milliseconds ('2026-11-22T13:45:00.000Z'). */
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, 'must be a UTC ISO time'),
  actor: Identity.nullable(),
  hash: hex64(),
  /**
   * Other records this one was made after, besides `prev`: the ends of branches made at the
   * same moment by co-authors, so that no record is left that a later one does not vouch for.
   */
  also: z.array(hex64()).optional(),
});

export const TrailRecord = z.lazy(() => {
  const fields = base();
  return z.discriminatedUnion('type', [
    z.object({ ...fields, type: z.literal('check'), payload: CheckPayload }),
    z.object({ ...fields, type: z.literal('acknowledge'), payload: AcknowledgePayload }),
    z.object({ ...fields, type: z.literal('sign'), payload: SignPayload }),
    z.object({ ...fields, type: z.literal('withdraw'), payload: WithdrawPayload }),
    z.object({ ...fields, type: z.literal('config'), payload: ConfigPayload }),
    z.object({ ...fields, type: z.literal('restate'), payload: RestatePayload }),
    z.object({ ...fields, type: z.literal('repair'), payload: RepairPayload }),
  ]);
});
export type TrailRecord = z.infer<typeof TrailRecord>;
export type RecordType = TrailRecord['type'];
export type SignRecord = Extract<TrailRecord, { type: 'sign' }>;
export type CheckRecord = Extract<TrailRecord, { type: 'check' }>;
export type WithdrawRecord = Extract<TrailRecord, { type: 'withdraw' }>;
export type RestateRecord = Extract<TrailRecord, { type: 'restate' }>;
export type RepairRecord = Extract<TrailRecord, { type: 'repair' }>;

/** A record before it is chained: what happened, by whom, when. */
export type RecordDraft = {
  [T in RecordType]: {
    type: T;
    at: string;
    actor: Identity | null;
    payload: Extract<TrailRecord, { type: T }>['payload'];
  };
}[RecordType];

/** The last record's seq and hash, kept apart from the trail (defined name OutturnTrailHead). */
export interface ChainHead {
  seq: number;
  hash: string;
}

export function formatHead(head: ChainHead): string {
  return `${head.seq}:${head.hash}`;
}

/** 'seq:hash' (optionally with the quotes or '=' of a name formula) to a ChainHead; null if unreadable. */
export function parseHead(text: string | null | undefined): ChainHead | null {
  if (!text) return null;
  const m = /^=?"?(\d+):([0-9a-f]{64})"?$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2] } : null;
}

/** A record's hash: SHA-256 of the canonical JSON of everything but the hash field. */
export function recordHash(raw: Record<string, unknown>): string {
  const { hash: _hash, ...rest } = raw;
  const text = canonicalJson(rest);
  // Every load of a trail verifies every record again; the same text always hashes the same.
  let hash = hashes.get(text);
  if (hash === undefined) {
    if (hashes.size >= HASHES_KEPT) hashes.clear();
    hash = sha256Hex(text);
    hashes.set(text, hash);
  }
  return hash;
}

const HASHES_KEPT = 4096;
const hashes = new Map<string, string>();

type ReadRecord =
  { success: true; data: TrailRecord; hashed: boolean } | { success: false; error: z.ZodError; hashed: false };

/**
 * A stored record validated, and whether it hashes to its hash. Every load of a trail verifies
 * every record again (twice when the trail is forked), so the outcome is kept per record text.
 */
function readRecord(raw: unknown, stored?: string): ReadRecord {
  const text = stored ?? (raw !== null && typeof raw === 'object' ? canonicalJson(raw) : null);
  const known = text === null ? undefined : reads.get(text);
  if (known) return known;
  const parsed = TrailRecord.safeParse(raw);
  const out: ReadRecord = parsed.success
    ? { success: true, data: parsed.data, hashed: recordHash(raw as Record<string, unknown>) === parsed.data.hash }
    : { success: false, error: parsed.error, hashed: false };
  if (text !== null) {
    if (reads.size >= HASHES_KEPT) reads.clear();
    reads.set(text, out);
  }
  return out;
}

const reads = new Map<string, ReadRecord>();

/** Chain drafts onto a trail whose last record is `last` (null for an empty trail). */
export function chainRecords(
  last: ChainHead | null,
  drafts: readonly RecordDraft[],
  /** Ends of concurrent branches the first record also follows (see `also`). */
  also: readonly string[] = [],
): TrailRecord[] {
  let prev = last ?? { seq: 0, hash: ZERO_HASH };
  return drafts.map((d, i) => {
    const body = {
      v: TRAIL_VERSION,
      seq: prev.seq + 1,
      prev: prev.hash,
      also: i === 0 && also.length ? [...also] : undefined,
      at: d.at,
      type: d.type,
      actor: d.actor,
      payload: d.payload,
    };
    // Round-trip through canonical JSON so the stored record is exactly what was hashed
    // (undefined fields dropped), and validate it before it can reach a workbook.
    const plain = JSON.parse(canonicalJson(body)) as Record<string, unknown>;
    const record = TrailRecord.parse({ ...plain, hash: recordHash(plain) });
    prev = { seq: record.seq, hash: record.hash };
    return record;
  });
}

export interface StoredEntry {
  /** The record as parsed from storage (unvalidated), or undefined when it could not be read. */
  raw: unknown;
  /** Why the stored row could not be read as a record (bad JSON, columns disagree). */
  problem?: string;
  /** The row is blank: a gap between records, as appends spread out for co-authoring leave. */
  gap?: boolean;
  /** The record JSON as stored, when read from a row (what `raw` was parsed from). */
  text?: string;
}

/** Records made on the same predecessor by people appending at the same moment: a fork, not a break. */
export interface ConcurrentRecords {
  /** Hash of the record they were all made after (64 zeros: the start of the trail). */
  after: string;
  /** Their seqs and hashes, in stored order. */
  records: { seq: number; hash: string }[];
}

export interface Verification {
  ok: boolean;
  /** Seq (1-based position) of the first record that fails; null when ok or when no record can be blamed. */
  firstBrokenSeq: number | null;
  /** One sentence; 'The trail is unbroken: N records, …' when ok. */
  reason: string;
  /** Records 1 … verifiedThrough link and hash correctly (before any head check). */
  verifiedThrough: number;
  /** Every record that could be read, in stored order (validated). */
  records: TrailRecord[];
  /** Forks: records made at the same moment on the same predecessor (empty for a trail with none). */
  concurrent?: ConcurrentRecords[];
  /** Repairs of earlier breaks, oldest first: each break and its repair stay reported for good. */
  repairs?: RepairReport[];
}

/** A break that was repaired, as every later verification reports it. */
export interface RepairReport {
  repair: RepairRecord;
  /** What was broken, as verification said it when the repair was made. */
  broke: string;
  /** The records of the broken segment, as they were stored (a row that cannot be read: null). */
  affected: ({ seq: number; hash: string; type: string } | null)[];
}

/** SHA-256 over the stored rows (blank rows left out), each as its record JSON: what a repair vouches for. */
export function rowsDigest(entries: readonly StoredEntry[]): string {
  return sha256Hex(canonicalJson(entries.filter((e) => !e.gap).map(entryText)));
}

/** A stored row's record JSON as stored ('' for a row with none). */
export function entryText(e: StoredEntry): string {
  return e.text ?? (e.raw === undefined ? '' : canonicalJson(e.raw));
}

/** Where a trail starts: before its first record, or at a repair record. */
const GENESIS: ChainHead = { seq: 0, hash: ZERO_HASH };

/**
 * Verify the chain: each record valid, numbered 1, 2, 3 … in order, linked to the one
 * before by `prev`, hashing to its `hash`; and the last one matching the head kept in
 * the workbook. Reports the first broken link. A trail that co-authors appended to at the
 * same moment (gaps between rows, records forking from one predecessor) verifies when every
 * record links to one stored before it and each fork is vouched for (verifyForkedTrail);
 * otherwise the first broken link is reported exactly as for a trail written by one.
 */
export function verifyTrail(entries: readonly StoredEntry[], head: ChainHead | null): Verification {
  // The last repair record decides: the rows before it must be exactly as repaired, the rows after verify from it.
  const at = lastRepairIndex(entries);
  if (at < 0) return verifySegment(entries, head, GENESIS);
  const repair = (readRecord(entries[at].raw, entries[at].text) as { data: TrailRecord }).data as RepairRecord;
  const before = entries.slice(0, at);
  const repaired = verifyTrail(before, parseHead(repair.payload.head));
  const report: RepairReport = {
    repair,
    broke: repair.payload.broke,
    affected: repair.payload.segment.map((text) => {
      try {
        const r = JSON.parse(text) as { seq?: unknown; hash?: unknown; type?: unknown };
        return { seq: Number(r.seq), hash: String(r.hash), type: String(r.type) };
      } catch {
        return null;
      }
    }),
  };
  const repairs = [...(repaired.repairs ?? []), report];
  // The broken rows count for nothing (a signature among them must be made again); the repair keeps them verbatim.
  const kept = new Set(report.affected.map((a) => a?.hash));
  const earlier = [...repaired.records.filter((r) => !kept.has(r.hash)), repair];
  if (rowsDigest(before) !== repair.payload.rowsDigest) {
    return {
      ok: false,
      firstBrokenSeq: null,
      reason: `The rows before the repair record (record ${repair.seq}, made by ${repair.actor?.name ?? 'someone'}) were changed after the repair.`,
      verifiedThrough: 0,
      records: earlier,
      concurrent: [],
      repairs,
    };
  }
  const after = verifySegment(entries.slice(at + 1), head, { seq: repair.seq, hash: repair.hash });
  const n = repairs.length;
  return {
    ...after,
    reason: `${after.reason} ${n === 1 ? 'One break was' : `${n} breaks were`} repaired (see the repair record${n === 1 ? '' : 's'}).`,
    records: [...earlier, ...after.records],
    repairs,
  };
}

function lastRepairIndex(entries: readonly StoredEntry[]): number {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e.gap || e.problem || (e.raw as { type?: unknown } | undefined)?.type !== 'repair') continue;
    const read = readRecord(e.raw, e.text);
    if (read.success && read.hashed) return i;
  }
  return -1;
}

/** Verify rows that go on from `start` (the trail's beginning, or a repair record). */
function verifySegment(entries: readonly StoredEntry[], head: ChainHead | null, start: ChainHead): Verification {
  const linear = verifyLinearTrail(entries, head, start);
  if (linear.ok) return { ...linear, concurrent: [] };
  return verifyForkedTrail(entries, head, start) ?? { ...linear, concurrent: [] };
}

function verifyLinearTrail(entries: readonly StoredEntry[], head: ChainHead | null, start: ChainHead): Verification {
  const records: TrailRecord[] = [];
  let prev: ChainHead = start;
  let broken: { seq: number | null; reason: string } | null = null;
  for (let i = 0; i < entries.length; i++) {
    const seq = start.seq + i + 1;
    const e = entries[i];
    // A row with a problem is still listed when its JSON reads as a record, so it can be shown as the broken one.
    const parsed = e.raw === undefined ? null : readRecord(e.raw, e.text);
    if (parsed?.success) records.push(parsed.data);
    if (broken) continue;
    if (e.problem) {
      broken = { seq, reason: `Record ${seq} cannot be read: ${e.problem}` };
    } else if (!parsed || !parsed.success) {
      const issue = parsed?.error.issues[0];
      broken = {
        seq,
        reason: `Record ${seq} is not a valid trail record (${issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'unreadable'}).`,
      };
    } else if (!parsed.hashed) {
      broken = {
        seq,
        reason: `Record ${seq} was altered after it was written: its contents no longer match its hash.`,
      };
    } else if (parsed.data.seq !== seq) {
      broken = {
        seq,
        // A later row holding the record expected here means the rows were swapped, not that one is missing.
        reason:
          parsed.data.seq > seq &&
          !entries.slice(i + 1).some((later) => (later.raw as { seq?: unknown } | undefined)?.seq === seq)
            ? `Record ${seq} is missing: record ${parsed.data.seq} stands in its place.`
            : `Records are out of order: record ${parsed.data.seq} stands where record ${seq} should be.`,
      };
    } else if (parsed.data.prev !== prev.hash) {
      broken = {
        seq,
        reason: `Record ${seq} does not link to record ${seq - 1}: a record before it was replaced or altered.`,
      };
    } else {
      prev = { seq, hash: parsed.data.hash };
    }
  }
  const verifiedThrough = prev.seq;
  if (broken) return { ok: false, firstBrokenSeq: broken.seq, reason: broken.reason, verifiedThrough, records };
  const n = start.seq + entries.length;
  if (start.seq > 0 && entries.length === 0) {
    // Nothing after a repair yet: the head names the repair record.
    const named = head?.seq === start.seq && head.hash === start.hash;
    return {
      ok: named,
      firstBrokenSeq: named ? null : start.seq + 1,
      reason: named
        ? 'The trail is unbroken since the repair.'
        : "The workbook's chain head does not name the repair record, the last in the trail: records after it were removed.",
      verifiedThrough,
      records,
    };
  }
  if (!head) {
    if (n === 0) return { ok: true, firstBrokenSeq: null, reason: 'The trail is empty.', verifiedThrough, records };
    return {
      ok: false,
      firstBrokenSeq: null,
      reason:
        'The chain head (the workbook name OutturnTrailHead) is missing, so the trail cannot be shown to be complete or original.',
      verifiedThrough,
      records,
    };
  }
  if (head.seq > n) {
    return {
      ok: false,
      firstBrokenSeq: n + 1,
      reason:
        n === 0
          ? `The trail is empty but the workbook's chain head says it held ${head.seq} records: the trail was deleted.`
          : `The trail ends at record ${n} but the workbook's chain head says it ends at record ${head.seq}: records were removed from the end.`,
      verifiedThrough,
      records,
    };
  }
  if (head.seq < n) {
    return {
      ok: false,
      firstBrokenSeq: head.seq + 1,
      reason: `Records ${head.seq + 1} to ${n} were added without updating the workbook's chain head.`,
      verifiedThrough,
      records,
    };
  }
  if (head.hash !== prev.hash) {
    return {
      ok: false,
      firstBrokenSeq: n,
      reason: `The trail does not end in the record the workbook's chain head names: it was replaced or re-written.`,
      verifiedThrough,
      records,
    };
  }
  return {
    ok: true,
    firstBrokenSeq: null,
    reason:
      n === 0
        ? 'The trail is empty.'
        : `The trail is unbroken: ${n} record${n === 1 ? '' : 's'}, each linked to the one before, ending in the record the workbook's chain head names.`,
    verifiedThrough,
    records,
  };
}

/**
 * A trail co-authors appended to at the same moment: blank rows between records, and records
 * made on the same predecessor. It verifies when every row is a valid record hashing to its
 * hash, stored once, after the record its `prev` names (seq one more) and after every record
 * its `also` names; when the head names a stored record; and when every record the head does
 * not reach (through prev and also) sits on a branch that leaves from a record it does reach:
 * beside a reached record, or after a reached record other than the head's own.
 * Null when any of that fails: the caller then reports the first break as for a linear trail.
 */
function verifyForkedTrail(
  entries: readonly StoredEntry[],
  head: ChainHead | null,
  start: ChainHead,
): Verification | null {
  const records: TrailRecord[] = [];
  const byHash = new Map<string, TrailRecord>();
  for (const e of entries) {
    if (e.gap) continue;
    if (e.problem) return null;
    const parsed = readRecord(e.raw, e.text);
    if (!parsed.success || !parsed.hashed) return null;
    const r = parsed.data;
    if (byHash.has(r.hash)) return null;
    const before = byHash.get(r.prev);
    const linked = r.prev === start.hash ? r.seq === start.seq + 1 : before !== undefined && before.seq + 1 === r.seq;
    if (!linked || (r.also ?? []).some((h) => h !== start.hash && !byHash.has(h))) return null;
    byHash.set(r.hash, r);
    records.push(r);
  }
  if (!head) return null;
  const top = byHash.get(head.hash);
  if (!top || top.seq !== head.seq) return null;
  // Everything the head vouches for, through prev and also.
  const reached = new Set<string>();
  const stack = [top.hash];
  while (stack.length) {
    const h = stack.pop() as string;
    if (reached.has(h) || !byHash.has(h)) continue;
    reached.add(h);
    const r = byHash.get(h) as TrailRecord;
    stack.push(r.prev, ...(r.also ?? []));
  }
  const children = new Map<string, TrailRecord[]>();
  for (const r of records) children.set(r.prev, [...(children.get(r.prev) ?? []), r]);
  for (const r of records) {
    if (reached.has(r.hash)) continue;
    // Walk down to where this branch leaves what the head reaches: beside a reached record, or after one
    // that is not the head's (a co-author's head, written last, need not vouch for records still settling).
    // A record made after the head's own without updating the head is what truncation-proofing forbids.
    let first = r;
    while (first.prev !== start.hash && !reached.has(first.prev)) first = byHash.get(first.prev) as TrailRecord;
    const siblings = children.get(first.prev) ?? [];
    const beside = siblings.some((s) => s !== first && reached.has(s.hash));
    if (!beside && (first.prev === start.hash || first.prev === top.hash)) return null;
  }
  const concurrent: ConcurrentRecords[] = [...children.entries()]
    .filter(([, rs]) => rs.length > 1)
    .map(([after, rs]) => ({ after, records: rs.map((r) => ({ seq: r.seq, hash: r.hash })) }));
  const n = records.length;
  const forks = concurrent.reduce((k, c) => k + c.records.length, 0);
  return {
    ok: true,
    firstBrokenSeq: null,
    reason:
      `The trail is unbroken: ${n} record${n === 1 ? '' : 's'}, each linked to the one it was made after` +
      (forks ? `, ${forks} of them made at the same moment by co-authors (concurrent, not broken)` : '') +
      `, ending in the record the workbook's chain head names.`,
    verifiedThrough: n,
    records,
    concurrent,
  };
}

/**
 * Where the next record goes on: the record the head names (else the last stored), and the
 * ends of any other branches (records nothing was made after), which it vouches for in `also`.
 */
export function chainTip(
  verification: Verification,
  head: ChainHead | null,
  /** Whether a record may be built on (see TrailStore.settled); every record when absent. */
  settled?: (hash: string) => boolean,
): { tip: ChainHead | null; also: string[] } {
  // After a repair the trail goes on from the repair record: what came before it is kept, not built on.
  const lastRepair = verification.repairs?.[verification.repairs.length - 1]?.repair;
  const from = lastRepair ? verification.records.indexOf(lastRepair) : -1;
  const since = from >= 0 ? verification.records.slice(from) : verification.records;
  // A record a co-author's write still on its way could overwrite is not built on: if it were lost, ours would
  // dangle. The repair record is where the trail goes on from, settled or not.
  const records = settled ? since.filter((r) => r === lastRepair || settled(r.hash)) : since;
  if (!records.length) return { tip: null, also: [] };
  const latest = records.reduce((a, r) => (r.seq >= a.seq ? r : a), records[0]);
  const base = records.find((r) => r.hash === head?.hash) ?? (settled ? latest : records[records.length - 1]);
  if (!verification.concurrent?.length && !settled && from < 0)
    return { tip: { seq: base.seq, hash: base.hash }, also: [] };
  const followed = new Set(records.flatMap((r) => [r.prev, ...(r.also ?? [])]));
  const also = records.filter((r) => r !== base && !followed.has(r.hash)).map((r) => r.hash);
  return { tip: { seq: base.seq, hash: base.hash }, also };
}

/** What a store holds: the raw rows and the head. */
export interface LoadedTrail {
  entries: StoredEntry[];
  head: ChainHead | null;
}

export type AppendResult = { ok: true; records: TrailRecord[] } | { ok: false; conflict: true; storedSeq: number };

/**
 * Storage of a trail in a workbook (ExcelJS or Office.js). append() writes the records
 * only if the trail still ends at `expectedSeq`; otherwise it writes nothing and reports
 * a conflict (someone else appended meanwhile), so two writers never share a seq.
 */
export interface TrailStore {
  load(): Promise<LoadedTrail>;
  append(records: TrailRecord[], expectedSeq: number): Promise<AppendResult>;
  /**
   * Run a whole load-decide-append with the store to ourselves, where the store can lock
   * (a file on disk): concurrent signers then queue instead of conflicting.
   */
  exclusive?<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Whether a record has been in the trail long enough that no co-author's write still on its
   * way can overwrite it (a store shared by co-authors): appends then build only on such records.
   * Absent: every record stored is built on.
   */
  settled?(hash: string): boolean;
  /**
   * Clear the rows that still hold these records (this client's own, found lost in part): a write
   * is kept whole or not at all, so no record is left linking to one a co-author overwrote.
   */
  retract?(records: readonly TrailRecord[]): Promise<void>;
}

export class TrailConflictError extends Error {
  constructor() {
    super('Someone else kept writing to the audit trail at the same time; nothing was written. Please try again.');
    this.name = 'TrailConflictError';
  }
}

/**
 * Append with optimistic concurrency: build the drafts from the trail as it stands, try
 * to append at the next seq, and on a conflict re-read and build again (the builder may
 * now refuse, e.g. because someone else just signed the same role). Returns what was
 * written, or the builder's refusal.
 */
export async function appendWithRetry<R>(
  store: TrailStore,
  build: (trail: LoadedTrail, verification: Verification) => { drafts: RecordDraft[] } | { refusal: R },
  attempts = 3,
  loaded?: LoadedTrail,
): Promise<{ written: TrailRecord[]; trail: LoadedTrail } | { refusal: R }> {
  // A store that can lock is held for the whole loop: a conflict then means only that `loaded` was out of date.
  if (store.exclusive) return store.exclusive(() => appendAttempts(store, build, attempts, loaded));
  return appendAttempts(store, build, attempts, loaded);
}

async function appendAttempts<R>(
  store: TrailStore,
  build: (trail: LoadedTrail, verification: Verification) => { drafts: RecordDraft[] } | { refusal: R },
  attempts: number,
  loaded?: LoadedTrail,
): Promise<{ written: TrailRecord[]; trail: LoadedTrail } | { refusal: R }> {
  for (let i = 0; i < attempts; i++) {
    // A trail the caller has just loaded saves the first read; if it is out of date the append conflicts and the next attempt reads afresh.
    const trail = i === 0 && loaded ? loaded : await store.load();
    const verification = verifyTrail(trail.entries, trail.head);
    const built = build(trail, verification);
    if ('refusal' in built) return built;
    const n = trail.entries.length;
    const last = verification.records[verification.records.length - 1];
    // A trail with gaps or forks goes on from its head; a linear one exactly as before.
    const settled = store.settled?.bind(store);
    // A shared store always goes on from settled records, even past a break (a check is recorded on a broken trail too).
    const forked =
      !!settled ||
      !!verification.repairs?.length ||
      (verification.ok && (verification.concurrent?.length || trail.entries.some((e) => e.gap)));
    const { tip, also } = forked ? chainTip(verification, trail.head, settled) : { tip: null, also: [] };
    const tail: ChainHead | null = forked
      ? tip
      : n === 0
        ? null
        : { seq: n, hash: last && last.seq === n ? last.hash : (trail.head?.hash ?? ZERO_HASH) };
    const records = chainRecords(tail, built.drafts, also);
    const result = await store.append(records, n);
    if (result.ok) return { written: records, trail };
  }
  throw new TrailConflictError();
}

/**
 * Read after write: whether every record just written is in the trail as it now stands and
 * the trail verifies. Co-authoring has no transactions, so a write reported by Excel can still
 * be overwritten by a co-author's; the pane says "Signed" only when this holds.
 */
export async function confirmRecorded(
  store: TrailStore,
  written: readonly TrailRecord[],
): Promise<{ recorded: boolean; present: boolean; verification: Verification }> {
  const trail = await store.load();
  const verification = verifyTrail(trail.entries, trail.head);
  const stored = new Set(verification.records.map((r) => r.hash));
  // Present: every record is stored, though a co-author's partly lost write may leave the trail broken for a moment.
  const present = written.every((r) => stored.has(r.hash));
  return { recorded: verification.ok && present, present, verification };
}
