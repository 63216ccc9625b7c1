import type { Grid, GridSummary } from '../engine/model/grid';
import type { OutturnConfig } from '../engine/model/config';
import type { ColumnRole } from '../engine/model/roles';
import { columnIndex, columnLetters } from '../engine/model/address';
import { roleLabel } from './role-labels';

export type MappedRole = ColumnRole | 'ignore' | '';

export interface ColumnMapping {
  col: number;
  letter: string;
  header: string;
  role: MappedRole;
  source: 'detected' | 'configured' | 'none';
  /** The key this column has (or would have) in config.columns: its header text, else its letter. */
  configKey: string;
}

/** Every header column of a grid with the role the check used for it. */
export function gridMapping(grid: Grid, config: OutturnConfig): ColumnMapping[] {
  const roleByCol = new Map<number, MappedRole>();
  for (const [role, col] of Object.entries(grid.columns)) if (col !== undefined) roleByCol.set(col, role as ColumnRole);
  for (const p of grid.periods) roleByCol.set(p.col, 'period');
  const out: ColumnMapping[] = [];
  for (let col = grid.left; col <= grid.right; col++) {
    const header = (grid.headers[col] ?? '').trim();
    if (!header && !roleByCol.has(col)) continue;
    const letter = columnLetters(col);
    const configKey = header || letter;
    const configured = config.columns[configKey] ?? config.columns[letter];
    const role: MappedRole = roleByCol.get(col) ?? (configured === 'ignore' ? 'ignore' : '');
    out.push({
      col,
      letter,
      header,
      role,
      source: grid.mappingSource[col] ?? (configured ? 'configured' : 'none'),
      configKey,
    });
  }
  return out;
}

/** The configuration with one column's role corrected ('' removes the correction, back to detection). */
export function withColumnRole(config: OutturnConfig, column: ColumnMapping, role: MappedRole): OutturnConfig {
  const columns = { ...config.columns };
  delete columns[column.letter];
  delete columns[column.configKey];
  if (role !== '') columns[column.configKey] = role;
  return { ...config, columns };
}

/** One line of the mapping disclosure: a column letter and what the check read it as. */
export interface MappingLine {
  letter: string;
  label: string;
  index: number;
}

/** A grid summary's columns in sheet order (A, B, … Z, AA), period columns named by their label. */
export function mappingLines(g: GridSummary): MappingLine[] {
  return Object.entries(g.columns)
    .map(([role, letter]) => ({
      letter,
      label: role.startsWith('period:') ? `period ${role.slice(7)}` : roleLabel(role),
      index: columnIndex(letter),
    }))
    .sort((a, b) => a.index - b.index || (a.label < b.label ? -1 : 1));
}

/**
 * Columns under the header that the check did not recognise. The engine adds
 * `GridSummary.unrecognised` (issue #7); until it does, the list is empty.
 */
export function unrecognisedColumns(g: GridSummary): { letter: string; header: string }[] {
  const list = (g as GridSummary & { unrecognised?: { column: number | string; header: string }[] }).unrecognised ?? [];
  return list
    .map((u) => ({
      letter: typeof u.column === 'number' ? columnLetters(u.column) : String(u.column),
      header: u.header,
    }))
    .sort((a, b) => columnIndex(a.letter) - columnIndex(b.letter));
}
