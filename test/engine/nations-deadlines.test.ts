import { addWorkingDays, bankHolidays, deadlineFor, isWorkingDay } from '../../src/engine/calendar';
import { checkWorkbook } from '../../src/engine/check';
import { parseConfig } from '../../src/engine/model/config';
import { config, sheet } from './helpers';

describe('bank holidays by nation (date-holidays GB/ENG, GB/SCT, GB/NIR)', () => {
  test("Scotland: 2 January, St Andrew's Day (and its substitute), the first Monday of August; no Easter Monday", () => {
    const n = 'scotland' as const;
    expect(isWorkingDay('2025-01-02', n)).toBe(false); // Thursday 2 January
    expect(isWorkingDay('2025-01-02')).toBe(true); // a working day in England and Wales
    expect(isWorkingDay('2026-11-30', n)).toBe(false); // St Andrew's Day, a Monday
    expect(isWorkingDay('2026-11-30')).toBe(true);
    expect(isWorkingDay('2024-12-02', n)).toBe(false); // St Andrew's Day 2024 fell on a Saturday: Monday 2 December instead
    expect(isWorkingDay('2025-08-04', n)).toBe(false); // Scotland's summer bank holiday
    expect(isWorkingDay('2025-08-25', n)).toBe(true); // England's is not Scotland's
    expect(isWorkingDay('2025-04-21', n)).toBe(true); // Easter Monday is not a Scottish bank holiday
    expect(isWorkingDay('2025-04-21')).toBe(false);
  });

  test("Northern Ireland: St Patrick's Day and the Twelfth (with its substitute day)", () => {
    const n = 'northern-ireland' as const;
    expect(isWorkingDay('2025-03-17', n)).toBe(false); // St Patrick's Day, a Monday
    expect(isWorkingDay('2025-03-17')).toBe(true);
    expect(isWorkingDay('2024-07-12', n)).toBe(false); // the Twelfth, a Friday
    expect(isWorkingDay('2024-07-12', 'scotland')).toBe(true);
    expect(isWorkingDay('2025-07-14', n)).toBe(false); // 12 July 2025 was a Saturday: Monday 14 July instead
    expect(isWorkingDay('2026-04-06', n)).toBe(false); // Easter Monday
  });

  test("each nation's list for 2026", () => {
    expect([...bankHolidays(2026, 'scotland')].sort()).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-04-03',
      '2026-05-04',
      '2026-05-25',
      '2026-08-03',
      '2026-11-30',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
    expect([...bankHolidays(2026, 'northern-ireland')].sort()).toEqual([
      '2026-01-01',
      '2026-03-17',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-07-12',
      '2026-07-13',
      '2026-08-31',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
    expect([...bankHolidays(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
  });

  test("a deadline counted over St Andrew's Day in Scotland is a day later", () => {
    // October 2026 ends on Saturday 31st; 20 working days later, counted across Monday 30 November.
    expect(addWorkingDays('2026-10-31', 21)).toBe('2026-11-30');
    expect(addWorkingDays('2026-10-31', 21, 'scotland')).toBe('2026-12-01');
    expect(deadlineFor('2026-10', 21, undefined, 'scotland')).toBe('2026-12-01');
  });

  test('the configuration names the nation; anything else is a clear error', () => {
    expect(config({}).nation).toBe('england-and-wales');
    expect(config({ nation: 'scotland' }).nation).toBe('scotland');
    const bad = parseConfig({ nation: 'wales' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toMatch(/^nation: /);
  });
});

describe('the reporting period and a fixed deadline', () => {
  const grid = (submitted: number) =>
    sheet('PIs', [
      ['Ref', 'Indicator', 'Latest', 'Target', 'Date submitted'],
      ['A1', 'Number of things', [4, '0'], [5, '0'], [submitted, 'dd/mm/yyyy']],
    ]);
  const SUBMITTED_1_DEC_2026 = 46357;

  test('the nation moves the computed deadline: submitted 1 December is late in England, on time in Scotland', () => {
    const eng = checkWorkbook(
      [grid(SUBMITTED_1_DEC_2026)],
      config({ period: '2026-10', deadlineDays: 21, asOf: '2026-12-10' }),
      { today: '2026-12-10' },
    );
    expect(eng.timeline.deadline).toBe('2026-11-30');
    expect(eng.findings.map((f) => f.rule)).toEqual(['submitted-late']);
    const sct = checkWorkbook(
      [grid(SUBMITTED_1_DEC_2026)],
      config({ period: '2026-10', deadlineDays: 21, asOf: '2026-12-10', nation: 'scotland' }),
      { today: '2026-12-10' },
    );
    expect(sct.timeline.deadline).toBe('2026-12-01');
    expect(sct.findings).toEqual([]);
  });

  test('a configured deadline wins over deadlineDays', () => {
    const r = checkWorkbook(
      [grid(SUBMITTED_1_DEC_2026)],
      config({ period: '2026-10', deadline: '2026-12-04', deadlineDays: 1, asOf: '2026-12-10' }),
      { today: '2026-12-10' },
    );
    expect(r.timeline.deadline).toBe('2026-12-04');
    expect(r.findings).toEqual([]);
    expect(r.notices).toEqual([]);
  });

  test("a configured deadline not after the period's end cannot be its deadline: it is set aside, and a notice says so", () => {
    const r = checkWorkbook(
      [grid(SUBMITTED_1_DEC_2026)],
      config({ period: '2026-10', deadline: '2026-09-14', deadlineDays: 21, asOf: '2026-12-10' }),
      { today: '2026-12-10' },
    );
    expect(r.timeline.deadline).toBe('2026-11-30');
    expect(r.notices).toEqual([
      'The configured deadline 2026-09-14 is not after the end of the reporting period 2026-10 (2026-10-31), so it cannot be its deadline: 21 working days after the period ends were used instead.',
    ]);
    expect(r.findings.map((f) => f.rule)).toEqual(['submitted-late']);
  });
});
