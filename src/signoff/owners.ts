/**
 * Accountability as the grid states it: for every indicator, its compiling officer,
 * responsible officer and head of service, and its service area. Read with the same
 * columns the checks use (Grid.columns), a name merged down a block counting for every
 * row of it. Where the grid names no owners at all, the return is signed as a whole.
 */
import type { Cell } from '../engine/model/cell';
import type { Grid } from '../engine/model/grid';
import type { OutturnConfig } from '../engine/model/config';
import { cellAt, type SheetModel } from '../engine/model/sheet';
import { returnOwners, shownCells, type OwnerRoute } from '../engine/rules/owners';
import { canonicalCell, indicatorHashKey } from './fingerprint';
import { nameWords } from '../engine/names';
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
  /** The name of each role's owner (the grid's, else the configuration's or the service area's head), '' where nobody is named. */
  owners: Record<SignRole, string>;
  /** Where each owner comes from; 'whole-return' where nobody is named: anyone signing in that role signs it. */
  via: Record<SignRole, OwnerRoute>;
  /** Header text -> canonical cell text of the indicator's row (non-empty cells): what "old → new" is told from. */
  figures: Record<string, string>;
  /** 0-based sheet row. */
  row: number;
}

export interface Ownership {
  /** 'per-owner' when the grid (or the configuration) names at least one owner; 'whole-return' otherwise (today's three signatures). */
  mode: 'per-owner' | 'whole-return';
  indicators: IndicatorOwners[];
}

function text(cell: Cell): string {
  if (cell.kind === 'text') return String(cell.value).replace(/\s+/g, ' ').trim();
  if (cell.kind === 'number' || cell.kind === 'boolean') return String(cell.value);
  return '';
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
export function ownershipFromGrids(
  grids: readonly Grid[],
  sheets: readonly SheetModel[],
  config?: Pick<OutturnConfig, 'owners'>,
): Ownership {
  // Who owns what, and by which route, is the engine's decision (owner-unassigned reports from the same one).
  const named = returnOwners(grids, sheets, config);
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const seen = new Map<string, number>();
  const indicators: IndicatorOwners[] = [];
  for (const grid of grids) {
    const sheet = byName.get(grid.sheet);
    if (!sheet) continue;
    const shown = shownCells(sheet);
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
      const rowOwners = named.rows[indicators.length];
      const owners = {} as Record<SignRole, string>;
      const via = {} as Record<SignRole, OwnerRoute>;
      for (const role of SIGN_ROLES) {
        owners[role] = rowOwners?.owners[OWNER_COLUMN[role]] ?? '';
        via[role] = rowOwners?.via[OWNER_COLUMN[role]] ?? 'whole-return';
      }
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
        via,
        figures,
        row,
      });
    }
  }
  return { mode: named.named ? 'per-owner' : 'whole-return', indicators };
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

/** The indicators nobody is named to sign in a role: anyone signing in that role signs them (the whole-return route). */
export function unassignedKeys(ownership: Ownership, role: SignRole): string[] {
  if (ownership.mode !== 'per-owner') return [];
  return ownership.indicators.filter((i) => !i.owners[role]).map((i) => i.key);
}

/** Every name the grid (or the configuration) assigns, in any role: what tells colleagues apart (names.ts samePersonName). */
export function ownerNames(ownership: Ownership): string[] {
  const names = new Set<string>();
  for (const i of ownership.indicators) for (const role of SIGN_ROLES) if (i.owners[role]) names.add(i.owners[role]);
  return [...names];
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
