import { brief, checkBook, edit } from '../helpers';
import { meltonClean } from '../../fixtures';

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
