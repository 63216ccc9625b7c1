import type { Cell } from '../model/cell';
import { sheetRows, type RowShape, type SheetModel, type SheetRows } from '../model/sheet';
import type { Grid, PeriodColumn } from '../model/grid';
import type { OutturnConfig } from '../model/config';
import type { ColumnRole, SingleRole } from '../model/roles';
import { columnIndex } from '../model/address';
import { normaliseHeader } from '../text';
import { HeaderReader, readHeaderRow, type ConfiguredColumns, type HeaderMap } from './header-row';
import { periodFromTitle } from './title';
import { periodSeq } from './periods';
import { readTwoRowHeader } from './two-row';
import { acceptLenient, figureColumnsOf, settleBodies } from './bodies';
import { statusWordsOf } from '../rules/status-words';

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

/** Whether a row's header names the grid's periods again, column for column (a repeated header without the indicator column's word). */
function samePeriods(a: HeaderMap, b: HeaderMap | null): boolean {
  if (!b || a.periods.length < 2 || b.periods.length !== a.periods.length) return false;
  return a.periods.every((p, i) => {
    const q = b.periods[i];
    return q.col === p.col && q.kind === p.kind && q.index === p.index && q.year === p.year;
  });
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
    h.periodTargets = h.periodTargets.filter((p) => p.col !== col);
    h.unrecognised = h.unrecognised.filter((c) => c !== col);
    h.bodies = h.bodies?.filter((c) => c !== col);
    if (role === 'ignore') {
      delete h.mappingSource[col];
      continue;
    }
    if (role === 'body') {
      (h.bodies ??= []).push(col);
    } else if (role === 'period') {
      h.periods.push({ col, label: h.headers[col] ?? '', kind: 'month', index: -1 });
    } else {
      h.columns[role] = col;
    }
    h.mappingSource[col] = 'configured';
    if (col < h.left) h.left = col;
    if (col > h.right) h.right = col;
  }
}

/**
 * Period columns in time order (by financial year where the headers give one, then within
 * the year); ones the configuration named without a readable label follow on.
 */
function orderPeriods(periods: PeriodColumn[]): PeriodColumn[] {
  const sorted = [...periods].sort((a, b) => a.col - b.col);
  let next = 0;
  for (const p of sorted) {
    if (p.index < 0) p.index = next;
    next = p.index + 1;
  }
  // Years order the columns only when every one says its year ('Q1 2014/15' … 'Q4 2015/16').
  const withYears = sorted.every((p) => p.year !== undefined);
  const seq = (p: PeriodColumn) => periodSeq(p, withYears ? p.year : 0);
  return sorted.sort((a, b) => seq(a) - seq(b) || a.col - b.col);
}

/**
 * Columns left of a header's first named column that are unheaded but hold each
 * indicator's text: the one with the longest text is the description, a shorter one to
 * its left the ref. False when no such column is found.
 */
function identityFromRows(
  h: HeaderMap,
  rows: SheetRows,
  headerAt: number,
  sheetLeft: number,
  figureColumns: readonly number[] = [],
): boolean {
  const stats = new Map<number, { filled: number; length: number; text: number }>();
  let dataRows = 0;
  // Identity columns stand left of the first figure column.
  let firstFigure = Infinity;
  for (const c of figureColumns) firstFigure = Math.min(firstFigure, c);
  for (const p of h.periods) firstFigure = Math.min(firstFigure, p.col);
  for (const p of h.periodTargets) firstFigure = Math.min(firstFigure, p.col);
  for (const c of Object.values(h.columns)) if (c !== undefined) firstFigure = Math.min(firstFigure, c);
  // Columns the configuration names as bodies are figure columns too: a benchmarking table may hold nothing else.
  for (const c of h.bodies ?? []) firstFigure = Math.min(firstFigure, c);
  if (!Number.isFinite(firstFigure)) return false;
  for (let r = headerAt + 1; r < Math.min(rows.length, headerAt + 13); r++) {
    const row = rows.get(r);
    if (rows.shape(r).nonEmpty < 2) continue;
    dataRows++;
    for (let i = 0; i < Math.min(row!.length, firstFigure - sheetLeft); i++) {
      const c = row![i];
      const col = sheetLeft + i;
      if (!c || c.kind === 'empty' || (h.headers[col] !== undefined && !h.unrecognised.includes(col))) continue;
      const text = c.kind === 'text' ? (c.value as string).trim() : String(c.value);
      if (!text) continue;
      const s = stats.get(i) ?? { filled: 0, length: 0, text: 0 };
      s.filled++;
      s.length += text.length;
      if (c.kind === 'text') s.text++;
      stats.set(i, s);
    }
  }
  if (dataRows === 0) return false;
  let description = -1;
  let best = 0;
  for (const [i, s] of stats) {
    const avg = s.length / s.filled;
    if (s.filled * 2 >= dataRows && s.text * 2 >= s.filled && avg >= 6 && avg > best) {
      best = avg;
      description = i;
    }
  }
  if (description < 0) return false;
  h.columns.description = sheetLeft + description;
  h.mappingSource[sheetLeft + description] = 'detected';
  let ref = -1;
  for (const [i, s] of stats)
    if (i < description && s.filled * 2 >= dataRows && s.length / s.filled < 12 && i > ref) ref = i;
  if (ref >= 0) {
    h.columns.ref = sheetLeft + ref;
    h.mappingSource[sheetLeft + ref] = 'detected';
  }
  const taken = [sheetLeft + description, sheetLeft + ref];
  h.unrecognised = h.unrecognised.filter((c) => !taken.includes(c));
  h.left = Math.min(h.left, sheetLeft + (ref >= 0 ? ref : description));
  return true;
}

/**
 * 'Aim' heads a polarity column ('Aim: Maximise') in some reports and the target in others
 * (figures under it): a polarity column holding figures is the target.
 */
function settleAimColumn(h: HeaderMap, rows: SheetRows, dataRows: number[], sheetLeft: number): void {
  const col = h.columns.polarity;
  if (col === undefined || h.columns.target !== undefined) return;
  let numbers = 0;
  let words = 0;
  for (const r of dataRows) {
    const c = rows.get(r)?.[col - sheetLeft];
    if (!c) continue;
    if (c.kind === 'number') numbers++;
    else if (c.kind === 'text' && (c.value as string).trim()) words++;
  }
  if (numbers > words) {
    h.columns.target = col;
    delete h.columns.polarity;
  }
}

/** One period-labelled target and no plain Target ('Target 2017/18' over a monthly return): it is the target. */
function settleTargets(h: HeaderMap): void {
  if (h.periodTargets.length === 1 && h.columns.target === undefined) {
    h.columns.target = h.periodTargets[0].col;
    h.periodTargets = [];
  }
}

/**
 * A financial-year column beside monthly or quarterly ones ('2016/17 Outturn' before
 * Apr … Mar) is not one more period: left of them (or of an earlier year) it is the
 * previous year's figure, right of them the year's outturn. Years as columns on their own
 * (2014/15 2015/16 2016/17, the benchmarking layout) stay periods.
 */
function settleYearColumns(h: HeaderMap): void {
  const years = h.periods.filter((p) => p.kind === 'year');
  const within = h.periods.filter((p) => p.kind !== 'year');
  if (years.length === 0 || within.length === 0) return;
  const firstCol = Math.min(...within.map((p) => p.col));
  const knownYears = within.filter((p) => p.year !== undefined).map((p) => p.year!);
  const earliest = knownYears.length ? Math.min(...knownYears) : undefined;
  for (const y of years) {
    const before = earliest !== undefined ? y.year! < earliest : y.col < firstCol;
    const role: SingleRole = before ? 'previousYear' : 'ytd';
    if (h.columns[role] === undefined) h.columns[role] = y.col;
    else {
      delete h.mappingSource[y.col];
      h.unrecognised.push(y.col);
    }
  }
  h.periods = within;
  h.unrecognised.sort((a, b) => a - b);
}

/** A heading that says the column is the year's total ('Total', 'Year total', 'Total for the year'). */
const YEAR_TOTAL = /^(?:total|totals|year total|annual total|total for the year|full year|full year total|total year)$/;

/**
 * A 'Total' column straight after a whole year of periods (April to March as twelve months or
 * four quarters, of one year), where the grid has no year-to-date column: the year's total,
 * read as the year to date (the FOI Code of Practice's table: four quarters, then Total). Only
 * then: anywhere else a Total may be something else, and stays a column Outturn says it did
 * not check.
 */
function settleYearTotal(h: HeaderMap): void {
  if (h.columns.ytd !== undefined || h.periods.length === 0) return;
  const kind = h.periods[0].kind;
  if (kind === 'year' || h.periods.some((p) => p.kind !== kind || p.year !== h.periods[0].year)) return;
  const indexes = new Set(h.periods.map((p) => p.index));
  if (indexes.size !== h.periods.length || indexes.size !== (kind === 'month' ? 12 : 4)) return;
  const next = Math.max(...h.periods.map((p) => p.col)) + 1;
  if (!h.unrecognised.includes(next) || !YEAR_TOTAL.test(normaliseHeader(h.headers[next] ?? ''))) return;
  h.columns.ytd = next;
  h.mappingSource[next] = 'detected';
  h.unrecognised = h.unrecognised.filter((c) => c !== next);
  h.right = Math.max(h.right, next);
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
export function discoverGrids(sheet: SheetModel, config: Pick<OutturnConfig, 'columns' | 'statusWords'>): Discovery {
  const configured = configuredColumns(config);
  const reader = new HeaderReader(configured);
  const grids: Grid[] = [];
  const rows = sheetRows(sheet);
  let r = 0;
  let titleFloor = 0; // titles are not read from inside an earlier grid
  while (r < rows.length) {
    const shape = rows.shape(r);
    let header = mayBeHeader(shape) ? readHeaderRow(rows.get(r)!, sheet.left, reader) : null;
    const upperRow = r;
    // A two-row header: a group row ('2016/17', 'Target', merged across) over 'Q1 Q2 Q3 Q4' or 'Month YTD'.
    if (r + 1 < rows.length) {
      const below = rows.shape(r + 1);
      if (below.numbers === 0 && below.text >= 2 && (header || mayBeHeader(below)) && shape.numbers === 0) {
        const lowerAlone = header
          ? null
          : mayBeHeader(below)
            ? readHeaderRow(rows.get(r + 1)!, sheet.left, reader)
            : null;
        const two = readTwoRowHeader(rows.get(r), rows.get(r + 1)!, sheet, sheet.top + r, reader);
        const best = Math.max(header?.score ?? 0, lowerAlone?.score ?? 0);
        if (two && (two.header.score > best || (two.qualified > 0 && two.header.score >= best))) {
          header = two.header;
          r++; // the header's lower row: indicator rows start below it
        }
      }
    }
    // A header that names the figures but not the indicator's own columns (a dashboard's unheaded first two
    // columns; 'Local PIs for Taxes & Benefits' over the names): those are found from the rows below.
    if (!header && shape.numbers === 0 && shape.text >= 2) {
      const below = r + 1 < rows.length ? rows.shape(r + 1) : null;
      const two =
        below && below.numbers === 0 && below.text >= 2
          ? readTwoRowHeader(rows.get(r), rows.get(r + 1)!, sheet, sheet.top + r, reader, false)
          : null;
      if (two && two.header.score >= 3 && identityFromRows(two.header, rows, r + 1, sheet.left)) {
        header = two.header;
        r++;
      } else if (mayBeHeader(shape)) {
        const bare = readHeaderRow(rows.get(r)!, sheet.left, reader, false);
        if (bare && bare.score >= 3 && identityFromRows(bare, rows, r, sheet.left)) header = bare;
      }
    }
    // A header naming the indicator over headings Outturn cannot name (bodies, or words it does not know), with
    // figures below: a grid, so that the check can say which figures it read and which it could not.
    if (!header && mayBeHeader(shape)) {
      const lenient = readHeaderRow(rows.get(r)!, sheet.left, reader, true, true);
      if (lenient && acceptLenient(lenient, rows, r, sheet.left)) header = lenient;
      else {
        // A chart's data range: the members' names over their figures, the row labels under an empty corner cell.
        const unheaded = readHeaderRow(rows.get(r)!, sheet.left, reader, false, true);
        const figures = unheaded ? figureColumnsOf(unheaded, rows, r, sheet.left) : [];
        if (
          unheaded &&
          figures.length >= 2 &&
          identityFromRows(unheaded, rows, r, sheet.left, figures) &&
          acceptLenient(unheaded, rows, r, sheet.left)
        )
          header = unheaded;
      }
    }
    if (!header) {
      r++;
      continue;
    }
    settleYearColumns(header);
    settleYearTotal(header);
    settleTargets(header);
    applyColumnLetters(header, configured);
    const headerRow = sheet.top + r;
    const indicatorRows: number[] = [];
    let blankRun = 0;
    let bottom = headerRow;
    let next = r + 1;
    for (; next < rows.length; next++) {
      const s = rows.shape(next);
      if (s.nonEmpty === 0) {
        if (++blankRun >= BLANK_ROWS_ENDING_A_GRID) break;
        continue;
      }
      blankRun = 0;
      if (s.nonEmpty === 1 && s.text === 1) continue; // banner or note line
      // Only a row that may be a header, or holds no figures, is built whole: a figure row is told by its shape.
      const row = mayBeHeader(s) || s.numbers === 0 ? rows.get(next) : undefined;
      if (mayBeHeader(s)) {
        const again = readHeaderRow(row!, sheet.left, reader);
        if (again) {
          if (sameLayout(header, again)) continue; // repeated header for the next block
          break; // a different grid starts here
        }
        // The next block's header naming its periods again over a new block title ('Breakdown of responses').
        if (samePeriods(header, readHeaderRow(row!, sheet.left, reader, false))) continue;
      }
      // The group row of a repeated two-row header ('2016/17' over 'Q1 … Q4'): no figures, and a repeated header below.
      if (s.numbers === 0 && next + 1 < rows.length && mayBeHeader(rows.shape(next + 1))) {
        const again = readHeaderRow(rows.get(next + 1)!, sheet.left, reader);
        if (again && sameLayout(header, again)) continue;
        if (!again) {
          const two = readTwoRowHeader(row, rows.get(next + 1)!, sheet, sheet.top + next, reader, false);
          if (
            two &&
            two.header.score >= 3 &&
            (two.header.periods.length > 0 ||
              two.header.columns.ref !== undefined ||
              two.header.columns.description !== undefined)
          ) {
            if (sameLayout(header, two.header)) {
              next++;
              continue;
            }
            break; // a two-row header of another grid starts here
          }
        }
      }
      if (s.nonEmpty < 2) continue;
      indicatorRows.push(sheet.top + next);
      bottom = sheet.top + next;
    }

    settleAimColumn(
      header,
      rows,
      indicatorRows.map((row) => row - sheet.top),
      sheet.left,
    );
    const byBody = settleBodies(
      header,
      rows,
      indicatorRows.map((row) => row - sheet.top),
      sheet.left,
      statusWordsOf(config),
    );
    const titles: string[] = [];
    for (let t = Math.max(titleFloor, upperRow - TITLE_ROWS); t < upperRow; t++) {
      const text = rowText(rows.get(t));
      if (text) titles.push(text);
    }
    let fromTitle: string | undefined;
    for (let i = titles.length - 1; i >= 0 && !fromTitle; i--) fromTitle = periodFromTitle(titles[i]) ?? undefined;

    const grid: Grid = {
      sheet: sheet.name,
      headerRow,
      top: sheet.top + upperRow,
      left: header.left,
      bottom,
      right: header.right,
      headers: header.headers,
      columns: header.columns,
      periods: orderPeriods(header.periods),
      indicatorRows,
      titles,
      mappingSource: header.mappingSource,
      unrecognisedColumns: header.unrecognised,
    };
    if (header.periodTargets.length > 0) grid.periodTargets = orderPeriods(header.periodTargets);
    if (fromTitle) grid.periodFromTitle = fromTitle;
    if (byBody) {
      grid.bodies = byBody.bodies;
      if (byBody.total) grid.bodyTotal = byBody.total;
    }
    grids.push(grid);
    titleFloor = bottom - sheet.top + 1;
    r = next;
  }
  const notices: string[] = [];
  if (grids.length === 0) {
    notices.push(
      `No metric collection grid found on sheet '${sheet.name}': no row reads as a header naming the indicator (Ref or Description) and a value, target or RAG column.`,
    );
  }
  for (const g of grids) {
    if (g.indicatorRows.length === 0)
      notices.push(
        `The grid with its header on row ${g.headerRow + 1} of sheet '${g.sheet}' has no indicator rows below it.`,
      );
  }
  return { grids, notices, mappingsUsed: [...configured.used] };
}
