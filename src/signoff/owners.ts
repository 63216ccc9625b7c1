/**
 * Accountability as the grid states it: for every indicator, its compiling officer,
 * responsible officer and head of service, and its service area. Read with the same
 * columns the checks use (Grid.columns), a name merged down a block counting for every
 * row of it. Where the grid names no owners at all, the return is signed as a whole.
 */
import type { Cell } from '../engine/model/cell';
import type { Grid } from '../engine/model/grid';
import { cellAt, type SheetModel } from '../engine/model/sheet';
import { parseA1 } from '../engine/model/address';
import { canonicalCell, indicatorHashKey } from './fingerprint';
import { nameWords } from './names';
import { SIGN_ROLES, type SignRole } from './roles';

/** The grid column each sign-off role's owner is read from. */
export const OWNER_COLUMN: Record<SignRole, 'compiler' | 'responsibleOfficer' | 'headOfService'> = {
  compiler: 'compiler',
  'responsible-officer': 'responsibleOfficer',
  'head-of-service': 'headOfService',
};

export interface IndicatorOwners {
  /** 'Sheet|REF', the key of the indicator in per-indicator fingerprints. */
  key: string;
  sheet: string;
  ref: string;
  description: string;
  serviceArea: string;
  /** The grid's name for each role's owner, '' where the grid names nobody. */
  owners: Record<SignRole, string>;
  /** Header text -> canonical cell text of the indicator's row (non-empty cells): what "old → new" is told from. */
  figures: Record<string, string>;
  /** 0-based sheet row. */
  row: number;
}

export interface Ownership {
  /** 'per-owner' when the grid names at least one owner; 'whole-return' otherwise (today's three signatures). */
  mode: 'per-owner' | 'whole-return';
  indicators: IndicatorOwners[];
}

function text(cell: Cell): string {
  if (cell.kind === 'text') return String(cell.value).replace(/\s+/g, ' ').trim();
  if (cell.kind === 'number' || cell.kind === 'boolean') return String(cell.value);
  return '';
}

/** The cell a reader sees at (row, col): the top-left cell of a merged area for every cell in it. */
function shownCell(sheet: SheetModel): (row: number, col: number) => Cell {
  const masters = new Map<string, [number, number]>();
  for (const range of sheet.merged ?? []) {
    const [from, to] = range.replace(/^.*!/, '').split(':');
    const a = parseA1(from);
    const b = to ? parseA1(to) : a;
    if (!a || !b) continue;
    for (let r = a.row; r <= b.row; r++)
      for (let c = a.col; c <= b.col; c++) if (r !== a.row || c !== a.col) masters.set(`${r}:${c}`, [a.row, a.col]);
  }
  return (row, col) => {
    const m = masters.get(`${row}:${col}`);
    return m ? cellAt(sheet, m[0], m[1]) : cellAt(sheet, row, col);
  };
}

/** The text a ref cell shows; the same rule as the fingerprint's keys (fingerprintGrids). */
function refText(cell: Cell): string {
  if (cell.kind === 'empty') return '';
  if (cell.kind === 'date') return (canonicalCell(cell) ?? '').slice(2);
  return String(cell.value).normalize('NFC').trim();
}

/**
 * Owners of every indicator of `grids`, in the fingerprint's order and with its keys
 * ("sheet|ref", "sheet|ref (2)" for a repeated ref, "sheet|row 7" for a blank one).
 */
export function ownershipFromGrids(grids: readonly Grid[], sheets: readonly SheetModel[]): Ownership {
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const seen = new Map<string, number>();
  const indicators: IndicatorOwners[] = [];
  for (const grid of grids) {
    const sheet = byName.get(grid.sheet);
    if (!sheet) continue;
    const shown = shownCell(sheet);
    const col = (c: number | undefined, row: number) => (c === undefined ? '' : text(shown(row, c)));
    const headers: string[] = [];
    for (let c = grid.left; c <= grid.right; c++)
      headers.push((grid.headers[c] ?? text(cellAt(sheet, grid.headerRow, c))) || `column ${c + 1}`);
    for (const row of grid.indicatorRows) {
      let ref = grid.columns.ref === undefined ? '' : refText(cellAt(sheet, row, grid.columns.ref));
      if (!ref) ref = `row ${row + 1}`;
      let key = indicatorHashKey(grid.sheet, ref);
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n > 1) key = `${key} (${n})`;
      const owners = {} as Record<SignRole, string>;
      for (const role of SIGN_ROLES) owners[role] = col(grid.columns[OWNER_COLUMN[role]], row);
      const figures: Record<string, string> = {};
      for (let c = grid.left; c <= grid.right; c++) {
        const v = canonicalCell(cellAt(sheet, row, c));
        if (v !== null) figures[headers[c - grid.left]] = v;
      }
      indicators.push({
        key,
        sheet: grid.sheet,
        ref,
        description: col(grid.columns.description, row),
        serviceArea: col(grid.columns.serviceArea, row),
        owners,
        figures,
        row,
      });
    }
  }
  const named = indicators.some((i) => SIGN_ROLES.some((r) => i.owners[r] !== ''));
  return { mode: named ? 'per-owner' : 'whole-return', indicators };
}

export interface Person {
  /** The grid's spelling (the first one met). */
  name: string;
  /** Keys of the indicators the grid assigns to them in the role. */
  keys: string[];
}

/** The people the grid names for a role, each with their indicators, in grid order. */
export function peopleFor(ownership: Ownership, role: SignRole): Person[] {
  const byWords = new Map<string, Person>();
  for (const ind of ownership.indicators) {
    const name = ind.owners[role];
    if (!name) continue;
    const id = nameWords(name).join(' ');
    const p = byWords.get(id);
    if (p) p.keys.push(ind.key);
    else byWords.set(id, { name, keys: [ind.key] });
  }
  return [...byWords.values()];
}

/** 'CS01' for 'Sheet|CS01', 'Sheet: CS01' when the return spans more than one sheet. */
export function refLabel(ownership: Ownership, key: string): string {
  const bar = key.indexOf('|');
  const ref = key.slice(bar + 1);
  return severalSheets(ownership) ? `${key.slice(0, bar)}: ${ref}` : ref;
}

/** Whether the grids span more than one sheet, worked out once per ownership (refLabel is asked for every indicator). */
const SEVERAL_SHEETS = new WeakMap<Ownership, boolean>();
function severalSheets(ownership: Ownership): boolean {
  let several = SEVERAL_SHEETS.get(ownership);
  if (several === undefined) {
    several = new Set(ownership.indicators.map((i) => i.sheet)).size > 1;
    SEVERAL_SHEETS.set(ownership, several);
  }
  return several;
}
