import type { Cell } from '../engine/model/cell';
import { cellAt, SheetModel } from '../engine/model/sheet';
import type { Finding } from '../engine/model/finding';
import { a1, rangeA1 } from '../engine/model/address';
import type { ReadResult, ReadScope } from './host';
import { cellsFromOffice } from './cells';
import { isPayloadLimit, OutturnHostError, toHostError } from './errors';
import { MIN_EXCEL_API, supportsExcelApi } from './requirements';
import { LoadedValidationRule, validationFinding } from './validation-findings';
import { Area, areaA1, intersect, parseArea, splitAreas, splitSheet } from '../engine/model/areas';

/**
 * Reading the grid where it stands: one small round trip to learn where the data is
 * (active sheet, used range, selection, table, invalid cells), then one that loads
 * values, value types, number formats and formulas together. Only a range too large
 * for one request is read in blocks of rows.
 */
export interface ReadLimits {
  /** Keep each response under this many bytes (Excel on the web refuses above 5 MB). */
  maxResponseBytes: number;
  /** Estimated JSON bytes per cell for the four arrays: used to size blocks. */
  bytesPerCell: number;
  /** Excel's limit on cells in one read. */
  maxCells: number;
  /** Most invalid-data findings listed (a column of thousands says the same thing). */
  maxValidationFindings: number;
  /** Larger than this and the range is not a return but a stray cell far away: refuse, with advice. */
  maxReadCells: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxResponseBytes: 4 * 1024 * 1024,
  bytesPerCell: 40,
  maxCells: 5_000_000,
  maxValidationFindings: 1000,
  maxReadCells: 10_000_000,
};


function areaOf(r: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number }): Area {
  return { top: r.rowIndex, left: r.columnIndex, bottom: r.rowIndex + r.rowCount - 1, right: r.columnIndex + r.columnCount - 1 };
}

/** Rows per block so that one block's response stays under the limits. */
export function rowsPerBlock(columns: number, limits: ReadLimits): number {
  const byBytes = Math.floor(limits.maxResponseBytes / (limits.bytesPerCell * Math.max(1, columns)));
  const byCells = Math.floor(limits.maxCells / Math.max(1, columns));
  return Math.max(1, Math.min(byBytes, byCells));
}

function blocksOf(area: Area, rows: number): Area[] {
  const out: Area[] = [];
  for (let top = area.top; top <= area.bottom; top += rows) out.push({ ...area, top, bottom: Math.min(area.bottom, top + rows - 1) });
  return out;
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

/** `onSheet` reads that worksheet's used range instead of the active sheet's (scope 'sheet' only). */
export async function readGrid(scope: ReadScope, limits: ReadLimits = DEFAULT_READ_LIMITS, onSheet?: string): Promise<ReadResult> {
  if (!supportsExcelApi(MIN_EXCEL_API)) {
    throw new OutturnHostError(`This version of Excel is too old for Outturn: it needs Excel API ${MIN_EXCEL_API} (Microsoft 365, Excel 2019 or later, or Excel on the web).`);
  }
  try {
    return await Excel.run(async (context) => {
      const notices: string[] = [];
      const wb = context.workbook;
      const ws = onSheet !== undefined ? wb.worksheets.getItem(onSheet) : wb.worksheets.getActiveWorksheet();
      ws.load('name, protection/protected');
      const used = ws.getUsedRange(true);
      used.load('address, rowIndex, columnIndex, rowCount, columnCount');
      const invalid = used.dataValidation.getInvalidCellsOrNullObject();
      invalid.load('address');
      // Merged areas can only be listed from ExcelApi 1.13; older hosts just read the values.
      const merged = supportsExcelApi('1.13') ? used.getMergedAreasOrNullObject() : null;
      if (merged) merged.load('address');
      const selection = scope === 'sheet' || scope === 'workbook' || onSheet !== undefined ? null : wb.getSelectedRange();
      if (selection) selection.load('rowIndex, columnIndex, rowCount, columnCount');
      const tables = selection && scope === 'table' ? selection.getTables(false) : null;
      if (tables) tables.load('items/name');
      await context.sync();

      const sheetName = ws.name;
      const usedArea = areaOf(used);
      if (ws.protection.protected) {
        notices.push(`Sheet '${sheetName}' is protected: Outturn can check it but cannot mark cells until it is unprotected (Review > Unprotect Sheet).`);
      }
      let mergedAreas: string[] | undefined;
      if (merged && !merged.isNullObject) {
        const list = parseAreas(merged.address);
        mergedAreas = list.map(areaA1);
        const shown = list.slice(0, 5).map(areaA1).join(', ');
        notices.push(`Sheet '${sheetName}' has merged cells (${shown}${list.length > 5 ? ', …' : ''}): only the top-left cell of each holds a value.`);
      }

      let target: Area | null = usedArea;
      let table: Excel.Table | null = null;
      if (scope === 'selection' && selection) {
        const sel = areaOf(selection);
        if (sel.top === sel.bottom && sel.left === sel.right) {
          notices.push('Only one cell is selected, so the whole sheet was read.');
        } else {
          target = intersect(sel, usedArea);
          if (!target) notices.push('The selected cells are empty: there is nothing to check.');
        }
      } else if (scope === 'table' && tables) {
        if (tables.items.length === 0) notices.push('The selection is not inside an Excel table, so the whole sheet was read.');
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

      const cells: Cell[][] = [];
      let top = 0;
      let left = 0;
      if (table) {
        // The table lies within the used range, so the used range's size bounds it.
        const tableRange = table.getRange();
        const fits = rowsPerBlock(usedArea.right - usedArea.left + 1, limits) >= usedArea.bottom - usedArea.top + 1;
        tableRange.load('rowIndex, columnIndex, rowCount, columnCount');
        if (fits) tableRange.load('values, valueTypes, numberFormat, formulas');
        queueRuleLoads();
        await context.sync();
        target = areaOf(tableRange);
        top = target.top;
        left = target.left;
        const rows = fits
          ? cellsFromOffice(tableRange.values, tableRange.valueTypes, tableRange.numberFormat, tableRange.formulas)
          : await readBlocks(context, ws, target, limits, () => undefined);
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
        for (const r of await readBlocks(context, ws, target, limits, queueRuleLoads)) cells.push(r);
      }

      // Merged areas let the engine read an officer merged down a block as every row's officer.
      const model: SheetModel = { name: sheetName, top, left, cells, ...(mergedAreas ? { merged: mergedAreas } : {}) };
      const isEmpty = cells.every((row) => row.every((c) => c.kind === 'empty'));
      if (isEmpty && !notices.some((n) => n.includes('nothing to check'))) {
        notices.push(`Sheet '${sheetName}' is empty: there is nothing to check.`);
      }

      const validationFindings: Finding[] = [];
      for (const { area, dv } of ruleLoads) {
        const rule = dv.rule as LoadedValidationRule;
        for (let row = area.top; row <= area.bottom; row++) {
          const inTarget = target && intersect(target, { top: row, left: area.left, bottom: row, right: area.left });
          if (!inTarget || validationFindings.length >= limits.maxValidationFindings) continue;
          validationFindings.push(validationFinding(sheetName, a1(row, area.left), cellAt(model, row, area.left), rule));
        }
      }
      if (validationFindings.length >= limits.maxValidationFindings) {
        notices.push(`Only the first ${limits.maxValidationFindings} cells that break the workbook's data-validation rules are listed.`);
      }
      return { sheets: [model], validationFindings, notices };
    });
  } catch (e) {
    throw toHostError(e, 'read the sheet');
  }
}

/**
 * Load the four arrays for an area, in as few round trips as the limits allow: one when
 * it fits (with `withFirst` queued alongside), else one per block of rows. A block Excel
 * still refuses as too large is halved and tried again.
 */
async function readBlocks(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  area: Area,
  limits: ReadLimits,
  withFirst: () => void,
): Promise<Cell[][]> {
  const out: Cell[][] = [];
  const pending = blocksOf(area, rowsPerBlock(area.right - area.left + 1, limits));
  let first = true;
  while (pending.length) {
    const block = pending.shift() as Area;
    const range = ws.getRangeByIndexes(block.top, block.left, block.bottom - block.top + 1, block.right - block.left + 1);
    range.load('values, valueTypes, numberFormat, formulas');
    if (first) withFirst();
    try {
      // Each block is its own request: that is the point of splitting, so a sync per block is intended.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      const rows = block.bottom - block.top + 1;
      if (!isPayloadLimit(e) || rows === 1) throw e;
      const half = Math.ceil(rows / 2);
      pending.unshift({ ...block, bottom: block.top + half - 1 }, { ...block, top: block.top + half });
      continue;
    }
    first = false;
    for (const r of cellsFromOffice(range.values, range.valueTypes, range.numberFormat, range.formulas)) out.push(r);
  }
  return out;
}
