import { escapeControls } from '../signoff/text-safety';

/**
 * Every string that reaches an HTML page (the check report, the register, the comparison, the
 * assurance pack, written by the command line or built in the pane) goes through here: cell
 * text and messages come from the workbook. Control characters and bidi overrides are shown
 * escaped (text-safety.ts), so a crafted ref can neither break a line nor display reversed.
 */
export function escapeHtml(value: unknown): string {
  return escapeControls(String(value ?? '')).replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}
