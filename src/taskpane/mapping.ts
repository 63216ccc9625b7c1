import type { Grid } from '../engine/model/grid';
import type { OutturnConfig } from '../engine/model/config';
import type { ColumnRole } from '../engine/model/roles';
import { columnLetters } from '../engine/model/address';

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
    out.push({ col, letter, header, role, source: grid.mappingSource[col] ?? (configured ? 'configured' : 'none'), configKey });
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
