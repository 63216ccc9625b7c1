import type { Finding } from '../engine/model/finding';
import { parseA1 } from '../engine/model/address';
import { Area, areaA1, cellsToAreas } from '../engine/model/areas';
import type { MarkSeverity } from '../engine/mark-convention';

// Which cells the pane marks; the convention itself (formula, look, recognition) is src/engine/mark-convention.ts.

/** Keep each conditional format's address list short enough for one getRanges() call. */
export const MAX_ADDRESS_CHARS = 2000;

export interface MarkGroup {
  sheet: string;
  severity: MarkSeverity;
  /** 'B3:B9, D4' — passed to worksheet.getRanges(). */
  address: string;
  areas: Area[];
}

/**
 * Plan the marks for a set of findings: errors and warnings with a cell (info is not
 * marked); a cell with both gets the error look only; neighbouring cells of one
 * severity are merged into rectangles; the rectangles are chunked into address lists.
 */
export function planMarks(findings: readonly Finding[]): MarkGroup[] {
  const bySheet = new Map<
    string,
    { error: Map<string, { row: number; col: number }>; warning: Map<string, { row: number; col: number }> }
  >();
  for (const f of findings) {
    if (!f.cell || (f.severity !== 'error' && f.severity !== 'warning')) continue;
    const p = parseA1(f.cell);
    if (!p) continue;
    let s = bySheet.get(f.sheet);
    if (!s) bySheet.set(f.sheet, (s = { error: new Map(), warning: new Map() }));
    s[f.severity].set(`${p.row},${p.col}`, p);
  }
  const groups: MarkGroup[] = [];
  for (const [sheet, s] of bySheet) {
    for (const key of s.error.keys()) s.warning.delete(key);
    for (const severity of ['error', 'warning'] as const) {
      const areas = cellsToAreas(s[severity].values());
      let chunk: Area[] = [];
      let len = 0;
      for (const a of areas) {
        const text = areaA1(a);
        if (chunk.length && len + text.length + 2 > MAX_ADDRESS_CHARS) {
          groups.push({ sheet, severity, address: chunk.map(areaA1).join(', '), areas: chunk });
          chunk = [];
          len = 0;
        }
        chunk.push(a);
        len += text.length + 2;
      }
      if (chunk.length) groups.push({ sheet, severity, address: chunk.map(areaA1).join(', '), areas: chunk });
    }
  }
  return groups;
}
