import type { Cell } from '../model/cell';
import type { RuleInfo } from '../model/finding';
import { serialToIsoDate } from '../model/cell';
import { ukDate } from '../format';
import { periodEnd } from '../calendar/working-days';
import type { Emit, GridContext, RuleFamily, SignoffState, Timeline } from './types';

const rules: RuleInfo[] = [
  {
    id: 'submitted-late',
    dimension: 'timeliness',
    severity: 'warning',
    title: 'Submitted after the deadline',
    description:
      "The date submitted is after the deadline (the configured date, unless it is not after the period's end; else deadlineDays working days, default 10, after the period ends; weekends and the bank holidays of the configured nation, England and Wales by default, are not working days). A warning: lateness cannot be undone, only explained.",
    example: 'Submitted 16/08/2017, after the deadline of 14/08/2017.',
  },
  {
    id: 'not-submitted',
    dimension: 'timeliness',
    severity: 'error',
    title: 'Not submitted and the deadline has passed',
    description: 'No date submitted although the as-of date is past the deadline.',
    example: 'No date submitted and the deadline of 14/08/2017 has passed.',
  },
  {
    id: 'submitted-before-period-end',
    dimension: 'timeliness',
    severity: 'warning',
    title: 'Submitted before the period ended',
    description:
      'The date submitted is before the last day of the reporting period, so the figures cannot cover all of it.',
    example: 'Submitted 28/07/2017, before the period ended on 31/07/2017: check the date.',
  },
  {
    id: 'submitted-after-as-of',
    dimension: 'timeliness',
    severity: 'error',
    title: 'Submission date in the future',
    description: 'The date submitted is after the as-of date (today unless set), so it cannot be right.',
    example: 'Submitted 04/09/2017, after the as-of date 21/08/2017: check the date.',
  },
  {
    id: 'signoff-outstanding',
    dimension: 'timeliness',
    severity: 'warning',
    title: 'Sign-off outstanding after the deadline',
    description:
      'The deadline has passed and the three-step sign-off (compiler, responsible officer, head of service) is not complete. A role is outstanding unless it holds a current signature (not stale, not withdrawn); a broken audit trail counts as unsigned. Reported for the workbook, not a cell, by the add-in and by outturn check on an .xlsx; never for a CSV, which cannot be signed.',
    example:
      'Sign-off is still outstanding (responsible officer, head of service) and the deadline of 14/08/2017 has passed.',
  },
];

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: string) => n.padStart(2, '0');

/** The ISO date a date-submitted cell holds: a real date, a serial number, or text dd/mm/yyyy or yyyy-mm-dd. */
export function isoDateIn(cell: Cell): string | null {
  if (
    (cell.kind === 'date' || cell.kind === 'number') &&
    typeof cell.value === 'number' &&
    cell.value > 0 &&
    cell.value < 2958466
  ) {
    return serialToIsoDate(cell.value);
  }
  if (cell.kind === 'text') {
    const t = (cell.value as string).trim();
    const dmy = DMY.exec(t);
    if (dmy) return `${dmy[3]}-${pad(dmy[2])}-${pad(dmy[1])}`;
    if (YMD.test(t)) return t;
  }
  return null;
}

function check(ctx: GridContext, emit: Emit, enabled: (rule: string) => boolean): void {
  const col = ctx.grid.columns.dateSubmitted;
  const { period, asOf, deadline } = ctx.timeline;
  if (col === undefined || !period) return;
  const end = periodEnd(period);
  for (const facts of ctx.rows) {
    const c = ctx.shown(facts.row, col);
    if (c.kind === 'empty' || (c.kind === 'text' && !(c.value as string).trim())) {
      if (deadline && asOf > deadline && enabled('not-submitted')) {
        emit(
          'not-submitted',
          facts.row,
          col,
          facts.ref,
          `No date submitted and the deadline of ${ukDate(deadline)} has passed.`,
        );
      }
      continue;
    }
    const date = isoDateIn(c);
    if (!date) continue;
    if (date > asOf) {
      if (enabled('submitted-after-as-of'))
        emit(
          'submitted-after-as-of',
          facts.row,
          col,
          facts.ref,
          `Submitted ${ukDate(date)}, after the as-of date ${ukDate(asOf)}: check the date.`,
        );
      continue;
    }
    if (date < end) {
      if (enabled('submitted-before-period-end'))
        emit(
          'submitted-before-period-end',
          facts.row,
          col,
          facts.ref,
          `Submitted ${ukDate(date)}, before the period ended on ${ukDate(end)}: check the date.`,
        );
      continue;
    }
    if (deadline && date > deadline && enabled('submitted-late')) {
      emit(
        'submitted-late',
        facts.row,
        col,
        facts.ref,
        `Submitted ${ukDate(date)}, after the deadline of ${ukDate(deadline)}.`,
      );
    }
  }
}

/** The workbook-level sign-off finding's message, or null when none is due. */
export function signoffOutstanding(timeline: Timeline, signoff: SignoffState | undefined): string | null {
  if (!signoff || signoff.complete || !timeline.deadline || timeline.asOf <= timeline.deadline) return null;
  const roles = signoff.outstandingRoles.length ? ` (${signoff.outstandingRoles.join(', ')})` : '';
  return `Sign-off is still outstanding${roles} and the deadline of ${ukDate(timeline.deadline)} has passed.`;
}

export const timelinessRules: RuleFamily = { rules, check };
