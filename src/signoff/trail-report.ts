/**
 * What verification found, as sentences the command line's audit and the pane's Audit trail tab
 * both show: which records a break affects, each repair with what it kept, and records made at the
 * same moment. Records that share a seq (a fork) are named with the start of their hash too, so
 * every reference points at one record.
 */
import { ROLE_TITLES } from './roles';
import type { TrailRecord, Verification } from './trail';

/** Characters of a hash that tell records apart in a sentence. */
const SHORT = 8;

/** "record 5", or "record 5 (1a2b3c4d)" when another record has seq 5 too. */
export function recordLabel(
  r: { seq: number; hash: string },
  records: readonly { seq: number; hash: string }[],
): string {
  const shared = records.some((o) => o.seq === r.seq && o.hash !== r.hash);
  return `record ${r.seq}${shared ? ` (${r.hash.slice(0, SHORT)})` : ''}`;
}

/** The seq as the audit lists it: '5', or '5·1a2b3c4d' when shared. */
export function seqLabel(r: TrailRecord, records: readonly TrailRecord[]): string {
  return recordLabel(r, records)
    .replace(/^record /, '')
    .replace(/ \((\w+)\)$/, '·$1');
}

function roleTitle(role: string): string {
  return role === 'auditor' ? 'auditor' : (ROLE_TITLES[role as keyof typeof ROLE_TITLES] ?? role).toLowerCase();
}

/** For a broken trail: which records the break affects (from the first broken on), one sentence. */
export function affectedSentence(v: Verification): string | null {
  if (v.ok || v.firstBrokenSeq === null) return null;
  const first = v.firstBrokenSeq;
  const affected = v.records.filter((r) => r.seq >= first && r.type !== 'repair');
  const since = v.repairs?.length ? v.repairs[v.repairs.length - 1].repair.seq : 0;
  const hit = affected.filter((r) => r.seq > since);
  if (!hit.length) return `Affected: record ${first} and any after it (none can be read).`;
  const list = hit.map((r) => `${recordLabel(r, v.records)} (${r.type}${r.actor ? `, ${r.actor.name}` : ''})`);
  return `Affected: ${list.join('; ')}. A head of service or an auditor can repair the trail (Repair the trail… in the add-in, outturn repair on the command line); the break stays recorded.`;
}

/** One sentence per repair: who, when, why, what broke, and the records it kept as they were. */
export function repairSentences(v: Verification): string[] {
  return (v.repairs ?? []).map(({ repair, broke, affected }) => {
    const kept = affected.length
      ? affected
          .map((a) =>
            a
              ? `${recordLabel(
                  a,
                  affected.filter((x): x is NonNullable<typeof x> => !!x),
                )} (${a.type})`
              : 'an unreadable row',
          )
          .join('; ')
      : 'no rows (the break was in the chain head)';
    return `Repaired by ${repair.actor?.name ?? 'someone'} as ${roleTitle(repair.payload.role)} at ${repair.at} (${recordLabel(repair, v.records)}): "${repair.payload.reason}". What broke: ${broke} Kept as they were: ${kept}.`;
  });
}

/** One sentence per fork: the records made at the same moment, each named unambiguously. */
export function concurrentSentences(v: Verification): string[] {
  return (v.concurrent ?? []).map((c) => {
    const after = v.records.find((r) => r.hash === c.after);
    const where = after ? `after ${recordLabel(after, v.records)}` : 'at the start of the trail';
    return `Made at the same moment by co-authors (concurrent, not broken), ${where}: ${c.records.map((r) => recordLabel(r, v.records)).join(', ')}.`;
  });
}
