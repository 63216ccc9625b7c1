/**
 * When a return was submitted against its deadline (src/app/submission.ts): the compiler
 * sign-off complete is the submission, dated in the UK, and late or overdue counted in the
 * configured nation's working days.
 */
import { submissionOf, ukCalendarDate } from '../../src/app/submission';
import type { TrailRecord } from '../../src/signoff/trail';

const sign = (role: string, at: string) => ({ type: 'sign', at, payload: { role } }) as unknown as TrailRecord;
const base = { deadline: '2017-08-14', today: '2017-08-21', nation: 'england-and-wales' as const };

test('a signature made just after midnight in summer time is dated the next UK day', () => {
  expect(ukCalendarDate('2017-08-14T23:30:00.000Z')).toBe('2017-08-15');
  expect(ukCalendarDate('2017-12-14T23:30:00.000Z')).toBe('2017-12-14');
});

test('submitted on the deadline day (UK time) is on time; the last compiler signature dates it', () => {
  const s = submissionOf({
    ...base,
    compilerComplete: true,
    accepted: [sign('compiler', '2017-08-02T10:00:00.000Z'), sign('compiler', '2017-08-14T22:59:00.000Z')],
  });
  expect(s).toEqual({
    state: 'on-time',
    deadline: '2017-08-14',
    submitted: '2017-08-14',
    daysLate: 0,
    words: 'on time: submitted 2017-08-14, deadline 2017-08-14',
  });
});

test('late is counted in working days, and a responsible officer signing later does not move the date', () => {
  const s = submissionOf({
    ...base,
    compilerComplete: true,
    // 23:30 UTC on Monday 14 August is 00:30 on Tuesday the 15th in London: one working day late.
    accepted: [sign('compiler', '2017-08-14T23:30:00.000Z'), sign('responsible-officer', '2017-08-20T09:00:00.000Z')],
  });
  expect(s.state).toBe('late');
  expect(s.submitted).toBe('2017-08-15');
  expect(s.daysLate).toBe(1);
  expect(s.words).toBe('LATE: submitted 2017-08-15, 1 working day after the deadline 2017-08-14');
});

test('not submitted past the deadline is overdue; bank holidays of the nation are not working days', () => {
  // Deadline Friday 25 August 2017; Monday 28 August is the summer bank holiday in England, not in Scotland.
  const facts = { deadline: '2017-08-25', today: '2017-08-29', compilerComplete: false, accepted: [] };
  expect(submissionOf({ ...facts, nation: 'england-and-wales' }).daysLate).toBe(1);
  expect(submissionOf({ ...facts, nation: 'scotland' }).daysLate).toBe(2);
  expect(submissionOf({ ...facts, nation: 'scotland' }).words).toBe(
    'NOT SUBMITTED: the deadline 2017-08-25 passed 2 working days ago (the compiler sign-off is not complete)',
  );
});

test('before the deadline, not yet submitted; without a period, no deadline is claimed; without a trail, not judged', () => {
  expect(submissionOf({ ...base, today: '2017-08-10', compilerComplete: false, accepted: [] }).state).toBe(
    'not-yet-due',
  );
  expect(submissionOf({ ...base, deadline: undefined, compilerComplete: false, accepted: [] }).words).toBe(
    'not submitted; no deadline known (no reporting period found)',
  );
  expect(submissionOf({ ...base, compilerComplete: undefined, accepted: [] }).state).toBe('not-judged');
});
