import type { Finding } from '../engine/model/finding';
import { planMarks } from '../excel/marks';

/** What the last Check marked, in the user's units: cells and sheets (not conditional-format rules). */
export interface MarkedCells {
  cells: number;
  sheets: string[];
}

/**
 * Cells and sheets the marks for these findings cover, from the same plan the adapter
 * writes (src/excel/marks.ts), so "Cleared 3,000 cells" counts what was coloured.
 */
export function markedCells(findings: readonly Finding[]): MarkedCells {
  const groups = planMarks(findings);
  let cells = 0;
  for (const g of groups) for (const a of g.areas) cells += (a.bottom - a.top + 1) * (a.right - a.left + 1);
  return { cells, sheets: [...new Set(groups.map((g) => g.sheet))] };
}

/**
 * The sentence after Clear marks. `removed` is how many Outturn conditional formats the
 * adapter deleted; `known` what this session's last Check marked (null when the marks
 * were left by an earlier session or the command line, so their cells are not known).
 */
export function clearSentence(removed: number, known: MarkedCells | null): string {
  if (removed === 0) return 'There were no Outturn marks to clear.';
  const tail = 'Your own formatting is unchanged.';
  if (known && known.cells > 0) {
    const sheets = known.sheets.length;
    const where = sheets === 1 ? `sheet '${known.sheets[0]}'` : `${sheets} sheets`;
    return `Cleared the marks from ${known.cells.toLocaleString('en-GB')} ${known.cells === 1 ? 'cell' : 'cells'} on ${where}. ${tail}`;
  }
  return `Cleared ${removed.toLocaleString('en-GB')} Outturn ${removed === 1 ? 'mark' : 'marks'} left by an earlier check. ${tail}`;
}

/** Said when a new session cleared the marks an earlier one left, so the grid and the pane agree. */
export function staleMarksSentence(): string {
  return 'Another account is signed in, so the marks the earlier check left in the grid were cleared: the grid shows no findings until you press Check.';
}
