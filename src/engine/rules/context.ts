import { blankAt, cellAt, figureAt, formatAt, kindAt, type SheetModel } from '../model/sheet';
import type { Cell } from '../model/cell';
import { EMPTY_CELL } from '../model/cell';
import type { Grid } from '../model/grid';
import type { OutturnConfig } from '../model/config';
import { collapseSpaces } from '../text';
import { numberIn, percentFormat as isPercentFormat, textIn, type AnnotationSet } from '../values';
import type { GridContext, Polarity, RowFacts, Timeline, ValueColumn } from './types';
import { measureKind } from './measure';
import { polarityFromText } from './polarity';
import { currentPeriodPosition, isPeriodBefore } from './current-period';
import { createRowTable, IndicatorRows, packFlags, type RowTable } from './row-table';
import { throughMerges } from './merged-areas';

const YES = /^(y|yes|true|key|x|✓|✔|1)$/i;
const CUMULATIVE = /\bcumulative\b/i;

function label(grid: Grid, col: number): string {
  return collapseSpaces(grid.headers[col] ?? '') || 'the value';
}

/**
 * What the rules of one grid read: its current and previous value columns, its rows' facts
 * (worked out once, into a RowTable) and its cells as stored and as shown.
 */
export function buildContext(
  sheet: SheetModel,
  grid: Grid,
  config: OutturnConfig,
  annotations: AnnotationSet,
  timeline: Timeline,
): GridContext {
  const cols = grid.columns;
  const cell = (row: number, col: number): Cell => cellAt(sheet, row, col);
  let current: ValueColumn | null = null;
  let previous: ValueColumn | null = null;
  let currentPeriodPos = -1;
  if (cols.latest !== undefined) {
    current = { col: cols.latest, label: label(grid, cols.latest) };
    if (cols.previousPeriod !== undefined)
      previous = { col: cols.previousPeriod, label: label(grid, cols.previousPeriod) };
  } else if (grid.periods.length > 0) {
    currentPeriodPos = currentPeriodPosition(sheet, grid, timeline.period, annotations);
    if (currentPeriodPos >= 0) {
      const p = grid.periods[currentPeriodPos];
      current = { col: p.col, label: p.label };
      const before = grid.periods[currentPeriodPos - 1];
      // Only the period immediately before is a month-on-month (quarter-on-quarter, year-on-year) comparison.
      if (isPeriodBefore(before, p)) previous = { col: before.col, label: before.label };
    }
  } else if (cols.result !== undefined) {
    current = { col: cols.result, label: label(grid, cols.result) };
  } else if (cols.ytd !== undefined) {
    current = { col: cols.ytd, label: label(grid, cols.ytd) };
  }
  if (!previous && cols.previousPeriod !== undefined && current)
    previous = { col: cols.previousPeriod, label: label(grid, cols.previousPeriod) };

  const currentHeader = current ? (grid.headers[current.col] ?? '') : '';
  const ytdCumulativeHeader = cols.ytd !== undefined && CUMULATIVE.test(grid.headers[cols.ytd] ?? '');
  // numberIn(cell(row, col)), building the cell only where it is not a number.
  const numberAt = (row: number, col: number): number | null => {
    const v = figureAt(sheet, row, col);
    // NaN: not a number cell (text may spell one), or a number no cell can hold (numberIn says null).
    return Number.isFinite(v) ? v : numberIn(cell(row, col));
  };
  const n = grid.indicatorRows.length;
  const table: RowTable = createRowTable({
    cell,
    header: currentHeader,
    rows: grid.indicatorRows,
    current: current?.col,
    previous: previous?.col,
    target: cols.target,
    floor: cols.floor,
    refCol: cols.ref,
    descriptionCol: cols.description,
    unitCol: cols.unit,
  });
  for (let i = 0; i < n; i++) {
    const row = grid.indicatorRows[i];
    const description = cols.description !== undefined ? textIn(cell(row, cols.description)) : '';
    // Read without building the cells (the figures and formats of every row of a large grid).
    const currentKind = current ? kindAt(sheet, row, current.col) : 'empty';
    const currentFormat = current ? formatAt(sheet, row, current.col) : EMPTY_CELL.format;
    const targetFormat = cols.target !== undefined ? formatAt(sheet, row, cols.target) : EMPTY_CELL.format;
    const target = cols.target !== undefined ? numberAt(row, cols.target) : null;
    const floor = cols.floor !== undefined ? numberAt(row, cols.floor) : null;
    let polarity: Polarity | null = null;
    let polaritySource: RowFacts['polaritySource'] = null;
    let neither = false;
    if (cols.polarity !== undefined) {
      const stated = polarityFromText(textIn(cell(row, cols.polarity)));
      if (stated === 'neither') neither = true;
      else if (stated) {
        polarity = stated;
        polaritySource = 'column';
      }
    }
    if (!polarity && !neither && target !== null && floor !== null && target !== floor) {
      polarity = target > floor ? 'higher' : 'lower';
      polaritySource = 'target-floor';
    }
    const unit = cols.unit !== undefined ? textIn(cell(row, cols.unit)) : '';
    const valueFormat = currentKind === 'number' ? currentFormat : targetFormat;
    const percent =
      isPercentFormat(targetFormat) || isPercentFormat(currentFormat) || (unit !== '' && /%|percent/i.test(unit));
    const cumulative =
      (cols.cumulative !== undefined && YES.test(textIn(cell(row, cols.cumulative)))) ||
      CUMULATIVE.test(description) ||
      CUMULATIVE.test(unit) ||
      (ytdCumulativeHeader &&
        !percent &&
        measureKind({ description, unit, header: currentHeader, percentFormat: percent, valueFormat }).kind ===
          'count');
    const freqText = cols.frequency !== undefined ? textIn(cell(row, cols.frequency)).toLowerCase() : '';
    const frequency = /annual|year/.test(freqText) ? 'annual' : /quarter/.test(freqText) ? 'quarterly' : 'monthly';
    const key = cols.keyIndicator === undefined || YES.test(textIn(cell(row, cols.keyIndicator)));
    const scaleTrouble =
      percent &&
      target !== null &&
      currentKind === 'number' &&
      isPercentFormat(targetFormat) !== isPercentFormat(currentFormat) &&
      Math.abs(isPercentFormat(targetFormat) ? figureAt(sheet, row, current!.col) : target) > 1;
    table.flags[i] = packFlags(key, percent, cumulative, scaleTrouble, polarity, polaritySource, frequency);
    const at = i * 4;
    const f = table.figures;
    let known = 0;
    const figures = [
      current ? numberAt(row, current.col) : null,
      previous ? numberAt(row, previous.col) : null,
      target,
      floor,
    ];
    for (let k = 0; k < 4; k++) {
      const v = figures[k];
      if (v !== null) {
        f[at + k] = v;
        known |= 1 << k;
      }
    }
    table.known[i] = known;
  }
  const rows = new IndicatorRows(table);
  const merges = throughMerges(sheet);
  const blank = (row: number, col: number): boolean => blankAt(sheet, row, col);
  return {
    sheet,
    grid,
    config,
    annotations,
    timeline,
    current,
    previous,
    currentPeriodPos,
    rows,
    cell,
    shown: merges(cell),
    numberAt,
    figureAt: (row, col) => figureAt(sheet, row, col),
    formatAt: (row, col) => formatAt(sheet, row, col),
    blank,
    blankShown: merges(blank),
  };
}
