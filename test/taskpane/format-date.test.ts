import { formatDate, formatDateTime, formatPeriod } from '../../src/taskpane/format-date';

describe('formatDateTime', () => {
  it('reads a UTC instant as the user reads it, in UTC when asked', () => {
    expect(formatDateTime('2026-12-01T21:49:07.123Z', { zone: 'utc' })).toBe('1 Dec 2026, 21:49 UTC');
    expect(formatDateTime('2017-08-04T09:05:00Z', { zone: 'utc' })).toBe('4 Aug 2017, 09:05 UTC');
  });

  it('uses the local clock by default', () => {
    const at = new Date(2026, 11, 1, 21, 49, 30);
    expect(formatDateTime(at.toISOString())).toBe('1 Dec 2026, 21:49');
  });

  it('formats a date alone without inventing a time', () => {
    expect(formatDateTime('2017-08-14')).toBe('14 Aug 2017');
    expect(formatDate('2026-01-09')).toBe('9 Jan 2026');
  });

  it('returns unreadable input unchanged rather than "Invalid Date"', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatDate('2017-13-01')).toBe('2017-13-01');
    expect(formatDateTime('')).toBe('');
  });

  it('names a reporting period by month', () => {
    expect(formatPeriod('2017-07')).toBe('Jul 2017');
    expect(formatPeriod('2017-7')).toBe('2017-7');
  });
});
