import { ErrorCodes, SimOfficeError } from '../errors';
import { type SimContext, SimObject, type Spec, defineAccessors } from '../core';
import type { SimSheet, SimWorkbook } from '../state';
import { NamedItemCollectionProxy } from './names';
import { RangeProxy } from './range';
import { RangeAreasProxy } from './range-areas';
import { findSheet } from './shared';
import { TableCollectionProxy, tablesOf } from './tables';
import { WorksheetCollectionProxy } from './worksheet';

/** The workbook and the application, and the context whose workbook they are. */

const applicationSpec: Spec<SimWorkbook> = {
  name: 'Application',
  scalars: { calculationMode: { get: () => 'Automatic', set: () => undefined } },
};
export class ApplicationProxy extends SimObject<SimWorkbook> {
  suspendScreenUpdatingUntilNextSync(): void {
    this._ctx._need(9, 'Application.suspendScreenUpdatingUntilNextSync');
    this._ctx._enqueue('suspendScreenUpdatingUntilNextSync', null, () => {
      this._ctx._env.stats.screenUpdatingSuspended += 1;
    });
  }
  suspendApiCalculationUntilNextSync(): void {
    this._ctx._enqueue('suspendApiCalculationUntilNextSync', null, () => undefined);
  }
}
defineAccessors(ApplicationProxy, applicationSpec);

const workbookSpec: Spec<SimWorkbook> = {
  name: 'Workbook',
  scalars: { name: { get: () => 'Book1.xlsx' } },
  navs: {
    worksheets: (o) =>
      new WorksheetCollectionProxy(o._ctx, 'workbook.worksheets', () => o._ctx._env.wb) as SimObject<unknown>,
    names: (o) => new NamedItemCollectionProxy(o._ctx, 'workbook.names', () => o._ctx._env.wb) as SimObject<unknown>,
    tables: (o) =>
      new TableCollectionProxy(o._ctx, 'workbook.tables', () => tablesOf(o._ctx._env.wb.sheets)) as SimObject<unknown>,
    application: (o) =>
      new ApplicationProxy(o._ctx, applicationSpec, 'workbook.application', () => o._ctx._env.wb) as SimObject<unknown>,
  },
};

export class WorkbookProxy extends SimObject<SimWorkbook> {
  private activeSheet(): SimSheet {
    const wb = this._ctx._env.wb;
    const s = wb.activeSheet === null ? undefined : findSheet(wb, wb.activeSheet);
    if (!s)
      throw new SimOfficeError(
        ErrorCodes.unsupportedSheet,
        'This sheet type does not support this operation, since it is a Macro or Chart sheet.',
      );
    return s;
  }
  /**
   * "Gets the currently selected single range from the workbook. If there are multiple
   * ranges selected, this method will throw an error"
   * (https://learn.microsoft.com/javascript/api/excel/excel.workbook#excel-excel-workbook-getselectedrange-member(1)).
   */
  getSelectedRange(): RangeProxy {
    return this._child(
      (ctx) =>
        new RangeProxy(ctx, 'workbook.getSelectedRange()', () => {
          const s = this.activeSheet();
          if ((s.selectionAreas?.length ?? 1) > 1)
            throw new SimOfficeError(
              ErrorCodes.invalidSelection,
              'The current selection is invalid for this operation: several ranges are selected.',
            );
          return { sheet: s, area: { ...s.selection } };
        }),
      'workbook.getSelectedRange',
    );
  }
  /** Every selected block (ExcelApi 1.9). */
  getSelectedRanges(): RangeAreasProxy {
    this._ctx._need(9, 'Workbook.getSelectedRanges');
    return this._child(
      (ctx) =>
        new RangeAreasProxy(ctx, 'workbook.getSelectedRanges()', () => {
          const s = this.activeSheet();
          return { sheet: s, areas: (s.selectionAreas ?? [s.selection]).map((a) => ({ ...a })) };
        }),
      'workbook.getSelectedRanges',
    );
  }
  getActiveCell(): RangeProxy {
    this._ctx._need(7, 'Workbook.getActiveCell');
    return this._child(
      (ctx) =>
        new RangeProxy(ctx, 'workbook.getActiveCell()', () => {
          const s = this.activeSheet();
          return {
            sheet: s,
            area: { top: s.selection.top, left: s.selection.left, bottom: s.selection.top, right: s.selection.left },
          };
        }),
      'workbook.getActiveCell',
    );
  }
}
defineAccessors(WorkbookProxy, workbookSpec);

export function newContext(ctx: SimContext): SimContext {
  const wb = new WorkbookProxy(ctx, workbookSpec, 'workbook', () => ctx._env.wb);
  ctx.workbook = wb;
  ctx.application = wb._nav('application');
  return ctx;
}
