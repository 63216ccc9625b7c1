/**
 * Repair a broken trail (issue #24, item 8): never a dead end, and never a hidden break. The head
 * of service or an auditor appends a repair record with their reason; it keeps the broken rows
 * word for word and a digest of every row before it, and the trail goes on from it. Every later
 * verification still reports the break and the repair (signoff/trail.ts, RepairReport).
 */
import { ZERO_HASH } from '../signoff/sha256';
import {
  chainRecords,
  entryText,
  formatHead,
  rowsDigest,
  verifyTrail,
  TrailConflictError,
  type RepairRecord,
  type RepairRole,
  type StoredEntry,
  type Verification,
} from '../signoff/trail';
import type { Identity } from '../signoff/roles';
import type { Refusal } from './codes';
import type { Clock, TrailStore } from './ports';

export interface RepairInput {
  identity: Identity;
  role: RepairRole;
  reason: string;
}

export type RepairOutcome =
  | { repaired: true; record: RepairRecord; verification: Verification }
  | { repaired: false; refusals: Refusal[]; verification: Verification | null };

/** What a refused signature adds when the trail is broken: who can repair it, and how. */
export const REPAIR_NEEDED: Refusal = {
  code: 'repair-needed',
  message:
    'A head of service or an auditor can repair the trail (in the add-in: Audit trail, Repair the trail…; on the command line: `outturn repair FILE --reason TEXT --name NAME --role head-of-service|auditor`): the break stays recorded for every later audit, and signing can go on.',
};

/** The refusals of a signature or withdrawal, with the way out when the trail is broken. */
export function withRepairRemedy(refusals: Refusal[]): Refusal[] {
  return refusals.some((r) => r.code === 'trail-broken') && !refusals.some((r) => r.code === 'repair-needed')
    ? [...refusals, REPAIR_NEEDED]
    : refusals;
}

/** The stored rows a break covers: from the first broken row on (none when no record can be blamed). */
function brokenSegment(entries: readonly StoredEntry[], verification: Verification): string[] {
  const first = verification.firstBrokenSeq;
  if (first === null) return [];
  // firstBrokenSeq counts rows from the last repair (or the start): find that row among the stored ones.
  const repairs = verification.repairs ?? [];
  const last = repairs[repairs.length - 1]?.repair;
  const startRow = last
    ? entries.findIndex((e) => (e.raw as { hash?: unknown } | undefined)?.hash === last.hash) + 1
    : 0;
  const offset = last ? last.seq : 0;
  return entries
    .slice(startRow + (first - offset - 1))
    .filter((e) => !e.gap)
    .map(entryText);
}

export async function repairTrail(
  input: RepairInput,
  ports: { trail: TrailStore; clock: Clock },
  attempts = 3,
): Promise<RepairOutcome> {
  const run = async (): Promise<RepairOutcome> => {
    for (let i = 0; i < attempts; i++) {
      const trail = await ports.trail.load();
      const verification = verifyTrail(trail.entries, trail.head);
      const refusals: Refusal[] = [];
      if (verification.ok)
        refusals.push({
          code: 'nothing-to-repair',
          message: 'The audit trail is unbroken: there is nothing to repair.',
        });
      if (!input.reason.trim())
        refusals.push({ code: 'reason-missing', message: 'Give the reason for the repair: it is kept in the trail.' });
      if (!input.identity.name.trim())
        refusals.push({ code: 'name-missing', message: 'Enter your name to repair the trail.' });
      if (refusals.length) return { repaired: false, refusals, verification };
      const seqs = verification.records.map((r) => r.seq);
      const top = Math.max(trail.head?.seq ?? 0, trail.entries.length, ...seqs);
      const good = verification.records.find((r) => r.seq === verification.verifiedThrough);
      const [record] = chainRecords({ seq: top, hash: good?.hash ?? ZERO_HASH }, [
        {
          type: 'repair',
          at: ports.clock.now().toISOString(),
          actor: { ...input.identity, name: input.identity.name.trim() },
          payload: {
            role: input.role,
            reason: input.reason.trim(),
            broke: verification.reason,
            firstBrokenSeq: verification.firstBrokenSeq,
            segment: brokenSegment(trail.entries, verification),
            rowsDigest: rowsDigest(trail.entries),
            head: trail.head ? formatHead(trail.head) : null,
          },
        },
      ]);
      const out = await ports.trail.append([record], trail.entries.length);
      if (out.ok) {
        const back = await ports.trail.load();
        return { repaired: true, record: record as RepairRecord, verification: verifyTrail(back.entries, back.head) };
      }
    }
    throw new TrailConflictError();
  };
  return ports.trail.exclusive ? ports.trail.exclusive(run) : run();
}

/** "The trail was repaired by …" — the one-line confirmation. */
export function repairedSentence(record: RepairRecord): string {
  return `The audit trail was repaired by ${record.actor?.name} as ${record.payload.role === 'auditor' ? 'auditor' : 'head of service'}: "${record.payload.reason}". The break (${record.payload.broke.replace(/\.$/, '')}) stays recorded, with ${record.payload.segment.length} broken row${record.payload.segment.length === 1 ? '' : 's'} kept as they were; signing can go on.`;
}
