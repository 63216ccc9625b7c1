/**
 * What the ribbon's Check tells the user, carried to the dialog page in its address.
 * Pure: no DOM, no Office. The dialog page is on the add-in's own origin (Office requires
 * the start address to be in the add-in's domain), so the message travels in the query
 * string and no second message is needed; it is kept short so the address stays well
 * under the 2,083 characters older Office web views accept.
 */
export type DialogKind = 'info' | 'warning' | 'error';

export interface DialogMessage {
  kind: DialogKind;
  title: string;
  lines: string[];
  /** Close by itself after this many seconds; null: stay until the user closes it. */
  closeAfterSeconds: number | null;
}

export const MAX_TITLE = 120;
export const MAX_LINES = 6;
export const MAX_LINE = 300;

function clip(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** The dialog page's absolute address (https, beside the function file) carrying the message. */
export function dialogUrl(pageUrl: string, m: DialogMessage): string {
  const url = new URL('dialog.html', pageUrl);
  url.search = '';
  url.hash = '';
  url.searchParams.set('k', m.kind);
  url.searchParams.set('t', clip(m.title, MAX_TITLE));
  for (const line of m.lines.slice(0, MAX_LINES)) url.searchParams.append('l', clip(line, MAX_LINE));
  if (m.closeAfterSeconds !== null) url.searchParams.set('s', String(Math.max(1, Math.round(m.closeAfterSeconds))));
  return url.toString();
}

/** The message back from the dialog page's query string; anything missing or odd falls back to a plain note. */
export function readDialogMessage(search: string): DialogMessage {
  const p = new URLSearchParams(search);
  const k = p.get('k');
  const kind: DialogKind = k === 'error' || k === 'warning' ? k : 'info';
  const seconds = Number(p.get('s'));
  return {
    kind,
    title: clip(p.get('t') || 'Outturn', MAX_TITLE),
    lines: p
      .getAll('l')
      .slice(0, MAX_LINES)
      .map((l) => clip(l, MAX_LINE))
      .filter(Boolean),
    closeAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 120) : null,
  };
}
