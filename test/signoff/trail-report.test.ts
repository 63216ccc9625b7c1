/**
 * Records that share a seq (made at the same moment by co-authors) are shown and referenced
 * unambiguously: verification lists each fork's records with their hashes, and the audit's
 * sentences name them "record 2 (1a2b3c4d)"; a record whose seq is its own stays "record 2".
 */
import { chainRecords, formatHead, parseHead, verifyTrail, type TrailRecord } from '../../src/signoff/trail';
import { recordToRow, rowsToEntries } from '../../src/signoff/storage-rows';
import { concurrentSentences, recordLabel, seqLabel } from '../../src/signoff/trail-report';
import { checkDraft } from '../../src/signoff/rules';
import { figures } from './helpers';

const who = (name: string) => ({ name, source: 'typed' as const });

test('two records made on one predecessor: each named with its hash, in verification and in the audit', () => {
  const [first] = chainRecords(null, [checkDraft(figures(), who('Ann Smith'), '2017-08-10T08:00:00.000Z')]);
  const tip = { seq: first.seq, hash: first.hash };
  const [a] = chainRecords(tip, [checkDraft(figures(), who('Bob Jones'), '2017-08-10T09:00:00.000Z')]);
  const [b] = chainRecords(tip, [checkDraft(figures(), who('Cath Lee'), '2017-08-10T09:00:00.000Z')]);
  const [next] = chainRecords(
    { seq: b.seq, hash: b.hash },
    [checkDraft(figures(), who('Dan Ray'), '2017-08-10T10:00:00.000Z')],
    [a.hash],
  );
  // Stored as co-authors leave them: blank rows between.
  const rows = [first, a, b, next].flatMap((r: TrailRecord) => [recordToRow(r), []]);
  const v = verifyTrail(rowsToEntries(rows), parseHead(formatHead(next)));
  expect(v.ok).toBe(true);
  expect(v.concurrent).toEqual([
    {
      after: first.hash,
      records: [
        { seq: 2, hash: a.hash },
        { seq: 2, hash: b.hash },
      ],
    },
  ]);
  expect(recordLabel(a, v.records)).toBe(`record 2 (${a.hash.slice(0, 8)})`);
  expect(recordLabel(b, v.records)).toBe(`record 2 (${b.hash.slice(0, 8)})`);
  expect(recordLabel(next, v.records)).toBe('record 3');
  expect(seqLabel(a, v.records)).toBe(`2·${a.hash.slice(0, 8)}`);
  expect(concurrentSentences(v)).toEqual([
    `Made at the same moment by co-authors (concurrent, not broken), after record 1: record 2 (${a.hash.slice(0, 8)}), record 2 (${b.hash.slice(0, 8)}).`,
  ]);
});
