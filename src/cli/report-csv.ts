import { FileOutcome } from './outcome';
import { gridCoverageText } from './coverage-text';
import { Write, collect } from './report-output';

/**
 * A cell that a spreadsheet would run as a formula (= + - @, or a leading tab or carriage
 * return) gets a leading apostrophe, so opening the export in Excel never executes it.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(value: string | number | null): string {
  const text = neutraliseFormula(value === null ? '' : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const FINDING_COLUMNS = ['sheet', 'cell', 'rule', 'dimension', 'severity', 'ref', 'message'] as const;

/** One row per finding; with several files a leading file column. CRLF line ends, as RFC 4180 and Excel expect. */
export function csvReport(outcomes: readonly FileOutcome[], several: boolean): string {
  return collect((write) => writeCsvReport(outcomes, several, write));
}

/** The CSV report, written a row at a time as the findings are formatted. */
export function writeCsvReport(outcomes: readonly FileOutcome[], several: boolean, write: Write): void {
  const header = several ? ['file', ...FINDING_COLUMNS] : [...FINDING_COLUMNS];
  write(`${header.join(',')}\r\n`);
  for (const o of outcomes) {
    if (!o.ok) continue;
    const file = several ? `${csvField(o.file)},` : '';
    for (const f of o.result.findings) write(`${file}${FINDING_COLUMNS.map((k) => csvField(f[k])).join(',')}\r\n`);
    // A grid whose figures were not all checked says so in a row of its own (rule "coverage"), so a CSV of no
    // findings never reads as a clean return; a fully checked grid adds nothing.
    for (const [i, g] of o.result.gridSummaries.entries()) {
      const coverage = o.result.gridCoverage?.[i];
      if (!coverage || coverage.uncheckedCells === 0) continue;
      const row = {
        sheet: g.sheet,
        cell: null,
        rule: 'coverage',
        dimension: 'completeness',
        severity: 'info',
        ref: null,
        message: gridCoverageText(coverage).join('; '),
      };
      write(`${file}${FINDING_COLUMNS.map((k) => csvField(row[k])).join(',')}\r\n`);
    }
  }
}
