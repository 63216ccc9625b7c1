import { brief, checkBook, edit, only } from '../helpers';
import { meltonClean, meltonWorkbook } from '../../fixtures';

describe('timeliness', () => {
  test('submitted on the deadline day is on time; a date typed as text is read', async () => {
    const r = await checkBook(
      edit(meltonClean(), { Z6: [new Date(Date.UTC(2017, 7, 14)), 'dd/mm/yyyy'], Z7: '15/08/2017' }),
    );
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      ['Z7', 'submitted-late', 'Submitted 15/08/2017, after the deadline of 14/08/2017.'],
    ]);
  });

  test('a configured deadline replaces the working-day rule; deadlineDays changes it', async () => {
    const late = (await checkBook(meltonWorkbook(), { deadline: '2017-08-31' })).findings.filter(
      (f) => f.rule === 'submitted-late' || f.rule === 'not-submitted',
    );
    expect(late).toEqual([]);
    const tight = await checkBook(meltonClean(), { deadlineDays: 5 });
    expect(tight.timeline.deadline).toBe('2017-08-07');
    expect(brief(tight.findings).map((f) => f.rule)).toEqual(Array(12).fill('submitted-late'));
  });

  test('the period from the configuration overrides the title', async () => {
    const r = await checkBook(meltonClean(), { period: '2017-06' });
    expect(r.timeline).toEqual({ period: '2017-06', asOf: '2017-08-21', deadline: '2017-07-14' });
    // Jun is now the current period: every submission (10/08/2017) is after 14/07/2017.
    expect(only(r, 'submitted-late')).toHaveLength(12);
    // DoT now compares Jun with May: CS02 went from 0.7 to 0.9 (lower is better), so its 'Improving' is wrong.
    expect(only(r, 'dot-mismatch').map((f) => f.cell)).toEqual(['U7', 'U8', 'U9', 'U10', 'U15', 'U16', 'U18', 'U20']);
    expect(only(r, 'dot-mismatch')[0].message).toBe(
      'DoT says Improving but 0.9 is worse than May (0.7; lower is better): should be Worse.',
    );
  });

  test('sign-off outstanding after the deadline is one finding about the workbook, not a cell', async () => {
    const signoff = { complete: false, outstandingRoles: ['responsible officer', 'head of service'] };
    const r = await checkBook(meltonClean(), {}, { signoff });
    expect(r.findings).toEqual([
      {
        sheet: 'Corporate PIs',
        cell: null,
        rule: 'signoff-outstanding',
        dimension: 'timeliness',
        severity: 'warning',
        ref: null,
        message:
          'Sign-off is still outstanding (responsible officer, head of service) and the deadline of 14/08/2017 has passed.',
      },
    ]);
    expect((await checkBook(meltonClean(), { asOf: '2017-08-14' }, { signoff })).findings).toEqual([]);
    expect(
      (await checkBook(meltonClean(), {}, { signoff: { complete: true, outstandingRoles: [] } })).findings,
    ).toEqual([]);
    // It sorts after every cell finding.
    const all = await checkBook(meltonWorkbook(), {}, { signoff });
    expect(all.findings[all.findings.length - 1].rule).toBe('signoff-outstanding');
  });
});
