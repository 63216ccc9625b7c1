import { checkBook, only } from './helpers';
import { meltonClean, meltonWorkbook } from '../fixtures';

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
