import { chainRecords, verifyTrail, type StoredEntry } from '../../src/signoff/trail';
import { checkDraft } from '../../src/signoff/rules';
import { csvCell, recordStatus, trailCsv, trailJson } from '../../src/taskpane/signoff/export';
import { figures } from './helpers';

describe('audit trail exports', () => {
  test('CSV neutralises formula injection and quotes every cell', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+44 1664 502502')).toBe(`"'+44 1664 502502"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\tcmd')).toBe(`"'\tcmd"`);
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell('Ann Smith')).toBe('"Ann Smith"');
    expect(csvCell(12)).toBe('"12"');
  });

  test('one row per record with its verification state; a typed name that is a formula stays text', () => {
    const recs = chainRecords(null, [
      checkDraft(figures(), { name: '=cmd|/c calc!A1', source: 'typed' }, '2017-08-09T09:00:00.000Z'),
      checkDraft(
        figures(),
        { name: 'Bob Jones', upn: 'bob.jones@melton.gov.uk', source: 'office-account' },
        '2017-08-09T10:00:00.000Z',
      ),
    ]);
    const entries: StoredEntry[] = recs.map((r) => ({ raw: JSON.parse(JSON.stringify(r)) }));
    const v = verifyTrail(entries, { seq: 2, hash: recs[1].hash });
    const lines = trailCsv(v.records, v).split('\r\n');
    expect(lines[0]).toBe('"seq","at","type","actor","account","identity","summary","hash","prev","verification"');
    expect(
      lines[1].startsWith(
        `"1","2017-08-09T09:00:00.000Z","check","'=cmd|/c calc!A1","","typed","Check (cli): 4 indicators, 0 errors, 0 warnings; fingerprint `,
      ),
    ).toBe(true);
    expect(lines[1].endsWith(`"${recs[0].hash}","${'0'.repeat(64)}","verified"`)).toBe(true);
    expect(lines[2]).toContain('"Bob Jones","bob.jones@melton.gov.uk","office-account"');
    const json = JSON.parse(trailJson(v.records, v, 'melton.xlsx'));
    expect(json.verification).toEqual({ ok: true, firstBrokenSeq: null, reason: v.reason, verifiedThrough: 2 });
    expect(json.records).toEqual(recs);
  });

  test('verification state per record around a broken link', () => {
    const recs = chainRecords(
      null,
      [1, 2, 3].map((i) => checkDraft(figures(), null, `2017-08-09T09:0${i}:00.000Z`)),
    );
    const entries: StoredEntry[] = recs.map((r) => ({ raw: JSON.parse(JSON.stringify(r)) }));
    (entries[1].raw as { at: string }).at = '2017-08-01T00:00:00.000Z';
    const v = verifyTrail(entries, { seq: 3, hash: recs[2].hash });
    expect([1, 2, 3].map((seq) => recordStatus(seq, v))).toEqual(['verified', 'broken', 'unverified']);
  });
});
