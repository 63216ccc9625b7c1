import { FileOutcome } from './outcome';

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
  const header = several ? ['file', ...FINDING_COLUMNS] : [...FINDING_COLUMNS];
  const rows: string[] = [header.join(',')];
  for (const o of outcomes) {
    if (!o.ok) continue;
    for (const f of o.result.findings) {
      const cells = FINDING_COLUMNS.map((k) => csvField(f[k]));
      rows.push((several ? [csvField(o.file), ...cells] : cells).join(','));
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
