import Holidays from 'date-holidays';

/**
 * Working days in England and Wales: Monday to Friday, less the bank holidays
 * (public holidays of date-holidays' GB/ENG, which include substitute days).
 * Dates are ISO 'YYYY-MM-DD' strings throughout, handled in UTC so no time zone moves a day.
 */

let calendar: Holidays | null = null;
const byYear = new Map<number, Set<string>>();

/** The bank holidays of one year as ISO dates, e.g. '2017-08-28'. Cached per year. */
export function bankHolidays(year: number): Set<string> {
  let set = byYear.get(year);
  if (!set) {
    calendar ??= new Holidays('GB', 'ENG');
    set = new Set(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === 'public' || h.type === 'bank')
        .map((h) => h.date.slice(0, 10)),
    );
    byYear.set(year, set);
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

export function isWorkingDay(iso: string): boolean {
  const day = new Date(toUtc(iso)).getUTCDay();
  if (day === 0 || day === 6) return false;
  return !bankHolidays(Number(iso.slice(0, 4))).has(iso);
}

/** The date `n` working days after `iso` (n = 0 gives `iso` itself). */
export function addWorkingDays(iso: string, n: number): string {
  let ms = toUtc(iso);
  let left = n;
  while (left > 0) {
    ms += MS_PER_DAY;
    if (isWorkingDay(toIso(ms))) left--;
  }
  return toIso(ms);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let ms = toUtc(from) + MS_PER_DAY, end = toUtc(to); ms <= end; ms += MS_PER_DAY) {
    if (isWorkingDay(toIso(ms))) count++;
  }
  return count;
}

/** The last day of a reporting month 'YYYY-MM', e.g. '2017-07' -> '2017-07-31'. */
export function periodEnd(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return toIso(Date.UTC(y, m, 0));
}

/** The first day of a reporting month 'YYYY-MM'. */
export function periodStart(period: string): string {
  return `${period}-01`;
}

/** The submission deadline: the configured date, else `days` working days after the period ends. */
export function deadlineFor(period: string, days: number, configured?: string): string {
  return configured ?? addWorkingDays(periodEnd(period), days);
}
