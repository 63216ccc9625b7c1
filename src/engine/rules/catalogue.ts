import type { RuleInfo } from '../model/finding';
import { DEFAULT_ANNOTATIONS } from '../model/config';
import { RULES } from './index';
import { HEADER_SYNONYMS } from '../discovery/synonyms';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(rules: readonly RuleInfo[]): string[] {
  const out = ['| id | default severity | what it checks | example message |', '| --- | --- | --- | --- |'];
  for (const r of rules) out.push(`| \`${r.id}\` | ${r.severity} | **${cell(r.title)}.** ${cell(r.description)} | ${cell(r.example)} |`);
  return out;
}

/** docs/RULES.md, written from the rule registry so the catalogue cannot drift from the code. */
export function rulesMarkdown(): string {
  const dims = [
    ['accuracy', 'Accuracy and validity'],
    ['completeness', 'Completeness'],
    ['timeliness', 'Timeliness'],
  ] as const;
  const lines = [
    '# Outturn rule catalogue',
    '',
    '<!-- Generated from src/engine/rules by `OUTTURN_WRITE_DOCS=1 npx jest test/engine/catalogue`; a test fails when this file and the code differ. -->',
    '',
    `Every finding names a cell (or none, for the workbook as a whole), a rule id, a dimension, a severity, the indicator's ref and a sentence naming the expected value. ${RULES.length} rules; each can be switched off or given another severity in the configuration:`,
    '',
    '```json',
    '{ "rules": { "outlier": { "enabled": false }, "submitted-late": { "severity": "error" } } }',
    '```',
    '',
    'How the checks read a grid:',
    '',
    '- **Current value**: the *Latest Month* (or *Latest*, *Current*) column; else the period column of the reporting period (from the configuration, `--period`, or a title such as "Results up to July 2017"; Q1 is April–June); else the last period column anyone filled in; else *Result* (activity indicators) or *Year to Date*.',
    '- **RAG** (*RAG*, *Month RAG*) judges the current value; **YTD RAG** judges *Year to Date*. Meeting the target is GREEN; beyond the floor standard RED; between them, or exactly on the floor, AMBER. Polarity comes from the polarity column ("Higher is better" / "Lower is better"), else from target against floor. GREEN/AMBER/RED and G/A/R are read in any case.',
    '- **DoT** compares the current value with the period before it: the previous month or quarter column of a monthly or quarterly grid, or a *Previous Month* / *Previous Quarter* column. The previous year is never used. ↑ (Improving), ↓ (Worse), ↔ (Same); "New" only where there is no earlier figure. The expected value is written in the grid\'s own vocabulary (arrows or words).',
    '- **Percentages** are cells with a % number format (the value is a fraction). **Counts** are indicators without a % format whose value has a whole-number format (`0`, `#,##0`) or whose description starts "Number of", and which are not averages, rates or "per" measures.',
    '- **Cumulative measures** (for `ytd-mismatch`): a Cumulative column says Yes, the description or unit says "cumulative", or the indicator is a count and the year-to-date header says cumulative.',
    `- **Annotations** may stand where a number would and are never errors (compared ignoring case): ${DEFAULT_ANNOTATIONS.map((a) => `"${a}"`).join(', ')}, or the configuration's \`annotations\` list.`,
    '- A value on the wrong scale (97 against a 95 % target) is reported once, by `scale-mismatch`; RAG and DoT are then not recomputed from it. An Excel error value is reported once, by `excel-error`, and other rules skip the cell.',
    '- **Deadline**: the configured `deadline`, else `deadlineDays` (default 10) working days after the last day of the reporting period. Working days exclude weekends and England and Wales bank holidays (date-holidays, GB/ENG).',
    '',
  ];
  for (const [dim, title] of dims) {
    lines.push(`## ${title}`, '', ...table(RULES.filter((r) => r.dimension === dim)), '');
  }
  lines.push(
    '## How columns are recognised',
    '',
    'A header row is a row of text naming the indicator (a ref or a description column) and at least one value or judgement column (a period, Latest, Year to Date, Result, Target, Floor, RAG, DoT, In expected range?). Headers are compared after lower-casing and turning punctuation and line breaks into single spaces ("Floor\\nStandard", "floor standard:" and "R.A.G." all match). Period columns are month names (Apr, April, April 2017, Apr-17, or a real date) or quarters (Q1, Quarter 1, Q1 2017/18). Blank rows, banner rows (one text cell) and repeated header rows inside a grid are skipped; three blank rows or a header of a different layout end it. The configuration\'s `columns` map (header text or column letter to a role, or `ignore`) overrides all of this.',
    '',
    '| role | header wordings recognised |',
    '| --- | --- |',
    ...Object.entries(HEADER_SYNONYMS).map(([role, words]) => `| \`${role}\` | ${words.map((w) => cell(w)).join(', ')} |`),
    '',
    'Longer headers are read by key words (e.g. "YTD RAG status" is `ytdRag`, "Target 2017/18" is `target`).',
    '',
  );
  return lines.join('\n');
}
