/**
 * When a return was submitted, against its deadline, for the register (issue #25). The
 * compiler's signature is the act of submitting a return with Outturn: it is submitted once
 * every indicator (or the whole return) holds a current compiler signature, on the date of
 * the last of them, in the UK (a signature at 00:30 BST on the 15th was made on the 15th).
 * The deadline is the one the timeliness rules judged against (configured, or working days
 * after the period in the configured nation).
 */
import { workingDaysBetween } from '../engine/calendar';
import type { Nation } from '../engine/model/config';
import type { TrailRecord } from '../signoff/trail';

export type SubmissionState = 'on-time' | 'late' | 'overdue' | 'not-yet-due' | 'no-deadline' | 'not-judged';

export interface Submission {
  state: SubmissionState;
  /** The deadline the timeliness rules used, YYYY-MM-DD; null when no period was found. */
  deadline: string | null;
  /** The UK date the compiler sign-off was complete; null while it is not. */
  submitted: string | null;
  /** Working days after the deadline it was submitted (late), or that have passed without it (overdue). */
  daysLate: number;
  /** The state in a sentence, for every format alike. */
  words: string;
}

const UK_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The UK calendar date of a UTC instant ('2026-06-14T23:30:00.000Z' -> '2026-06-15'). */
export function ukCalendarDate(utc: string): string {
  return UK_DATE.format(new Date(utc));
}

export interface SubmissionFacts {
  deadline: string | undefined;
  today: string;
  nation: Nation;
  /** Every indicator (or the whole return) holds a current compiler signature; undefined when sign-off was not judged. */
  compilerComplete: boolean | undefined;
  /** The sign records the sign-off rules accepted. */
  accepted: readonly TrailRecord[];
}

const days = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;

export function submissionOf(facts: SubmissionFacts): Submission {
  const deadline = facts.deadline ?? null;
  if (facts.compilerComplete === undefined)
    return {
      state: 'not-judged',
      deadline,
      submitted: null,
      daysLate: 0,
      words: 'not judged (no audit trail)',
    };
  let submitted: string | null = null;
  if (facts.compilerComplete) {
    const times = facts.accepted
      .filter((r) => r.type === 'sign' && r.payload.role === 'compiler')
      .map((r) => r.at)
      .sort();
    submitted = times.length ? ukCalendarDate(times[times.length - 1]) : null;
  }
  if (!deadline)
    return {
      state: 'no-deadline',
      deadline,
      submitted,
      daysLate: 0,
      words: submitted
        ? `submitted ${submitted}; no deadline known (no reporting period found)`
        : 'not submitted; no deadline known (no reporting period found)',
    };
  if (submitted) {
    const late = workingDaysBetween(deadline, submitted, facts.nation);
    return submitted > deadline
      ? {
          state: 'late',
          deadline,
          submitted,
          daysLate: late,
          words: `LATE: submitted ${submitted}, ${days(late)} after the deadline ${deadline}`,
        }
      : {
          state: 'on-time',
          deadline,
          submitted,
          daysLate: 0,
          words: `on time: submitted ${submitted}, deadline ${deadline}`,
        };
  }
  if (facts.today > deadline) {
    const overdue = workingDaysBetween(deadline, facts.today, facts.nation);
    return {
      state: 'overdue',
      deadline,
      submitted: null,
      daysLate: overdue,
      words: `NOT SUBMITTED: the deadline ${deadline} passed ${days(overdue)} ago (the compiler sign-off is not complete)`,
    };
  }
  return {
    state: 'not-yet-due',
    deadline,
    submitted: null,
    daysLate: 0,
    words: `not yet submitted; deadline ${deadline}`,
  };
}
