/**
 * How many of the cells a check marked lie outside the part of the grid in view, and the
 * first of them, so the pane can say so after Check and offer to go there.
 */
import { a1 } from '../engine/model/address';
import type { Finding } from '../engine/model/finding';
import { planMarks } from '../excel/marks';

/** Whether a cell is in view: the host's answer, where it has one (Office.js offers no visible-window range). */
export type CellInView = (sheet: string, address: string) => boolean;

export interface MarksInView {
  /** Cells marked. */
  total: number;
  /** Of them, outside the grid's visible area; null when the host cannot tell. */
  outOfView: number | null;
  /** Where "Go to first" goes: the first marked cell out of view, else the first marked. */
  first: { sheet: string; address: string } | null;
}

/** Marks are planned as the adapter writes them; every cell of every area is counted once. */
export function marksInView(findings: readonly Finding[], inView?: CellInView): MarksInView {
  let total = 0;
  let outOfView = 0;
  let firstMarked: MarksInView['first'] = null;
  let firstOut: MarksInView['first'] = null;
  const seen = new Set<string>();
  for (const group of planMarks(findings))
    for (const area of group.areas)
      for (let row = area.top; row <= area.bottom; row++)
        for (let col = area.left; col <= area.right; col++) {
          const address = a1(row, col);
          const key = `${group.sheet}!${address}`;
          if (seen.has(key)) continue;
          seen.add(key);
          total++;
          firstMarked ??= { sheet: group.sheet, address };
          if (inView && !inView(group.sheet, address)) {
            outOfView++;
            firstOut ??= { sheet: group.sheet, address };
          }
        }
  return { total, outOfView: inView ? outOfView : null, first: firstOut ?? firstMarked };
}

/** "9 of the 14 marked cells are out of view." — or, where the host cannot tell, how many are marked. */
export function marksInViewSentence(m: MarksInView): string {
  const cells = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'cell' : 'cells'}`;
  if (m.outOfView === null) return `${cells(m.total)} marked in the grid.`;
  if (m.outOfView === 0) return `All ${cells(m.total)} marked are in view.`;
  if (m.outOfView === m.total) return `The ${cells(m.total)} marked are all out of view.`;
  return `${m.outOfView.toLocaleString('en-GB')} of the ${cells(m.total)} marked ${m.outOfView === 1 ? 'is' : 'are'} out of view.`;
}
