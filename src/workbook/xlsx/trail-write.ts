/**
 * The audit trail written into the package itself (`outturn sign`): rows appended to the
 * very hidden OutturnTrail sheet (created with its header row when missing) as inline
 * strings and numbers, so the shared-strings part is not touched, and the chain head
 * defined name replaced in workbook.xml. Every other part is copied byte for byte.
 */
import { formatHead, type ChainHead, type TrailRecord } from '../../signoff/trail';
import { HEAD_NAME, JSON_COLUMN, recordToRow, TRAIL_HEADER, type RowValue } from '../../signoff/storage-rows';
import { TRAIL_SHEET } from '../../engine/own-sheets';
import { a1 } from '../../engine/model/address';
import { insertInSequence, PackageEdit, REL_NS, rootPrefix, STRICT_REL_NS } from './package-edit';
import type { XlsxBook } from './read';
import { xmlEscape } from './xml';

const WORKSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

function rowXml(p: string, row: number, values: readonly RowValue[]): string {
  const cells = values
    .map((v, c) => {
      const ref = a1(row, c);
      if (typeof v === 'number') return `<${p}c r="${ref}"><${p}v>${v}</${p}v></${p}c>`;
      return `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t xml:space="preserve">${xmlEscape(v)}</${p}t></${p}is></${p}c>`;
    })
    .join('');
  return `<${p}row r="${row + 1}">${cells}</${p}row>`;
}

/** workbook.xml with the chain head defined name replaced (or removed when `head` is null). */
export function withHead(xml: string, head: ChainHead | null): string {
  const p = rootPrefix(xml, 'workbook');
  const one = new RegExp(
    `<${p}definedName\\b[^>]*\\bname="${HEAD_NAME}"[^>]*>[^<]*</${p}definedName>|<${p}definedName\\b[^>]*\\bname="${HEAD_NAME}"[^>]*/>`,
    'g',
  );
  let out = xml.replace(one, '');
  if (head) {
    const node = `<${p}definedName name="${HEAD_NAME}">&quot;${formatHead(head)}&quot;</${p}definedName>`;
    if (new RegExp(`<${p}definedNames\\s*/>`).test(out))
      out = out.replace(new RegExp(`<${p}definedNames\\s*/>`), `<${p}definedNames>${node}</${p}definedNames>`);
    else if (out.includes(`</${p}definedNames>`))
      out = out.replace(`</${p}definedNames>`, `${node}</${p}definedNames>`);
    // definedNames comes after sheets (and the optional functionGroups, externalReferences) in CT_Workbook.
    else
      out = insertInSequence(
        out,
        p,
        'workbook',
        `<${p}definedNames>${node}</${p}definedNames>`,
        ['sheets', 'functionGroups', 'externalReferences'],
        [
          'calcPr',
          'oleSize',
          'customWorkbookViews',
          'pivotCaches',
          'smartTagPr',
          'smartTagTypes',
          'webPublishing',
          'fileRecoveryPr',
          'webPublishObjects',
          'extLst',
        ],
      );
  }
  return out.replace(new RegExp(`<${p}definedNames>\\s*</${p}definedNames>`), '');
}

/** Where the next record goes: after the last row whose record JSON cell is filled (rows 2 … n+1 hold records 1 … n). */
function nextRow(book: XlsxBook): number {
  const model = book.models.get(TRAIL_SHEET);
  if (!model) return 1;
  let last = 0;
  model.cells.forEach((r, i) => {
    const c = r?.[JSON_COLUMN];
    if (i > 0 && c && c.kind !== 'empty' && c.value !== '') last = i;
  });
  return last + 1;
}

/**
 * Append `records` to the trail and set the chain head. `book` must have been read with the
 * trail sheet's model (readXlsxBook reads Outturn's storage sheets).
 */
export function appendTrailToPackage(
  edit: PackageEdit,
  book: XlsxBook,
  records: readonly TrailRecord[],
  head: ChainHead | null,
): void {
  let wbXml = edit.text(book.workbookPart)!;
  const strict = wbXml.includes('http://purl.oclc.org/ooxml/spreadsheetml/main');
  const wp = rootPrefix(wbXml, 'workbook');
  const sheet = book.sheets.find((s) => s.name === TRAIL_SHEET && s.kind === 'worksheet');
  if (sheet) {
    let xml = edit.text(sheet.part)!;
    const p = rootPrefix(xml, 'worksheet');
    const start = nextRow(book);
    // Blank rows at or after the insertion point (left by an earlier writer) would repeat row numbers.
    xml = xml.replace(
      new RegExp(`<${p}row\\b[^>]*\\br="(\\d+)"[^>]*?(/>|>[\\s\\S]*?</${p}row>)`, 'g'),
      (m, r: string) => (Number(r) > start ? '' : m),
    );
    const rows = records.map((r, i) => rowXml(p, start + i, recordToRow(r))).join('');
    if (new RegExp(`<${p}sheetData\\s*/>`).test(xml))
      xml = xml.replace(new RegExp(`<${p}sheetData\\s*/>`), `<${p}sheetData>${rows}</${p}sheetData>`);
    else xml = xml.replace(`</${p}sheetData>`, `${rows}</${p}sheetData>`);
    // The dimension, if any, would now be short of the rows; it is optional, so it goes.
    xml = xml.replace(new RegExp(`<${p}dimension\\b[^>]*/>`), '');
    edit.set(sheet.part, xml);
    if (sheet.state !== 'veryHidden') {
      wbXml = wbXml.replace(new RegExp(`<${wp}sheet\\b[^>]*\\bname="${TRAIL_SHEET}"[^>]*/>`), (el) =>
        /\bstate="[^"]*"/.test(el)
          ? el.replace(/\bstate="[^"]*"/, 'state="veryHidden"')
          : el.replace(/\/>$/, ' state="veryHidden"/>'),
      );
    }
  } else {
    const part = edit.freeName('xl/worksheets/sheet{n}.xml');
    const ns = strict
      ? 'http://purl.oclc.org/ooxml/spreadsheetml/main'
      : 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const rows = [rowXml('', 0, [...TRAIL_HEADER]), ...records.map((r, i) => rowXml('', 1 + i, recordToRow(r)))].join(
      '',
    );
    edit.set(
      part,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${ns}"><sheetData>${rows}</sheetData></worksheet>`,
    );
    const relNs = strict ? STRICT_REL_NS : REL_NS;
    const id = edit.addRelationship(book.workbookPart, `${relNs}/worksheet`, part);
    edit.addContentType(part, WORKSHEET_TYPE);
    let sheetId = 0;
    for (const s of book.sheets) sheetId = Math.max(sheetId, Number(s.sheetId) || 0);
    const node = `<${wp}sheet xmlns:r="${relNs}" name="${TRAIL_SHEET}" sheetId="${sheetId + 1}" state="veryHidden" r:id="${id}"/>`;
    wbXml = wbXml.replace(`</${wp}sheets>`, `${node}</${wp}sheets>`);
  }
  edit.set(book.workbookPart, withHead(wbXml, head));
}
