/**
 * The small parts of a package: relationships, the workbook, styles and shared strings.
 * Relationship types are matched by their last segment, so Transitional
 * (http://schemas.openxmlformats.org/…) and Strict (http://purl.oclc.org/ooxml/…) agree.
 */
import { ownString } from '../own-string';
import { attrLocal, parseEntry } from './xml';
import type { ZipEntry } from './zip';

export interface Relationship {
  id: string;
  type: string;
  /** Resolved to a part name in the zip ('xl/worksheets/sheet1.xml'); external targets kept as written. */
  target: string;
  external: boolean;
}

/** Where a relationships part for `part` lives: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Resolve a relationship target against the part that holds it (relative, or absolute from the root). */
export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const base = fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

export function relType(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

export function readRels(entry: ZipEntry | undefined, fromPart: string): Relationship[] {
  const out: Relationship[] = [];
  if (!entry) return out;
  parseEntry(entry, {
    open(name, a) {
      if (name !== 'Relationship') return;
      const external = a.TargetMode === 'External';
      out.push({
        id: a.Id,
        type: relType(a.Type ?? ''),
        target: external ? a.Target : resolveTarget(fromPart, a.Target ?? ''),
        external,
      });
    },
  });
  return out;
}

export interface SheetEntry {
  name: string;
  sheetId: string;
  relId: string;
  state: 'visible' | 'hidden' | 'veryHidden';
}

export interface DefinedName {
  name: string;
  localSheetId?: number;
  hidden: boolean;
  /** The formula or constant as written (unescaped). */
  text: string;
}

export interface WorkbookPart {
  sheets: SheetEntry[];
  definedNames: DefinedName[];
  date1904: boolean;
}

const TRUE = new Set(['1', 'true', 'on']);

export function readWorkbookPart(entry: ZipEntry): WorkbookPart {
  const wb: WorkbookPart = { sheets: [], definedNames: [], date1904: false };
  let name: DefinedName | null = null;
  parseEntry(entry, {
    open(tag, a) {
      if (tag === 'sheet') {
        const state = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
        wb.sheets.push({ name: a.name ?? '', sheetId: a.sheetId ?? '', relId: attrLocal(a, 'id') ?? '', state });
      } else if (tag === 'workbookPr') {
        wb.date1904 = TRUE.has(String(a.date1904 ?? '').toLowerCase());
      } else if (tag === 'definedName') {
        name = { name: a.name ?? '', hidden: TRUE.has(String(a.hidden ?? '').toLowerCase()), text: '' };
        if (a.localSheetId !== undefined) name.localSheetId = Number(a.localSheetId);
      }
    },
    text(t) {
      if (name) name.text += t;
    },
    close(tag) {
      if (tag === 'definedName' && name) {
        wb.definedNames.push(name);
        name = null;
      }
    },
  });
  return wb;
}

/** Excel's built-in number formats, as ExcelJS names them (the test oracle agrees on these). */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** The number format of each cell format (cellXfs index → format code). */
export function readStyles(entry: ZipEntry | undefined): string[] {
  if (!entry) return [];
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  parseEntry(entry, {
    open(tag, a, selfClosing) {
      if (tag === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (tag === 'cellXfs') inCellXfs = !selfClosing;
      else if (tag === 'xf' && inCellXfs) xfs.push(Number(a.numFmtId ?? 0));
    },
    close(tag) {
      if (tag === 'cellXfs') inCellXfs = false;
    },
  });
  return xfs.map((id) => custom.get(id) ?? BUILTIN_FORMATS[id] ?? 'General');
}

/** The shared strings, rich runs joined, phonetic runs (rPh) left out as Excel shows them. */
export function readSharedStrings(entry: ZipEntry | undefined, limit?: number): string[] {
  const out: string[] = [];
  if (!entry) return out;
  let cur = '';
  let inT = false;
  let phonetic = 0;
  parseEntry(
    entry,
    {
      open(tag, _a, selfClosing) {
        if (tag === 'si') cur = '';
        else if (tag === 't' && !selfClosing) inT = phonetic === 0;
        else if (tag === 'rPh' && !selfClosing) phonetic++;
      },
      text(t) {
        if (inT) cur += t;
      },
      close(tag) {
        if (tag === 't') inT = false;
        else if (tag === 'rPh') phonetic--;
        else if (tag === 'si') out.push(ownString(cur)); // not a view of saxes' chunk of the part
      },
    },
    limit,
  );
  return out;
}
