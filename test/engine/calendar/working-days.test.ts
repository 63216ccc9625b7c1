import {
  addWorkingDays,
  bankHolidays,
  deadlineFor,
  isWorkingDay,
  periodEnd,
  workingDaysBetween,
} from '../../../src/engine/calendar';

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
