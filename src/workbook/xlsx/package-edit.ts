/**
 * Edits to a package, part by part: a part is either copied from the source zip as its
 * original compressed bytes, or replaced by new text. Nothing is re-encoded unless edited.
 */
import { entryString, writeZip, type OutEntry, type ZipEntry } from './zip';
import { relsPathOf, resolveTarget } from './parts';
import { xmlEscape } from './xml';

export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const STRICT_REL_NS = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export class PackageEdit {
  private readonly changed = new Map<string, string>();

  constructor(private readonly entries: Map<string, ZipEntry>) {}

  has(name: string): boolean {
    return this.changed.has(name) || this.entries.has(name);
  }

  /** A part's current text (edited, else as stored); undefined when there is no such part. */
  text(name: string): string | undefined {
    const edited = this.changed.get(name);
    if (edited !== undefined) return edited;
    const entry = this.entries.get(name);
    return entry ? entryString(entry) : undefined;
  }

  set(name: string, text: string): void {
    this.changed.set(name, text);
  }

  /** Names of the parts that were edited or added. */
  get edited(): string[] {
    return [...this.changed.keys()];
  }

  /** A part name not yet used, from a pattern such as 'xl/comments{n}.xml'. */
  freeName(pattern: string): string {
    for (let n = 1; ; n++) {
      const name = pattern.replace('{n}', String(n));
      if (!this.has(name)) return name;
    }
  }

  /** Add a relationship to `part`'s rels (creating the rels part); returns its id. */
  addRelationship(part: string, type: string, target: string): string {
    const rels = relsPathOf(part);
    let xml =
      this.text(rels) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"></Relationships>`;
    const ids = new Set([...xml.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    // Targets are written relative to the part's folder, as Excel writes them.
    const from = part.split('/').slice(0, -1);
    const to = target.split('/');
    let common = 0;
    while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
    const relative = [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
    const node = `<Relationship Id="${id}" Type="${xmlEscape(type)}" Target="${xmlEscape(relative)}"/>`;
    xml = /<Relationships\b[^>]*\/>/.test(xml)
      ? xml.replace(/<Relationships\b([^>]*)\/>/, `<Relationships$1>${node}</Relationships>`)
      : xml.replace(/<\/Relationships>\s*$/, `${node}</Relationships>`);
    if (resolveTarget(part, relative) !== target)
      throw new Error(`relationship target ${relative} does not resolve to ${target}`);
    this.set(rels, xml);
    return id;
  }

  /** Make sure [Content_Types].xml types `part` (an Override) or its extension (a Default). */
  addContentType(part: string, type: string, asDefault = false): void {
    const name = '[Content_Types].xml';
    let xml = this.text(name) ?? '';
    const ext = part.slice(part.lastIndexOf('.') + 1);
    if (asDefault) {
      if (new RegExp(`<Default\\b[^>]*Extension="${ext}"`, 'i').test(xml)) return;
      xml = xml.replace(/<\/Types>\s*$/, `<Default Extension="${ext}" ContentType="${type}"/></Types>`);
    } else {
      if (xml.includes(`PartName="/${part}"`)) return;
      xml = xml.replace(/<\/Types>\s*$/, `<Override PartName="/${xmlEscape(part)}" ContentType="${type}"/></Types>`);
    }
    this.set(name, xml);
  }

  /** The new package: every entry in its original order (copied or replaced), then the new parts. */
  toZip(): Uint8Array {
    const enc = new TextEncoder();
    const out: OutEntry[] = [];
    for (const [name, entry] of this.entries) {
      const edited = this.changed.get(name);
      out.push(edited === undefined ? { name, copy: entry } : { name, content: enc.encode(edited) });
    }
    for (const [name, text] of this.changed) if (!this.entries.has(name)) out.push({ name, content: enc.encode(text) });
    return writeZip(out);
  }
}

/** The prefix of a part's root element ('x:' for `<x:worksheet>`, '' for the default namespace). */
export function rootPrefix(xml: string, local: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}[\\s>]`).exec(xml);
  return m?.[1] ?? '';
}

/**
 * Insert `node` into a part's root element at the place its schema's sequence allows: before
 * the first top-level element named in `before` that is present after `after` (searched from
 * the end of `after`'s element), else before the root's closing tag.
 */
export function insertInSequence(
  xml: string,
  prefix: string,
  root: string,
  node: string,
  after: string[],
  before: string[],
): string {
  // Every element a mark is placed among comes after a worksheet's cells: searching from the
  // end of <sheetData> spares scanning the cells (most of a large sheet's text) once per name.
  let from = root === 'worksheet' ? endOfSheetData(xml, prefix) : 0;
  const floor = from;
  for (const name of after) {
    const closeTag = `</${prefix}${name}>`;
    // Forward from the floor (lastIndexOf would scan the cells backwards for a name that is absent).
    let end = -1;
    for (let i = xml.indexOf(closeTag, floor); i >= 0; i = xml.indexOf(closeTag, i + 1)) end = i + closeTag.length;
    const self = new RegExp(`<${prefix}${name}\\b[^>]*/>`, 'g');
    self.lastIndex = floor;
    for (let m = self.exec(xml); m; m = self.exec(xml)) end = Math.max(end, m.index + m[0].length);
    if (end > from) from = end;
  }
  let at = -1;
  for (const name of before) {
    const re = new RegExp(`<${prefix}${name}[\\s/>]`, 'g');
    re.lastIndex = from;
    const m = re.exec(xml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = xml.lastIndexOf(`</${prefix}${root}>`);
  return xml.slice(0, at) + node + xml.slice(at);
}

/** Where a worksheet's <sheetData> element ends (0 when it has none). */
export function endOfSheetData(xml: string, prefix: string): number {
  const closeTag = `</${prefix}sheetData>`;
  const close = xml.lastIndexOf(closeTag);
  if (close >= 0) return close + closeTag.length;
  const open = new RegExp(`<${prefix}sheetData\\b[^>]*/>`).exec(xml);
  return open ? open.index + open[0].length : 0;
}
