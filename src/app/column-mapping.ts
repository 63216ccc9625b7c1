/**
 * Map in one step (issue #21): the columns whose figures a check could not place, the role
 * each most likely has, and the configuration with the compiler's choices. The pane renders
 * a dropdown per column from this, saves the configuration it returns and checks again; the
 * command line prints the same suggestion as the `columns` entry of --config.
 */
import type { CheckResult } from '../engine/check';
import type { OutturnConfig } from '../engine/model/config';
import { columnIndex } from '../engine/model/address';
import { suggestedRole } from '../engine/rules/coverage';
import { collapseSpaces } from '../engine/text';

/** The roles offered for a column of figures Outturn could not place, in the order offered. */
export const UNPLACED_ROLES = [
  'latest',
  'ytd',
  'previousYear',
  'body',
  'target',
  'floor',
  'comparator',
  'ignore',
] as const;
export type UnplacedRole = (typeof UNPLACED_ROLES)[number];

export interface UnplacedColumn {
  sheet: string;
  /** The grid's range, e.g. 'A1:F12'. */
  range: string;
  /** Column letter. */
  column: string;
  header: string;
  /** Filled figure cells in it that were not checked. */
  cells: number;
  /** The key of its `columns` entry: its heading as the sheet spells it, else its letter. */
  key: string;
  suggested: UnplacedRole;
}

export interface ColumnChoice {
  key: string;
  role: UnplacedRole;
}

function isUnplacedRole(role: string): role is UnplacedRole {
  return (UNPLACED_ROLES as readonly string[]).includes(role);
}

/** Every column of figures the check did not read, grid by grid, with the role suggested for it. */
export function unplacedColumns(result: CheckResult): UnplacedColumn[] {
  const out: UnplacedColumn[] = [];
  result.grids.forEach((grid, i) => {
    const coverage = result.gridCoverage?.[i];
    const summary = result.gridSummaries[i];
    if (!coverage || !summary) return;
    const figures = coverage.unchecked.filter((u) => u.holds === 'figures');
    if (figures.length === 0) return;
    const role = suggestedRole(
      grid,
      figures.map((u) => columnIndex(u.column)),
    );
    figures.forEach((u, n) => {
      // One current value: the first column; the rest are left to the compiler (as the CLI's entry says).
      const suggested = role === 'latest' && n > 0 ? 'ignore' : role;
      out.push({
        sheet: summary.sheet,
        range: summary.range,
        column: u.column,
        header: u.header,
        cells: u.cells,
        key: collapseSpaces(u.header) || u.column,
        suggested: isUnplacedRole(suggested) ? suggested : 'latest',
      });
    });
  });
  return out;
}

/** The configuration with these columns mapped: each choice becomes (or replaces) its `columns` entry. */
export function withColumnChoices(config: OutturnConfig, choices: readonly ColumnChoice[]): OutturnConfig {
  const columns = { ...config.columns };
  for (const c of choices) columns[c.key] = c.role;
  return { ...config, columns };
}
