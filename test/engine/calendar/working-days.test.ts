import {
  addWorkingDays,
  bankHolidays,
  deadlineFor,
  isWorkingDay,
  periodEnd,
  workingDaysBetween,
} from '../../../src/engine/calendar';
import { TABLE_FIRST_YEAR, TABLE_LAST_YEAR } from '../../../src/engine/calendar/bank-holiday-table';

describe('working days in England and Wales', () => {
  test('weekends and bank holidays are not working days', () => {
    expect(isWorkingDay('2017-08-14')).toBe(true); // Monday
    expect(isWorkingDay('2017-08-12')).toBe(false); // Saturday
    expect(isWorkingDay('2017-08-28')).toBe(false); // Summer bank holiday
    expect(isWorkingDay('2017-04-14')).toBe(false); // Good Friday
    expect(isWorkingDay('2017-04-17')).toBe(false); // Easter Monday
    expect(isWorkingDay('2022-12-27')).toBe(false); // substitute day for Christmas on a Sunday
  });

  test('moved bank holidays follow the real calendar (VE Day 2020 replaced the early May Monday)', () => {
    expect(isWorkingDay('2020-05-04')).toBe(true);
    expect(isWorkingDay('2020-05-08')).toBe(false);
  });

  test('the 2017 bank holidays of England and Wales, and nothing Scottish', () => {
    expect([...bankHolidays(2017)].sort()).toEqual([
      '2017-01-01',
      '2017-01-02',
      '2017-04-14',
      '2017-04-17',
      '2017-05-01',
      '2017-05-29',
      '2017-08-28',
      '2017-12-25',
      '2017-12-26',
    ]);
    expect(isWorkingDay('2017-08-07')).toBe(true); // Scotland's summer holiday is not England's
  });

  test('counting working days', () => {
    expect(addWorkingDays('2017-07-31', 0)).toBe('2017-07-31');
    expect(addWorkingDays('2017-08-25', 1)).toBe('2017-08-29'); // over the weekend and the bank holiday
    expect(workingDaysBetween('2017-07-31', '2017-08-14')).toBe(10);
    expect(workingDaysBetween('2017-08-14', '2017-07-31')).toBe(0);
  });

  test('counting the working days of a span agrees with walking it day by day, in every nation', () => {
    const DAY = 86_400_000;
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const walked = (from: string, to: string, nation: 'england-and-wales' | 'scotland' | 'northern-ireland') => {
      let n = 0;
      for (let ms = Date.parse(from) + DAY; ms <= Date.parse(to); ms += DAY) if (isWorkingDay(iso(ms), nation)) n++;
      return n;
    };
    // A fixed pseudo-random walk over 2015-2031: starts on every weekday, spans from a day to years,
    // across Christmas, Easter and substitute days; and the spans a register meets (years overdue).
    let seed = 20261207;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const spans: [string, string][] = [
      ['2022-12-23', '2023-01-03'],
      ['2017-08-14', '2026-12-07'],
      ['2020-05-01', '2020-05-11'],
    ];
    for (let i = 0; i < 150; i++) {
      const start = Date.UTC(2015, 0, 1) + Math.floor(next() * 365 * 12) * DAY;
      const length = Math.floor(next() ** 3 * 365 * 4);
      spans.push([iso(start), iso(start + length * DAY)]);
    }
    for (const nation of ['england-and-wales', 'scotland', 'northern-ireland'] as const)
      for (const [from, to] of spans)
        expect([from, to, workingDaysBetween(from, to, nation)]).toEqual([from, to, walked(from, to, nation)]);
  });
});

describe('deadlines: N working days after the period ends', () => {
  test('July 2017: 10 working days after Monday 31/07 is Monday 14/08', () => {
    expect(periodEnd('2017-07')).toBe('2017-07-31');
    expect(deadlineFor('2017-07', 10)).toBe('2017-08-14');
  });

  test('March 2017: Easter pushes the deadline from 14/04 to 18/04', () => {
    expect(deadlineFor('2017-03', 10)).toBe('2017-04-18');
  });

  test('Christmas and New Year: November 2017 with 20 days lands on 02/01/2018', () => {
    expect(deadlineFor('2017-11', 20)).toBe('2018-01-02');
    expect(deadlineFor('2017-12', 10)).toBe('2018-01-15');
  });

  test('the August bank holiday: July 2018 with 20 days lands on 29/08/2018', () => {
    expect(deadlineFor('2018-07', 20)).toBe('2018-08-29');
  });

  test('February in a leap year ends on the 29th', () => {
    expect(periodEnd('2020-02')).toBe('2020-02-29');
    expect(periodEnd('2019-02')).toBe('2019-02-28');
  });

  test('a configured deadline wins', () => {
    expect(deadlineFor('2017-07', 10, '2017-08-31')).toBe('2017-08-31');
  });
});

describe('the precomputed bank-holiday table (scripts/bank-holidays.js)', () => {
  // The command line reads the table instead of loading date-holidays at every start; it must say
  // exactly what date-holidays says, or a package update has added a holiday: run the script again.
  test('every nation and year in the table equals date-holidays', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Holidays = require('date-holidays') as new (
      country: string,
      region: string,
    ) => {
      getHolidays(year: number): { date: string; type: string }[];
    };
    const regions = { 'england-and-wales': 'ENG', scotland: 'SCT', 'northern-ireland': 'NIR' } as const;
    let years = 0;
    for (const [nation, region] of Object.entries(regions)) {
      const calendar = new Holidays('GB', region);
      for (let year = TABLE_FIRST_YEAR; year <= TABLE_LAST_YEAR; year++) {
        const expected = calendar
          .getHolidays(year)
          .filter((h) => h.type === 'public' || h.type === 'bank')
          .map((h) => h.date.slice(0, 10));
        expect([...bankHolidays(year, nation as keyof typeof regions)]).toEqual(expected);
        years++;
      }
    }
    expect(years).toBe(3 * (TABLE_LAST_YEAR - TABLE_FIRST_YEAR + 1));
  });

  test('a year outside the table still comes from date-holidays', () => {
    expect(bankHolidays(TABLE_LAST_YEAR + 5).has(`${TABLE_LAST_YEAR + 5}-12-25`)).toBe(true);
    expect(bankHolidays(1995, 'scotland').has('1995-01-02')).toBe(true);
  });
});
