import { type Area, MAX_COLS, MAX_ROWS, parseArea, splitAreas, splitSheet } from '../../engine/model/areas';
import { ErrorCodes, SimOfficeError } from '../errors';
import { SimCollection, type SimContext, SimObject, type Spec, defineAccessors } from '../core';
import { type SimSheet, type SimWorkbook, newSheet, usedArea } from '../state';
import { SimEventSource } from './events';
import { RangeProxy, clampArea } from './range';
import { RangeAreasProxy } from './range-areas';
import { findSheet, invalidArg, sheetByTarget } from './shared';
import { TableCollectionProxy, tablesOf } from './tables';

/** Worksheets: the collection, each sheet, its protection, and the ranges and events it hands out. */

/** Longest address list Worksheet.getRanges accepts here (see getRanges). */
export const MAX_GET_RANGES_CHARS = 8192;

const protectionSpec: Spec<SimSheet> = {
  name: 'WorksheetProtection',
  scalars: {
    protected: { get: (t) => t.protected },
    options: { get: () => ({ allowFormatCells: false, allowInsertRows: false }) },
  },
};
class ProtectionProxy extends SimObject<SimSheet> {
  protect(_options?: unknown, _password?: string): void {
    this._do('protect', null, (t) => {
      t.protected = true;
    });
  }
  unprotect(_password?: string): void {
    this._do('unprotect', null, (t) => {
      t.protected = false;
    });
  }
}
defineAccessors(ProtectionProxy, protectionSpec);

function checkSheetName(wb: SimWorkbook, name: string, self?: SimSheet): void {
  if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw invalidArg(`'${name}' is not a valid worksheet name.`);
  }
  const dup = findSheet(wb, name);
  if (dup && dup !== self)
    throw new SimOfficeError(ErrorCodes.itemAlreadyExists, `A worksheet named '${name}' already exists.`);
}

function visibleCount(wb: SimWorkbook): number {
  return wb.sheets.filter((s) => s.visibility === 'Visible').length;
}

const worksheetSpec: Spec<SimSheet> = {
  name: 'Worksheet',
  scalars: {
    id: { get: (t) => t.id },
    name: {
      get: (t) => t.name,
      set: (t, v, o) => {
        const wb = o._ctx._env.wb;
        checkSheetName(wb, String(v), t);
        if (wb.activeSheet === t.name) wb.activeSheet = String(v);
        t.name = String(v);
      },
    },
    position: { get: (t, o) => o._ctx._env.wb.sheets.indexOf(t) },
    visibility: {
      get: (t) => t.visibility,
      set: (t, v, o) => {
        const wb = o._ctx._env.wb;
        const next = String(v);
        if (!['Visible', 'Hidden', 'VeryHidden'].includes(next))
          throw invalidArg(`'${next}' is not a sheet visibility.`);
        if (next !== 'Visible' && t.visibility === 'Visible' && visibleCount(wb) === 1) {
          throw new SimOfficeError(
            ErrorCodes.invalidOperation,
            'A workbook must contain at least one visible worksheet.',
          );
        }
        t.visibility = next as SimSheet['visibility'];
        if (next !== 'Visible' && wb.activeSheet === t.name)
          wb.activeSheet = wb.sheets.find((s) => s.visibility === 'Visible')?.name ?? null;
      },
    },
    tabColor: {
      get: (t) => t.tabColor ?? '',
      set: (t, v) => {
        t.tabColor = v ? String(v) : null;
      },
    },
  },
  navs: {
    protection: (o) =>
      new ProtectionProxy(o._ctx, protectionSpec, `${o._path}.protection`, () =>
        (o as SimObject<SimSheet>)._target(),
      ) as SimObject<unknown>,
    tables: (o) =>
      new TableCollectionProxy(o._ctx, `${o._path}.tables`, () =>
        tablesOf([(o as SimObject<SimSheet>)._target()]),
      ) as SimObject<unknown>,
  },
};

export class WorksheetProxy extends SimObject<SimSheet> {
  constructor(ctx: SimContext, path: string, binder: () => SimSheet | null) {
    super(ctx, worksheetSpec, path, () => {
      const s = binder();
      return s && sheetByTarget(ctx._env.wb, s);
    });
  }
  private range(describe: string, fn: (s: SimSheet) => Area | null, args?: unknown): RangeProxy {
    return this._child(
      (ctx) =>
        new RangeProxy(ctx, `${this._path}.${describe}`, () => {
          const s = this._resolve();
          if (!s) return null;
          const a = fn(s);
          return a && { sheet: s, area: a };
        }),
      `${this._path}.${describe}`,
      args,
    );
  }
  getRange(address?: string): RangeProxy {
    return this.range(
      'getRange',
      () => {
        if (address === undefined || address === '')
          return { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 };
        const a = parseArea(splitSheet(address).ref);
        if (!a) throw invalidArg(`The argument is invalid or missing or has an incorrect format: '${address}'.`);
        return a;
      },
      [address ?? null],
    );
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    this._ctx._need(7, 'Worksheet.getRangeByIndexes');
    return this.range(
      'getRangeByIndexes',
      () =>
        clampArea({
          top: startRow,
          left: startColumn,
          bottom: startRow + rowCount - 1,
          right: startColumn + columnCount - 1,
        }),
      [startRow, startColumn, rowCount, columnCount],
    );
  }
  getCell(row: number, column: number): RangeProxy {
    return this.range('getCell', () => clampArea({ top: row, left: column, bottom: row, right: column }), [
      row,
      column,
    ]);
  }
  getRanges(address: string): RangeAreasProxy {
    this._ctx._need(9, 'Worksheet.getRanges');
    return this._child(
      (ctx) =>
        new RangeAreasProxy(ctx, `${this._path}.getRanges()`, () => {
          const s = this._target();
          // Excel refuses a long address list with InvalidArgument; the limit is undocumented, and
          // failures are reported from about 8,200 characters (office-js #5198,
          // https://github.com/OfficeDev/office-js/issues/5198): the simulator refuses above 8,192.
          if (address.length > MAX_GET_RANGES_CHARS)
            throw invalidArg('The argument is invalid or missing or has an incorrect format.');
          const areas = splitAreas(address).map((ref) => {
            const a = parseArea(splitSheet(ref).ref);
            if (!a) throw invalidArg(`The argument is invalid or missing or has an incorrect format: '${ref}'.`);
            return a;
          });
          if (!areas.length) throw invalidArg('getRanges needs at least one address.');
          return { sheet: s, areas };
        }),
      `${this._path}.getRanges`,
      [address],
    );
  }
  getUsedRange(valuesOnly = false): RangeProxy {
    // A blank sheet's used range is A1, as in Excel.
    return this.range('getUsedRange', (s) => usedArea(s, valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 }, [
      valuesOnly,
    ]);
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return this.range('getUsedRangeOrNullObject', (s) => usedArea(s, valuesOnly), [valuesOnly]);
  }
  activate(): void {
    this._do('activate', null, (s) => {
      if (s.visibility !== 'Visible')
        throw new SimOfficeError(ErrorCodes.invalidOperation, 'A hidden worksheet cannot be activated.');
      this._ctx._env.wb.activeSheet = s.name;
    });
  }
  /**
   * "If the worksheet's visibility is set to "VeryHidden", the delete operation will fail
   * with an InvalidOperation exception" (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-delete-member(1)).
   */
  delete(): void {
    this._do('delete', null, (s) => {
      const wb = this._ctx._env.wb;
      if (s.visibility === 'VeryHidden')
        throw new SimOfficeError(
          ErrorCodes.invalidOperation,
          'A very hidden worksheet cannot be deleted: make it hidden or visible first.',
        );
      if (s.visibility === 'Visible' && visibleCount(wb) === 1)
        throw new SimOfficeError(
          ErrorCodes.invalidOperation,
          'A workbook must contain at least one visible worksheet.',
        );
      wb.sheets.splice(wb.sheets.indexOf(s), 1);
      if (wb.activeSheet === s.name) wb.activeSheet = wb.sheets.find((x) => x.visibility === 'Visible')?.name ?? null;
    });
  }
  get onChanged(): SimEventSource {
    return new SimEventSource(this._ctx, 'worksheetChanged', 7, () => this._target());
  }
  get onSelectionChanged(): SimEventSource {
    return new SimEventSource(this._ctx, 'selectionChanged', 7, () => this._target());
  }
}
defineAccessors(WorksheetProxy, worksheetSpec);

const worksheetsSpec: Spec<SimWorkbook> = { name: 'WorksheetCollection', scalars: {} };

export class WorksheetCollectionProxy extends SimCollection<SimWorkbook, SimSheet> {
  constructor(ctx: SimContext, path: string, binder: () => SimWorkbook) {
    super(
      ctx,
      worksheetsSpec,
      path,
      binder,
      (wb) => wb.sheets,
      (c, it, p) => new WorksheetProxy(c, p, () => it),
    );
  }
  private pick(describe: string, fn: (wb: SimWorkbook) => SimSheet | null, args?: unknown): WorksheetProxy {
    return this._child(
      (ctx) => new WorksheetProxy(ctx, `${this._path}.${describe}`, () => fn(this._target())),
      `${this._path}.${describe}`,
      args,
    );
  }
  /**
   * By name or id; a missing sheet fails the whole batch with ItemNotFound ("Gets a worksheet
   * object using its name or ID", https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-getitem-member(1);
   * getItemOrNullObject is the form that does not throw).
   */
  getItem(key: string): WorksheetProxy {
    return this.pick(
      'getItem',
      (wb) => {
        const s = findSheet(wb, key);
        if (!s)
          throw new SimOfficeError(
            ErrorCodes.itemNotFound,
            `The requested resource doesn't exist: worksheet '${key}'.`,
            'Worksheets.getItem',
          );
        return s;
      },
      [key],
    );
  }
  getItemOrNullObject(key: string): WorksheetProxy {
    return this.pick('getItemOrNullObject', (wb) => findSheet(wb, key) ?? null, [key]);
  }
  getActiveWorksheet(): WorksheetProxy {
    return this.pick('getActiveWorksheet', (wb) => {
      const s = wb.activeSheet === null ? undefined : findSheet(wb, wb.activeSheet);
      if (!s)
        throw new SimOfficeError(
          ErrorCodes.unsupportedSheet,
          'This sheet type does not support this operation, since it is a Macro or Chart sheet.',
          'Worksheets.getActiveWorksheet',
        );
      return s;
    });
  }
  getFirst(visibleOnly = false): WorksheetProxy {
    return this.pick('getFirst', (wb) => {
      const s = wb.sheets.find((x) => !visibleOnly || x.visibility === 'Visible');
      if (!s) throw new SimOfficeError(ErrorCodes.itemNotFound, 'The workbook has no worksheet.');
      return s;
    });
  }
  add(name?: string): WorksheetProxy {
    return this.pick(
      'add',
      (wb) => {
        let n = name;
        if (!n) {
          let i = wb.sheets.length + 1;
          while (findSheet(wb, `Sheet${i}`)) i++;
          n = `Sheet${i}`;
        }
        checkSheetName(wb, n);
        const s = newSheet(n);
        wb.sheets.push(s);
        return s;
      },
      [name ?? null],
    );
  }
  get onChanged(): SimEventSource {
    return new SimEventSource(this._ctx, 'worksheetsChanged', 9);
  }
}
