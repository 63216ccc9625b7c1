import type { Cell } from '../engine/model/cell';
import { cellAt, SheetModel } from '../engine/model/sheet';
import type { Finding } from '../engine/model/finding';
import { a1, rangeA1 } from '../engine/model/address';
import type { ReadResult, ReadScope } from './host';
import { cellsFromOffice } from './cells';
import { isPayloadLimit, OutturnHostError, toHostError } from './errors';
import { HOSTS_WITH_MIN_API, MIN_EXCEL_API, supportsExcelApi } from './requirements';
import { LoadedValidationRule, validationFinding } from './validation-findings';
import { Area, areaA1, intersect, parseArea, splitAreas, splitSheet } from '../engine/model/areas';

/** The smallest rectangle holding all these areas, or null for none. */
function boundingArea(areas: Area[]): Area | null {
  if (!areas.length) return null;
  return areas.reduce((b, a) => ({
    top: Math.min(b.top, a.top),
    left: Math.min(b.left, a.left),
    bottom: Math.max(b.bottom, a.bottom),
    right: Math.max(b.right, a.right),
  }));
}

/**
 * Reading the grid where it stands: one small round trip to learn where the data is
 * (active sheet, used range, selection, table, invalid cells), then one that loads
 * values, value types, number formats and formulas together. Only a range too large
 * for one request is read in blocks of rows.
 */
export interface ReadLimits {
  /** Keep each response under this many bytes (Excel on the web refuses above 5 MB). */
  maxResponseBytes: number;
  /**
   * JSON bytes per cell for the four arrays, used only when no sample of the sheet could be
   * measured (the grid starts far from A1). Measured on real payloads (test/excel/payload.test.ts):
   * an empty cell costs 24 bytes, a percentage 30–40, a full-precision double with a short
   * format about 60, with an accounting format about 110, a long lookup formula about 125.
   */
  bytesPerCell: number;
  /** Headroom over the measured bytes per cell: a block is sized for this many times the sample's figure. */
  estimateMargin: number;
  /** Cells of the top-left corner (rows x columns) loaded in the first round trip to measure the payload; 0 disables it. */
  sampleRows: number;
  sampleColumns: number;
  /** Excel's limit on cells in one read. */
  maxCells: number;
  /** Most invalid-data findings listed (a column of thousands says the same thing). */
  maxValidationFindings: number;
  /** Larger than this and the range is not a return but a stray cell far away: refuse, with advice. */
  maxReadCells: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxResponseBytes: 4 * 1024 * 1024,
  bytesPerCell: 150,
  estimateMargin: 1.1,
  sampleRows: 100,
  sampleColumns: 100,
  maxCells: 5_000_000,
  maxValidationFindings: 1000,
  maxReadCells: 10_000_000,
};

/** The smallest a cell's share of the payload can be ('""', '"Empty"', '"General"', '""' and separators). */
const MIN_BYTES_PER_CELL = 24;

function areaOf(r: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number }): Area {
  return {
    top: r.rowIndex,
    left: r.columnIndex,
    bottom: r.rowIndex + r.rowCount - 1,
    right: r.columnIndex + r.columnCount - 1,
  };
}

/** Rows per block so that one block's response stays under the limits, at `bytesPerCell` a cell. */
export function rowsPerBlock(columns: number, limits: ReadLimits, bytesPerCell = limits.bytesPerCell): number {
  const byBytes = Math.floor(
    limits.maxResponseBytes / (Math.max(MIN_BYTES_PER_CELL, bytesPerCell) * Math.max(1, columns)),
  );
  const byCells = Math.floor(limits.maxCells / Math.max(1, columns));
  return Math.max(1, Math.min(byBytes, byCells));
}

/** The four arrays of a loaded range, as Office gives them. */
interface CellArrays {
  values: unknown[][];
  valueTypes: string[][];
  numberFormat: unknown[][];
  formulas: unknown[][];
}

/**
 * Bytes per cell of a loaded response: its JSON, UTF-8 encoded (what the 5 MB limit
 * counts; a '£' in a currency format is two bytes).
 */
export function payloadBytesPerCell(arrays: CellArrays): number {
  const cells = arrays.values.reduce((n, r) => n + r.length, 0);
  if (!cells) return MIN_BYTES_PER_CELL;
  const json = JSON.stringify([arrays.values, arrays.valueTypes, arrays.numberFormat, arrays.formulas]);
  return new TextEncoder().encode(json).length / cells;
}

function arraysOf(r: Excel.Range): CellArrays | null {
  // Above Excel's cell limit the arrays can come back null rather than as an error.
  if (
    !Array.isArray(r.values) ||
    !Array.isArray(r.valueTypes) ||
    !Array.isArray(r.numberFormat) ||
    !Array.isArray(r.formulas)
  )
    return null;
  return { values: r.values, valueTypes: r.valueTypes, numberFormat: r.numberFormat, formulas: r.formulas };
}

/** The cells of `within` out of a loaded `area`'s cells. */
function sliceCells(cells: Cell[][], area: Area, within: Area): Cell[][] {
  return cells
    .slice(within.top - area.top, within.bottom - area.top + 1)
    .map((row) => row.slice(within.left - area.left, within.right - area.left + 1));
}

function contains(outer: Area, inner: Area): boolean {
  return (
    outer.top <= inner.top && outer.left <= inner.left && outer.bottom >= inner.bottom && outer.right >= inner.right
  );
}

/** Parse a RangeAreas address ('Sheet1!B3:B4, Sheet1!D7') into areas. */
export function parseAreas(address: string): Area[] {
  return splitAreas(address)
    .map((p) => parseArea(splitSheet(p).ref))
    .filter((a): a is Area => a !== null);
}

interface RuleLoad {
  area: Area;
  dv: Excel.DataValidation;
}

/** A read, and the worksheet id of the sheet it read (stable across renames, unlike its name). */
export interface GridRead {
  result: ReadResult;
  sheetId: string;
}

/** `onSheet` reads that worksheet's used range instead of the active sheet's (scope 'sheet' only). */
export async function readGrid(
  scope: ReadScope,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
  onSheet?: string,
): Promise<GridRead> {
  if (!supportsExcelApi(MIN_EXCEL_API)) {
    throw new OutturnHostError(
      `This version of Excel is too old for Outturn: it needs Excel API ${MIN_EXCEL_API} (${HOSTS_WITH_MIN_API}).`,
    );
  }
  try {
    return await Excel.run(async (context) => {
      const notices: string[] = [];
      const protectedNotices: number[] = [];
      const wb = context.workbook;
      const ws = onSheet !== undefined ? wb.worksheets.getItem(onSheet) : wb.worksheets.getActiveWorksheet();
      ws.load('id, name, protection/protected');
      const used = ws.getUsedRange(true);
      used.load('address, rowIndex, columnIndex, rowCount, columnCount');
      const invalid = used.dataValidation.getInvalidCellsOrNullObject();
      invalid.load('address');
      // Merged areas can only be listed from ExcelApi 1.13; older hosts just read the values.
      const merged = supportsExcelApi('1.13') ? used.getMergedAreasOrNullObject() : null;
      if (merged) merged.load('address');
      // getSelectedRange() fails when several blocks are selected; getSelectedRanges() (1.9) lists them
      // (https://learn.microsoft.com/javascript/api/excel/excel.workbook#excel-excel-workbook-getselectedranges-member(1)).
      const selection =
        scope === 'sheet' || scope === 'workbook' || onSheet !== undefined ? null : wb.getSelectedRanges();
      if (selection) selection.load('address');
      const tables = selection && scope === 'table' ? selection.getTables(false) : null;
      if (tables) tables.load('items/name');
      // The top-left corner of the data, loaded now: it measures what a cell costs in this
      // workbook (sizing any blocks), and a small grid is read whole with it.
      const sampleArea = {
        top: 0,
        left: 0,
        bottom: Math.max(0, limits.sampleRows - 1),
        right: Math.max(0, limits.sampleColumns - 1),
      };
      const sample =
        limits.sampleRows > 0 && limits.sampleColumns > 0 ? used.getIntersectionOrNullObject(areaA1(sampleArea)) : null;
      if (sample)
        sample.load('rowIndex, columnIndex, rowCount, columnCount, values, valueTypes, numberFormat, formulas');
      await context.sync();

      const sheetName = ws.name;
      const usedArea = areaOf(used);
      if (ws.protection.protected) {
        protectedNotices.push(notices.length);
        notices.push(
          `Sheet '${sheetName}' is protected: Outturn can check it but cannot mark cells until it is unprotected (Review > Unprotect Sheet).`,
        );
      }
      let mergedAreas: string[] | undefined;
      if (merged && !merged.isNullObject) {
        const list = parseAreas(merged.address);
        mergedAreas = list.map(areaA1);
        const shown = list.slice(0, 5).map(areaA1).join(', ');
        notices.push(
          `Sheet '${sheetName}' has merged cells (${shown}${list.length > 5 ? ', …' : ''}): only the top-left cell of each holds a value.`,
        );
      }

      let target: Area | null = usedArea;
      let table: Excel.Table | null = null;
      if (scope === 'selection' && selection) {
        const blocks = parseAreas(selection.address);
        const sel = boundingArea(blocks);
        if (!sel || (blocks.length === 1 && sel.top === sel.bottom && sel.left === sel.right)) {
          notices.push('Only one cell is selected, so the whole sheet was read.');
        } else {
          target = intersect(sel, usedArea);
          if (!target) notices.push('The selected cells are empty: there is nothing to check.');
          else if (blocks.length > 1)
            notices.push(
              `Several blocks of cells are selected (${blocks.slice(0, 3).map(areaA1).join(', ')}${blocks.length > 3 ? ', …' : ''}), so the rectangle around them, ${areaA1(target)}, was read.`,
            );
        }
      } else if (scope === 'table' && tables) {
        if (tables.items.length === 0)
          notices.push('The selection is not inside an Excel table, so the whole sheet was read.');
        else table = tables.items[0];
      }

      // Rules behind the invalid cells, one column at a time (a rule usually covers a column).
      const ruleLoads: RuleLoad[] = [];
      const queueRuleLoads = () => {
        ruleLoads.length = 0;
        if (invalid.isNullObject) return;
        let budget = limits.maxValidationFindings;
        for (const area of parseAreas(invalid.address)) {
          for (let col = area.left; col <= area.right && budget > 0; col++) {
            const slice = { ...area, left: col, right: col };
            const sliceRange = ws.getRange(areaA1(slice));
            // dataValidation is a navigation property (an object), not a loaded value.
            // eslint-disable-next-line office-addins/load-object-before-read, office-addins/call-sync-before-read
            const dv = sliceRange.dataValidation;
            dv.load('type, rule');
            ruleLoads.push({ area: slice, dv });
            budget -= slice.bottom - slice.top + 1;
          }
        }
      };

      // What a cell costs here, from the sample; the default only when there was none.
      const sampled = sample && !sample.isNullObject ? arraysOf(sample) : null;
      const sampledArea = sampled && sample ? areaOf(sample) : null;
      const sampledCells = sampled
        ? cellsFromOffice(sampled.values, sampled.valueTypes, sampled.numberFormat, sampled.formulas)
        : null;
      const estimate = sampled ? payloadBytesPerCell(sampled) * limits.estimateMargin : limits.bytesPerCell;

      const cells: Cell[][] = [];
      let top = 0;
      let left = 0;
      if (table) {
        // The table lies within the used range, so the used range's size bounds it.
        const tableRange = table.getRange();
        const fits =
          rowsPerBlock(usedArea.right - usedArea.left + 1, limits, estimate) >= usedArea.bottom - usedArea.top + 1;
        tableRange.load('rowIndex, columnIndex, rowCount, columnCount');
        if (fits) tableRange.load('values, valueTypes, numberFormat, formulas');
        queueRuleLoads();
        await context.sync();
        target = areaOf(tableRange);
        top = target.top;
        left = target.left;
        const loaded = fits ? arraysOf(tableRange) : null;
        const rows = loaded
          ? cellsFromOffice(loaded.values, loaded.valueTypes, loaded.numberFormat, loaded.formulas)
          : await readBlocks(context, ws, target, limits, estimate, () => undefined);
        for (const r of rows) cells.push(r);
      } else if (target) {
        const size = (target.bottom - target.top + 1) * (target.right - target.left + 1);
        if (size > limits.maxReadCells) {
          throw new OutturnHostError(
            `The data on sheet '${sheetName}' spans ${rangeA1(target.top, target.left, target.bottom, target.right)} (${size.toLocaleString('en-GB')} cells), too much to read at once; something is probably typed far below or to the right of the grid. Select the grid and check the selection.`,
          );
        }
        top = target.top;
        left = target.left;
        if (sampledCells && sampledArea && contains(sampledArea, target)) {
          // The whole target came with the first round trip.
          for (const r of sliceCells(sampledCells, sampledArea, target)) cells.push(r);
          queueRuleLoads();
          if (ruleLoads.length) await context.sync();
        } else {
          for (const r of await readBlocks(context, ws, target, limits, estimate, queueRuleLoads)) cells.push(r);
        }
      }

      // Merged areas let the engine read an officer merged down a block as every row's officer.
      const model: SheetModel = { name: sheetName, top, left, cells, ...(mergedAreas ? { merged: mergedAreas } : {}) };
      const isEmpty = cells.every((row) => row.every((c) => c.kind === 'empty'));
      if (isEmpty && !notices.some((n) => n.includes('nothing to check'))) {
        notices.push(`Sheet '${sheetName}' is empty: there is nothing to check.`);
      }

      const validationFindings: Finding[] = [];
      const inTarget = (row: number, col: number) =>
        target !== null && intersect(target, { top: row, left: col, bottom: row, right: col }) !== null;
      // A slice spanning two different rules reports type Inconsistent and a null rule
      // (https://learn.microsoft.com/javascript/api/excel/excel.datavalidationtype): those
      // cells' own rules are loaded one cell each, in one more round trip, only when it happens.
      const perCell: { row: number; col: number; dv: Excel.DataValidation }[] = [];
      const cellRules: { row: number; col: number; rule: LoadedValidationRule | null }[] = [];
      for (const { area, dv } of ruleLoads) {
        const uniform =
          dv.type !== 'Inconsistent' && dv.type !== 'MixedCriteria' && dv.rule !== null && typeof dv.rule === 'object';
        for (let row = area.top; row <= area.bottom; row++) {
          if (!inTarget(row, area.left) || cellRules.length >= limits.maxValidationFindings) continue;
          if (uniform) cellRules.push({ row, col: area.left, rule: dv.rule as LoadedValidationRule });
          else {
            const own = ws.getCell(row, area.left).dataValidation;
            own.load('type, rule');
            perCell.push({ row, col: area.left, dv: own });
            cellRules.push({ row, col: area.left, rule: null });
          }
        }
      }
      if (perCell.length) {
        await context.sync();
        const byCell = new Map(perCell.map((p) => [`${p.row},${p.col}`, p.dv]));
        for (const c of cellRules) {
          const own = byCell.get(`${c.row},${c.col}`);
          if (own && own.rule && typeof own.rule === 'object') c.rule = own.rule as LoadedValidationRule;
        }
      }
      for (const c of cellRules)
        validationFindings.push(validationFinding(sheetName, a1(c.row, c.col), cellAt(model, c.row, c.col), c.rule));
      if (validationFindings.length >= limits.maxValidationFindings) {
        notices.push(
          `Only the first ${limits.maxValidationFindings} cells that break the workbook's data-validation rules are listed.`,
        );
      }
      return {
        result: {
          sheets: [model],
          validationFindings,
          notices,
          ...(protectedNotices.length ? { protectedNotices } : {}),
        },
        sheetId: ws.id,
      };
    });
  } catch (e) {
    throw toHostError(e, 'read the sheet');
  }
}

/**
 * Load the four arrays for an area, in as few round trips as the limits allow: one when
 * it fits (with `withFirst` queued alongside), else one per block of rows, each block
 * sized from what the previous one actually cost. A block Excel still refuses as too
 * large (or answers with null arrays) is halved and tried again.
 */
async function readBlocks(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  area: Area,
  limits: ReadLimits,
  bytesPerCell: number,
  withFirst: () => void,
): Promise<Cell[][]> {
  const out: Cell[][] = [];
  const columns = area.right - area.left + 1;
  let estimate = bytesPerCell;
  let nextTop = area.top;
  let retry: Area[] = [];
  let first = true;
  while (retry.length || nextTop <= area.bottom) {
    let block = retry.shift();
    if (!block) {
      const rows = rowsPerBlock(columns, limits, estimate);
      block = { ...area, top: nextTop, bottom: Math.min(area.bottom, nextTop + rows - 1) };
      nextTop = block.bottom + 1;
    }
    const range = ws.getRangeByIndexes(block.top, block.left, block.bottom - block.top + 1, columns);
    range.load('values, valueTypes, numberFormat, formulas');
    if (first) withFirst();
    let arrays: CellArrays | null = null;
    let refused: unknown = null;
    try {
      // Each block is its own request: that is the point of splitting, so a sync per block is intended.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      arrays = arraysOf(range);
    } catch (e) {
      if (!isPayloadLimit(e)) throw e;
      refused = e;
    }
    if (!arrays) {
      const rows = block.bottom - block.top + 1;
      if (rows === 1)
        throw (
          refused ??
          new OutturnHostError(
            'Excel returned no values for one row of the sheet: it is too wide to read. Select the grid and check the selection.',
          )
        );
      const half = Math.ceil(rows / 2);
      retry = [{ ...block, bottom: block.top + half - 1 }, { ...block, top: block.top + half }, ...retry];
      estimate *= 2;
      continue;
    }
    first = false;
    estimate = Math.max(MIN_BYTES_PER_CELL, payloadBytesPerCell(arrays) * limits.estimateMargin);
    for (const r of cellsFromOffice(arrays.values, arrays.valueTypes, arrays.numberFormat, arrays.formulas))
      out.push(r);
  }
  return out;
}
