/**
 * How Outturn marks a failing cell and recognises its own marks again, in the task pane
 * (Office.js) and in the copies the command line writes (the file format) alike: one
 * custom conditional format whose formula carries a marker, so that clearing removes
 * exactly these and nothing the user made. N() of text is 0, so the rule is always TRUE
 * and the look always shows.
 */
export type MarkSeverity = 'error' | 'warning';

/** The formula as Office.js reads and writes it. */
export const MARK_FORMULA: Record<MarkSeverity, string> = {
  error: '=N("outturn:error")=0',
  warning: '=N("outturn:warning")=0',
};

/** The same formula as the file format stores it: without the leading '='. */
export function storedMarkFormula(severity: MarkSeverity): string {
  return MARK_FORMULA[severity].slice(1);
}

/** Fill and font colours as '#RRGGBB' (Office.js). */
export const MARK_LOOK: Record<MarkSeverity, { fill: string; font: string }> = {
  error: { fill: '#FFC7CE', font: '#9C0006' },
  warning: { fill: '#FFEB9C', font: '#9C5700' },
};

/** A look's colours as the file format stores them: opaque ARGB ('FFFFC7CE'). */
export function storedMarkLook(severity: MarkSeverity): { fill: string; font: string } {
  const argb = (hex: string) => `FF${hex.slice(1)}`;
  return { fill: argb(MARK_LOOK[severity].fill), font: argb(MARK_LOOK[severity].font) };
}

/**
 * The marker inside the formula. Excel may give a formula back with other spacing or case
 * than it was written with, and with or without the '=', so only the marker is matched.
 */
const MARKER = /N\(\s*"outturn:(?:error|warning)"\s*\)/i;

/** True for a conditional-format formula that Outturn wrote, through Office.js or into a file. */
export function isOutturnMark(formula: string | null | undefined): boolean {
  return typeof formula === 'string' && MARKER.test(formula);
}
