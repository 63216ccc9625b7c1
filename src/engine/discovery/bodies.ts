import type { Cell } from '../model/cell';
import type { SheetRows } from '../model/sheet';
import type { BodyColumn, BodyTotal } from '../model/grid';
import { normaliseHeader } from '../text';
import { isTextNumber } from '../values';
import type { HeaderMap } from './header-row';
import { readStatus, type StatusWords } from '../rules/status-words';

/**
 * Figures by body: one column per organisation, station, district, landlord or
 * family-group member, sharing one target column, each maybe with its own status column
 * ('Target met?') beside it, maybe with a total or combined column. Their headings are
 * names, which no word list can know, so such a grid is told by its shape: several
 * unnamed columns of figures, no period or current-value column, and something that
 * says the figures are judged side by side (a shared target over three or more, a status
 * column beside each, or a total). Without that evidence the columns stay unrecognised and the check says so.
 */

/** A total or combined column: the sum of the bodies' figures (counts) or between them (rates). */
const TOTAL = /\b(total|totals|combined|overall|all|whole service|service wide|group|organisation wide)\b/;
/** An average column of a benchmarking table: always between the members' figures. */
const AVERAGE = /\b(average|mean|median|family group|family)\b/;

/** Rows read to decide what a column holds. */
const SAMPLE_ROWS = 40;

function cellIn(rows: SheetRows, row: number, col: number, sheetLeft: number): Cell | undefined {
  return rows.get(row)?.[col - sheetLeft];
}

function isFigure(c: Cell | undefined): boolean {
  if (!c) return false;
  if (c.kind === 'number') return true;
  return c.kind === 'text' && isTextNumber(c.value as string);
}

function filled(c: Cell | undefined): boolean {
  if (!c || c.kind === 'empty') return false;
  return c.kind !== 'text' || (c.value as string).trim() !== '';
}

/** A column whose cells in these rows are mostly figures (annotations such as '-' or 'N/A' count for neither side). */
export function holdsFigures(rows: SheetRows, dataRows: readonly number[], col: number, sheetLeft: number): boolean {
  let numbers = 0;
  let words = 0;
  for (const r of dataRows.slice(0, SAMPLE_ROWS)) {
    const c = cellIn(rows, r, col, sheetLeft);
    if (!filled(c)) continue;
    if (isFigure(c)) numbers++;
    else if (c!.kind === 'text' && /[a-z]{3,}/i.test(c!.value as string) && (c!.value as string).length > 12) words++;
    else if (c!.kind === 'text' && /^[a-z ]+$/i.test((c!.value as string).trim()) && (c!.value as string).length > 4)
      words++;
  }
  return numbers > 0 && numbers >= words * 2;
}

/** A column whose cells are mostly status words ('Yes', 'Met', 'On track', '✓'). */
export function holdsStatus(
  rows: SheetRows,
  dataRows: readonly number[],
  col: number,
  sheetLeft: number,
  header: string,
  statusWords: StatusWords = new Map(),
): boolean {
  let statuses = 0;
  let other = 0;
  for (const r of dataRows.slice(0, SAMPLE_ROWS)) {
    const c = cellIn(rows, r, col, sheetLeft);
    if (!filled(c)) continue;
    if (c!.kind === 'text' && readStatus(c!.value as string, header, statusWords)) statuses++;
    else other++;
  }
  return statuses > 0 && statuses >= other;
}

/** The rows below a header that have two or more cells filled, up to a sample: what the lenient reading looks at. */
export function sampleRows(rows: SheetRows, headerAt: number): number[] {
  const out: number[] = [];
  for (let r = headerAt + 1; r < rows.length && out.length < 12; r++) {
    const row = rows.get(r);
    let n = 0;
    for (const c of row ?? []) if (filled(c)) n++;
    if (n >= 2) out.push(r);
  }
  return out;
}

/** The unnamed columns of a header that stand over figures in the rows below it. */
export function figureColumnsOf(h: HeaderMap, rows: SheetRows, headerAt: number, sheetLeft: number): number[] {
  const sample = sampleRows(rows, headerAt);
  return sample.length === 0 ? [] : h.unrecognised.filter((col) => holdsFigures(rows, sample, col, sheetLeft));
}

/**
 * A header read leniently (it names the indicator, but most of its headings are not
 * words Outturn knows) is a grid when at least two of those headings stand over figures:
 * then the check can at least say which figures it did not read, rather than find nothing.
 */
export function acceptLenient(h: HeaderMap, rows: SheetRows, headerAt: number, sheetLeft: number): boolean {
  const sample = sampleRows(rows, headerAt);
  if (sample.length === 0) return false;
  let figures = 0;
  for (const col of h.unrecognised) if (holdsFigures(rows, sample, col, sheetLeft)) figures++;
  if (figures < 2) return false;
  for (const col of h.unrecognised) {
    h.left = Math.min(h.left, col);
    h.right = Math.max(h.right, col);
  }
  return true;
}

export interface BodyLayout {
  bodies: BodyColumn[];
  total?: BodyTotal;
}

/**
 * Decide whether a header's unnamed figure columns are bodies, and if so which is the
 * total and which status column belongs to which body. Changes the header (the columns
 * leave `unrecognised`; a status column taken for a body leaves `rag`) and returns the
 * layout, or null.
 */
export function settleBodies(
  h: HeaderMap,
  rows: SheetRows,
  dataRows: readonly number[],
  sheetLeft: number,
  statusWords: StatusWords = new Map(),
): BodyLayout | null {
  const configured = h.bodies ?? [];
  const hasCurrent =
    h.periods.length > 0 ||
    h.columns.latest !== undefined ||
    h.columns.result !== undefined ||
    h.columns.ytd !== undefined;
  const candidates: number[] = [...configured];
  if (!hasCurrent || configured.length > 0) {
    for (const col of h.unrecognised) if (holdsFigures(rows, dataRows, col, sheetLeft)) candidates.push(col);
  }
  candidates.sort((a, b) => a - b);
  let total: BodyTotal | undefined;
  for (const col of candidates) {
    if (configured.includes(col)) continue;
    const words = normaliseHeader(h.headers[col] ?? '');
    if (AVERAGE.test(words)) total = { col, kind: 'average' };
    else if (TOTAL.test(words)) total = { col, kind: 'total' };
  }
  const bodyCols = candidates.filter((c) => c !== total?.col);
  if (bodyCols.length < 2) return null;

  // A status column beside each body: the next column, unnamed or a second (or first) RAG / 'Target met?'.
  const bodies: BodyColumn[] = bodyCols.map((col) => ({ col, label: h.headers[col] ?? '' }));
  const statusTaken: number[] = [];
  for (const b of bodies) {
    const next = b.col + 1;
    if (candidates.includes(next)) continue;
    const header = h.headers[next] ?? '';
    const unnamed = h.unrecognised.includes(next);
    const isRag = h.columns.rag === next || h.columns.ytdRag === next;
    // A status column says so in its words, or in its heading: the body's name beside a word ('Rugby met?', 'Zorp verdict').
    const named =
      b.label !== '' &&
      normaliseHeader(header).includes(normaliseHeader(b.label)) &&
      !holdsFigures(rows, dataRows, next, sheetLeft);
    if ((unnamed || isRag) && (named || holdsStatus(rows, dataRows, next, sheetLeft, header, statusWords))) {
      b.status = next;
      statusTaken.push(next);
    }
  }
  // Two unnamed figure columns beside a target are as likely a current value and a floor in unusual words
  // ('Now', 'Worst acceptable') as two bodies: a shared target alone needs three.
  const evidence =
    configured.length > 0 ||
    (h.columns.target !== undefined && bodyCols.length >= 3) ||
    statusTaken.length >= 2 ||
    total !== undefined;
  if (!evidence) return null;

  const taken = new Set([...bodyCols, ...statusTaken, ...(total ? [total.col] : [])]);
  h.unrecognised = h.unrecognised.filter((c) => !taken.has(c));
  if (h.columns.rag !== undefined && statusTaken.includes(h.columns.rag)) delete h.columns.rag;
  if (h.columns.ytdRag !== undefined && statusTaken.includes(h.columns.ytdRag)) delete h.columns.ytdRag;
  for (const c of taken) {
    h.mappingSource[c] ??= 'detected';
    h.left = Math.min(h.left, c);
    h.right = Math.max(h.right, c);
  }
  h.bodies = bodyCols;
  return total ? { bodies, total } : { bodies };
}
