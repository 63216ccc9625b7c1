/**
 * A1 addressing, the one copy for the whole project. Rows and columns are 0-based
 * everywhere in the code; A1 text is 1-based. Column letters are A to Z only.
 */

export function columnLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export function rangeA1(top: number, left: number, bottom: number, right: number): string {
  return `${a1(top, left)}:${a1(bottom, right)}`;
}

/** 'H7' or '$H$7' to 0-based {row, col}; null when it is not a single-cell A1 address. */
export function parseA1(address: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) return null;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** 'B2:D4', 'Sheet1!B2:D4' or a single 'B2' (a merged area, say) to its 0-based corners; null when it is not one. */
export function parseRangeA1(range: string): { top: number; left: number; bottom: number; right: number } | null {
  const [from, to] = range.replace(/^.*!/, '').split(':');
  const a = parseA1(from);
  const b = to === undefined ? a : parseA1(to);
  return a && b ? { top: a.row, left: a.col, bottom: b.row, right: b.col } : null;
}
