import { areaCells, intersect, qualifiedA1 } from '../../engine/model/areas';
import { SimCollection, type SimContext, SimObject, type Spec, defineAccessors } from '../core';
import { ConditionalFormatCollectionProxy } from './conditional-formats';
import { RangeProxy } from './range';
import type { AreasT, RangeT } from './shared';
import { TableCollectionProxy, tablesOf } from './tables';
import { WorksheetProxy } from './worksheet';

/** RangeAreas (several areas of one sheet) and their range collection. */

const rangeCollectionSpec: Spec<RangeT[]> = { name: 'RangeCollection', scalars: {} };
class RangeCollectionProxy extends SimCollection<RangeT[], RangeT> {
  constructor(ctx: SimContext, path: string, binder: () => RangeT[] | null) {
    super(
      ctx,
      rangeCollectionSpec,
      path,
      binder,
      (t) => t,
      (c, it, p) => new RangeProxy(c, p, () => it),
    );
  }
}

const rangeAreasSpec: Spec<AreasT> = {
  name: 'RangeAreas',
  scalars: {
    address: { get: (t) => t.areas.map((a) => qualifiedA1(t.sheet.name, a)).join(', ') },
    addressLocal: { get: (t) => t.areas.map((a) => qualifiedA1(t.sheet.name, a)).join(', ') },
    areaCount: { get: (t) => t.areas.length },
    cellCount: { get: (t) => t.areas.reduce((n, a) => n + areaCells(a), 0) },
  },
  navs: {
    areas: (o) =>
      new RangeCollectionProxy(o._ctx, `${o._path}.areas`, () => {
        const t = (o as SimObject<AreasT>)._resolve();
        return t && t.areas.map((area) => ({ sheet: t.sheet, area }));
      }) as SimObject<unknown>,
    conditionalFormats: (o) =>
      new ConditionalFormatCollectionProxy(o._ctx, `${o._path}.conditionalFormats`, () =>
        (o as SimObject<AreasT>)._resolve(),
      ) as SimObject<unknown>,
    worksheet: (o) =>
      new WorksheetProxy(
        o._ctx,
        `${o._path}.worksheet`,
        () => (o as SimObject<AreasT>)._target().sheet,
      ) as SimObject<unknown>,
  },
};
export class RangeAreasProxy extends SimObject<AreasT> {
  constructor(ctx: SimContext, path: string, binder: () => AreasT | null) {
    super(ctx, rangeAreasSpec, path, binder);
  }
  /** Tables intersecting any of the areas (ExcelApi 1.9). */
  getTables(fullyContained = false): TableCollectionProxy {
    this._ctx._need(9, 'RangeAreas.getTables');
    return this._child(
      (ctx) =>
        new TableCollectionProxy(ctx, `${this._path}.getTables()`, () => {
          const t = this._target();
          return tablesOf([t.sheet]).filter(({ table }) =>
            t.areas.some((a) => {
              const x = intersect(table.area, a);
              if (!x) return false;
              return (
                !fullyContained ||
                (x.top === table.area.top &&
                  x.bottom === table.area.bottom &&
                  x.left === table.area.left &&
                  x.right === table.area.right)
              );
            }),
          );
        }),
      `${this._path}.getTables`,
      [fullyContained],
    );
  }
}
defineAccessors(RangeAreasProxy, rangeAreasSpec);
