import { brief, checkBook, edit } from '../helpers';
import { meltonClean } from '../../fixtures';

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
