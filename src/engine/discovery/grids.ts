import type { Cell } from '../model/cell';
import type { SheetModel } from '../model/sheet';
import type { Grid, PeriodColumn } from '../model/grid';
import type { OutturnConfig } from '../model/config';
import type { ColumnRole, SingleRole } from '../model/roles';
import { columnIndex } from '../model/address';
import { normaliseHeader } from '../text';
import { HeaderReader, readHeaderRow, type ConfiguredColumns, type HeaderMap } from './header-row';
import { periodFromTitle } from './title';

/** This many blank rows in a row end a grid; one blank row between service-area blocks does not. */
const BLANK_ROWS_ENDING_A_GRID = 3;
/** Title lines are looked for this many rows above a header. */
const TITLE_ROWS = 8;

export interface Discovery {
  grids: Grid[];
  notices: string[];
  /** Keys of config.columns (normalised) that matched a header or column here. */
  mappingsUsed: string[];
}

export function configuredColumns(config: Pick<OutturnConfig, 'columns'>): ConfiguredColumns {
  const byHeader = new Map<string, ColumnRole | 'ignore'>();
  const byColumn = new Map<number, { role: ColumnRole | 'ignore'; key: string }>();
  for (const [key, role] of Object.entries(config.columns ?? {})) {
    const norm = normaliseHeader(key);
    if (norm) byHeader.set(norm, role);
    if (/^[A-Za-z]{1,3}$/.test(key.trim())) byColumn.set(columnIndex(key.trim()), { role, key: norm });
  }
  return { byHeader, byColumn, used: new Set() };
}

interface RowShape {
  nonEmpty: number;
  text: number;
  numbers: number;
}

function shapeOf(row: readonly (Cell | undefined)[] | undefined): RowShape {
  const s = { nonEmpty: 0, text: 0, numbers: 0 };
  if (!row) return s;
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (!c || c.kind === 'empty') continue;
    if (c.kind === 'text') {
      if ((c.value as string).trim() === '') continue;
      s.text++;
    } else if (c.kind === 'number') s.numbers++;
    s.nonEmpty++;
  }
  return s;
}

/** A row that might be a header: several text cells and no numbers. */
function mayBeHeader(s: RowShape): boolean {
  return s.text >= 3 && s.numbers === 0;
}

/** Two headers describe the same grid when they put the same roles in the same columns. */
function sameLayout(a: HeaderMap, b: HeaderMap): boolean {
  let same = 0;
  let total = 0;
  for (const [role, col] of Object.entries(a.columns)) {
    total++;
    if (b.columns[role as SingleRole] === col) same++;
  }
  return total > 0 && same * 5 >= total * 4;
}

/** Apply column-letter overrides from the configuration to a detected header. */
function applyColumnLetters(h: HeaderMap, configured: ConfiguredColumns): void {
  const headerKeys = new Set(Object.values(h.headers).map(normaliseHeader));
  for (const [col, { role, key }] of configured.byColumn) {
    if (headerKeys.has(key)) continue; // the key is this grid's header text, already applied
    configured.used.add(key);

    // Take the column away from whatever detection gave it.
    for (const [r, c] of Object.entries(h.columns)) if (c === col) delete h.columns[r as SingleRole];
    h.periods = h.periods.filter((p) => p.col !== col);
    if (role === 'ignore') {
      delete h.mappingSource[col];
      continue;
    }
    if (role === 'period') {
      h.periods.push({ col, label: h.headers[col] ?? '', kind: 'month', index: -1 });
    } else {
      h.columns[role] = col;
    }
    h.mappingSource[col] = 'configured';
    if (col < h.left) h.left = col;
    if (col > h.right) h.right = col;
  }
}

/** Period columns in reporting-year order; ones the configuration named without a readable label follow on. */
function orderPeriods(periods: PeriodColumn[]): PeriodColumn[] {
  const sorted = [...periods].sort((a, b) => a.col - b.col);
  let next = 0;
  for (const p of sorted) {
    if (p.index < 0) p.index = next;
    next = p.index + 1;
  }
  return sorted.sort((a, b) => a.index - b.index || a.col - b.col);
}

function rowText(row: readonly (Cell | undefined)[] | undefined): string {
  if (!row) return '';
  const parts: string[] = [];
  for (const c of row) if (c && c.kind === 'text' && (c.value as string).trim()) parts.push((c.value as string).trim());
  return parts.join(' ');
}

/**
 * Find every metric collection grid on a sheet: header rows by meaning, then indicator
 * rows below, skipping blank rows, banner rows (a single text cell, e.g. "Housing and
 * Communities") and repeated header rows. A grid ends at a run of blank rows or at a
 * header that starts a different grid.
 */
export function discoverGrids(sheet: SheetModel, config: Pick<OutturnConfig, 'columns'>): Discovery {
  const configured = configuredColumns(config);
  const reader = new HeaderReader(configured);
  const grids: Grid[] = [];
  const rows = sheet.cells;
  let r = 0;
  let titleFloor = 0; // titles are not read from inside an earlier grid
  while (r < rows.length) {
    const shape = shapeOf(rows[r]);
    const header = mayBeHeader(shape) ? readHeaderRow(rows[r], sheet.left, reader) : null;
    if (!header) {
      r++;
      continue;
    }
    applyColumnLetters(header, configured);
    const headerRow = sheet.top + r;
    const indicatorRows: number[] = [];
    let blankRun = 0;
    let bottom = headerRow;
    let next = r + 1;
    for (; next < rows.length; next++) {
      const row = rows[next];
      const s = shapeOf(row);
      if (s.nonEmpty === 0) {
        if (++blankRun >= BLANK_ROWS_ENDING_A_GRID) break;
        continue;
      }
      blankRun = 0;
      if (s.nonEmpty === 1 && s.text === 1) continue; // banner or note line
      if (mayBeHeader(s)) {
        const again = readHeaderRow(row!, sheet.left, reader);
        if (again) {
          if (sameLayout(header, again)) continue; // repeated header for the next block
          break; // a different grid starts here
        }
      }
      if (s.nonEmpty < 2) continue;
      indicatorRows.push(sheet.top + next);
      bottom = sheet.top + next;
    }

    const titles: string[] = [];
    for (let t = Math.max(titleFloor, r - TITLE_ROWS); t < r; t++) {
      const text = rowText(rows[t]);
      if (text) titles.push(text);
    }
    let fromTitle: string | undefined;
    for (let i = titles.length - 1; i >= 0 && !fromTitle; i--) fromTitle = periodFromTitle(titles[i]) ?? undefined;

    const grid: Grid = {
      sheet: sheet.name,
      headerRow,
      top: headerRow,
      left: header.left,
      bottom,
      right: header.right,
      headers: header.headers,
      columns: header.columns,
      periods: orderPeriods(header.periods),
      indicatorRows,
      titles,
      mappingSource: header.mappingSource,
    };
    if (fromTitle) grid.periodFromTitle = fromTitle;
    grids.push(grid);
    titleFloor = bottom - sheet.top + 1;
    r = next;
  }
  const notices: string[] = [];
  if (grids.length === 0) {
    notices.push(`No metric collection grid found on sheet '${sheet.name}': no row reads as a header naming the indicator (Ref or Description) and a value, target or RAG column.`);
  }
  for (const g of grids) {
    if (g.indicatorRows.length === 0) notices.push(`The grid with its header on row ${g.headerRow + 1} of sheet '${g.sheet}' has no indicator rows below it.`);
  }
  return { grids, notices, mappingsUsed: [...configured.used] };
}
