/**
 * Who signs each indicator, decided once for the engine and the sign-off alike. The grid's
 * owner columns come first; where a cell is blank, the configuration's `owners` (per ref,
 * service area or sheet, the most specific first); for the head of service, the one head
 * the grid names for the indicator's service area; else nobody is named, and the
 * indicator is signed in that role by the roles of the whole return (anyone signing in that
 * role, once), so no indicator is ever orphaned. `owner-unassigned` says so before signing.
 */
import type { Cell } from '../model/cell';
import type { Grid } from '../model/grid';
import type { OutturnConfig, OwnerAssignment } from '../model/config';
import type { RuleInfo } from '../model/finding';
import { parseA1 } from '../model/address';
import { cellAt, type SheetModel } from '../model/sheet';
import type { RuleFamily } from './types';

/** The grid columns the three sign-off roles' owners are read from, in signing order. */
export const OWNER_COLUMNS = ['compiler', 'responsibleOfficer', 'headOfService'] as const;
export type OwnerColumn = (typeof OWNER_COLUMNS)[number];

/** Where an indicator's owner in a role comes from. */
export type OwnerRoute = 'grid' | 'configuration' | 'service-area' | 'whole-return';

export interface RowOwners {
  sheet: string;
  /** 0-based sheet row. */
  row: number;
  /** The ref as the sheet shows it ('' when blank). */
  ref: string;
  serviceArea: string;
  /** The name of each role's owner ('' where nobody is named: the whole-return route). */
  owners: Record<OwnerColumn, string>;
  via: Record<OwnerColumn, OwnerRoute>;
  /** The row's grid has a column for some owner (a blank cell there is missing-owner's error, not this rule's). */
  ownerColumns: boolean;
}

export interface ReturnOwners {
  /** Some indicator has a named owner (in the grid or the configuration): the return is signed per owner. */
  named: boolean;
  rows: RowOwners[];
}

function text(cell: Cell): string {
  if (cell.kind === 'text') return String(cell.value).replace(/\s+/g, ' ').trim();
  if (cell.kind === 'number' || cell.kind === 'boolean') return String(cell.value);
  return '';
}

/** The cell a reader sees at (row, col): the top-left cell of a merged area for every cell in it. */
export function shownCells(sheet: SheetModel): (row: number, col: number) => Cell {
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

const same = (a: string | undefined, b: string) => a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The configured owner of a role for this indicator: of the assignments that fit it, the most specific naming the role. */
function configured(assignments: readonly OwnerAssignment[], row: RowOwners, role: OwnerColumn): string {
  let best = '';
  let bestScore = -1;
  for (const a of assignments) {
    const name = a[role]?.trim();
    if (!name) continue;
    if (a.sheet !== undefined && !same(a.sheet, row.sheet)) continue;
    if (a.serviceArea !== undefined && !same(a.serviceArea, row.serviceArea)) continue;
    if (a.ref !== undefined && !same(a.ref, row.ref)) continue;
    const score =
      (a.ref !== undefined ? 4 : 0) + (a.serviceArea !== undefined ? 2 : 0) + (a.sheet !== undefined ? 1 : 0);
    if (score > bestScore) {
      best = name;
      bestScore = score;
    }
  }
  return best;
}

/** Owners of every indicator row of `grids`, in grid order, with the route each came by. */
export function returnOwners(
  grids: readonly Grid[],
  sheets: readonly SheetModel[],
  config?: Pick<OutturnConfig, 'owners'>,
): ReturnOwners {
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const rows: RowOwners[] = [];
  for (const grid of grids) {
    const sheet = byName.get(grid.sheet);
    if (!sheet) continue;
    const shown = shownCells(sheet);
    const col = (c: number | undefined, row: number) => (c === undefined ? '' : text(shown(row, c)));
    for (const row of grid.indicatorRows) {
      const owners = {} as Record<OwnerColumn, string>;
      const via = {} as Record<OwnerColumn, OwnerRoute>;
      for (const role of OWNER_COLUMNS) {
        owners[role] = col(grid.columns[role], row);
        via[role] = owners[role] ? 'grid' : 'whole-return';
      }
      rows.push({
        sheet: grid.sheet,
        row,
        ref: grid.columns.ref === undefined ? '' : text(cellAt(sheet, row, grid.columns.ref)),
        serviceArea: col(grid.columns.serviceArea, row),
        owners,
        via,
        ownerColumns: OWNER_COLUMNS.some((role) => grid.columns[role] !== undefined),
      });
    }
  }
  const assignments = config?.owners ?? [];
  for (const r of rows)
    for (const role of OWNER_COLUMNS)
      if (!r.owners[role]) {
        const name = configured(assignments, r, role);
        if (name) [r.owners[role], r.via[role]] = [name, 'configuration'];
      }
  // A head of service certifies their service area: one the grid names for an area signs its unnamed rows too.
  const heads = new Map<string, Set<string>>();
  for (const r of rows)
    if (r.serviceArea && r.via.headOfService === 'grid')
      heads.set(
        r.serviceArea.toLowerCase(),
        (heads.get(r.serviceArea.toLowerCase()) ?? new Set()).add(r.owners.headOfService),
      );
  for (const r of rows) {
    const named = r.serviceArea ? heads.get(r.serviceArea.toLowerCase()) : undefined;
    if (!r.owners.headOfService && named?.size === 1)
      [r.owners.headOfService, r.via.headOfService] = [[...named][0], 'service-area'];
  }
  return { named: rows.some((r) => OWNER_COLUMNS.some((role) => r.via[role] !== 'whole-return')), rows };
}

const ROLE_WORDS: Record<OwnerColumn, string> = {
  compiler: 'compiling officer',
  responsibleOfficer: 'responsible officer',
  headOfService: 'head of service',
};

/**
 * The owner-unassigned sentence, or null: in a return signed per owner, the indicators
 * that name nobody in any role (their grid has no owner columns, and neither the
 * configuration nor their service area names one), and the route they are signed by. A
 * blank cell under an owner column is missing-owner's error; a role the grid has no column
 * for, on indicators that name their other owners, goes the same route without a warning.
 */
export function ownerUnassigned(owners: ReturnOwners): string | null {
  if (!owners.named) return null;
  const unassigned = owners.rows.filter(
    (r) => !r.ownerColumns && OWNER_COLUMNS.every((role) => r.via[role] === 'whole-return'),
  );
  if (!unassigned.length) return null;
  const several = new Set(owners.rows.map((r) => r.sheet)).size > 1;
  const label = (r: RowOwners) => {
    const ref = r.ref || `row ${r.row + 1}`;
    return several ? `${r.sheet}: ${ref}` : ref;
  };
  const shown = unassigned.slice(0, 12).map(label);
  const more = unassigned.length - shown.length;
  const n = unassigned.length;
  return `${n} indicator${n === 1 ? '' : 's'} name${n === 1 ? 's' : ''} no ${OWNER_COLUMNS.map((role) => ROLE_WORDS[role]).join(', no ')} (${shown.join(', ')}${more ? ` and ${more} more` : ''}): nobody is named to sign ${n === 1 ? 'it' : 'them'}, so ${n === 1 ? 'it is' : 'they are'} signed by the whole-return roles (anyone signing in that role signs ${n === 1 ? 'it' : 'them'}, once), unless the grid or the configuration's "owners" names an owner.`;
}

export const ownerRules: RuleFamily = {
  rules: [
    {
      id: 'owner-unassigned',
      dimension: 'completeness',
      severity: 'warning',
      title: 'Indicators no owner is named to sign',
      description:
        "In a return signed per owner (some indicator names its compiling officer, responsible officer or head of service), indicators that name nobody: their grid has no owner columns, the configuration's `owners` (per ref, service area or sheet) names nobody for them, and no head of service is named for their service area. They are signed by the whole-return roles (anyone signing in that role signs them, once), so the return can always be completed. A role a grid has no column for, on indicators naming their other owners, is signed the same way without this warning; a blank cell under an owner column is `missing-owner`. Reported for the workbook, before anyone signs, by the add-in and by outturn check on an .xlsx; never for a CSV, which cannot be signed.",
      example:
        'HC01, HC02 name no compiling officer, no responsible officer (…): nobody is named to sign them, so they are signed by the whole-return roles (anyone signing in that role signs them, once), unless the grid or the configuration\'s "owners" names an owner.',
    } satisfies RuleInfo,
  ],
  // Judged across every grid of the return at once (checkWorkbook calls ownerUnassigned), not grid by grid.
  check: () => undefined,
};
