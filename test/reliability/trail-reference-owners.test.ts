/**
 * The trail as the reference on a return signed per owner (the Melton-style grid, which
 * names owners): each indicator's reference is the figures its latest head-of-service
 * signature carried (scope.figures). Rolled forward to August, a July figure typed over is
 * restated-figure naming the signatures of that figure; an indicator no signature covered
 * is not reported as added; a withdrawn signature is no reference.
 */
import { compareWithTrail } from '../../src/app/reference';
import { checkWorkbook } from '../../src/engine/check';
import { OutturnConfig } from '../../src/engine/model/config';
import { ownershipFromGrids } from '../../src/signoff/owners';
import type { TrailRecord } from '../../src/signoff/trail';
import { MELTON_AS_OF, meltonClean, sheetsOf } from '../fixtures';

const config = OutturnConfig.parse({});
const HASH = '0'.repeat(64);

async function returnNow(change?: (ws: import('exceljs').Worksheet) => void) {
  const wb = meltonClean();
  if (change) change(wb.getWorksheet('Corporate PIs')!);
  const sheets = await sheetsOf(wb);
  const grids = checkWorkbook(sheets, config, { today: MELTON_AS_OF }).grids;
  return { sheets, grids };
}

/** A per-owner signature over these indicators' figures as they are in `signed`. */
function signature(
  seq: number,
  role: 'compiler' | 'responsible-officer' | 'head-of-service',
  name: string,
  at: string,
  figures: Record<string, Record<string, string>>,
): TrailRecord {
  return {
    v: 1,
    seq,
    prev: HASH,
    hash: HASH,
    at,
    actor: { name, source: 'typed' },
    type: 'sign',
    payload: {
      role,
      statement: 'I have checked these figures.',
      fingerprint: HASH,
      sheets: ['Corporate PIs'],
      check: { seq: 1, counts: { errors: 0, warnings: 0, info: 0, indicators: 12 }, configDigest: HASH },
      acknowledgements: [],
      scope: {
        indicators: Object.fromEntries(Object.keys(figures).map((k) => [k, '0'.repeat(16)])),
        owner: name,
        match: 'exact',
        figures,
      },
    },
  } as TrailRecord;
}

test('a figure typed over after a per-owner sign-off names who signed it; unsigned indicators are not "added"', async () => {
  const signed = await returnNow();
  const byKey = new Map(ownershipFromGrids(signed.grids, signed.sheets).indicators.map((i) => [i.key, i.figures]));
  // Only CS01 and CS02 were signed off (compiler, responsible officer, head of service).
  const figures = {
    'Corporate PIs|CS01': byKey.get('Corporate PIs|CS01')!,
    'Corporate PIs|CS02': byKey.get('Corporate PIs|CS02')!,
  };
  const records = [
    signature(2, 'compiler', 'Alan Pritchard', '2017-08-09T10:00:00.000Z', figures),
    signature(3, 'responsible-officer', 'Dawn Garton', '2017-08-10T10:00:00.000Z', figures),
    signature(4, 'head-of-service', 'Keith Aubrey', '2017-08-11T10:00:00.000Z', figures),
  ];
  const now = await returnNow((ws) => {
    ws.getCell('H7').value = 0.5; // CS02's July, signed as 0.6
    ws.getCell('I7').value = 0.7; // August reported: the return has been rolled forward
  });
  const c = compareWithTrail({ source: { sheets: now.sheets, config }, grids: now.grids }, records)!;
  expect(c.findings.map((f) => [f.rule, f.cell, f.ref])).toEqual([['restated-figure', 'H7', 'CS02']]);
  expect(c.findings[0].message).toContain(
    'was 0.6 in the previous return (signed by Alan Pritchard as compiler on 2017-08-09, by Dawn Garton as responsible officer on 2017-08-10, by Keith Aubrey as head of service on 2017-08-11) and is 0.5 now',
  );

  // The head of service's signature withdrawn: no sign-off stands, so there is no reference.
  const withdrawn = [
    ...records,
    {
      v: 1,
      seq: 5,
      prev: HASH,
      hash: HASH,
      at: '2017-08-12T10:00:00.000Z',
      actor: { name: 'Keith Aubrey', source: 'typed' },
      type: 'withdraw',
      payload: { role: 'head-of-service', signSeq: 4, reason: 'signed the wrong month' },
    } as TrailRecord,
  ];
  expect(compareWithTrail({ source: { sheets: now.sheets, config }, grids: now.grids }, withdrawn)).toBeNull();
});
