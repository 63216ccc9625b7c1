import type { Finding } from '../engine/model/finding';
import { parseA1 } from '../engine/model/address';
import { Area, areaA1, cellsToAreas } from '../engine/model/areas';

/**
 * How Outturn marks cells: one custom conditional format per group of failing cells,
 * whose formula carries a marker so Clear marks removes exactly these and nothing the
 * user made. N("…") of text is 0, so the rule is always TRUE: the look always shows.
 */
export type MarkSeverity = 'error' | 'warning';

export const MARK_FORMULA: Record<MarkSeverity, string> = {
  error: '=N("outturn:error")=0',
  warning: '=N("outturn:warning")=0',
};

export const MARK_LOOK: Record<MarkSeverity, { fill: string; font: string }> = {
  error: { fill: '#FFC7CE', font: '#9C0006' },
  warning: { fill: '#FFEB9C', font: '#9C5700' },
};

/** True for a conditional-format formula that Outturn wrote (also the command line's marks). */
export function isOutturnMark(formula: string | null | undefined): boolean {
  return typeof formula === 'string' && /N\(\s*"outturn:(error|warning)"\s*\)/i.test(formula);
}

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
