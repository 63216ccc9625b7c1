import { grouped } from '../engine/format';
import type { GridCoverage } from '../engine/model/grid';

/**
 * A grid's coverage in the reports' words: how many of its figure cells were checked, and
 * each column holding figures or statuses that was not read. Shared by the text and HTML
 * reports so that both say the same.
 */
export function gridCoverageText(c: GridCoverage | undefined): string[] {
  if (!c) return [];
  const lines = [
    c.figureCells === 0
      ? 'coverage: no figure cells'
      : `coverage: ${grouped(c.checkedCells)} of ${grouped(c.figureCells)} figure cells checked${c.uncheckedCells ? `; ${grouped(c.uncheckedCells)} not checked, in ${grouped(c.indicatorsUnchecked)} ${c.indicatorsUnchecked === 1 ? 'indicator' : 'indicators'}` : ''}`,
  ];
  const unread = c.unchecked.map(
    (u) =>
      `\`${u.header}\` (${u.column}, ${grouped(u.cells)} ${u.holds === 'figures' ? (u.cells === 1 ? 'figure' : 'figures') : u.cells === 1 ? 'status' : 'statuses'})`,
  );
  if (unread.length) lines.push(`not checked: ${unread.join(', ')}`);
  return lines;
}
