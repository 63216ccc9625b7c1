import type HolidaysClass from 'date-holidays';
import type { Nation } from '../model/config';
import { BANK_HOLIDAY_TABLE, TABLE_FIRST_YEAR, TABLE_LAST_YEAR } from './bank-holiday-table';

/**
 * Working days in a UK nation: Monday to Friday, less its bank holidays (the public
 * holidays of date-holidays' GB/ENG for England and Wales, GB/SCT for Scotland, GB/NIR for
 * Northern Ireland; substitute days included). Dates are ISO 'YYYY-MM-DD' strings
 * throughout, handled in UTC so no time zone moves a day.
 */

/** date-holidays' region for each nation. */
const REGION: Record<Nation, string> = { 'england-and-wales': 'ENG', scotland: 'SCT', 'northern-ireland': 'NIR' };

const calendars = new Map<Nation, HolidaysClass>();

/**
 * date-holidays, loaded the first time a bank holiday is asked for: it carries every
 * country's calendar (costly to load at the command line's start), and most
 * checks of a return with no dates never need it.
 */
function holidaysClass(): typeof HolidaysClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('date-holidays') as { default?: typeof HolidaysClass } & typeof HolidaysClass;
  return mod.default ?? mod;
}
const byYear = new Map<string, Set<string>>();

/** The bank holidays of one year in a nation as ISO dates, e.g. '2017-08-28'. Cached per nation and year. */
export function bankHolidays(year: number, nation: Nation = 'england-and-wales'): Set<string> {
  const key = `${nation}:${year}`;
  let set = byYear.get(key);
  if (!set && year >= TABLE_FIRST_YEAR && year <= TABLE_LAST_YEAR) {
    // Precomputed from date-holidays (scripts/bank-holidays.js), so a check need not load it.
    set = new Set(BANK_HOLIDAY_TABLE[nation][year].split(' ').map((mmdd) => `${year}-${mmdd}`));
    byYear.set(key, set);
  }
  if (!set) {
    let calendar = calendars.get(nation);
    if (!calendar) {
      calendar = new (holidaysClass())('GB', REGION[nation]);
      calendars.set(nation, calendar);
    }
    set = new Set(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === 'public' || h.type === 'bank')
        .map((h) => h.date.slice(0, 10)),
    );
    byYear.set(key, set);
  }
  return set;
}

const MS_PER_DAY = 86_400_000;

function toUtc(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function toIso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isWorkingDay(iso: string, nation: Nation = 'england-and-wales'): boolean {
  const day = new Date(toUtc(iso)).getUTCDay();
  if (day === 0 || day === 6) return false;
  return !bankHolidays(Number(iso.slice(0, 4)), nation).has(iso);
}

/** The date `n` working days after `iso` (n = 0 gives `iso` itself). */
export function addWorkingDays(iso: string, n: number, nation: Nation = 'england-and-wales'): string {
  let ms = toUtc(iso);
  let left = n;
  while (left > 0) {
    ms += MS_PER_DAY;
    if (isWorkingDay(toIso(ms), nation)) left--;
  }
  return toIso(ms);
}

/** Monday to Friday among the days 0 .. day-1 counted from 1 January 1970 (a Thursday), for any whole day number. */
function weekdaysBefore(day: number): number {
  // Days counted from Monday 29 December 1969 (day -3), so each whole week starts on a Monday.
  const fromMonday = day + 3;
  const weeks = Math.floor(fromMonday / 7);
  return weeks * 5 + Math.min(fromMonday - weeks * 7, 5);
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not after `from`).
 * Counted, not walked: the weekdays of the span less the bank holidays that fall on one, so a
 * return years overdue (a register of old returns) costs a few years' holidays, not a walk of
 * every day between.
 */
export function workingDaysBetween(from: string, to: string, nation: Nation = 'england-and-wales'): number {
  const a = toUtc(from) / MS_PER_DAY;
  const b = toUtc(to) / MS_PER_DAY;
  if (b <= a) return 0;
  let count = weekdaysBefore(b + 1) - weekdaysBefore(a + 1);
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  for (let year = first; year <= last; year++) {
    const holidays = weekdayHolidays(year, nation);
    if (year > first && year < last) count -= holidays.length;
    else for (const holiday of holidays) if (holiday > from && holiday <= to) count--;
  }
  return count;
}

const weekdayHolidaysByYear = new Map<string, string[]>();

/** A year's bank holidays that fall on a weekday (a substitute day is one; the holiday it replaces is not). */
function weekdayHolidays(year: number, nation: Nation): string[] {
  const key = `${nation}:${year}`;
  let list = weekdayHolidaysByYear.get(key);
  if (!list) {
    list = [...bankHolidays(year, nation)].filter((iso) => {
      const weekday = new Date(toUtc(iso)).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    });
    weekdayHolidaysByYear.set(key, list);
  }
  return list;
}

/** The last day of a reporting month 'YYYY-MM', e.g. '2017-07' -> '2017-07-31'. */
export function periodEnd(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return toIso(Date.UTC(y, m, 0));
}

/** The submission deadline: the configured date, else `days` working days (in the nation) after the period ends. */
export function deadlineFor(
  period: string,
  days: number,
  configured?: string,
  nation: Nation = 'england-and-wales',
): string {
  return configured ?? addWorkingDays(periodEnd(period), days, nation);
}
