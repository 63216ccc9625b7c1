/**
 * The fingerprint of a checked grid: SHA-256 over what the reader of the return sees and
 * what Excel would compute, in a canonical form that does not depend on which adapter read
 * the workbook (ExcelJS in the command line, Office.js in the add-in). Version 2 covers each
 * cell's value, formula text and number format (a figure replaced by `=0.5` whose cached
 * result still reads 0.97, or a format `"50%"` laid over 0.97, is a different figure).
 * Version 1 (values only) is still computed alongside, so signatures made before version 2
 * keep verifying against unchanged figures. Marks and positions of blank rows outside the
 * grid do not count. The exact form is documented in docs/STORAGE.md.
 */
import type { Cell } from '../engine/model/cell';
import type { Grid } from '../engine/model/grid';
import { cellAt, type SheetModel } from '../engine/model/sheet';
import { rangeA1 } from '../engine/model/address';
import { canonicalJson } from './canonical-json';
import { Sha256, sha256Hex } from './sha256';

export const FINGERPRINT_VERSION = 'outturn-fingerprint/2';
/** Values only: what signatures made before version 2 hold. */
export const FINGERPRINT_VERSION_1 = 'outturn-fingerprint/1';

/** Per-indicator hashes are kept in signatures only up to this many indicators (trail size). */
export const MAX_INDICATOR_HASHES = 2000;
/** Per-indicator hashes are shortened to this many hex characters (64 bits: ample to tell a change). */
export const INDICATOR_HASH_LENGTH = 16;

export interface Fingerprint {
  /** SHA-256 of the canonical form, 64 hex characters. */
  hash: string;
  /** Indicator key ("sheet|ref") to a shortened hash of its row; absent for very large grids. */
  indicators?: Record<string, string>;
  /** Number of indicator rows fingerprinted. */
  count: number;
  /** The same grids fingerprinted as version 1 (values only), to judge older signatures. */
  legacy?: { hash: string; indicators?: Record<string, string> };
  /** What the fingerprint covered: each grid's sheet, range and a hash of its header row. */
  coverage: FingerprintedGrid[];
}

/** One grid a fingerprint covered, so a signature can name a grid that is gone. */
export interface FingerprintedGrid {
  sheet: string;
  /** A1 range of the grid, header row to last indicator row. */
  range: string;
  /** First 16 hex characters of SHA-256 of the header row's canonical cells. */
  header: string;
}

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/**
 * One cell as canonical text, or null when empty. Numbers: shortest round-trip text
 * (String(n)), -0 as 0. Dates: ISO date, plus time to the second when there is one
 * (ExcelJS gives a Date rounded to the millisecond, Office.js the raw serial: rounding to
 * the second makes both the same). Text: Unicode NFC, CRLF as LF, not trimmed (a
 * trailing space is a different value). Errors upper case.
 */
export function canonicalCell(cell: Cell): string | null {
  switch (cell.kind) {
    case 'empty':
      return null;
    case 'number': {
      const n = cell.value as number;
      return `n:${Object.is(n, -0) ? '0' : String(n)}`;
    }
    case 'date': {
      const seconds = Math.round((cell.value as number) * 86_400);
      const iso = new Date(EXCEL_EPOCH_UTC + seconds * 1000).toISOString();
      return `d:${iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19)}`;
    }
    case 'boolean':
      return `b:${cell.value ? 'true' : 'false'}`;
    case 'error':
      return `e:${String(cell.value).toUpperCase()}`;
    case 'text':
      return `t:${String(cell.value).replace(/\r\n?/g, '\n').normalize('NFC')}`;
  }
}

/**
 * One cell as version 2 sees it: null when empty; the canonical value alone when the cell
 * has no formula and the General format; else [value, number format, formula text], the
 * formula as written ('=B7/C7', '' when there is none or the reader could not tell it).
 * A date's format is left out (''): the value is already an ISO date, and built-in date
 * formats are spelled differently by Office.js (locale order) and ExcelJS ('mm-dd-yy'),
 * so counting them would make the add-in and the command line disagree.
 */
export function canonicalCellV2(cell: Cell): string | (string | null)[] | null {
  const value = canonicalCell(cell);
  if (value === null) return null;
  const format = cell.kind === 'date' || !cell.format || cell.format === 'General' ? '' : cell.format.normalize('NFC');
  const formula = cell.formulaText ? cell.formulaText.replace(/\r\n?/g, '\n').normalize('NFC') : '';
  return format || formula ? [value, format, formula] : value;
}

/** The text a ref cell shows, for naming an indicator ('PI 12'); '' when empty. */
function refText(cell: Cell): string {
  if (cell.kind === 'empty') return '';
  if (cell.kind === 'date') return (canonicalCell(cell) ?? '').slice(2);
  return String(cell.value).normalize('NFC').trim();
}

/** Key of an indicator in per-indicator hashes: 'Sheet|PI 12'. */
export function indicatorHashKey(sheet: string, ref: string): string {
  return `${sheet}|${ref}`;
}

/** 'PI 12', or 'Sheet2: PI 12' when the workbook's indicators span more than one sheet. */
export function indicatorLabel(key: string, multiSheet: boolean): string {
  const bar = key.indexOf('|');
  const sheet = key.slice(0, bar);
  const ref = key.slice(bar + 1);
  return multiSheet ? `${sheet}: ${ref}` : ref;
}

/**
 * Fingerprint the values of every grid, in the order given (checkWorkbook's order).
 * Canonical form, one line each, "\n" after each, hashed as UTF-8:
 *   outturn-fingerprint/1
 *   per grid:      ["grid",sheet,[header cells, left to right]]
 *   per indicator: [key,[cells, left to right]]
 * where cells are canonicalCell() values (null when empty) over the grid's columns, lines
 * are canonical JSON, and key is "sheet|ref" ("sheet|PI 3 (2)" for a repeated ref,
 * "sheet|row 7" when the ref is blank). An indicator's own hash is SHA-256 of its line
 * (without the "\n"), shortened to 16 hex characters.
 */
export function fingerprintGrids(grids: readonly Grid[], sheets: readonly SheetModel[]): Fingerprint {
  const fp: Fingerprint = fingerprintAs(2, grids, sheets);
  // Version 1 is worked out only when asked for (a signature that does not match version 2):
  // hashing everything twice would double the cost on large grids for the rare old trail.
  let legacy: Fingerprint['legacy'];
  Object.defineProperty(fp, 'legacy', {
    enumerable: false,
    get: () => {
      if (!legacy) {
        const v1 = fingerprintAs(1, grids, sheets);
        legacy = { hash: v1.hash, indicators: v1.indicators };
      }
      return legacy;
    },
  });
  return fp;
}

type Line = (string | (string | null)[] | null)[];

/** The fingerprint in one version: 1 (values only) or 2 (values, formats, formula text). */
function fingerprintAs(version: 1 | 2, grids: readonly Grid[], sheets: readonly SheetModel[]): Fingerprint {
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const total = new Sha256().update(`${version === 2 ? FINGERPRINT_VERSION : FINGERPRINT_VERSION_1}\n`);
  const canonical = version === 2 ? canonicalCellV2 : canonicalCell;
  const keepIndicators = grids.reduce((n, g) => n + g.indicatorRows.length, 0) <= MAX_INDICATOR_HASHES;
  const indicators: Record<string, string> = {};
  const coverage: FingerprintedGrid[] = [];
  let count = 0;
  const seen = new Map<string, number>();
  for (const grid of grids) {
    const sheet = byName.get(grid.sheet);
    if (!sheet) continue;
    const rowCells = (row: number): Line => {
      const out: Line = [];
      for (let c = grid.left; c <= grid.right; c++) out.push(canonical(cellAt(sheet, row, c)));
      return out;
    };
    const headerLine = canonicalJson(['grid', grid.sheet, rowCells(grid.headerRow)]);
    total.update(`${headerLine}\n`);
    const lastRow = grid.indicatorRows.length ? grid.indicatorRows[grid.indicatorRows.length - 1] : grid.headerRow;
    coverage.push({
      sheet: grid.sheet,
      range: rangeA1(grid.headerRow, grid.left, lastRow, grid.right),
      header: sha256Hex(headerLine).slice(0, INDICATOR_HASH_LENGTH),
    });
    const refCol = grid.columns.ref;
    for (const row of grid.indicatorRows) {
      let ref = refCol === undefined ? '' : refText(cellAt(sheet, row, refCol));
      if (!ref) ref = `row ${row + 1}`;
      let key = indicatorHashKey(grid.sheet, ref);
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n > 1) key = `${key} (${n})`;
      // Arrays of strings and nulls only: JSON.stringify is canonical JSON here, and faster.
      const line = JSON.stringify([key, rowCells(row)]);
      total.update(line).update('\n');
      if (keepIndicators) indicators[key] = sha256Hex(line).slice(0, INDICATOR_HASH_LENGTH);
      count++;
    }
  }
  return { hash: total.digestHex(), indicators: keepIndicators ? indicators : undefined, count, coverage };
}

/**
 * Why the figures a signature covered cannot be found any more, one sentence per sheet,
 * or [] when every covered sheet still holds a grid. `checkable` is every sheet the check
 * could look at (the whole workbook, Outturn's own and very hidden sheets left out);
 * `allSheets` every worksheet name (hidden ones included), to tell a very hidden sheet
 * from a deleted or renamed one; `gridSheets` the sheets on which a grid was found.
 */
export function coverageGaps(
  signedSheets: readonly string[],
  workbook: { allSheets: readonly string[]; checkable: readonly string[]; gridSheets: readonly string[] },
): string[] {
  const all = new Set(workbook.allSheets);
  const checkable = new Set(workbook.checkable);
  const withGrid = new Set(workbook.gridSheets);
  const gaps: string[] = [];
  for (const name of signedSheets) {
    if (withGrid.has(name)) continue;
    if (!all.has(name)) gaps.push(`The signed sheet '${name}' is no longer in the workbook (deleted or renamed).`);
    else if (!checkable.has(name))
      gaps.push(`The signed sheet '${name}' is very hidden, so its figures are not checked.`);
    else gaps.push(`No grid is found on the signed sheet '${name}' any more (its header row was changed or cleared).`);
  }
  return gaps;
}

export interface IndicatorChanges {
  changed: string[];
  added: string[];
  removed: string[];
}

/** Which indicators differ between two sets of per-indicator hashes (keys in sheet order). */
export function compareIndicators(signed: Record<string, string>, current: Record<string, string>): IndicatorChanges {
  const changed: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  for (const [k, h] of Object.entries(current)) {
    if (!(k in signed)) added.push(k);
    else if (signed[k] !== h) changed.push(k);
  }
  for (const k of Object.keys(signed)) if (!(k in current)) removed.push(k);
  return { changed, added, removed };
}

/** One sentence about which indicators changed, e.g. "Changed: PI 12, PI 30. Added: PI 41." */
export function describeChanges(changes: IndicatorChanges): string {
  const keys = [...changes.changed, ...changes.added, ...changes.removed];
  const multiSheet = new Set(keys.map((k) => k.slice(0, k.indexOf('|')))).size > 1;
  const part = (title: string, list: string[]) =>
    list.length ? `${title}: ${list.map((k) => indicatorLabel(k, multiSheet)).join(', ')}.` : '';
  return [part('Changed', changes.changed), part('Added', changes.added), part('Removed', changes.removed)]
    .filter(Boolean)
    .join(' ');
}

/** SHA-256 of the rule configuration's canonical JSON: which rule settings a check ran with. */
export function configDigest(config: unknown): string {
  return sha256Hex(canonicalJson(config ?? {}));
}
