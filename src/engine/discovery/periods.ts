import type { Cell } from '../model/cell';
import { serialToIsoDate } from '../model/cell';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

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

export interface PeriodHeader {
  kind: 'month' | 'quarter' | 'year';
  /** Months 0 = April … 11 = March; quarters 0 … 3; years 0. */
  index: number;
  /** The financial year by its first calendar year (2014 for 2014/15, and for Apr-14 … Mar-15), when the header says it. */
  year?: number;
}

/** What a period-labelled header holds: the figure for that period, or the target for it. */
export interface LabelledPeriod {
  period: PeriodHeader;
  as: 'value' | 'target';
}

/** Words beside a period that still mean "the figure for this period": 'Q1 Actual', '2013/14 Outturn', 'Apr-17 Performance'. */
const VALUE_WORDS = sortedSet([
  'actual',
  'actuals',
  'result',
  'results',
  'value',
  'values',
  'outturn',
  'out turn',
  'figure',
  'figures',
  'performance',
  'data',
  'achieved',
  'achievement',
  'position',
  'fy',
  'year',
  'full year',
  'year end',
  'year end outturn',
  'annual',
  'financial year',
  'outturn figure',
  'actual performance',
  'perf',
  'month',
  'quarter',
  'in month',
  'in quarter',
  'month actual',
  'quarter actual',
  'monthly',
  'quarterly',
  'period',
  'this period',
  // benchmarking reports: 'Scottish average 2014-15', 'average 2010-11'
  'average',
  'scottish average',
  'national average',
  'council',
  'our performance',
]);
/** Words beside a period that mean the target for it: 'Q2 Target', 'Target 2017/18'. */
const TARGET_WORDS = sortedSet([
  'target',
  'targets',
  'tgt',
  'target value',
  'annual target',
  'year end target',
  'year target',
  'quarterly target',
  'quarter target',
  'monthly target',
  'month target',
  'full year target',
  'plan',
  'planned',
  'profiled target',
  'target profile',
  'aim',
  'goal',
  'standard',
]);

/** Word sets compared whatever the order ('Target Month' is 'Month Target'). */
function sortedSet(phrases: string[]): Set<string> {
  return new Set(phrases.map((p) => p.split(' ').sort().join(' ')));
}

/**
 * Read a header that names a period, with or without a year and a word saying what it
 * holds: 'Q1 2014/15', 'Apr-17', '2013/14 Outturn', 'Q2 Target', 'Target 2017/18',
 * 'Outturn 2016/17', '2015/16', and the same after a two-row header joins a group cell to
 * the one below it ('2016/17 Q1', 'Target Q3'). `normalised` is after normaliseHeader
 * ('q1 2014 15'). Null when the header names no period, or says something else beside it.
 */
export function labelledPeriod(normalised: string): LabelledPeriod | null {
  if (!normalised) return null;
  const words = normalised.split(' ');
  let quarter = -1;
  let month = 0;
  // The last month of a span ('April to June 2023', 'Jan-Mar'): read as the quarter it covers.
  let spanEnd = 0;
  let fy: number | undefined;
  let calendarYear: number | undefined;
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const next = words[i + 1];
    // A financial year: '2014 15', '2014 2015', '14 15' (consecutive years).
    if (/^\d{2}$|^\d{4}$/.test(w) && next !== undefined && /^\d{2}$|^\d{4}$/.test(next)) {
      const a = Number(w.length === 2 ? `20${w}` : w);
      const b = Number(next);
      if ((next.length === 2 && (a + 1) % 100 === b) || (next.length === 4 && a + 1 === b)) {
        if (fy !== undefined) return null;
        fy = a;
        i++;
        continue;
      }
    }
    if (/^\d{4}$/.test(w) && Number(w) >= 1990 && Number(w) <= 2100) {
      if (calendarYear !== undefined) return null;
      calendarYear = Number(w);
      continue;
    }
    // 'apr 17': a two-digit year after a month.
    if (/^\d{2}$/.test(w) && month && calendarYear === undefined && i > 0 && monthFromWord(words[i - 1]) === month) {
      calendarYear = 2000 + Number(w);
      continue;
    }
    const q = /^(?:q|qtr)([1-4])$/.exec(w);
    if (q && quarter < 0) {
      quarter = Number(q[1]) - 1;
      continue;
    }
    if ((w === 'q' || w === 'qtr' || w === 'quarter') && next !== undefined && /^[1-4]$/.test(next) && quarter < 0) {
      quarter = Number(next) - 1;
      i++;
      continue;
    }
    const m = monthFromWord(w);
    // A month after a quarter is its span ('Quarter 1 Apr Jun'); a second month otherwise ends a span read below.
    if (m && w.length >= 3 && (w.length <= 4 || MONTH_NAMES.has(w))) {
      if (quarter >= 0) continue;
      if (spanEnd) return null;
      if (month) spanEnd = m;
      else month = m;
      continue;
    }
    if (w === 'to' && month && !spanEnd && next !== undefined && monthFromWord(next)) continue;
    rest.push(w);
  }
  const what = rest.sort().join(' ');
  const as = what === '' || VALUE_WORDS.has(what) ? 'value' : TARGET_WORDS.has(what) ? 'target' : null;
  if (!as) return null;
  if (spanEnd) {
    // Only the three months of a financial quarter are a period: 'Apr to Jun', 'Jan-Mar'; another range is not read.
    const first = yearIndexOfMonth(month);
    if (first % 3 !== 0 || yearIndexOfMonth(spanEnd) !== first + 2) return null;
    quarter = first / 3;
    if (fy === undefined && calendarYear !== undefined) fy = month >= 4 ? calendarYear : calendarYear - 1;
    month = 0;
    calendarYear = undefined;
  }
  let period: PeriodHeader;
  if (quarter >= 0) {
    if (month) return null;
    period = { kind: 'quarter', index: quarter };
    if (fy !== undefined) period.year = fy;
    else if (calendarYear !== undefined) period.year = calendarYear; // 'Q1 2017': read as the financial year 2017/18
  } else if (month) {
    period = { kind: 'month', index: yearIndexOfMonth(month) };
    if (fy !== undefined) period.year = fy;
    else if (calendarYear !== undefined) period.year = month >= 4 ? calendarYear : calendarYear - 1;
  } else if (fy !== undefined) {
    period = { kind: 'year', index: 0, year: fy };
  } else return null; // a lone '2017' or a bare word is not a period
  return { period, as };
}

const MONTH_NAMES = new Set([...MONTHS, 'sept']);

/**
 * A period column header: 'Apr', 'April 2017', 'Apr-17', 'Q1', 'Quarter 1 2017/18',
 * '2015/16', 'Q1 2014/15 Actual', or a real date in the header cell. `normalised` is the
 * header after normaliseHeader. Targets for a period ('Q2 Target') are not period columns.
 */
export function periodHeader(cell: Cell, normalised: string): PeriodHeader | null {
  if (cell.kind === 'date' && typeof cell.value === 'number') {
    const iso = serialToIsoDate(cell.value);
    const month = Number(iso.slice(5, 7));
    const year = Number(iso.slice(0, 4));
    return { kind: 'month', index: yearIndexOfMonth(month), year: month >= 4 ? year : year - 1 };
  }
  const l = labelledPeriod(normalised);
  return l && l.as === 'value' ? l.period : null;
}

/** Months from the start of the period's financial year to its last month, plus 12 a year: periods of several years sort by it. */
export function periodSeq(
  p: { kind: 'month' | 'quarter' | 'year'; index: number; year?: number },
  year = p.year ?? 0,
): number {
  const within = p.kind === 'month' ? p.index : p.kind === 'quarter' ? p.index * 3 + 2 : 11;
  return year * 12 + within;
}

/** Months between one period of a kind and the next. */
export function periodStep(kind: 'month' | 'quarter' | 'year'): number {
  return kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
}
