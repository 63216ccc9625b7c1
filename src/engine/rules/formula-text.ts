/**
 * What the formula rules read from a formula's text: its references (cells and ranges, with
 * the sheet they name) and its relative R1C1 form, in which a formula copied down a column
 * or along a row reads the same in every cell.
 */
import { columnIndex } from '../model/address';

export interface Reference {
  /** The sheet named before '!', else null (the formula's own sheet). */
  sheet: string | null;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

// A cell or a range: optional sheet ('Data'!, Data!), optional $ anchors; not part of a name or a function (LOG10().
const REF =
  /(?<![\w.$])((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?)([A-Z]{1,3})(\$?)(\d+)(?::(\$?)([A-Z]{1,3})(\$?)(\d+))?(?![\w(])/g;
const STRING = /"(?:[^"]|"")*"/g;

function body(formula: string): string {
  return (formula.startsWith('=') ? formula.slice(1) : formula).replace(STRING, '""');
}

function sheetName(prefix: string | undefined): string | null {
  if (!prefix) return null;
  const name = prefix.slice(0, -1);
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

/** The cells and ranges a formula refers to (0-based rows and columns). */
export function referencesOf(formula: string): Reference[] {
  const out: Reference[] = [];
  for (const m of body(formula).matchAll(REF)) {
    const r1 = Number(m[5]) - 1;
    const c1 = columnIndex(m[3]);
    const r2 = m[9] !== undefined ? Number(m[9]) - 1 : r1;
    const c2 = m[7] !== undefined ? columnIndex(m[7]) : c1;
    out.push({
      sheet: sheetName(m[1]),
      top: Math.min(r1, r2),
      bottom: Math.max(r1, r2),
      left: Math.min(c1, c2),
      right: Math.max(c1, c2),
    });
  }
  return out;
}

/** The formula in relative R1C1 form, as seen from (row, col): '=SUM(E16:H16)' in Q16 is 'SUM(RC[-12]:RC[-9])'. */
export function relativeR1C1(formula: string, row: number, col: number): string {
  const part = (absRow: boolean, r: number, absCol: boolean, c: number) =>
    `R${absRow ? r + 1 : r === row ? '' : `[${r - row}]`}C${absCol ? c + 1 : c === col ? '' : `[${c - col}]`}`;
  return body(formula)
    .replace(REF, (_all, sheet: string | undefined, d1: string, c1: string, d2: string, r1: string, d3, c2, d4, r2) => {
      let s = (sheet ?? '') + part(d2 === '$', Number(r1) - 1, d1 === '$', columnIndex(c1));
      if (c2 !== undefined) s += `:${part(d4 === '$', Number(r2) - 1, d3 === '$', columnIndex(c2))}`;
      return s;
    })
    .trim()
    .toUpperCase();
}

/** The formula with its references taken out: what it does, whatever it refers to. */
export function skeletonOf(formula: string): string {
  return body(formula).replace(REF, '·').replace(/\s+/g, '').toUpperCase();
}

const VOLATILE = /(?<![\w.])(INDIRECT|OFFSET|NOW|TODAY|RAND|RANDBETWEEN)\s*\(/i;

/** The first volatile function a formula calls ('INDIRECT'), or null. */
export function volatileIn(formula: string): string | null {
  return VOLATILE.exec(body(formula))?.[1].toUpperCase() ?? null;
}

/** The function a formula is, when it is one SUM or AVERAGE of one range or list: '=SUM(E5:H5)'. */
export function aggregateOf(formula: string): 'SUM' | 'AVERAGE' | null {
  const m = /^\s*(SUM|AVERAGE)\s*\(([^()]*)\)\s*$/i.exec(body(formula));
  return m ? (m[1].toUpperCase() as 'SUM' | 'AVERAGE') : null;
}
