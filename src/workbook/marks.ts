import type ExcelJS from 'exceljs';
import type { Finding, Severity } from '../engine/model/finding';

/**
 * The shared mark convention (the add-in recognises its own marks by these formulas).
 * In Office.js the formula reads `=N("outturn:error")=0`; in the file format a
 * conditional-format formula is stored without the leading '='. N() of text is 0, so the
 * rule is always true and the cell always shows the look.
 */
export const MARK_FORMULA = {
  error: 'N("outturn:error")=0',
  warning: 'N("outturn:warning")=0',
} as const;

export const MARK_LOOK = {
  error: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  warning: { fill: 'FFFFEB9C', font: 'FF9C5700' },
} as const;

type MarkedSeverity = Exclude<Severity, 'info'>;

/** True when a conditional-format formula is one of Outturn's marks (with or without the '='). */
export function isOutturnMarkFormula(formula: string): boolean {
  return /^=?N\("outturn:(error|warning)"\)=0$/.test(formula.trim());
}

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

/**
 * Add the marks to an ExcelJS workbook: a conditional format per failing cell and the
 * findings as a note. Values, formulas, number formats and the user's own conditional
 * formats are left as they are; an existing note is kept and the findings appended.
 * Returns how many cells were marked.
 */
export function applyMarks(wb: ExcelJS.Workbook, marks: readonly CellMark[]): number {
  let count = 0;
  for (const mark of marks) {
    const ws = wb.getWorksheet(mark.sheet);
    if (!ws) continue;
    const look = MARK_LOOK[mark.severity];
    ws.addConditionalFormatting({
      ref: mark.cell,
      rules: [
        {
          type: 'expression',
          formulae: [MARK_FORMULA[mark.severity]],
          style: {
            fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: look.fill } },
            font: { color: { argb: look.font } },
          },
        } as ExcelJS.ConditionalFormattingRule,
      ],
    });
    appendNote(ws.getCell(mark.cell), mark.lines.join('\n'));
    count++;
  }
  return count;
}

function appendNote(cell: ExcelJS.Cell, text: string): void {
  const existing = cell.note;
  if (!existing) {
    cell.note = text;
    return;
  }
  if (typeof existing === 'string') {
    cell.note = `${existing}\n\n${text}`;
    return;
  }
  cell.note = { ...existing, texts: [...(existing.texts ?? []), { text: `\n\n${text}` }] };
}

/** The text of a cell's note, whichever form ExcelJS gives it in. */
export function noteText(note: ExcelJS.Cell['note'] | undefined): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}
