import { brief, checkBook, edit } from '../helpers';
import { meltonClean } from '../../fixtures';

describe('outliers and commentary', () => {
  const spike = () =>
    edit(meltonClean(), { H16: [40, '#,##0'], Q16: [{ formula: 'SUM(E16:H16)', result: 45 } as never, '#,##0'] });

  test("a value far outside the indicator's own history is a warning and needs commentary", async () => {
    const r = await checkBook(spike(), {
      tolerances: { outlierMinHistory: 3 },
      rules: { 'scale-jump': { enabled: false } },
    });
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

  test('with less history than outlierMinHistory (default 4) the outlier rule says nothing; scale-jump does', async () => {
    const r = await checkBook(spike());
    expect(brief(r.findings)).toEqual([{ cell: 'H16', rule: 'scale-jump', severity: 'warning' }]);
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
