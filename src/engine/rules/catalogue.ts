import type { RuleInfo } from '../model/finding';
import { DEFAULT_ANNOTATIONS } from '../model/config';
import { RULES } from './index';
import { HEADER_SYNONYMS } from '../discovery/synonyms';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(rules: readonly RuleInfo[]): string[] {
  const out = ['| id | default severity | what it checks | example message |', '| --- | --- | --- | --- |'];
  for (const r of rules)
    out.push(`| \`${r.id}\` | ${r.severity} | **${cell(r.title)}.** ${cell(r.description)} | ${cell(r.example)} |`);
  return out;
}

/** docs/RULES.md, written from the rule registry so the catalogue cannot drift from the code. */
export function rulesMarkdown(): string {
  const dims = [
    ['accuracy', 'Accuracy and validity'],
    ['completeness', 'Completeness'],
    ['timeliness', 'Timeliness'],
    ['reliability', 'Reliability (the return over time)'],
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
    '- **Current value**: the *Latest Month* (or *Latest*, *Current*, *Value*, *This quarter*, *Actual*) column; else the period column of the reporting period (from the configuration, `--period`, or a title such as "Results up to July 2017"; Q1 is April–June): in a quarterly grid a month inside a quarter reports the last complete quarter, in a grid of years the last complete financial year; else the last period column anyone filled in; else *Result* (activity indicators) or *Year to Date*.',
    "- **Previous value** (for DoT): the period immediately before the current one (month on month, quarter on quarter, or year on year in a grid of years, across a year end where the headers give years: Q4 2014/15 before Q1 2015/16), or a *Previous Month* / *Previous Value* / *Last quarter* column. The previous year's figure of a monthly grid is never used.",
    "- **Targets by period**: where there is no plain *Target* but targets labelled by period (*Q1 Target*, *Target 2017/18*, a *Target* group over *Q1 … Q4*), the current period's target is used, else its year's, else the latest before it.",
    "- **RAG** (*RAG*, *Month RAG*, *Status*, *On Target*) judges the current value; **YTD RAG** judges *Year to Date*. Meeting the target is GREEN; beyond the floor standard RED; between them, or exactly on the floor, AMBER; a figure on its target is GREEN even without a floor. Polarity comes from the polarity column (*Higher is better*, *Good performance is: Lower*, *Aim: Maximise*, *Aim high*, ↑; *Closest to 100%* means neither, and nothing is recomputed), else from target against floor. Ratings are read in the report's words: GREEN/AMBER/RED, G/A/R, *On target*, *Within tolerance*, *Off target* (AMBER or RED), and *Grey*, *For info only*, *Data only*, *Baseline year*, *Contextual* (not rated: never an error, and no missing target).",
    '- **DoT** compares the current value with the previous value: ↑ (Improving, Getting better), ↓ (Worse, Deteriorating, Declining), ↔ (Same, No change, Stable); "New" only where there is no earlier figure; *Not comparable*, *Baseline year*, *N/a* give no direction and are accepted. The expected value is written in the grid\'s own vocabulary (arrows or words).',
    '- **The kind of a measure** is decided before any figure is judged, from its words (description, unit column, the value column\'s header), its unit and its number format, in this order: (1) words of a change, gap or difference (*change*, *reduction*, *increase*, *variance*, *gap*, *difference*, *net*, *behind*, *ahead*, *surplus*, *deficit*) make it **signed**: negative figures are normal, and a percentage change may pass 100 %; (2) a percentage (a % format or a % unit) of a reference (*against budget*, *% of target*, *of the fund*, *spent*, *occupancy against capacity*, *index*) may pass 100 %; (3) other percentages are **shares** of a whole, 0–100 % (sure when the words say so: *% of*, *Percentage of*, *within*, *satisfied*, *collected* …; a description starting "%" or "Percentage" without a % format is a share written as points, 0 to 100); (4) thousands, money, rates, averages, durations and weights (*(000s)*, *£k*, *£m*, a £ format, *per 1,000*, *average*, *days*, *hours*, *tonnes*, *kg*) are **amounts**, which may be fractional; (5) *Number of …* (or a unit *Number*), or a counted noun (*people*, *deaths*, *casualties*, *killed*, *injured*, *fires*, *incidents*, *calls*, *complaints*, *households*, *applications*, *cases*, *visits* …) is a **count**: whole and not negative (a rate, an average or thousands of things counted may be fractional, and a negative one is the warning `kind-uncertain`); (6) a whole-number format (`0`, `#,##0`) alone suggests a count but is not sure. A figure that breaks a sure kind\'s bounds is an error (`percent-out-of-range`, `negative-count`, `fractional-count`); one that breaks a guessed kind\'s bounds is the warning `kind-uncertain`, never an error.',
    '- **Additive measures** (for `ytd-mismatch`): a count (its words say what is counted), or a cumulative measure (a Cumulative column says Yes, the description or unit says "cumulative", or the indicator is a count and the year-to-date header says cumulative). Only the current financial year\'s periods are summed, and a year-to-date or outturn column that names another year is not compared with them.',
    `- **Annotations** may stand where a number would and are never errors (compared ignoring case): ${DEFAULT_ANNOTATIONS.map((a) => `"${a}"`).join(', ')}, or the configuration's \`annotations\` list. Inside a merged area (*New Measure* across the first years) a cell holds what Excel shows.`,
    '- **Status words**: a status column is read in the report\'s own words: the RAG words above, *Target met* / *Target not met*, *Met* / *Not met*, *Achieved* / *Not achieved*, *On track* / *Off track*, ✓ / ✗, and *Yes* / *No* under a heading that asks whether the target was met (*Target met?*, *Met?*, *Achieved?*). The configuration\'s `statusWords` maps a report\'s own words first: `{ "statusWords": { "Exceeded expectations": "GREEN", "Slipping": "AMBER or RED", "Monitoring": "unrated" } }` (GREEN, AMBER, RED, "AMBER or RED", unrated). A word Outturn does not know is the warning `status-word-unknown`, never an error; under a RAG heading a word that is not a colour, and two ratings at once (*G/A*), stay the error `rag-unrecognised`.',
    "- **Figures by body**: a grid whose figure columns are bodies rather than periods (one column per station, district, landlord or family-group member, headed by its name) is recognised by its shape: no period or current-value column, two or more columns of figures that map to no role, and a shared *Target*, a status column beside each body (*Target met?*) or a *Total* / *Combined* / *Overall* (or *Average*) column. Each body's figure is a figure like any other (validity, kind of measure), is judged against the shared target with the indicator's polarity where it has its own status column (`body-status-mismatch`), must be there when other bodies have one (`body-figure-missing`) and is compared with the other bodies' (`body-outlier`); the total is the sum of the bodies' figures for a count and lies between them for a rate, a percentage or an average (`body-total-mismatch`; `body-total-unclear` where the words do not say which). Where the shape is not evidence enough, map the columns to `body` in the configuration's `columns`.",
    '- **Coverage** is always stated: for each grid, which columns were understood and as what, how many figure cells (filled cells of every column holding figures, read or not; annotations excluded) were checked by at least one rule, and which columns of figures or statuses were not read. The result line says so when any figure was left unchecked ("0 errors — but the figures of 14 indicators were not checked: map the columns"), and `figures-not-checked` is raised where indicators have no figure Outturn could read.',
    '- Targets and thresholds written in words (*Greater than 50%*, *Top quartile*, *10.3 days*) are accepted as they are; RAG is then not recomputed.',
    '- A value on the wrong scale (97 against a 95 % target) is reported once, by `scale-mismatch`; RAG and DoT are then not recomputed from it. An Excel error value is reported once, by `excel-error`, and other rules skip the cell.',
    "- **Deadline**: the configured fixed `deadline` wins over `deadlineDays`, except where it is not after the last day of the reporting period (it cannot be that period's deadline): then, and where no deadline is configured, the deadline is `deadlineDays` (default 10) working days after the last day of the reporting period, and a notice says a configured deadline was set aside. Working days exclude weekends and the bank holidays of the configured `nation` (`england-and-wales`, the default; `scotland`; `northern-ireland`; date-holidays GB/ENG, GB/SCT, GB/NIR; `--nation` on the command line). On the command line, `--period` sets aside a deadline saved in the workbook for another period (one saved for that same period, or given in `--config`, is kept), and `--deadline-days` sets aside any fixed deadline; each time with a note in the report, never silently.",
    '',
  ];
  for (const [dim, title] of dims) {
    lines.push(`## ${title}`, '', ...table(RULES.filter((r) => r.dimension === dim)), '');
  }
  lines.push(
    '## How columns are recognised',
    '',
    'A header row is a row of text naming the indicator (a ref or a description column) and at least one value or judgement column (a period, Latest, Value, Year to Date, Result, Target, Floor, RAG, DoT, In expected range?). Headers are compared after lower-casing and turning punctuation and line breaks into single spaces ("Floor\\nStandard", "floor standard:" and "R.A.G." all match). Period columns are month names (Apr, April 2017, Apr-17, or a real date), quarters (Q1, Quarter 1, Q1 2014/15), or financial years (2015/16, 2013/14 Outturn, Outturn 2016/17, average 2014-15); a word beside the period says whether it holds the figure (Actual, Outturn, Value) or the target (Target, Aim). Years as columns on their own (2014/15 2015/16 2016/17, the benchmarking layout) are the periods; a year beside monthly or quarterly columns is the previous year (left of them) or the outturn (right of them). **Two-row headers** are read as one: each lower cell joined to the group cell above it (the cell itself, the merged area it lies in, or the last group label to its left): "2016/17" over "Q1 … Q4", "Target" over "Q1 … Q4", "Q1 2023/24" over "Value Target Status", and a header merged down both rows. Where the header leaves the indicator\'s own columns unheaded, they are found from the rows below (the column of longest text is the description, a short one to its left the ref). Blank rows, banner rows (one text cell) and repeated header rows (one or two rows) inside a grid are skipped; three blank rows or a header of a different layout end it. Every sheet is searched, so a return with one sheet per service is checked whole. Headers that map to no role are listed as *not recognised* (the grid summary\'s `unrecognised`; the CLI report). The configuration\'s `columns` map (header text or column letter to a role, or `ignore`) overrides all of this.',
    '',
    '| role | header wordings recognised |',
    '| --- | --- |',
    ...Object.entries(HEADER_SYNONYMS).map(
      ([role, words]) => `| \`${role}\` | ${words.map((w) => cell(w)).join(', ')} |`,
    ),
    '',
    'Longer headers are read by key words (e.g. "YTD RAG status" is `ytdRag`, "Target 2017/18" is `target`).',
    '',
  );
  return lines.join('\n');
}
