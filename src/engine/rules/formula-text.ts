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

/** A reference as written: where it stands in the formula's body, and which parts are anchored with $. */
interface WrittenReference extends Reference {
  start: number;
  end: number;
  /** The sheet as written, with its '!' ('' when none). */
  prefix: string;
  /** Row and column of the first cell and of the second (a range's), as written, 0-based, with their anchors. */
  r1: number;
  c1: number;
  absR1: boolean;
  absC1: boolean;
  second: { r: number; c: number; absR: boolean; absC: boolean } | null;
}

/** A formula read once: its body, its references and what it does whatever it refers to. */
export interface ParsedFormula {
  body: string;
  references: Reference[];
  written: WrittenReference[];
}

/** Read a formula's references in one pass over its text; the other readings below are built from it. */
export function parseFormula(formula: string): ParsedFormula {
  const b = body(formula);
  const written: WrittenReference[] = [];
  for (const m of b.matchAll(REF)) {
    const r1 = Number(m[5]) - 1;
    const c1 = columnIndex(m[3]);
    const r2 = m[9] !== undefined ? Number(m[9]) - 1 : r1;
    const c2 = m[7] !== undefined ? columnIndex(m[7]) : c1;
    written.push({
      sheet: sheetName(m[1]),
      top: Math.min(r1, r2),
      bottom: Math.max(r1, r2),
      left: Math.min(c1, c2),
      right: Math.max(c1, c2),
      start: m.index!,
      end: m.index! + m[0].length,
      prefix: m[1] ?? '',
      r1,
      c1,
      absR1: m[4] === '$',
      absC1: m[2] === '$',
      second: m[7] !== undefined ? { r: r2, c: c2, absR: m[8] === '$', absC: m[6] === '$' } : null,
    });
  }
  const references = written.map(({ sheet, top, bottom, left, right }) => ({ sheet, top, bottom, left, right }));
  return { body: b, references, written };
}

/** The body with each reference replaced by what `replace` makes of it. */
function rewrite(parsed: ParsedFormula, replace: (w: WrittenReference) => string): string {
  let out = '';
  let at = 0;
  for (const w of parsed.written) {
    out += parsed.body.slice(at, w.start) + replace(w);
    at = w.end;
  }
  return out + parsed.body.slice(at);
}

/** The cells and ranges a formula refers to (0-based rows and columns). */
export function referencesOf(formula: string): Reference[] {
  return parseFormula(formula).references;
}

/** The relative R1C1 form of a parsed formula as seen from (row, col). */
export function relativeR1C1Of(parsed: ParsedFormula, row: number, col: number): string {
  const part = (absRow: boolean, r: number, absCol: boolean, c: number) =>
    `R${absRow ? r + 1 : r === row ? '' : `[${r - row}]`}C${absCol ? c + 1 : c === col ? '' : `[${c - col}]`}`;
  return rewrite(parsed, (w) => {
    let s = w.prefix + part(w.absR1, w.r1, w.absC1, w.c1);
    if (w.second) s += `:${part(w.second.absR, w.second.r, w.second.absC, w.second.c)}`;
    return s;
  })
    .trim()
    .toUpperCase();
}

/** The formula in relative R1C1 form, as seen from (row, col): '=SUM(E16:H16)' in Q16 is 'SUM(RC[-12]:RC[-9])'. */
export function relativeR1C1(formula: string, row: number, col: number): string {
  return relativeR1C1Of(parseFormula(formula), row, col);
}

/** What a parsed formula does, its references taken out. */
export function skeletonOfParsed(parsed: ParsedFormula): string {
  return rewrite(parsed, () => '·')
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** The formula with its references taken out: what it does, whatever it refers to. */
export function skeletonOf(formula: string): string {
  return skeletonOfParsed(parseFormula(formula));
}

const VOLATILE = /(?<![\w.])(INDIRECT|OFFSET|NOW|TODAY|RAND|RANDBETWEEN)\s*\(/i;

/** The first volatile function a formula calls ('INDIRECT'), or null. */
export function volatileIn(formula: string | ParsedFormula): string | null {
  return VOLATILE.exec(typeof formula === 'string' ? body(formula) : formula.body)?.[1].toUpperCase() ?? null;
}

/** The function a formula is, when it is one SUM or AVERAGE of one range or list: '=SUM(E5:H5)'. */
export function aggregateOf(formula: string | ParsedFormula): 'SUM' | 'AVERAGE' | null {
  const m = /^\s*(SUM|AVERAGE)\s*\(([^()]*)\)\s*$/i.exec(typeof formula === 'string' ? body(formula) : formula.body);
  return m ? (m[1].toUpperCase() as 'SUM' | 'AVERAGE') : null;
}
