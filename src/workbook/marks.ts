import type { Finding, Severity } from '../engine/model/finding';

// What the command line's marked copy puts on each cell; the convention itself (formula,
// look, recognition) is src/engine/mark-convention.ts, shared with the pane.

type MarkedSeverity = Exclude<Severity, 'info'>;

export interface CellMark {
  sheet: string;
  cell: string;
  severity: MarkedSeverity;
  /** One line per finding on the cell. */
  lines: string[];
}

/** Error and warning findings grouped by cell; a cell with both is marked as an error. Info is never marked. */
export function marksFromFindings(findings: readonly Finding[]): CellMark[] {
  const byCell = new Map<string, CellMark>();
  for (const f of findings) {
    if (!f.cell || f.severity === 'info') continue;
    const key = `${f.sheet}\u0000${f.cell}`;
    let mark = byCell.get(key);
    if (!mark) {
      mark = { sheet: f.sheet, cell: f.cell, severity: f.severity, lines: [] };
      byCell.set(key, mark);
    }
    if (f.severity === 'error') mark.severity = 'error';
    mark.lines.push(`Outturn ${f.severity} (${f.rule}): ${f.message}`);
  }
  return [...byCell.values()];
}
