import { brief, checkBook, edit, only } from './helpers';
import { meltonClean, meltonWorkbook, dashboardClean, dashboardWorkbook } from '../fixtures';

const PCT = '0.0%';

describe('RAG', () => {
  test('a value exactly on the floor standard is AMBER', async () => {
    const r = await checkBook(edit(meltonClean(), { H6: [0.9, PCT], T6: 'GREEN' }));
    expect(brief(r.findings)).toEqual([{ cell: 'T6', rule: 'rag-mismatch', severity: 'error' }]);
    expect(r.findings[0].message).toBe('RAG says GREEN but 90.0% is on the floor standard of 90.0%: should be AMBER.');
  });

  test('meeting the target exactly is GREEN', async () => {
    const r = await checkBook(edit(meltonClean(), { H6: [0.95, PCT], T6: 'AMBER' }));
    expect(r.findings.map((f) => f.message)).toEqual([
      'RAG says AMBER but 95.0% meets the target of 95.0%: should be GREEN.',
      'DoT says Worse but 95.0% is the same as Jun (95.0%): should be Same.',
    ]);
  });

  test('polarity from target against floor when the polarity cell is empty (HC04: target 40, floor 50, lower is better)', async () => {
    const r = await checkBook(
      edit(meltonClean(), { H18: [55, '#,##0'], Q18: { formula: 'SUM(E18:H18)', result: 170 } as never }),
    );
    expect(brief(r.findings)).toEqual([{ cell: 'T18', rule: 'rag-mismatch', severity: 'error' }]);
    expect(r.findings[0].message).toBe('RAG says AMBER but 55 is above the floor standard of 50: should be RED.');
  });

  test('GREEN/AMBER/RED and G/A/R in any case are all RAG ratings; annotations and blanks are not checked', async () => {
    const r = await checkBook(
      edit(meltonClean(), { T6: 'amber', T7: 'g', T8: 'Green', T9: 'N/a', T10: null, T11: 'G ' }),
    );
    expect(r.findings).toEqual([]);
  });

  test('an unrecognised RAG is its own error and is not recomputed', async () => {
    const r = await checkBook(edit(meltonClean(), { T7: 'Purple' }));
    expect(brief(r.findings)).toEqual([{ cell: 'T7', rule: 'rag-unrecognised', severity: 'error' }]);
  });

  test('without a floor standard the RAG is not recomputed (polarity column or not)', async () => {
    const r = await checkBook(edit(meltonClean(), { S6: null, T6: 'RED' }));
    expect(brief(r.findings)).toEqual([{ cell: 'S6', rule: 'missing-floor', severity: 'error' }]);
  });
});

describe('direction of travel', () => {
  test('equal to the previous month is ↔ (words or arrows, as the grid writes them)', async () => {
    const r = await checkBook(edit(dashboardClean(), { F6: '↑' }));
    expect(r.findings.map((f) => [f.cell, f.message])).toEqual([
      ['F6', 'DoT says ↑ but 47% is the same as Previous Month (47%): should be ↔.'],
    ]);
  });

  test('"New" is expected where there is no previous value', async () => {
    const r = await checkBook(edit(dashboardClean(), { F9: '↑' }));
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      ['F9', 'dot-mismatch', 'DoT says ↑ but there is no Previous Month figure to compare with: should be New.'],
    ]);
  });

  test('the previous year is a different comparison and is never used for DoT', async () => {
    // D08: 41,250 against last month's 43,800 is worse (↓) though it beats the previous year's 39,870.
    const r = await checkBook(edit(dashboardClean(), { F11: '↑' }));
    expect(brief(r.findings)).toEqual([{ cell: 'F11', rule: 'dot-mismatch', severity: 'error' }]);
    expect(r.findings[0].message).toBe(
      'DoT says ↑ but 41,250 is worse than Previous Month (43,800; higher is better): should be ↓.',
    );
  });

  test('without a previous-period column DoT is not checked', async () => {
    const r = await checkBook(dashboardWorkbook(), { columns: { 'Previous Month': 'ignore' } });
    expect(only(r, 'dot-mismatch')).toEqual([]);
    expect(r.gridSummaries[0].columns.previousPeriod).toBeUndefined();
  });

  test('month on month in a monthly grid: Jul against Jun, with the polarity column', async () => {
    const r = await checkBook(edit(meltonClean(), { U8: 'Improving', U9: '↑' }));
    expect(r.findings.map((f) => [f.cell, f.message])).toEqual([
      ['U8', 'DoT says Improving but 92.0% is worse than Jun (93.0%; higher is better): should be Worse.'],
      ['U9', 'DoT says ↑ but 12 is worse than Jun (9; lower is better): should be ↓.'],
    ]);
  });

  test('text that is no direction of travel', async () => {
    const r = await checkBook(edit(meltonClean(), { U6: 'Sideways' }));
    expect(brief(r.findings)).toEqual([{ cell: 'U6', rule: 'dot-unrecognised', severity: 'error' }]);
  });
});

describe('in expected range', () => {
  test('thresholds are inclusive; "No" is accepted on either side; other words are errors', async () => {
    const r = await checkBook(edit(dashboardClean(), { C16: [500, '#,##0'], D18: 'No', D17: 'Maybe' }));
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      [
        'D17',
        'range-mismatch',
        'In expected range? says "Maybe", which is not Yes, Above or Below; 156 is within the thresholds of 120 to 200: should be Yes.',
      ],
    ]);
  });
});

describe('figures', () => {
  test('a negative percentage is out of range', async () => {
    const r = await checkBook(edit(meltonClean(), { E8: [-0.05, PCT] }));
    expect(brief(r.findings)).toEqual([{ cell: 'E8', rule: 'percent-out-of-range', severity: 'error' }]);
  });

  test('a target typed as percentage points against % values is a scale mismatch on the target', async () => {
    const r = await checkBook(edit(meltonClean(), { R8: [90, '0'] }));
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      [
        'R8',
        'scale-mismatch',
        'Target 90 is on a different scale from the value 92.0%: enter it as 90.0% (0.9 with a % format).',
      ],
    ]);
  });

  test('annotations are not errors, in any case, and the list comes from the configuration', async () => {
    const clean = await checkBook(edit(meltonClean(), { E8: 'n/a', F8: 'SNAPSHOT DATA', G20: 'N/K' }));
    expect(clean.findings).toEqual([]);
    const before = await checkBook(meltonWorkbook());
    expect(only(before, 'unrecognised-text').map((f) => f.cell)).toEqual(['F20']);
    const after = await checkBook(meltonWorkbook(), { annotations: ['N/a', 'New', '-', 'Snapshot data', 'See note'] });
    expect(only(after, 'unrecognised-text')).toEqual([]);
  });

  test('an error value anywhere in an indicator row is reported, a number typed as text with separators too', async () => {
    const r = await checkBook(
      edit(meltonClean(), {
        Y9: { formula: 'VLOOKUP(A9,Notes!A:B,2,FALSE)', result: { error: '#N/A' } } as never,
        F9: ['1,204', '#,##0'],
      }),
    );
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      [
        'F9',
        'number-stored-as-text',
        '"1,204" is text, so Excel will not calculate with it: enter it as the number 1,204.',
      ],
      ['Y9', 'excel-error', '#N/A is an Excel error value: correct the formula or the figures it uses.'],
    ]);
  });

  test('a formula result is not blamed for a fractional count typed in its inputs', async () => {
    const r = await checkBook(
      edit(meltonClean(), { F9: [10.5, '#,##0'], Q9: { formula: 'SUM(E9:H9)', result: 45.5 } as never }),
    );
    expect(brief(r.findings)).toEqual([{ cell: 'F9', rule: 'fractional-count', severity: 'error' }]);
  });

  test('numerator / denominator within the tolerance is accepted', async () => {
    const r = await checkBook(edit(dashboardClean(), { L4: 819 }));
    expect(r.findings).toEqual([]);
    const off = await checkBook(edit(dashboardClean(), { L4: 840 }));
    expect(brief(off.findings)).toEqual([{ cell: 'C4', rule: 'ratio-mismatch', severity: 'error' }]);
  });
});

describe('year to date', () => {
  test('a SUM over the wrong months is caught for a cumulative measure', async () => {
    const r = await checkBook(edit(meltonClean(), { Q16: [{ formula: 'SUM(E16:G16)', result: 5 } as never, '#,##0'] }));
    expect(r.findings.map((f) => [f.cell, f.message])).toEqual([
      ['Q16', 'Year to Date says 5 but Apr to Jul add up to 9 for this cumulative measure: should be 9.'],
    ]);
  });

  test('averages and snapshots are never summed', async () => {
    // CS05 is an average whose YTD is not the sum of the months; it is not cumulative.
    const r = await checkBook(edit(meltonClean(), { Q10: [99, '0.0'] }));
    expect(r.findings).toEqual([]);
  });

  test('a Cumulative column marks the measures to add up', async () => {
    const wb = meltonClean();
    const ws = wb.worksheets[0];
    ws.getCell('AA4').value = 'Cumulative?';
    ws.getCell('AA14').value = 'Cumulative?';
    ws.getCell('AA10').value = 'Yes';
    const r = await checkBook(edit(wb, { Q10: [99, '0.0'] }));
    expect(r.findings.map((f) => [f.cell, f.rule])).toEqual([['Q10', 'ytd-mismatch']]);
  });
});

describe('outliers and commentary', () => {
  const spike = () =>
    edit(meltonClean(), { H16: [40, '#,##0'], Q16: [{ formula: 'SUM(E16:H16)', result: 45 } as never, '#,##0'] });

  test("a value far outside the indicator's own history is a warning and needs commentary", async () => {
    const r = await checkBook(spike(), { tolerances: { outlierMinHistory: 3 } });
    expect(brief(r.findings)).toEqual([
      { cell: 'H16', rule: 'outlier', severity: 'warning' },
      { cell: 'Y16', rule: 'missing-commentary', severity: 'warning' },
    ]);
    expect(r.findings[0].message).toBe(
      "40 is far outside this indicator's history (Apr to Jun: median 2): check it, and explain it in the commentary.",
    );
    expect(r.findings[1].message).toBe(
      "Jul is far outside this indicator's history but there is no commentary: explain the performance and what is being done about it.",
    );
  });

  test('with less history than outlierMinHistory (default 4) nothing is said', async () => {
    const r = await checkBook(spike());
    expect(r.findings).toEqual([]);
  });

  test('commentary is needed where the figures make the RAG AMBER even if the stated RAG says GREEN', async () => {
    const r = await checkBook(edit(meltonClean(), { T6: 'GREEN', Y6: null }));
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      [
        'T6',
        'rag-mismatch',
        'RAG says GREEN but 94.0% is below the target of 95.0% and above the floor standard of 90.0%: should be AMBER.',
      ],
      [
        'Y6',
        'missing-commentary',
        'The figures make RAG AMBER but there is no commentary: explain the performance and what is being done about it.',
      ],
    ]);
  });
});

describe('completeness', () => {
  test('missing compiling officer and head of service', async () => {
    const r = await checkBook(edit(meltonClean(), { V9: null, X9: '  ' }));
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      ['V9', 'missing-owner', 'No compiling officer named for CS04.'],
      ['X9', 'missing-owner', 'No head of service named for CS04.'],
    ]);
  });

  test("an annotation fills a gap; empty months before an indicator's first figure are no gap", async () => {
    const r = await checkBook(edit(meltonClean(), { F7: 'n/k', E8: null, F8: null }));
    expect(r.findings).toEqual([]);
  });

  test('two gaps in one row are two findings', async () => {
    const r = await checkBook(edit(meltonClean(), { F8: null, G8: null }));
    expect(r.findings.map((f) => [f.cell, f.rule, f.message])).toEqual([
      [
        'F8',
        'period-gap',
        'No figure for May, between Apr and the current period Jul: fill it in, or enter an annotation such as n/k.',
      ],
      [
        'G8',
        'period-gap',
        'No figure for Jun, between Apr and the current period Jul: fill it in, or enter an annotation such as n/k.',
      ],
    ]);
  });

  test('a key-indicator column limits the missing-value checks to key indicators', async () => {
    const wb = meltonClean();
    const ws = wb.worksheets[0];
    ws.getCell('AA4').value = 'Key indicator';
    ws.getCell('AA14').value = 'Key indicator';
    ws.getCell('AA6').value = 'Yes';
    const r = await checkBook(edit(wb, { H6: null, H7: null, R7: null }));
    expect(brief(r.findings)).toEqual([{ cell: 'H6', rule: 'missing-value', severity: 'error' }]);
  });
});

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

describe('rule settings from the configuration', () => {
  test('a rule can be switched off or given another severity', async () => {
    const r = await checkBook(meltonWorkbook(), {
      rules: {
        'rag-mismatch': { enabled: false },
        'submitted-late': { severity: 'error' },
        'period-gap': { severity: 'info' },
      },
    });
    expect(only(r, 'rag-mismatch')).toEqual([]);
    expect(only(r, 'submitted-late').map((f) => f.severity)).toEqual(['error']);
    expect(only(r, 'period-gap').map((f) => f.severity)).toEqual(['info']);
    expect(r.summary).toEqual({ errors: 18, warnings: 2, info: 1 });
  });

  test('a rule id the engine does not have is named in a notice', async () => {
    const r = await checkBook(meltonClean(), { rules: { 'rag-mismatchh': { enabled: false } } });
    expect(r.notices).toEqual(["The configuration names a rule that does not exist ('rag-mismatchh'); it is ignored."]);
  });
});

describe('ratings written with a few more words', () => {
  test('"GREEN - on target", "↑ Improving" and "Below - seasonal" are read by their first word', async () => {
    const r = await checkBook(
      edit(meltonClean(), { T7: 'GREEN - on target', U7: 'Improving (down from 0.9)', T6: 'Amber (see commentary)' }),
    );
    expect(r.findings).toEqual([]);
    const d = await checkBook(edit(dashboardClean(), { F4: '↑ Improving', D19: 'Below - seasonal' }));
    expect(d.findings).toEqual([]);
  });

  test('but a rating split between two colours is not a rating', async () => {
    const r = await checkBook(edit(meltonClean(), { T7: 'Green/Amber' }));
    expect(brief(r.findings)).toEqual([{ cell: 'T7', rule: 'rag-unrecognised', severity: 'error' }]);
  });
});

describe('merged cells', () => {
  test('an officer, commentary or date merged down a block belongs to every row of it, where the adapter reports merges', async () => {
    const { sheetsOf } = await import('../fixtures');
    const { checkWorkbook } = await import('../../src/engine/check');
    const wb = edit(meltonClean(), { X7: null, X8: null, X9: null, Z10: null, Z11: null, Y16: null });
    const [s] = await sheetsOf(wb);
    const unmerged = checkWorkbook([s], (await import('./helpers')).config(), { today: '2017-08-21' });
    expect(brief(unmerged.findings).map((f) => `${f.cell} ${f.rule}`)).toEqual([
      'X7 missing-owner',
      'X8 missing-owner',
      'X9 missing-owner',
      'Z10 not-submitted',
      'Z11 not-submitted',
    ]);
    const merged = checkWorkbook(
      [{ ...s, merged: ['X6:X9', "'Corporate PIs'!Z9:Z11"] }],
      (await import('./helpers')).config(),
      { today: '2017-08-21' },
    );
    expect(merged.findings).toEqual([]);
  });
});
