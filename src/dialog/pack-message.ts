/**
 * The assurance pack handed to its dialog page in parts (Dialog.messageChild, DialogApi 1.2).
 * The dialog page asks for it once it listens ('pack-ready': a message sent before the child
 * has added its handler is lost), then the pane sends the page in parts small enough for any
 * Office's message channel. Pure: no DOM, no Office.
 */
export const PACK_READY = 'pack-ready';
export const PACK_QUERY = 'pack';

/** Characters per part. */
export const PACK_PART = 32_000;

export interface PackPart {
  kind: 'outturn-pack';
  index: number;
  count: number;
  text: string;
}

/** The page as the messages the pane sends, in order. */
export function packParts(html: string, size = PACK_PART): string[] {
  const count = Math.max(1, Math.ceil(html.length / size));
  const out: string[] = [];
  for (let i = 0; i < count; i++)
    out.push(JSON.stringify({ kind: 'outturn-pack', index: i, count, text: html.slice(i * size, (i + 1) * size) }));
  return out;
}

/** Gathers the parts as they come; `add` returns the whole page once the last part is in, else null. */
export class PackAssembler {
  private parts: string[] = [];
  private count = 0;
  private got = 0;

  add(message: string): string | null {
    let part: PackPart;
    try {
      part = JSON.parse(message) as PackPart;
    } catch {
      return null;
    }
    if (part?.kind !== 'outturn-pack' || !Number.isInteger(part.index) || !Number.isInteger(part.count)) return null;
    if (part.count < 1 || part.index < 0 || part.index >= part.count || typeof part.text !== 'string') return null;
    if (this.count !== part.count) {
      this.parts = new Array<string>(part.count);
      this.count = part.count;
      this.got = 0;
    }
    if (this.parts[part.index] === undefined) this.got++;
    this.parts[part.index] = part.text;
    return this.got === this.count ? this.parts.join('') : null;
  }
}

/** The pack dialog's address: the dialog page beside the pane's, asked to wait for the pack. */
export function packDialogUrl(pageUrl: string): string {
  const url = new URL('dialog.html', pageUrl);
  url.search = '';
  url.hash = '';
  url.searchParams.set(PACK_QUERY, '1');
  return url.toString();
}

export function isPackDialog(search: string): boolean {
  return new URLSearchParams(search).get(PACK_QUERY) === '1';
}
