/**
 * Marks written into the package itself (check --out): for each marked sheet, one
 * conditional format per failing cell and the findings as a note (the comments part, and
 * the VML shapes Excel draws notes with). Only the marked sheets' XML, their comments and
 * VML parts and relationships, the styles part (two differential formats for the looks)
 * and [Content_Types].xml change; every other part is copied byte for byte.
 */
import { parseA1 } from '../../engine/model/address';
import { storedMarkFormula, storedMarkLook } from '../../engine/mark-convention';
import type { CellMark } from '../marks';
import { endOfSheetData, insertInSequence, PackageEdit, REL_NS, rootPrefix, STRICT_REL_NS } from './package-edit';
import { readRels, relsPathOf } from './parts';
import type { XlsxBook } from './read';
import { xmlEscape } from './xml';
import type { ZipEntry } from './zip';

/** CT_Worksheet's sequence around the elements Outturn adds. */
const BEFORE_CF = [
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];
const AFTER_CF = [
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
];
const AFTER_LEGACY = [...AFTER_CF, ...BEFORE_CF.slice(0, BEFORE_CF.indexOf('legacyDrawing'))];
const BEFORE_LEGACY = BEFORE_CF.slice(BEFORE_CF.indexOf('legacyDrawing') + 1);
/** CT_Stylesheet's sequence around dxfs. */
const AFTER_DXFS = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles'];
const BEFORE_DXFS = ['tableStyles', 'colors', 'extLst'];

const COMMENTS_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const VML_TYPE = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
export const NOTE_AUTHOR = 'Outturn';

/** Text for XML content: escaped, without the control characters XML 1.0 cannot hold. */
function xmlText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return xmlEscape(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));
}

function isStrict(xml: string): boolean {
  return xml.includes('http://purl.oclc.org/ooxml/spreadsheetml/main');
}

/** Add the two looks as differential formats (dxfs) to the styles part; returns their ids. */
function addLooks(edit: PackageEdit, stylesPart: string): { error: number; warning: number } {
  const xml = edit.text(stylesPart);
  if (xml === undefined) throw new Error('the workbook has no styles part');
  const p = rootPrefix(xml, 'styleSheet');
  const dxf = (look: { fill: string; font: string }) =>
    `<${p}dxf><${p}font><${p}color rgb="${look.font}"/></${p}font><${p}fill><${p}patternFill patternType="solid"><${p}bgColor rgb="${look.fill}"/></${p}patternFill></${p}fill></${p}dxf>`;
  const nodes = dxf(storedMarkLook('error')) + dxf(storedMarkLook('warning'));
  const open = new RegExp(`<${p}dxfs\\b([^>]*?)(/?)>`).exec(xml);
  let out: string;
  let first: number;
  if (open && open[2] !== '/') {
    const close = xml.indexOf(`</${p}dxfs>`, open.index);
    first = (xml.slice(open.index, close).match(new RegExp(`<${p}dxf[\\s>/]`, 'g')) ?? []).length;
    const attrs = open[1].replace(/\s*count="\d*"/, '');
    out = `${xml.slice(0, open.index)}<${p}dxfs${attrs} count="${first + 2}">${xml.slice(open.index + open[0].length, close)}${nodes}${xml.slice(close)}`;
  } else if (open) {
    first = 0;
    out = xml.slice(0, open.index) + `<${p}dxfs count="2">${nodes}</${p}dxfs>` + xml.slice(open.index + open[0].length);
  } else {
    first = 0;
    out = insertInSequence(xml, p, 'styleSheet', `<${p}dxfs count="2">${nodes}</${p}dxfs>`, AFTER_DXFS, BEFORE_DXFS);
  }
  edit.set(stylesPart, out);
  return { error: first, warning: first + 1 };
}

function addConditionalFormats(
  xml: string,
  marks: readonly CellMark[],
  dxf: { error: number; warning: number },
): string {
  const p = rootPrefix(xml, 'worksheet');
  let priority = 0;
  // Conditional formats sit after the cells: the cells' text (tens of MB) is not scanned.
  const re = /\bpriority="(\d+)"/g;
  re.lastIndex = endOfSheetData(xml, p);
  for (let m = re.exec(xml); m; m = re.exec(xml)) priority = Math.max(priority, Number(m[1]));
  const nodes = marks
    .map((mark) => {
      priority++;
      return `<${p}conditionalFormatting sqref="${mark.cell}"><${p}cfRule type="expression" dxfId="${dxf[mark.severity]}" priority="${priority}"><${p}formula>${xmlText(storedMarkFormula(mark.severity))}</${p}formula></${p}cfRule></${p}conditionalFormatting>`;
    })
    .join('');
  return insertInSequence(xml, p, 'worksheet', nodes, AFTER_CF, BEFORE_CF);
}

function newCommentsPart(strictNs: boolean): string {
  const ns = strictNs
    ? 'http://purl.oclc.org/ooxml/spreadsheetml/main'
    : 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${ns}"><authors></authors><commentList></commentList></comments>`;
}

/** Add the findings to the comments part: appended to a cell's note, or a new note. Returns the cells given new notes. */
function addNotes(xml: string, marks: readonly CellMark[]): { xml: string; added: string[] } {
  const p = rootPrefix(xml, 'comments');
  // The author list: Outturn's entry, added once.
  const authors = [...xml.matchAll(new RegExp(`<${p}author>([\\s\\S]*?)</${p}author>`, 'g'))].map((m) => m[1]);
  let authorId = authors.indexOf(NOTE_AUTHOR);
  if (authorId < 0) {
    authorId = authors.length;
    const node = `<${p}author>${NOTE_AUTHOR}</${p}author>`;
    xml = new RegExp(`<${p}authors\\s*/>`).test(xml)
      ? xml.replace(new RegExp(`<${p}authors\\s*/>`), `<${p}authors>${node}</${p}authors>`)
      : xml.replace(`</${p}authors>`, `${node}</${p}authors>`);
  }
  const added: string[] = [];
  const fresh: string[] = [];
  // Each existing note's end (its </text>), by cell, found in one pass: a search per mark
  // over the whole part was quadratic in the number of findings.
  const noteEnds = new Map<string, number>();
  const noteRe = new RegExp(`<${p}comment\\b[^>]*\\bref="([^"]+)"[^>]*>([\\s\\S]*?)</${p}comment>`, 'gi');
  for (let m = noteRe.exec(xml); m; m = noteRe.exec(xml)) {
    const ref = m[1].toUpperCase();
    if (!noteEnds.has(ref)) noteEnds.set(ref, xml.lastIndexOf(`</${p}text>`, m.index + m[0].length));
  }
  const appended: { at: number; text: string }[] = [];
  for (const mark of marks) {
    const text = mark.lines.join('\n');
    const close = noteEnds.get(mark.cell.toUpperCase());
    if (close !== undefined && close >= 0) {
      // The user's note stays as written; the findings follow it in a run of their own.
      appended.push({
        at: close,
        text: `<${p}r><${p}t xml:space="preserve">${xmlText(`\n\n${text}`)}</${p}t></${p}r>`,
      });
    } else {
      // As a run (not a bare <t>): Excel reads either, ExcelJS and some other readers only runs.
      fresh.push(
        `<${p}comment ref="${mark.cell}" authorId="${authorId}"><${p}text><${p}r><${p}t xml:space="preserve">${xmlText(text)}</${p}t></${p}r></${p}text></${p}comment>`,
      );
      added.push(mark.cell);
    }
  }
  if (appended.length) {
    // Spliced in from the end, so every earlier position stays where it was found.
    appended.sort((a, b) => a.at - b.at);
    const pieces: string[] = [];
    let last = 0;
    for (const a of appended) {
      pieces.push(xml.slice(last, a.at), a.text);
      last = a.at;
    }
    pieces.push(xml.slice(last));
    xml = pieces.join('');
  }
  if (fresh.length) {
    xml = new RegExp(`<${p}commentList\\s*/>`).test(xml)
      ? xml.replace(new RegExp(`<${p}commentList\\s*/>`), `<${p}commentList>${fresh.join('')}</${p}commentList>`)
      : xml.replace(`</${p}commentList>`, `${fresh.join('')}</${p}commentList>`);
  }
  return { xml, added };
}

/** A note's shape, as Excel draws it: hidden until the cell is hovered, anchored beside the cell. */
function noteShape(id: number, cell: string): string {
  const { row, col } = parseA1(cell)!;
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:240pt;height:80pt;z-index:${id % 1024};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 5}, 15, ${row + 5}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
  );
}

function newVml(block: number): string {
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    '</xml>'
  );
}

/** Add note shapes to a VML part (Excel shows a note only where it has a shape). */
function addShapes(vml: string, cells: readonly string[], block: number): string {
  let max = block * 1024;
  for (const m of vml.matchAll(/_x0000_s(\d+)/g)) max = Math.max(max, Number(m[1]));
  const shapes = cells.map((c) => noteShape(++max, c)).join('');
  const close = vml.lastIndexOf('</xml>');
  return close < 0 ? vml + shapes : vml.slice(0, close) + shapes + vml.slice(close);
}

function entryMap(edit: PackageEdit, name: string): ZipEntry | undefined {
  // readRels wants an entry; edited rels are re-read from their text.
  const text = edit.text(name);
  if (text === undefined) return undefined;
  const bytes = new TextEncoder().encode(text);
  return {
    name,
    method: 0,
    flags: 0,
    crc: 0,
    compressedSize: bytes.length,
    size: bytes.length,
    localOffset: 0,
    data: bytes,
    time: 0,
    date: 0,
  };
}

/**
 * Mark the package's cells. Returns how many cells were marked (marks naming a sheet the
 * workbook does not have are skipped).
 */
export function applyMarksToPackage(edit: PackageEdit, book: XlsxBook, marks: readonly CellMark[]): number {
  const bySheet = new Map<string, CellMark[]>();
  for (const m of marks) {
    const sheet = book.sheets.find((s) => s.name === m.sheet && s.kind === 'worksheet');
    if (!sheet || !parseA1(m.cell)) continue;
    const list = bySheet.get(sheet.part) ?? [];
    list.push(m);
    bySheet.set(sheet.part, list);
  }
  if (bySheet.size === 0) return 0;
  const wbRels = readRels(entryMap(edit, relsPathOf(book.workbookPart)), book.workbookPart);
  let stylesPart = wbRels.find((r) => r.type === 'styles')?.target;
  if (!stylesPart) {
    stylesPart = 'xl/styles.xml';
    const strict = isStrict(edit.text(book.workbookPart) ?? '');
    edit.set(
      stylesPart,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${strict ? 'http://purl.oclc.org/ooxml/spreadsheetml/main' : 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>`,
    );
    edit.addRelationship(book.workbookPart, `${strict ? STRICT_REL_NS : REL_NS}/styles`, stylesPart);
    edit.addContentType(stylesPart, 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml');
  }
  const dxf = addLooks(edit, stylesPart);
  let count = 0;
  let block = 0;
  for (const [part, sheetMarks] of bySheet) {
    block++;
    let xml = edit.text(part)!;
    const strict = isStrict(xml);
    const relNs = strict ? STRICT_REL_NS : REL_NS;
    xml = addConditionalFormats(xml, sheetMarks, dxf);
    const rels = readRels(entryMap(edit, relsPathOf(part)), part);
    let commentsPart = rels.find((r) => r.type === 'comments' && !r.external)?.target;
    if (!commentsPart) {
      commentsPart = edit.freeName('xl/comments{n}.xml');
      edit.set(commentsPart, newCommentsPart(strict));
      edit.addRelationship(part, `${relNs}/comments`, commentsPart);
      edit.addContentType(commentsPart, COMMENTS_TYPE);
    }
    const notes = addNotes(edit.text(commentsPart)!, sheetMarks);
    edit.set(commentsPart, notes.xml);
    if (notes.added.length) {
      const p = rootPrefix(xml, 'worksheet');
      const legacy = new RegExp(`<${p}legacyDrawing\\b[^>]*?\\b[\\w]*:?id="([^"]+)"`).exec(xml);
      const vmlRel = legacy ? rels.find((r) => r.id === legacy[1]) : undefined;
      if (vmlRel && edit.has(vmlRel.target)) {
        edit.set(vmlRel.target, addShapes(edit.text(vmlRel.target)!, notes.added, block));
      } else {
        const vmlPart = edit.freeName('xl/drawings/vmlDrawing{n}.vml');
        // A block number (1024 shape ids each) no other VML part of the package uses.
        let used = 0;
        for (const name of book.entries.keys()) if (name.endsWith('.vml')) used++;
        edit.set(vmlPart, addShapes(newVml(used + block), notes.added, used + block));
        const id = edit.addRelationship(part, `${relNs}/vmlDrawing`, vmlPart);
        edit.addContentType(vmlPart, VML_TYPE, true);
        xml = insertInSequence(
          xml,
          p,
          'worksheet',
          `<${p}legacyDrawing xmlns:r="${relNs}" r:id="${id}"/>`,
          AFTER_LEGACY,
          BEFORE_LEGACY,
        );
      }
    }
    edit.set(part, xml);
    count += sheetMarks.length;
  }
  return count;
}
