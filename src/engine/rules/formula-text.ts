/**
 * What the formula rules read from a formula's text: its references (cells and ranges, with
 * the sheet they name) and its relative R1C1 form, in which a formula copied down a column
 * or along a row reads the same in every cell.
 */
import { columnIndex, columnLetters } from '../model/address';

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
  const b = formula.startsWith('=') ? formula.slice(1) : formula;
  return b.includes('"') ? b.replace(STRING, '""') : b;
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

/**
 * Read a formula's references in one pass over its text; the other readings below are built from it.
 * (An exec loop and one object a reference, which serves as its Reference too: the formula rules read
 * every formula of a grid, 50,000 on the bench's sheet, and the matchAll form cost twice as much.)
 */
export function parseFormula(formula: string): ParsedFormula {
  const b = body(formula);
  const written: WrittenReference[] = [];
  REF.lastIndex = 0; // the one global pattern, read from the start (nothing between here and the loop's end uses it)
  for (let m = REF.exec(b); m !== null; m = REF.exec(b)) {
    const r1 = Number(m[5]) - 1;
    const c1 = columnIndex(m[3]);
    const range = m[7] !== undefined;
    const r2 = range ? Number(m[9]) - 1 : r1;
    const c2 = range ? columnIndex(m[7]) : c1;
    written.push({
      sheet: sheetName(m[1]),
      top: Math.min(r1, r2),
      bottom: Math.max(r1, r2),
      left: Math.min(c1, c2),
      right: Math.max(c1, c2),
      start: m.index,
      end: m.index + m[0].length,
      prefix: m[1] ?? '',
      r1,
      c1,
      absR1: m[4] === '$',
      absC1: m[2] === '$',
      second: range ? { r: r2, c: c2, absR: m[8] === '$', absC: m[6] === '$' } : null,
    });
  }
  return { body: b, references: written, written };
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
  return parseFormula(formula).references.map(({ sheet, top, bottom, left, right }) => ({
    sheet,
    top,
    bottom,
    left,
    right,
  }));
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

/**
 * A formula as copied down a column or along a row: read once for every cell whose formula is
 * the same in relative R1C1 form, so a column of 50,000 year-to-date SUMs is parsed once, not
 * 50,000 times. What depends on where the formula sits (its references) is worked out for a
 * cell from the template's by shifting its relative parts (referencesFrom).
 */
export interface FormulaTemplate {
  /** The cell it was read from, whose references `parsed` holds. */
  row: number;
  col: number;
  parsed: ParsedFormula;
  /** Its relative R1C1 form, as relativeR1C1Of gives it. */
  r1c1: string;
  skeleton: string;
  aggregate: 'SUM' | 'AVERAGE' | null;
  volatile: string | null;
  /**
   * The formula's text between its references (the first with its '=', the last after the last
   * reference), to write the same formula as it reads in another cell (writtenAt); null when the
   * text holds a string, whose contents the body leaves out.
   */
  gaps: string[] | null;
}

/** The text between a parsed formula's references, as FormulaTemplate.gaps holds it. */
function gapsOf(formula: string, parsed: ParsedFormula): string[] | null {
  const offset = formula.startsWith('=') ? 1 : 0;
  if (formula.length - offset !== parsed.body.length) return null; // a string was blanked out of the body
  const gaps: string[] = [];
  let at = 0;
  for (const w of parsed.written) {
    gaps.push(formula.slice(at, offset + w.start));
    at = offset + w.end;
  }
  gaps.push(formula.slice(at));
  return gaps;
}

/**
 * The template's formula as written in (row, col), its relative references moved with it: what a
 * formula copied there reads; null where a reference would leave the sheet or the text cannot be
 * written again. Comparing a cell's text with it is how a column of copies is told from its first
 * formula without reading each one with the pattern.
 */
function writtenAt(t: FormulaTemplate, row: number, col: number): string | null {
  if (!t.gaps) return null;
  const dr = row - t.row;
  const dc = col - t.col;
  const cell = (absR: boolean, r: number, absC: boolean, c: number): string | null => {
    const rr = absR ? r : r + dr;
    const cc = absC ? c : c + dc;
    // Off the sheet (past column XFD, four letters, the pattern would not read it as a reference): no copy.
    if (rr < 0 || cc < 0 || cc > 16383) return null;
    return `${absC ? '$' : ''}${columnLetters(cc)}${absR ? '$' : ''}${rr + 1}`;
  };
  let out = t.gaps[0];
  const written = t.parsed.written;
  for (let i = 0; i < written.length; i++) {
    const w = written[i];
    const first = cell(w.absR1, w.r1, w.absC1, w.c1);
    if (first === null) return null;
    out += w.prefix + first;
    if (w.second) {
      const second = cell(w.second.absR, w.second.r, w.second.absC, w.second.c);
      if (second === null) return null;
      out += `:${second}`;
    }
    out += t.gaps[i + 1];
  }
  return out;
}

/**
 * The formula's body with its references in relative R1C1 form, as seen from (row, col), neither
 * trimmed nor upper-cased: two formulas with the same key read the same but for where they sit
 * (the key of FormulaTemplates). The same pattern as parseFormula, so the same references.
 */
function templateKey(formula: string, row: number, col: number): string {
  const part = (absRow: boolean, r: number, absCol: boolean, c: number) =>
    `R${absRow ? r + 1 : r === row ? '' : `[${r - row}]`}C${absCol ? c + 1 : c === col ? '' : `[${c - col}]`}`;
  return body(formula).replace(
    REF,
    (
      _m,
      prefix: string | undefined,
      absC1: string,
      c1: string,
      absR1: string,
      r1: string,
      absC2?: string,
      c2?: string,
      absR2?: string,
      r2?: string,
    ) => {
      let s = (prefix ?? '') + part(absR1 === '$', Number(r1) - 1, absC1 === '$', columnIndex(c1));
      if (c2 !== undefined) s += `:${part(absR2 === '$', Number(r2) - 1, absC2 === '$', columnIndex(c2))}`;
      return s;
    },
  );
}

/** The templates of the formulas of one sheet, by key. */
export class FormulaTemplates {
  private readonly byKey = new Map<string, FormulaTemplate>();
  /** The template last met in each column: the cell below is most often its copy. */
  private readonly lastInColumn = new Map<number, FormulaTemplate>();

  /**
   * The template of the formula in (row, col), read the first time its pattern is met. A copy of the
   * formula last met in its column is known by writing that one as it would read here and comparing
   * texts (same text, same references moved with it), without reading it with the pattern.
   */
  of(formula: string, row: number, col: number): FormulaTemplate {
    const last = this.lastInColumn.get(col);
    if (last && writtenAt(last, row, col) === formula) return last;
    const t = this.read(formula, row, col);
    this.lastInColumn.set(col, t);
    return t;
  }

  private read(formula: string, row: number, col: number): FormulaTemplate {
    const key = templateKey(formula, row, col);
    let t = this.byKey.get(key);
    if (!t) {
      const parsed = parseFormula(formula);
      t = {
        row,
        col,
        parsed,
        r1c1: key.trim().toUpperCase(),
        skeleton: skeletonOfParsed(parsed),
        aggregate: aggregateOf(parsed),
        volatile: volatileIn(parsed),
        gaps: gapsOf(formula, parsed),
      };
      this.byKey.set(key, t);
    }
    return t;
  }
}

/** The references of the template's formula as it reads in (row, col): its relative parts moved with it. */
export function referencesFrom(t: FormulaTemplate, row: number, col: number): Reference[] {
  if (row === t.row && col === t.col) return t.parsed.references;
  const dr = row - t.row;
  const dc = col - t.col;
  return t.parsed.written.map((w) => {
    const r1 = w.absR1 ? w.r1 : w.r1 + dr;
    const c1 = w.absC1 ? w.c1 : w.c1 + dc;
    const r2 = w.second ? (w.second.absR ? w.second.r : w.second.r + dr) : r1;
    const c2 = w.second ? (w.second.absC ? w.second.c : w.second.c + dc) : c1;
    return {
      sheet: w.sheet,
      top: Math.min(r1, r2),
      bottom: Math.max(r1, r2),
      left: Math.min(c1, c2),
      right: Math.max(c1, c2),
    };
  });
}
