import type { Cell } from '../model/cell';
import type { ColumnRole, SingleRole } from '../model/roles';
import type { PeriodColumn } from '../model/grid';
import { collapseSpaces, normaliseHeader } from '../text';
import { HEADER_KEYWORDS, HEADER_SYNONYMS, VALUE_ROLES } from './synonyms';
import { labelledPeriod, periodHeader, type PeriodHeader } from './periods';

/** What one header cell says it is. */
export type HeaderMeaning =
  | { role: SingleRole }
  | { period: PeriodHeader }
  | { targetPeriod: PeriodHeader }
  | { ignore: true }
  | { body: true }
  | null;

const SYNONYMS = new Map<string, SingleRole>();
for (const [role, words] of Object.entries(HEADER_SYNONYMS) as [SingleRole, readonly string[]][]) {
  for (const w of words) if (!SYNONYMS.has(w)) SYNONYMS.set(w, role);
}

/** Headers longer than this are sentences (an indicator's description), not column names. */
const MAX_HEADER_WORDS = 7;
const PARENTHESES = /\([^)]*\)/g;
const YEAR_WORDS = / (?:\d{2}|\d{4})(?= |$)/g;

/** Column mapping from the configuration: header text (normalised) or column letter to role. */
export interface ConfiguredColumns {
  byHeader: Map<string, ColumnRole | 'ignore'>;
  /** Column letter keys ('H'), with the key as a header would read, since 'AIM' may be a header rather than column AIM. */
  byColumn: Map<number, { role: ColumnRole | 'ignore'; key: string }>;
  /** Normalised keys that matched a header or were applied as a column letter in some grid. */
  used: Set<string>;
}

/** Read one header text by meaning. Memoised by the caller through `HeaderReader`. */
function meaningOf(cell: Cell, configured: ConfiguredColumns): HeaderMeaning {
  if (cell.kind === 'date') {
    const p = periodHeader(cell, '');
    return p ? { period: p } : null;
  }
  if (cell.kind !== 'text') return null;
  return meaningOfText(cell.value as string, configured);
}

/** Read one header text by meaning (also for the joined text of a two-row header, 'Target Q1'). */
export function meaningOfText(text: string, configured: ConfiguredColumns): HeaderMeaning {
  const cell: Cell = { kind: 'text', value: text, format: 'General', formula: false };
  const norm = normaliseHeader(text);
  if (!norm) return null;
  const set = configured.byHeader.get(norm);
  if (set) configured.used.add(norm);
  if (set)
    return set === 'ignore'
      ? { ignore: true }
      : set === 'body'
        ? { body: true }
        : set === 'period'
          ? { period: periodHeader(cell, norm) ?? { kind: 'month', index: -1 } }
          : { role: set };
  const exact = SYNONYMS.get(norm);
  // '% change in value' reads as 'change in value' once the '%' is dropped: the sign says it is the percentage change.
  if (exact === 'change' && /%|\bper ?cent/i.test(text)) return { role: 'percentChange' };
  if (exact) return { role: exact };
  // 'Q1 2014/15', '2013/14 Outturn', 'Q2 Target', 'Target 2017/18' (also inside brackets: 'Outturn (2016/17)').
  const labelled = labelledPeriod(norm);
  if (labelled) return labelled.as === 'value' ? { period: labelled.period } : { targetPeriod: labelled.period };
  if (norm.split(' ').length > MAX_HEADER_WORDS) return null;
  // 'Year to Date (cumulative)', 'Latest (2017/18)': drop the qualifiers and try again.
  const plain = normaliseHeader(text.replace(PARENTHESES, ' ')).replace(YEAR_WORDS, '').trim();
  const again = plain && SYNONYMS.get(plain);
  if (again) return { role: again };
  for (const [re, role] of HEADER_KEYWORDS) if (re.test(norm)) return { role };
  return null;
}

/** Reads header cells, remembering each distinct text (headers repeat down a sheet). */
export class HeaderReader {
  private readonly memo = new Map<string, HeaderMeaning>();
  constructor(readonly configured: ConfiguredColumns) {}

  meaning(cell: Cell): HeaderMeaning {
    if (cell.kind !== 'text') return meaningOf(cell, this.configured);
    return this.meaningOfText(cell.value as string);
  }

  meaningOfText(key: string): HeaderMeaning {
    let m = this.memo.get(key);
    if (m === undefined) {
      m = meaningOfText(key, this.configured);
      this.memo.set(key, m);
    }
    return m;
  }
}

/** A row read as a header: roles by column, period columns, and header texts. */
export interface HeaderMap {
  columns: Partial<Record<SingleRole, number>>;
  periods: PeriodColumn[];
  /** Targets labelled by a period ('Q2 Target'). */
  periodTargets: PeriodColumn[];
  /** Columns with a header text that maps to nothing. */
  unrecognised: number[];
  /** Columns the configuration names as bodies ('body'); discovery adds the ones it recognises (bodies.ts). */
  bodies?: number[];
  headers: Record<number, string>;
  mappingSource: Record<number, 'detected' | 'configured'>;
  left: number;
  right: number;
  /** Mapped cells (roles + periods): how strongly the row reads as a header. */
  score: number;
}

/**
 * Read a row as a header; null unless it names an indicator (ref or description) and at
 * least one value or judgement column, with most of its text cells recognised.
 */
export function readHeaderRow(
  row: readonly (Cell | undefined)[],
  sheetLeft: number,
  reader: HeaderReader,
  requireIdentity = true,
  lenient = false,
): HeaderMap | null {
  const columns: Partial<Record<SingleRole, number>> = {};
  const periods: PeriodColumn[] = [];
  const periodTargets: PeriodColumn[] = [];
  const unrecognised: number[] = [];
  const bodies: number[] = [];
  const headers: Record<number, string> = {};
  const mappingSource: Record<number, 'detected' | 'configured'> = {};
  let nonEmpty = 0;
  let mapped = 0;
  let left = Infinity;
  let right = -1;
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    if (!cell || cell.kind === 'empty') continue;
    if (cell.kind === 'text' && !(cell.value as string).trim()) continue;
    const col = sheetLeft + i;
    nonEmpty++;
    if (cell.kind === 'text') headers[col] = collapseSpaces(cell.value as string);
    const m = reader.meaning(cell);
    if (!m) {
      if (headers[col] !== undefined) unrecognised.push(col);
      continue;
    }
    if (col < left) left = col;
    if (col > right) right = col;
    if ('ignore' in m) {
      mapped++;
      continue;
    }
    if ('body' in m) {
      mapped++;
      bodies.push(col);
      mappingSource[col] = 'configured';
      continue;
    }
    const configured = cell.kind === 'text' && reader.configured.byHeader.has(normaliseHeader(cell.value as string));
    if ('period' in m || 'targetPeriod' in m) {
      mapped++;
      const p = 'period' in m ? m.period : m.targetPeriod;
      const column: PeriodColumn = { col, label: headers[col] ?? periodLabel(cell), kind: p.kind, index: p.index };
      if (p.year !== undefined) column.year = p.year;
      ('period' in m ? periods : periodTargets).push(column);
      mappingSource[col] = configured ? 'configured' : 'detected';
    } else if (columns[m.role] === undefined) {
      mapped++;
      columns[m.role] = col;
      mappingSource[col] = configured ? 'configured' : 'detected';
    } else if (headers[col] !== undefined) {
      unrecognised.push(col); // a second column for a role held once: named, so the user can map it
    }
  }
  if (requireIdentity && columns.ref === undefined && columns.description === undefined) return null;
  // Lenient: a row naming the indicator over columns Outturn cannot name (bodies, invented headings); the caller
  // accepts it only where the rows below hold figures under those columns (bodies.ts).
  if (lenient) {
    if (unrecognised.length < 2) return null;
  } else {
    if (mapped < 3 || mapped * 2 < nonEmpty) return null;
    let hasValue = periods.length > 0 || periodTargets.length > 0 || bodies.length > 0;
    for (const role of VALUE_ROLES) if (columns[role] !== undefined) hasValue = true;
    if (!hasValue) return null;
  }
  if (left === Infinity) {
    // Read leniently, a header may name nothing at all (members' names over an empty corner cell): it spans those names.
    if (!lenient) return null;
    left = Math.min(...unrecognised);
    right = Math.max(...unrecognised);
  }
  const header: HeaderMap = {
    columns,
    periods,
    periodTargets,
    unrecognised,
    headers,
    mappingSource,
    left,
    right,
    score: mapped,
  };
  if (bodies.length) header.bodies = bodies;
  return header;
}

function periodLabel(cell: Cell): string {
  if (cell.kind === 'date') {
    const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(cell.value as number) * 86_400_000);
    return d.toLocaleString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  }
  return String(cell.value);
}
