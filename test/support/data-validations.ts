import { columnIndex } from '../../src/engine/model/address';

/** Cells covered by a data validation's sqref ("H1:H1048576 C5", "A:A"). */
export function sqrefCells(sqref: string): number {
  let total = 0;
  for (const part of sqref.trim().split(/\s+/)) {
    const m = /^\$?([A-Z]+)?\$?(\d+)?(?::\$?([A-Z]+)?\$?(\d+)?)?$/i.exec(part);
    if (!m) continue;
    if (!part.includes(':')) {
      total += 1;
      continue;
    }
    // "A:A" is a whole column, "1:1" a whole row.
    const c1 = m[1] ? columnIndex(m[1]) : 0;
    const c2 = m[3] ? columnIndex(m[3]) : 16_383;
    const r1 = m[2] ? Number(m[2]) : 1;
    const r2 = m[4] ? Number(m[4]) : 1_048_576;
    total += (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
  }
  return total;
}
