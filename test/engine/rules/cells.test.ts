import { brief, checkBook, edit, only } from '../helpers';
import { meltonClean, meltonWorkbook } from '../../fixtures';

const PCT = '0.0%';

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
});
