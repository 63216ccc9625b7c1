import { intersect } from '../../engine/model/areas';
import { ErrorCodes, SimOfficeError } from '../errors';
import { SimCollection, type SimContext, SimObject, type Spec, defineAccessors } from '../core';
import { type SimConditionalFormatType, addConditionalFormat } from '../state';
import { brokenByUndo, deleteBlockedBySharedCell } from '../cf-defects';
import { RangeProxy } from './range';
import { RangeAreasProxy } from './range-areas';
import { type AreasT, type CfT, invalidArg, writable } from './shared';

/** Conditional formats: the collection over a range or areas, each format, its custom rule and its format. */

/** A rule brought back by Ctrl+Z of a delete fails every property and method (office-js #6396, see ../cf-defects). */
function usable(t: CfT): CfT {
  if (brokenByUndo(t.cf)) throw new SimOfficeError(ErrorCodes.itemNotFound, "The requested resource doesn't exist.");
  return t;
}

/**
 * A rule Excel cannot describe through the API: a rule duplicated in Excel's Conditional
 * Formatting Rules Manager fails every read of its properties (office-js #6835,
 * https://github.com/OfficeDev/office-js/issues/6835), though its type can be listed.
 */
function readableRule(t: CfT): CfT {
  usable(t);
  if (t.cf.unreadable)
    throw new SimOfficeError(
      ErrorCodes.generalException,
      'This operation is not permitted for the current object (the rule cannot be read).',
    );
  return t;
}

const cfRuleSpec: Spec<CfT> = {
  name: 'ConditionalFormatRule',
  scalars: {
    formula: {
      get: (t) => readableRule(t).cf.formula ?? '',
      set: (t, v) => {
        writable(t.sheet);
        t.cf.formula = String(v);
      },
    },
    formulaLocal: {
      get: (t) => readableRule(t).cf.formula ?? '',
      set: (t, v) => {
        writable(t.sheet);
        t.cf.formula = String(v);
      },
    },
  },
};
class CfRuleProxy extends SimObject<CfT> {}
defineAccessors(CfRuleProxy, cfRuleSpec);

const cfFillSpec: Spec<CfT> = {
  name: 'ConditionalRangeFill',
  scalars: {
    color: {
      get: (t) => readableRule(t).cf.fill,
      set: (t, v) => {
        writable(t.sheet);
        t.cf.fill = String(v).toUpperCase();
      },
    },
  },
};
class CfFillProxy extends SimObject<CfT> {
  clear(): void {
    this._do('clear', null, (t) => {
      writable(t.sheet);
      t.cf.fill = null;
    });
  }
}
defineAccessors(CfFillProxy, cfFillSpec);

const cfFontSpec: Spec<CfT> = {
  name: 'ConditionalRangeFont',
  scalars: {
    color: {
      get: (t) => readableRule(t).cf.fontColor,
      set: (t, v) => {
        writable(t.sheet);
        t.cf.fontColor = String(v).toUpperCase();
      },
    },
    bold: {
      get: (t) => t.cf.bold,
      set: (t, v) => {
        writable(t.sheet);
        t.cf.bold = Boolean(v);
      },
    },
    italic: { get: () => false, set: (t) => writable(t.sheet) },
  },
};
class CfFontProxy extends SimObject<CfT> {}
defineAccessors(CfFontProxy, cfFontSpec);

const cfFormatSpec: Spec<CfT> = {
  name: 'ConditionalRangeFormat',
  scalars: { numberFormat: { get: () => null, set: (t) => writable(t.sheet) } },
  navs: {
    fill: (o) =>
      new CfFillProxy(o._ctx, cfFillSpec, `${o._path}.fill`, () =>
        (o as SimObject<CfT>)._target(),
      ) as SimObject<unknown>,
    font: (o) =>
      new CfFontProxy(o._ctx, cfFontSpec, `${o._path}.font`, () =>
        (o as SimObject<CfT>)._target(),
      ) as SimObject<unknown>,
  },
};
class CfFormatProxy extends SimObject<CfT> {}
defineAccessors(CfFormatProxy, cfFormatSpec);

const customCfSpec: Spec<CfT> = {
  name: 'CustomConditionalFormat',
  scalars: {},
  navs: {
    rule: (o) =>
      new CfRuleProxy(o._ctx, cfRuleSpec, `${o._path}.rule`, () =>
        (o as SimObject<CfT>)._target(),
      ) as SimObject<unknown>,
    format: (o) =>
      new CfFormatProxy(o._ctx, cfFormatSpec, `${o._path}.format`, () =>
        (o as SimObject<CfT>)._target(),
      ) as SimObject<unknown>,
  },
};
class CustomCfProxy extends SimObject<CfT> {}
defineAccessors(CustomCfProxy, customCfSpec);

function cfExists(t: CfT): CfT {
  if (!t.sheet.conditionalFormats.includes(t.cf))
    throw new SimOfficeError(ErrorCodes.itemNotFound, 'The conditional format no longer exists.');
  return usable(t);
}

/** A format's priority: its index among the sheet's conditional formats (0 applies first). */
function priorityOf(t: CfT): number {
  return t.sheet.conditionalFormats.indexOf(t.cf);
}

const cfSpec: Spec<CfT> = {
  name: 'ConditionalFormat',
  scalars: {
    // "id: The priority of the conditional format in the current ConditionalFormatCollection"
    // (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformat#excel-excel-conditionalformat-id-member):
    // not a stable key, it changes when an earlier format is deleted or re-prioritised.
    id: { get: (t) => String(priorityOf(usable(t))) },
    type: { get: (t) => usable(t).cf.type },
    priority: {
      get: (t) => priorityOf(usable(t)),
      set: (t, v) => {
        writable(usable(t).sheet);
        const list = t.sheet.conditionalFormats;
        list.splice(list.indexOf(t.cf), 1);
        list.splice(Math.max(0, Math.min(list.length, Number(v))), 0, t.cf);
      },
    },
    stopIfTrue: {
      get: (t) => usable(t).cf.stopIfTrue,
      set: (t, v) => {
        writable(t.sheet);
        t.cf.stopIfTrue = Boolean(v);
      },
    },
  },
  navs: {
    custom: (o) =>
      new CustomCfProxy(o._ctx, customCfSpec, `${o._path}.custom`, () => {
        const t = cfExists((o as SimObject<CfT>)._target());
        if (t.cf.type !== 'Custom')
          throw new SimOfficeError(
            ErrorCodes.invalidOperation,
            `This conditional format is of type ${t.cf.type}, not Custom.`,
          );
        return t;
      }) as SimObject<unknown>,
    customOrNullObject: (o) =>
      new CustomCfProxy(o._ctx, customCfSpec, `${o._path}.customOrNullObject`, () => {
        const t = (o as SimObject<CfT>)._resolve();
        return t && t.cf.type === 'Custom' ? t : null;
      }) as SimObject<unknown>,
  },
};

export class ConditionalFormatProxy extends SimObject<CfT> {
  getRange(): RangeProxy {
    return this._child(
      (ctx) =>
        new RangeProxy(ctx, `${this._path}.getRange()`, () => {
          const t = cfExists(this._target());
          if (t.cf.areas.length !== 1)
            throw new SimOfficeError(
              ErrorCodes.invalidOperation,
              'The conditional format applies to more than one range: use getRanges().',
            );
          return { sheet: t.sheet, area: t.cf.areas[0] };
        }),
      `${this._path}.getRange`,
    );
  }
  getRangeOrNullObject(): RangeProxy {
    return this._child(
      (ctx) =>
        new RangeProxy(ctx, `${this._path}.getRangeOrNullObject()`, () => {
          const t = this._resolve();
          return t && t.cf.areas.length === 1 ? { sheet: t.sheet, area: t.cf.areas[0] } : null;
        }),
      `${this._path}.getRangeOrNullObject`,
    );
  }
  getRanges(): RangeAreasProxy {
    this._ctx._need(9, 'ConditionalFormat.getRanges');
    return this._child(
      (ctx) =>
        new RangeAreasProxy(ctx, `${this._path}.getRanges()`, () => {
          const t = cfExists(this._target());
          return { sheet: t.sheet, areas: t.cf.areas };
        }),
      `${this._path}.getRanges`,
    );
  }
  delete(): void {
    this._do('delete', null, (t) => {
      writable(t.sheet);
      const i = t.sheet.conditionalFormats.indexOf(t.cf);
      if (i < 0) throw new SimOfficeError(ErrorCodes.itemNotFound, 'The conditional format no longer exists.');
      usable(t);
      // office-js #5222 (see ../cf-defects): a rule sharing a cell with another cannot be deleted.
      if (deleteBlockedBySharedCell(t.sheet, t.cf))
        throw new SimOfficeError(ErrorCodes.itemNotFound, 'Item Not Found.');
      t.sheet.conditionalFormats.splice(i, 1);
    });
  }
}
defineAccessors(ConditionalFormatProxy, cfSpec);

const cfCollectionSpec: Spec<AreasT> = { name: 'ConditionalFormatCollection', scalars: {} };

function cfsIntersecting(t: AreasT): CfT[] {
  return t.sheet.conditionalFormats
    .filter((cf) => cf.areas.some((a) => t.areas.some((b) => intersect(a, b))))
    .map((cf) => ({ sheet: t.sheet, cf }));
}

/**
 * Loaded items are addressed by position, as Office.js addresses them: the reference says
 * a conditional format's id is its priority, and that after a priority changes "you have to
 * re-fetch a new copy of the object at that new priority location"
 * (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformat#excel-excel-conditionalformat-priority-member).
 * So `items[1].delete()` queued after `items[0].delete()` deletes what was items[2]; with
 * nothing left there it fails with ItemNotFound.
 */
function cfAtPosition(collection: ConditionalFormatCollectionProxy, index: number): CfT {
  const found = cfsIntersecting(collection._target())[index];
  if (!found)
    throw new SimOfficeError(
      ErrorCodes.itemNotFound,
      `There is no conditional format at position ${index} any more (an earlier one was deleted?).`,
    );
  return found;
}

export class ConditionalFormatCollectionProxy extends SimCollection<AreasT, CfT> {
  constructor(ctx: SimContext, path: string, binder: () => AreasT | null) {
    super(ctx, cfCollectionSpec, path, binder, cfsIntersecting, (c, _it, p, index) => {
      const item = new ConditionalFormatProxy(c, cfSpec, p, () => cfAtPosition(this, index));
      item._volatile = true;
      return item;
    });
  }
  add(type: string): ConditionalFormatProxy {
    this._ctx._need(6, 'ConditionalFormatCollection.add');
    const known = [
      'Custom',
      'CellValue',
      'ColorScale',
      'DataBar',
      'IconSet',
      'TopBottom',
      'PresetCriteria',
      'ContainsText',
    ];
    return this._child(
      (ctx) =>
        new ConditionalFormatProxy(ctx, cfSpec, `${this._path}.add()`, () => {
          const t = this._target();
          writable(t.sheet);
          if (!known.includes(type)) throw invalidArg(`'${type}' is not a conditional format type.`);
          return {
            sheet: t.sheet,
            cf: addConditionalFormat(
              t.sheet,
              t.areas,
              type as SimConditionalFormatType,
              type === 'Custom' ? {} : { detail: {} },
            ),
          };
        }),
      `${this._path}.add`,
      [type],
    );
  }
  /** By position (ExcelApi 1.6): resolved again at every use, like the items. */
  getItemAt(index: number): ConditionalFormatProxy {
    const proxy = this._child(
      (ctx) =>
        new ConditionalFormatProxy(ctx, cfSpec, `${this._path}.getItemAt(${index})`, () => cfAtPosition(this, index)),
      `${this._path}.getItemAt`,
      [index],
    );
    proxy._volatile = true;
    return proxy;
  }
  /** By id, which is the priority: resolved again at every use, like the items. */
  getItem(id: string): ConditionalFormatProxy {
    const byId = (): CfT => {
      const found = cfsIntersecting(this._target()).find((x) => String(priorityOf(x)) === String(id));
      if (!found) throw new SimOfficeError(ErrorCodes.itemNotFound, `No conditional format with id ${id}.`);
      return found;
    };
    const proxy = this._child(
      (ctx) => new ConditionalFormatProxy(ctx, cfSpec, `${this._path}.getItem()`, byId),
      `${this._path}.getItem`,
      [id],
    );
    proxy._volatile = true;
    return proxy;
  }
  clearAll(): void {
    this._do('clearAll', null, (t) => {
      writable(t.sheet);
      const doomed = new Set(cfsIntersecting(t).map((x) => x.cf));
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((cf) => !doomed.has(cf));
    });
  }
}
