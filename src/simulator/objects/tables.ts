import { ErrorCodes, SimOfficeError } from '../errors';
import { SimCollection, type SimContext, SimObject, type Spec, defineAccessors } from '../core';
import type { SimSheet } from '../state';
import { RangeProxy } from './range';
import type { TableT } from './shared';
import { WorksheetProxy } from './worksheet';

/** Tables: a sheet's or the workbook's table collection and each table. */

const tableSpec: Spec<TableT> = {
  name: 'Table',
  scalars: {
    id: { get: (t) => t.table.id },
    name: {
      get: (t) => t.table.name,
      set: (t, v) => {
        t.table.name = String(v);
      },
    },
    showHeaders: { get: (t) => t.table.showHeaders },
  },
  navs: {
    worksheet: (o) =>
      new WorksheetProxy(
        o._ctx,
        `${o._path}.worksheet`,
        () => (o as SimObject<TableT>)._target().sheet,
      ) as SimObject<unknown>,
  },
};

export class TableProxy extends SimObject<TableT> {
  getRange(): RangeProxy {
    return this._child(
      (ctx) =>
        new RangeProxy(ctx, `${this._path}.getRange()`, () => {
          const t = this._target();
          return { sheet: t.sheet, area: t.table.area };
        }),
      `${this._path}.getRange`,
    );
  }
  getHeaderRowRange(): RangeProxy {
    return this._child(
      (ctx) =>
        new RangeProxy(ctx, `${this._path}.getHeaderRowRange()`, () => {
          const t = this._target();
          return { sheet: t.sheet, area: { ...t.table.area, bottom: t.table.area.top } };
        }),
      `${this._path}.getHeaderRowRange`,
    );
  }
  getDataBodyRange(): RangeProxy {
    return this._child(
      (ctx) =>
        new RangeProxy(ctx, `${this._path}.getDataBodyRange()`, () => {
          const t = this._target();
          return { sheet: t.sheet, area: { ...t.table.area, top: t.table.area.top + (t.table.showHeaders ? 1 : 0) } };
        }),
      `${this._path}.getDataBodyRange`,
    );
  }
}
defineAccessors(TableProxy, tableSpec);

const tableCollectionSpec: Spec<TableT[]> = { name: 'TableCollection', scalars: {} };

export class TableCollectionProxy extends SimCollection<TableT[], TableT> {
  constructor(ctx: SimContext, path: string, binder: () => TableT[] | null) {
    super(
      ctx,
      tableCollectionSpec,
      path,
      binder,
      (t) => t,
      (c, it, p) => new TableProxy(c, tableSpec, p, () => it),
    );
  }
  private pick(describe: string, choose: (all: TableT[]) => TableT | undefined, orNull: boolean): TableProxy {
    return this._child(
      (ctx) =>
        new TableProxy(ctx, tableSpec, `${this._path}.${describe}`, () => {
          const found = choose(this._target());
          if (found) return found;
          if (orNull) return null;
          throw new SimOfficeError(ErrorCodes.itemNotFound, `The table was not found (${describe}).`);
        }),
      `${this._path}.${describe}`,
    );
  }
  getItem(key: string): TableProxy {
    return this.pick(
      `getItem(${key})`,
      (all) => all.find((x) => x.table.name.toLowerCase() === key.toLowerCase() || x.table.id === key),
      false,
    );
  }
  getItemOrNullObject(key: string): TableProxy {
    return this.pick(
      `getItemOrNullObject(${key})`,
      (all) => all.find((x) => x.table.name.toLowerCase() === key.toLowerCase() || x.table.id === key),
      true,
    );
  }
  getFirst(): TableProxy {
    return this.pick('getFirst()', (all) => all[0], false);
  }
  getFirstOrNullObject(): TableProxy {
    return this.pick('getFirstOrNullObject()', (all) => all[0], true);
  }
}

export function tablesOf(sheets: SimSheet[]): TableT[] {
  return sheets.flatMap((sheet) => sheet.tables.map((table) => ({ sheet, table })));
}
