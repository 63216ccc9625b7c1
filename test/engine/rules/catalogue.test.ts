import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesMarkdown } from '../../../src/engine/rules/catalogue';
import { RULES } from '../../../src/engine';

const DOC = join(__dirname, '..', '..', '..', 'docs', 'RULES.md');

test('docs/RULES.md is the catalogue the code holds (regenerate with OUTTURN_WRITE_DOCS=1)', () => {
  const generated = rulesMarkdown();
  if (process.env.OUTTURN_WRITE_DOCS) writeFileSync(DOC, generated);
  const doc = readFileSync(DOC, 'utf8');
  expect(doc).toBe(generated);
  for (const r of RULES) expect(doc).toContain(`| \`${r.id}\` | ${r.severity} |`);
});
