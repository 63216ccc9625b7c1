import {
  type Area,
  MAX_COLS,
  MAX_ROWS,
  areaCells,
  areaCols,
  areaRows,
  intersect,
  parseArea,
  splitSheet,
} from '../../engine/model/areas';
import { ErrorCodes, SimOfficeError } from '../errors';
import { type SimContext, SimObject, type Spec, defineAccessors } from '../core';
import { displayText, valueType } from '../display';
import { getCell, putCell, usedArea } from '../state';
import { ConditionalFormatCollectionProxy } from './conditional-formats';
import { DataValidationProxy, dvSpec } from './data-validation';
import { RangeAreasProxy } from './range-areas';
import { RangeFormatProxy, rangeFormatSpec } from './range-format';
import { type RangeT, grid, invalidArg, rangeAddress, writable, writeCells } from './shared';
import { TableCollectionProxy, tablesOf } from './tables';
import { WorksheetProxy } from './worksheet';

/** Range: cells, formulas, number formats and navigation to its sheet, format, conditional formats and validation. */

const rangeSpec: Spec<RangeT> = {
  name: 'Range',
  scalars: {
    address: { get: (t) => rangeAddress(t) },
    addressLocal: { get: (t) => rangeAddress(t) },
    rowIndex: { get: (t) => t.area.top },
    columnIndex: { get: (t) => t.area.left },
    rowCount: { get: (t) => areaRows(t.area) },
    columnCount: { get: (t) => areaCols(t.area) },
    cellCount: { get: (t) => areaCells(t.area) },
    values: {
      get: (t, o) =>
        grid(t.area, o._ctx._env.limits.maxCells, (r, c) => {
          const cell = getCell(t.sheet, r, c);
          return cell && cell.value !== null ? cell.value : '';
        }),
      set: (t, v, o) => writeCells(o, t, v, 'values'),
    },
    formulas: {
      get: (t, o) =>
        grid(t.area, o._ctx._env.limits.maxCells, (r, c) => {
          const cell = getCell(t.sheet, r, c);
          if (!cell) return '';
          return cell.formula ?? (cell.value === null ? '' : cell.value);
        }),
      set: (t, v, o) => writeCells(o, t, v, 'formulas'),
    },
    numberFormat: {
      get: (t, o) => grid(t.area, o._ctx._env.limits.maxCells, (r, c) => getCell(t.sheet, r, c)?.format ?? 'General'),
      set: (t, v, o) => writeCells(o, t, v, 'numberFormat'),
    },
    valueTypes: {
      get: (t, o) => grid(t.area, o._ctx._env.limits.maxCells, (r, c) => valueType(getCell(t.sheet, r, c))),
    },
    text: { get: (t, o) => grid(t.area, o._ctx._env.limits.maxCells, (r, c) => displayText(getCell(t.sheet, r, c))) },
  },
  navs: {
    worksheet: (o) =>
      new WorksheetProxy(
        o._ctx,
        `${o._path}.worksheet`,
        () => (o as SimObject<RangeT>)._target().sheet,
      ) as SimObject<unknown>,
    format: (o) =>
      new RangeFormatProxy(o._ctx, rangeFormatSpec, `${o._path}.format`, () =>
        (o as SimObject<RangeT>)._target(),
      ) as SimObject<unknown>,
    conditionalFormats: (o) =>
      new ConditionalFormatCollectionProxy(o._ctx, `${o._path}.conditionalFormats`, () => {
        const t = (o as SimObject<RangeT>)._resolve();
        return t && { sheet: t.sheet, areas: [t.area] };
      }) as SimObject<unknown>,
    dataValidation: (o) =>
      new DataValidationProxy(o._ctx, dvSpec, `${o._path}.dataValidation`, () =>
        (o as SimObject<RangeT>)._resolve(),
      ) as SimObject<unknown>,
  },
};

export function clampArea(a: Area): Area {
  if (a.top < 0 || a.left < 0 || a.bottom >= MAX_ROWS || a.right >= MAX_COLS || a.bottom < a.top || a.right < a.left) {
    throw invalidArg('The range is outside the worksheet.');
  }
  return a;
}

export class RangeProxy extends SimObject<RangeT> {
  constructor(ctx: SimContext, path: string, binder: () => RangeT | null) {
    super(ctx, rangeSpec, path, binder);
  }
  private derived(describe: string, fn: (t: RangeT) => RangeT | null, args?: unknown): RangeProxy {
    return this._child(
      (ctx) =>
        new RangeProxy(ctx, `${this._path}.${describe}`, () => {
          const t = this._resolve();
          return t ? fn(t) : null;
        }),
      `${this._path}.${describe}`,
      args,
    );
  }
  getCell(row: number, column: number): RangeProxy {
    return this.derived(
      'getCell',
      (t) => ({
        sheet: t.sheet,
        area: clampArea({
          top: t.area.top + row,
          left: t.area.left + column,
          bottom: t.area.top + row,
          right: t.area.left + column,
        }),
      }),
      [row, column],
    );
  }
  getOffsetRange(rows: number, cols: number): RangeProxy {
    return this.derived(
      'getOffsetRange',
      (t) => ({
        sheet: t.sheet,
        area: clampArea({
          top: t.area.top + rows,
          left: t.area.left + cols,
          bottom: t.area.bottom + rows,
          right: t.area.right + cols,
        }),
      }),
      [rows, cols],
    );
  }
  getResizedRange(dRows: number, dCols: number): RangeProxy {
    return this.derived(
      'getResizedRange',
      (t) => ({
        sheet: t.sheet,
        area: clampArea({ ...t.area, bottom: t.area.bottom + dRows, right: t.area.right + dCols }),
      }),
      [dRows, dCols],
    );
  }
  getRow(i: number): RangeProxy {
    return this.derived(
      'getRow',
      (t) => ({ sheet: t.sheet, area: clampArea({ ...t.area, top: t.area.top + i, bottom: t.area.top + i }) }),
      [i],
    );
  }
  getColumn(i: number): RangeProxy {
    return this.derived(
      'getColumn',
      (t) => ({ sheet: t.sheet, area: clampArea({ ...t.area, left: t.area.left + i, right: t.area.left + i }) }),
      [i],
    );
  }
  getEntireRow(): RangeProxy {
    return this.derived('getEntireRow', (t) => ({ sheet: t.sheet, area: { ...t.area, left: 0, right: MAX_COLS - 1 } }));
  }
  getEntireColumn(): RangeProxy {
    return this.derived('getEntireColumn', (t) => ({
      sheet: t.sheet,
      area: { ...t.area, top: 0, bottom: MAX_ROWS - 1 },
    }));
  }
  getLastRow(): RangeProxy {
    return this.derived('getLastRow', (t) => ({ sheet: t.sheet, area: { ...t.area, top: t.area.bottom } }));
  }
  private otherArea(t: RangeT, other: RangeProxy | string): Area {
    if (typeof other === 'string') {
      const a = parseArea(splitSheet(other).ref);
      if (!a) throw invalidArg(`'${other}' is not a valid range address.`);
      return a;
    }
    return other._target().area;
  }
  getIntersection(other: RangeProxy | string): RangeProxy {
    return this.derived('getIntersection', (t) => {
      const x = intersect(t.area, this.otherArea(t, other));
      if (!x) throw new SimOfficeError(ErrorCodes.itemNotFound, 'The ranges do not intersect.');
      return { sheet: t.sheet, area: x };
    });
  }
  getIntersectionOrNullObject(other: RangeProxy | string): RangeProxy {
    return this.derived('getIntersectionOrNullObject', (t) => {
      const x = intersect(t.area, this.otherArea(t, other));
      return x ? { sheet: t.sheet, area: x } : null;
    });
  }
  getBoundingRect(other: RangeProxy | string): RangeProxy {
    return this.derived('getBoundingRect', (t) => {
      const b = this.otherArea(t, other);
      return {
        sheet: t.sheet,
        area: {
          top: Math.min(t.area.top, b.top),
          left: Math.min(t.area.left, b.left),
          bottom: Math.max(t.area.bottom, b.bottom),
          right: Math.max(t.area.right, b.right),
        },
      };
    });
  }
  private used(valuesOnly: boolean, orNull: boolean): RangeProxy {
    return this.derived(
      'getUsedRange',
      (t) => {
        const u = usedArea(t.sheet, valuesOnly);
        const x = u && intersect(u, t.area);
        if (x) return { sheet: t.sheet, area: x };
        if (orNull) return null;
        throw new SimOfficeError(ErrorCodes.itemNotFound, 'The range is empty.');
      },
      [valuesOnly],
    );
  }
  getUsedRange(valuesOnly = false): RangeProxy {
    return this.used(valuesOnly, false);
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return this.used(valuesOnly, true);
  }
  getTables(fullyContained = false): TableCollectionProxy {
    this._ctx._need(9, 'Range.getTables');
    return this._child(
      (ctx) =>
        new TableCollectionProxy(ctx, `${this._path}.getTables()`, () => {
          const t = this._target();
          return tablesOf([t.sheet]).filter(({ table }) => {
            const x = intersect(table.area, t.area);
            if (!x) return false;
            return (
              !fullyContained ||
              (x.top === table.area.top &&
                x.bottom === table.area.bottom &&
                x.left === table.area.left &&
                x.right === table.area.right)
            );
          });
        }),
      `${this._path}.getTables`,
      [fullyContained],
    );
  }
  getMergedAreasOrNullObject(): RangeAreasProxy {
    this._ctx._need(13, 'Range.getMergedAreasOrNullObject');
    return this._child(
      (ctx) =>
        new RangeAreasProxy(ctx, `${this._path}.getMergedAreasOrNullObject()`, () => {
          const t = this._resolve();
          if (!t) return null;
          const areas = t.sheet.merges.filter((m) => intersect(m, t.area));
          return areas.length ? { sheet: t.sheet, areas } : null;
        }),
      `${this._path}.getMergedAreasOrNullObject`,
    );
  }
  select(): void {
    this._do('select', null, (t) => {
      if (t.sheet.visibility !== 'Visible')
        throw new SimOfficeError(
          ErrorCodes.invalidSelection,
          'The current selection is invalid for this operation: the sheet is hidden.',
        );
      this._ctx._env.wb.activeSheet = t.sheet.name;
      t.sheet.selection = { ...t.area };
      delete t.sheet.selectionAreas;
    });
  }
  clear(applyTo: string = 'All'): void {
    this._do('clear', [applyTo], (t) => {
      writable(t.sheet);
      for (let r = t.area.top; r <= Math.min(t.area.bottom, t.sheet.rows.length - 1); r++) {
        const row = t.sheet.rows[r];
        if (!row) continue;
        for (let c = t.area.left; c <= Math.min(t.area.right, row.length - 1); c++) {
          const cell = row[c];
          if (!cell) continue;
          if (applyTo === 'Formats')
            putCell(t.sheet, r, c, cell.value === null && !cell.formula ? undefined : { ...cell, format: undefined });
          else if (applyTo === 'Contents')
            putCell(t.sheet, r, c, cell.format ? { value: null, format: cell.format } : undefined);
          else putCell(t.sheet, r, c, undefined);
        }
      }
      if (applyTo !== 'Formats')
        this._ctx._changes.push({
          sheetId: t.sheet.id,
          sheetName: t.sheet.name,
          area: t.area,
          triggerSource: 'ThisLocalAddin',
        });
    });
  }
}
defineAccessors(RangeProxy, rangeSpec);
