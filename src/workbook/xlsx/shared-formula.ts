/**
 * A shared formula's text for a dependant cell: the master's formula with its relative
 * references moved by the dependant's offset, as Excel shows it in the formula bar.
 */
import { columnIndex, columnLetters } from '../../engine/model/address';

// A string literal, a quoted sheet name, or a reference (cell, column range, row range).
const TOKEN =
  /"(?:[^"]|"")*"|'(?:[^']|'')*'|(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(!])|(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_(])|(\$?)(\d+):(\$?)(\d+)(?![0-9.])/g;

export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  return formula.replace(TOKEN, (m: string, ...g: unknown[]) => {
    const offset = g[12] as number;
    const prev = offset > 0 ? formula[offset - 1] : '';
    if (m[0] === '"' || m[0] === "'") return m;
    // Part of a name or a function (SUM1, LOG10, _xlfn.X), not a reference.
    if (/[A-Za-z0-9_.]/.test(prev)) return m;
    const col = (abs: unknown, letters: unknown) =>
      abs ? `$${letters}` : columnLetters(columnIndex(String(letters)) + dCol);
    const row = (abs: unknown, digits: unknown) => (abs ? `$${digits}` : String(Number(digits) + dRow));
    if (g[1] !== undefined) return `${col(g[0], g[1])}${row(g[2], g[3])}`;
    if (g[5] !== undefined) return `${col(g[4], g[5])}:${col(g[6], g[7])}`;
    return `${row(g[8], g[9])}:${row(g[10], g[11])}`;
  });
}
