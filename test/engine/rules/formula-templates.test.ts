import { columnLetters } from '../../../src/engine/model/address';
import {
  aggregateOf,
  FormulaTemplates,
  referencesFrom,
  referencesOf,
  relativeR1C1,
  skeletonOf,
  volatileIn,
} from '../../../src/engine/rules/formula-text';
import { seededRandom } from '../../support/seeded-random';

/**
 * The formula rules read a column of copied formulas once (FormulaTemplates) and work out each
 * cell's references by moving the first one's. That must give, for every cell, exactly what
 * reading its own text gives: checked here on seeded random formulas copied down and across
 * columns, with anchors ($), other sheets, strings, names that look like references, and
 * formulas that are not copies.
 */

interface RefShape {
  prefix: string;
  dr: number;
  dc: number;
  absR: boolean;
  absC: boolean;
  range: { dr: number; dc: number; absR: boolean; absC: boolean } | null;
}

/** A formula made of reference shapes, as it reads in (row, col); null where a reference would leave the sheet. */
function write(parts: (string | RefShape)[], row: number, col: number, eq: boolean): string | null {
  let out = eq ? '=' : '';
  const cell = (dr: number, dc: number, absR: boolean, absC: boolean) => {
    // An anchored part is written where the shape says, as seen from the first cell (row 40, column 20).
    const r = absR ? 40 + dr : row + dr;
    const c = absC ? 20 + dc : col + dc;
    if (r < 0 || c < 0) return null;
    return `${absC ? '$' : ''}${columnLetters(c)}${absR ? '$' : ''}${r + 1}`;
  };
  for (const p of parts) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    const first = cell(p.dr, p.dc, p.absR, p.absC);
    if (first === null) return null;
    out += p.prefix + first;
    if (p.range) {
      const second = cell(p.range.dr, p.range.dc, p.range.absR, p.range.absC);
      if (second === null) return null;
      out += `:${second}`;
    }
  }
  return out;
}

function shapeOf(rnd: () => number): (string | RefShape)[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const ref = (): RefShape => ({
    prefix: pick(['', '', '', 'Data!', "'Q1 data'!", "'Bob''s'!"]),
    dr: Math.floor(rnd() * 7) - 3,
    dc: Math.floor(rnd() * 30) - 15,
    absR: rnd() < 0.2,
    absC: rnd() < 0.2,
    range:
      rnd() < 0.5
        ? { dr: Math.floor(rnd() * 5), dc: Math.floor(rnd() * 12), absR: rnd() < 0.2, absC: rnd() < 0.2 }
        : null,
  });
  const parts: (string | RefShape)[] = [];
  const kind = pick(['sum', 'average', 'ratio', 'if', 'names', 'volatile', 'string']);
  if (kind === 'sum') parts.push('SUM(', ref(), ')');
  else if (kind === 'average') parts.push(pick(['AVERAGE(', 'average( ']), ref(), ')');
  else if (kind === 'ratio') parts.push(ref(), pick(['/', '*', '-', '+']), ref(), pick(['', '*100', '/1000']));
  else if (kind === 'if') parts.push('IF(', ref(), '=0,"",', ref(), '/', ref(), ')');
  else if (kind === 'names') parts.push('LOG10(', ref(), ')+Q1_total+', ref());
  else if (kind === 'volatile') parts.push(pick(['OFFSET(', 'INDIRECT("A"&ROW())+N(']), ref(), pick([',0,1)', ')']));
  else parts.push('IF(', ref(), '>0,"A1 ""B2""",', ref(), ')');
  return parts;
}

describe('formula templates: a copied formula read once gives what each copy reads', () => {
  it('gives every cell the references, R1C1 form, skeleton, aggregate and volatile function of its own text (400 seeded formulas, each copied)', () => {
    const rnd = seededRandom(20261207);
    let cells = 0;
    let shared = 0;
    for (let round = 0; round < 400; round++) {
      const templates = new FormulaTemplates();
      const parts = shapeOf(rnd);
      const eq = rnd() < 0.5;
      const col = 14 + Math.floor(rnd() * 10);
      const top = 3 + Math.floor(rnd() * 50);
      const seen = new Set<object>();
      for (let row = top; row < top + 12; row++) {
        // Now and then a cell that is not a copy: another shape, in the same column.
        const own = rnd() < 0.15 ? shapeOf(rnd) : parts;
        const text = write(own, row, col, eq);
        if (text === null) continue;
        const t = templates.of(text, row, col);
        seen.add(t);
        cells++;
        expect(
          referencesFrom(t, row, col).map((r) => ({
            sheet: r.sheet,
            top: r.top,
            bottom: r.bottom,
            left: r.left,
            right: r.right,
          })),
        ).toEqual(
          referencesOf(text).map((r) => ({
            sheet: r.sheet,
            top: r.top,
            bottom: r.bottom,
            left: r.left,
            right: r.right,
          })),
        );
        expect(t.r1c1).toBe(relativeR1C1(text, row, col));
        expect(t.skeleton).toBe(skeletonOf(text));
        expect(t.aggregate).toBe(aggregateOf(text));
        expect(t.volatile).toBe(volatileIn(text));
      }
      shared += seen.size < 12 ? 1 : 0;
    }
    expect(cells).toBeGreaterThan(3000);
    // The copies were read as copies: most columns needed only a few templates.
    expect(shared).toBeGreaterThan(300);
  });

  it('never takes a name past the last column for a moved reference', () => {
    // ZZZ5 one column to the right would be AAAA5: four letters, a name to the pattern, not a reference.
    const templates = new FormulaTemplates();
    templates.of('=ZZZ5*2', 4, 18276);
    const t = templates.of('=AAAA5*2', 4, 18277);
    expect(referencesFrom(t, 4, 18277)).toEqual(referencesOf('=AAAA5*2'));
    expect(referencesOf('=AAAA5*2')).toEqual([]);
  });

  it('reads a copy across columns with its relative columns moved', () => {
    const templates = new FormulaTemplates();
    const a = templates.of('=SUM(C5:N5)', 4, 14);
    const b = templates.of('=SUM(D5:O5)', 4, 15);
    expect(b.r1c1).toBe(a.r1c1);
    expect(referencesFrom(b, 4, 15)).toEqual(
      [{ sheet: null, top: 4, bottom: 4, left: 3, right: 14 }].map((r) => expect.objectContaining(r)),
    );
    // Anchored columns do not move: the same R1C1 form only where the anchor is the same cell.
    const c = templates.of('=$C5/$C$4', 5, 14);
    const d = templates.of('=$C6/$C$4', 6, 14);
    expect(d).toBe(c);
    expect(referencesFrom(d, 6, 14).map((r) => [r.top, r.left])).toEqual([
      [5, 2],
      [3, 2],
    ]);
  });
});
