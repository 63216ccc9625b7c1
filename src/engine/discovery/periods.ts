import type { Cell } from '../model/cell';
import { serialToIsoDate } from '../model/cell';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A month (1–12) from a word that is a month name or its start ('Jul', 'july', 'sept'); 0 when not a month. */
export function monthFromWord(word: string): number {
  if (word.length < 3) return 0;
  const w = word === 'sept' ? 'sep' : word;
  for (let i = 0; i < 12; i++) if (MONTHS[i].startsWith(w)) return i + 1;
  return 0;
}

/** Position of a calendar month in the reporting year: April 0 … March 11. */
export function yearIndexOfMonth(month: number): number {
  return (month + 8) % 12;
}

const MONTH_HEADER = /^([a-z]{3,9})(?: (?:\d{2}|\d{4}))*(?: (?:actual|actuals|result|value|outturn|figure))?$/;
const QUARTER_HEADER = /^(?:q|qtr|quarter) ?([1-4])(?: (?:\d{2}|\d{4}))*(?: (?:actual|actuals|result|value|outturn|figure))?$/;

export interface PeriodHeader {
  kind: 'month' | 'quarter';
  index: number;
}

/**
 * A period column header: 'Apr', 'April 2017', 'Apr-17', 'Q1', 'Quarter 1 2017/18', or a
 * real date in the header cell. `normalised` is the header after normaliseHeader.
 */
export function periodHeader(cell: Cell, normalised: string): PeriodHeader | null {
  if (cell.kind === 'date' && typeof cell.value === 'number') {
    const month = Number(serialToIsoDate(cell.value).slice(5, 7));
    return { kind: 'month', index: yearIndexOfMonth(month) };
  }
  if (!normalised) return null;
  const q = QUARTER_HEADER.exec(normalised);
  if (q) return { kind: 'quarter', index: Number(q[1]) - 1 };
  const m = MONTH_HEADER.exec(normalised);
  if (m) {
    const month = monthFromWord(m[1]);
    if (month) return { kind: 'month', index: yearIndexOfMonth(month) };
  }
  return null;
}
