/**
 * Dates and times as a compiler reads them: "1 Dec 2026, 21:49" (times) and
 * "1 Dec 2026" (dates). One formatter for the whole pane so every tab agrees.
 *
 * Built by hand rather than with Intl: `toLocaleString('en-GB')` differs between
 * engines and ICU versions ("Sept", a narrow no-break space, "at"), and the pane's
 * screenshots and tests need one spelling.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DateTimeOptions {
  /** 'local' (the default: the user's clock) or 'utc' (what the trail stores). */
  zone?: 'local' | 'utc';
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2026-12-01T21:49:07Z" → "1 Dec 2026, 21:49"; a date alone → "1 Dec 2026"; anything unreadable is returned as given. */
export function formatDateTime(iso: string, options: DateTimeOptions = {}): string {
  if (DATE_ONLY.test(iso)) return formatDate(iso);
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const utc = options.zone === 'utc';
  const day = utc ? at.getUTCDate() : at.getDate();
  const month = utc ? at.getUTCMonth() : at.getMonth();
  const year = utc ? at.getUTCFullYear() : at.getFullYear();
  const hours = utc ? at.getUTCHours() : at.getHours();
  const minutes = utc ? at.getUTCMinutes() : at.getMinutes();
  return `${day} ${MONTHS[month]} ${year}, ${pad(hours)}:${pad(minutes)}${utc ? ' UTC' : ''}`;
}

/** "2026-12-01" → "1 Dec 2026" (a calendar date has no zone); unreadable input is returned as given. */
export function formatDate(isoDate: string): string {
  const m = DATE_ONLY.exec(isoDate);
  if (!m) return isoDate;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return isoDate;
  return `${day} ${MONTHS[month - 1]} ${m[1]}`;
}

/** "2017-07" → "Jul 2017" (a reporting period). */
export function formatPeriod(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return period;
  return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}
