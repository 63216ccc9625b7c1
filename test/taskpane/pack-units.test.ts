/**
 * The pane's assurance pack, unit by unit: the platform decision (download, dialog or pane),
 * the download's file name, the page in parts for the dialog, and working papers links as
 * the sign form records them (older records without them still read; the audit skips them).
 */
import { packFileName, packRoute } from '../../src/taskpane/pack/pack-route';
import { isPackDialog, PackAssembler, packDialogUrl, packParts } from '../../src/dialog/pack-message';
import { auditWorkingPapers, indicatorPapers, paperLinks, paperSentence, recordedLinks } from '../../src/app/evidence';
import { SignPayload, type TrailRecord } from '../../src/signoff/trail';

describe('packRoute', () => {
  test.each([
    ['PC', true, 'download'],
    ['PC', false, 'download'],
    ['OfficeOnline', true, 'download'],
    ['Mac', true, 'dialog'],
    ['iOS', true, 'dialog'],
    ['Mac', false, 'pane'],
    ['iOS', false, 'pane'],
    ['Android', true, 'dialog'],
    [null, true, 'dialog'],
    [undefined, false, 'pane'],
  ] as const)('%s with DialogApi 1.2 %s: %s', (platform, messages, route) => {
    expect(packRoute(platform, messages)).toBe(route);
  });
});

test('packFileName: the workbook name without its extension, the words, the date; unsafe characters dropped', () => {
  expect(packFileName('Corporate PIs July 2017.xlsx', '2017-08-21')).toBe(
    'Corporate PIs July 2017 assurance pack 2017-08-21.html',
  );
  expect(packFileName('Q2: returns/final?.XLSM', '2026-12-07')).toBe('Q2 returns final assurance pack 2026-12-07.html');
  expect(packFileName('', '2026-12-07')).toBe('Workbook assurance pack 2026-12-07.html');
});

test('the page in parts comes back whole, in any order, and anything else is ignored', () => {
  const html = `<!doctype html><h1>Assurance pack</h1>${'é—'.repeat(50_000)}`;
  const parts = packParts(html, 7_000);
  expect(parts.length).toBe(Math.ceil(html.length / 7_000));
  const a = new PackAssembler();
  expect(a.add('close')).toBeNull();
  expect(a.add('{"kind":"other"}')).toBeNull();
  const shuffled = [...parts].reverse();
  const results = shuffled.map((p) => a.add(p));
  expect(results.slice(0, -1).every((r) => r === null)).toBe(true);
  expect(results.at(-1)).toBe(html);
  expect(new PackAssembler().add(packParts('')[0])).toBe('');
});

test('the dialog address is the dialog page beside the pane, asked for the pack', () => {
  const url = packDialogUrl('https://outturn.example.gov.uk/addin/taskpane.html?_host_Info=Excel#x');
  expect(url).toBe('https://outturn.example.gov.uk/addin/dialog.html?pack=1');
  expect(isPackDialog(new URL(url).search)).toBe(true);
  expect(isPackDialog('?k=info&t=Checked')).toBe(false);
});

describe('working papers links from the pane', () => {
  const LINK = 'https://melton.sharepoint.com/sites/performance/Working%20papers/CS01';

  test('a link per indicator; an empty field records nothing; a path or a non-web address is refused', () => {
    expect(paperLinks([{ ref: 'CS01', link: `  ${LINK} ` }])).toEqual({
      ok: true,
      papers: [{ ref: 'CS01', link: LINK }],
    });
    expect(paperLinks([{ ref: 'CS01', link: '   ' }])).toEqual({ ok: true, papers: [] });
    for (const bad of ['C:\\papers\\cs01.xlsx', '\\\\server\\share\\cs01.xlsx', 'javascript:alert(1)', 'cs01.xlsx'])
      expect(paperLinks([{ ref: 'CS01', link: bad }])).toEqual({
        ok: false,
        problem: expect.stringContaining('must be a web address starting https://'),
      });
    expect(paperLinks([{ ref: 'CS01', link: `https://x.example/${'a'.repeat(2100)}` }]).ok).toBe(false);
  });

  const base = {
    role: 'compiler',
    statement: 'I compiled these figures.',
    fingerprint: 'a'.repeat(64),
    sheets: ['Corporate PIs'],
    check: { seq: 1, counts: { indicators: 12, errors: 0, warnings: 0, info: 0 }, configDigest: 'b'.repeat(64) },
    acknowledgements: [],
  };

  test('the signature schema takes a link entry, and a record made before links still reads as it was', () => {
    const hashed = { ref: 'CS02', file: 'cs02.csv', sha256: 'c'.repeat(64) };
    expect(SignPayload.parse({ ...base, evidence: [hashed, { ref: 'CS01', link: LINK }] }).evidence).toEqual([
      hashed,
      { ref: 'CS01', link: LINK },
    ]);
    expect(SignPayload.parse({ ...base, evidence: [hashed] }).evidence).toEqual([hashed]);
    expect(SignPayload.parse(base).evidence).toBeUndefined();
    expect(SignPayload.safeParse({ ...base, evidence: [{ ref: 'CS01' }] }).success).toBe(false);
  });

  const sign = (seq: number, name: string, evidence: unknown[]): TrailRecord =>
    ({
      seq,
      at: `2017-08-1${seq}T09:00:00.000Z`,
      type: 'sign',
      actor: { name, source: 'typed' },
      payload: { ...base, evidence },
      prev: '0'.repeat(64),
      hash: String(seq).repeat(64).slice(0, 64),
    }) as unknown as TrailRecord;

  test('the audit hashes files, skips links and says so; the pack and the pane see the links', () => {
    const records = [
      sign(2, 'Alan Pritchard', [
        { ref: 'CS01', link: LINK },
        { ref: 'CS02', file: 'cs02.csv', sha256: 'c'.repeat(64) },
      ]),
      sign(3, 'Dawn Garton', [{ ref: 'CS01', link: LINK }]),
    ];
    const read = jest.fn(() => null);
    const audit = auditWorkingPapers(records, read);
    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith('cs02.csv');
    expect(audit.papers.map((p) => [p.ref, p.status])).toEqual([['CS02', 'missing']]);
    expect(audit.links).toEqual([
      {
        ref: 'CS01',
        link: LINK,
        signedIn: [
          { seq: 2, name: 'Alan Pritchard' },
          { seq: 3, name: 'Dawn Garton' },
        ],
      },
    ]);
    expect(audit.lines).toContain(
      `CS01: ${LINK} (link, not hashed: signed in record 2 (Alan Pritchard), 3 (Dawn Garton)).`,
    );
    const signs = records.filter((r): r is Extract<TrailRecord, { type: 'sign' }> => r.type === 'sign');
    const cs01 = indicatorPapers('cs01', undefined, signs);
    expect(cs01.link).toBe(LINK);
    expect(cs01.recorded).toEqual([]);
    expect(cs01.links.map((l) => l.seq)).toEqual([2, 3]);
    // A configured link stays the one the pack says the papers are kept at.
    expect(indicatorPapers('CS01', { evidence: { CS01: 'https://elsewhere.example/cs01' } } as never, signs).link).toBe(
      'https://elsewhere.example/cs01',
    );
    expect(recordedLinks(records)).toEqual([
      { ref: 'CS01', link: LINK, seq: 3, name: 'Dawn Garton', at: '2017-08-13T09:00:00.000Z' },
    ]);
    expect(paperSentence({ ref: 'CS01', link: LINK })).toBe(`Working papers for CS01: ${LINK} (link, not hashed).`);
  });
});
