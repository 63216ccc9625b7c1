/**
 * XML parts through saxes, a maintained non-validating tokenizer. Element and attribute
 * names are taken by local name (prefix dropped), so Transitional, Strict and writers that
 * prefix every element (`<x:c>`) read the same. A DOCTYPE (the way into entity expansion
 * and external entities) is refused; saxes itself refuses entities that are not declared.
 */
import { SaxesParser } from 'saxes';
import { entryText, type ZipEntry } from './zip';

export class XmlProblem extends Error {}

export interface XmlHandlers {
  open?: (name: string, attrs: Record<string, string>, selfClosing: boolean) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/**
 * An attribute by local name: the plain one, else any prefixed one (r:id, or Strict's own
 * prefix for the relationships namespace). Attributes are looked up this way only where a
 * prefix is expected, so the cell loop does not pay for it.
 */
export function attrLocal(attrs: Record<string, string>, local: string): string | undefined {
  if (attrs[local] !== undefined) return attrs[local];
  const suffix = `:${local}`;
  for (const k in attrs) if (k.endsWith(suffix) && !k.startsWith('xmlns')) return attrs[k];
  return undefined;
}

function makeParser(part: string, h: XmlHandlers): SaxesParser {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('doctype', () => {
    throw new XmlProblem(
      `the part ${part} declares a DOCTYPE (entity declarations are refused: they can expand without bound or read other files)`,
    );
  });
  parser.on('error', (err) => {
    throw new XmlProblem(`the part ${part} is not well-formed XML (${err.message.split('\n')[0]})`);
  });
  if (h.open) {
    const open = h.open;
    parser.on('opentag', (tag) => {
      const name = tag.name;
      open(name.indexOf(':') < 0 ? name : localName(name), tag.attributes as Record<string, string>, tag.isSelfClosing);
    });
  }
  if (h.close) {
    const close = h.close;
    parser.on('closetag', (tag) => {
      const name = tag.name;
      close(name.indexOf(':') < 0 ? name : localName(name));
    });
  }
  if (h.text) parser.on('text', h.text);
  return parser;
}

/** Parse a zip entry's XML, streamed from the inflater. */
export function parseEntry(entry: ZipEntry, h: XmlHandlers, limit?: number): void {
  const parser = makeParser(entry.name, h);
  entryText(
    entry,
    (t) => {
      parser.write(t);
    },
    limit,
  );
  parser.close();
}

/** Unescape the five predefined entities and character references (for XML copied as text). */
export function xmlUnescape(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|quot|apos|lt|gt|amp);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ({ quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' } as Record<string, string>)[e];
  });
}

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
