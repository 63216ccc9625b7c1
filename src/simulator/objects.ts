import {
  Area,
  MAX_COLS,
  MAX_ROWS,
  areaA1,
  areaCells,
  areaCols,
  areaRows,
  intersect,
  parseArea,
  qualifiedA1,
  splitAreas,
  splitSheet,
} from '../engine/model/areas';
import { ErrorCodes, SimOfficeError } from './errors';
import { SimCollection, SimContext, SimObject, Spec, defineAccessors } from './core';
import { cellFromInput, displayText, evaluateFormula, valueType } from './display';
import { invalidAreas, validationAt } from './validation';
import {
  SimConditionalFormat,
  SimConditionalFormatType,
  SimDataValidation,
  SimName,
  SimSheet,
  SimTable,
  SimWorkbook,
  addConditionalFormat,
  getCell,
  newId,
  newSheet,
  putCell,
  usedArea,
} from './state';

/* The simulated Office.js object model. Each proxy resolves against the workbook state at sync time. */

interface RangeT {
  sheet: SimSheet;
  area: Area;
}
interface AreasT {
  sheet: SimSheet;
  areas: Area[];
}
interface CfT {
  sheet: SimSheet;
  cf: SimConditionalFormat;
}
interface TableT {
  sheet: SimSheet;
  table: SimTable;
}

const accessDenied = () =>
  new SimOfficeError(
    ErrorCodes.accessDenied,
    "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet.",
  );
function writable(sheet: SimSheet): void {
  if (sheet.protected) throw accessDenied();
}
const invalidArg = (msg: string) => new SimOfficeError(ErrorCodes.invalidArgument, msg);

/** Longest address list Worksheet.getRanges accepts here (see getRanges). */
export const MAX_GET_RANGES_CHARS = 8192;

function findSheet(wb: SimWorkbook, key: string): SimSheet | undefined {
  const k = key.toLowerCase();
  return wb.sheets.find((s) => s.name.toLowerCase() === k || s.id === key);
}

function sheetByTarget(wb: SimWorkbook, sheet: SimSheet): SimSheet {
  // A sheet deleted after its proxy was resolved no longer exists.
  if (!wb.sheets.includes(sheet))
    throw new SimOfficeError(ErrorCodes.itemNotFound, `The worksheet '${sheet.name}' no longer exists.`);
  return sheet;
}

/**
 * A cell array of a range. Above 5 million cells Excel does not return the array: "A
 * range is limited to five million cells for get operations" and the property comes back
 * null (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins;
 * docs: ../shared/DESIGN.md "above that values can come back null"). Callers must check.
 */
function grid<V>(area: Area, limit: number, fn: (row: number, col: number) => V): V[][] | null {
  if (areaCells(area) > limit) return null;
  const out: V[][] = [];
  for (let r = area.top; r <= area.bottom; r++) {
    const row: V[] = [];
    for (let c = area.left; c <= area.right; c++) row.push(fn(r, c));
    out.push(row);
  }
  return out;
}

function rangeAddress(t: RangeT): string {
  return qualifiedA1(t.sheet.name, t.area);
}

function writeCells(o: SimObject<RangeT>, t: RangeT, v: unknown, kind: 'values' | 'formulas' | 'numberFormat'): void {
  writable(t.sheet);
  if (areaCells(t.area) > o._ctx._env.limits.maxCells) {
    // Excel can format whole columns; the simulator keeps cells one by one and would hang.
    throw new SimOfficeError(
      ErrorCodes.notImplemented,
      `The simulator cannot write ${kind} to more than ${o._ctx._env.limits.maxCells} cells at once (${rangeAddress(t)}).`,
    );
  }
  const rows = areaRows(t.area);
  const cols = areaCols(t.area);
  const isArray = Array.isArray(v);
  if (isArray) {
    const arr = v as unknown[][];
    if (arr.length !== rows || arr.some((r) => !Array.isArray(r) || r.length !== cols)) {
      throw invalidArg(
        "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
      );
    }
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = isArray ? (v as unknown[][])[r][c] : v;
      const row = t.area.top + r;
      const col = t.area.left + c;
      const existing = getCell(t.sheet, row, col);
      if (kind === 'numberFormat') {
        if (x === null || x === undefined) continue;
        const fmt = String(x);
        if (fmt === 'General' || fmt === '') {
          if (existing) {
            const { format: _f, ...rest } = existing;
            void _f;
            putCell(t.sheet, row, col, rest.value === null && !rest.formula ? undefined : rest);
          }
        } else putCell(t.sheet, row, col, { ...(existing ?? { value: null }), format: fmt });
        continue;
      }
      const next = cellFromInput(x, existing, kind === 'formulas');
      if (next === 'keep') continue;
      putCell(t.sheet, row, col, next);
    }
  }
  // Values, formulas and number formats alike raise onChanged (see formatChanged).
  o._ctx._changes.push({ sheetId: t.sheet.id, sheetName: t.sheet.name, area: t.area, triggerSource: 'ThisLocalAddin' });
}

/**
 * A format written through the API raises the worksheet's onChanged too, as Excel does:
 * "Occurs when any worksheet in the workbook is changed"
 * (https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-onchanged-member),
 * with triggerSource saying this add-in made it
 * (https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs#excel-excel-worksheetchangedeventargs-triggersource-member).
 * A listener that re-checks on every change must therefore ignore its own writes.
 */
function formatChanged(o: SimObject<unknown>, t: RangeT): void {
  writable(t.sheet);
  o._ctx._changes.push({ sheetId: t.sheet.id, sheetName: t.sheet.name, area: t.area, triggerSource: 'ThisLocalAddin' });
}

// ------------------------------------------------------------------ events

interface EventArgsBase {
  type: string;
  source: 'Local';
  worksheetId?: string;
}

export class SimEventHandlerResult {
  constructor(
    readonly context: SimContext,
    private readonly _remove: () => void,
  ) {}
  remove(): void {
    this.context._enqueue('EventHandlerResult.remove', null, this._remove);
  }
}

export class SimEventSource {
  constructor(
    private readonly ctx: SimContext,
    private readonly kind: 'worksheetChanged' | 'worksheetsChanged' | 'selectionChanged',
    private readonly since: number,
    private readonly sheetOf?: () => SimSheet,
  ) {}
  add(handler: (args: EventArgsBase) => unknown): SimEventHandlerResult {
    const env = this.ctx._env;
    this.ctx._need(this.since, `${this.kind}.add`);
    const reg = {
      kind: this.kind,
      sheetId: undefined as string | undefined,
      handler: handler as (a: unknown) => unknown,
    };
    this.ctx._enqueue(`${this.kind}.add`, null, () => {
      if (this.sheetOf) reg.sheetId = this.sheetOf().id;
      env.registrations.push(reg);
    });
    return new SimEventHandlerResult(this.ctx, () => {
      const i = env.registrations.indexOf(reg);
      if (i >= 0) env.registrations.splice(i, 1);
    });
  }
}

// ------------------------------------------------------------------ range format (accepted, not kept)

const formatFillSpec: Spec<RangeT> = {
  name: 'RangeFill',
  scalars: { color: { get: () => '#FFFFFF', set: (t, _v, o) => formatChanged(o as SimObject<unknown>, t) } },
};
const formatFontSpec: Spec<RangeT> = {
  name: 'RangeFont',
  scalars: {
    bold: { get: () => false, set: (t, _v, o) => formatChanged(o as SimObject<unknown>, t) },
    italic: { get: () => false, set: (t, _v, o) => formatChanged(o as SimObject<unknown>, t) },
    color: { get: () => '#000000', set: (t, _v, o) => formatChanged(o as SimObject<unknown>, t) },
    name: { get: () => 'Calibri', set: (t, _v, o) => formatChanged(o as SimObject<unknown>, t) },
    size: { get: () => 11, set: (t, _v, o) => formatChanged(o as SimObject<unknown>, t) },
  },
};
class RangeFillProxy extends SimObject<RangeT> {
  clear(): void {
    this._do('clear', null, (t) => writable(t.sheet));
  }
}
defineAccessors(RangeFillProxy, formatFillSpec);
class RangeFontProxy extends SimObject<RangeT> {}
defineAccessors(RangeFontProxy, formatFontSpec);

const rangeFormatSpec: Spec<RangeT> = {
  name: 'RangeFormat',
  scalars: {
    columnWidth: { get: () => 48, set: () => undefined },
    rowHeight: { get: () => 15, set: () => undefined },
    wrapText: { get: () => false, set: (t) => writable(t.sheet) },
    horizontalAlignment: { get: () => 'General', set: (t) => writable(t.sheet) },
    verticalAlignment: { get: () => 'Bottom', set: (t) => writable(t.sheet) },
  },
  navs: {
    fill: (o) =>
      new RangeFillProxy(o._ctx, formatFillSpec, `${o._path}.fill`, () =>
        (o as SimObject<RangeT>)._target(),
      ) as SimObject<unknown>,
    font: (o) =>
      new RangeFontProxy(o._ctx, formatFontSpec, `${o._path}.font`, () =>
        (o as SimObject<RangeT>)._target(),
      ) as SimObject<unknown>,
  },
};
class RangeFormatProxy extends SimObject<RangeT> {
  autofitColumns(): void {
    this._do('autofitColumns', null, () => undefined);
  }
  autofitRows(): void {
    this._do('autofitRows', null, () => undefined);
  }
}
defineAccessors(RangeFormatProxy, rangeFormatSpec);

// ------------------------------------------------------------------ conditional formats

/**
 * A rule Excel cannot describe through the API: a rule duplicated in Excel's Conditional
 * Formatting Rules Manager fails every read of its properties (office-js #6835,
 * https://github.com/OfficeDev/office-js/issues/6835), though its type can be listed.
 */
function readableRule(t: CfT): CfT {
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
  return t;
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
    id: { get: (t) => String(priorityOf(t)) },
    type: { get: (t) => t.cf.type },
    priority: {
      get: (t) => priorityOf(t),
      set: (t, v) => {
        writable(t.sheet);
        const list = t.sheet.conditionalFormats;
        list.splice(list.indexOf(t.cf), 1);
        list.splice(Math.max(0, Math.min(list.length, Number(v))), 0, t.cf);
      },
    },
    stopIfTrue: {
      get: (t) => t.cf.stopIfTrue,
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

// ------------------------------------------------------------------ data validation

function dvOver(t: RangeT): SimDataValidation[] {
  return t.sheet.dataValidations.filter((dv) => dv.areas.some((a) => intersect(a, t.area)));
}

function ruleOf(dv: SimDataValidation | undefined): Record<string, unknown> {
  if (!dv) return {};
  const basic = { formula1: dv.formula1, formula2: dv.formula2, operator: dv.operator };
  switch (dv.type) {
    case 'WholeNumber':
      return { wholeNumber: basic };
    case 'Decimal':
      return { decimal: basic };
    case 'TextLength':
      return { textLength: basic };
    case 'Date':
      return { date: basic };
    case 'Time':
      return { time: basic };
    case 'List':
      return { list: { inCellDropDown: true, source: dv.source } };
    case 'Custom':
      return { custom: { formula: dv.source } };
    default:
      return {};
  }
}

function ruleToValidation(rule: Record<string, Record<string, unknown>>, area: Area): SimDataValidation {
  const [key, body] = Object.entries(rule ?? {})[0] ?? [];
  const types: Record<string, SimDataValidation['type']> = {
    wholeNumber: 'WholeNumber',
    decimal: 'Decimal',
    textLength: 'TextLength',
    date: 'Date',
    time: 'Time',
    list: 'List',
    custom: 'Custom',
  };
  if (!key || !types[key] || !body) throw invalidArg('The data validation rule is invalid.');
  return {
    areas: [area],
    type: types[key],
    operator: (body.operator as SimDataValidation['operator']) ?? 'Between',
    formula1: (body.formula1 as string | number | undefined) ?? null,
    formula2: (body.formula2 as string | number | undefined) ?? null,
    source: key === 'list' ? String(body.source ?? '') : key === 'custom' ? String(body.formula ?? '') : null,
    ignoreBlanks: true,
  };
}

/**
 * How uniform the validation over a range is. The reference: "Inconsistent means that the
 * range has inconsistent data validation, indicating that there are different rules on
 * different cells"; "MixedCriteria means that the range has data validation present on
 * some but not all cells" (https://learn.microsoft.com/javascript/api/excel/excel.datavalidationtype);
 * and a property whose cells differ comes back null ("Properties return null when a range
 * contains multiple different values",
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values).
 */
type Uniformity =
  { kind: 'none' } | { kind: 'uniform'; dv: SimDataValidation } | { kind: 'mixed' } | { kind: 'inconsistent' };

function uniformity(t: RangeT): Uniformity {
  const dvs = dvOver(t);
  if (!dvs.length) return { kind: 'none' };
  const last = dvs[dvs.length - 1];
  const covers = (a: Area) =>
    a.top <= t.area.top && a.left <= t.area.left && a.bottom >= t.area.bottom && a.right >= t.area.right;
  if (last.areas.some(covers)) return { kind: 'uniform', dv: last };
  if (areaCells(t.area) > 1_000_000) return { kind: 'mixed' };
  const governing = new Set<SimDataValidation>();
  for (let r = t.area.top; r <= t.area.bottom; r++) {
    for (let c = t.area.left; c <= t.area.right; c++) {
      const dv = validationAt(t.sheet, r, c);
      if (!dv) return { kind: 'mixed' };
      governing.add(dv);
    }
  }
  return governing.size === 1 ? { kind: 'uniform', dv: [...governing][0] } : { kind: 'inconsistent' };
}

const dvSpec: Spec<RangeT> = {
  name: 'DataValidation',
  scalars: {
    type: {
      get: (t) => {
        const u = uniformity(t);
        return u.kind === 'none'
          ? 'None'
          : u.kind === 'uniform'
            ? u.dv.type
            : u.kind === 'mixed'
              ? 'MixedCriteria'
              : 'Inconsistent';
      },
    },
    rule: {
      get: (t) => {
        const u = uniformity(t);
        return u.kind === 'uniform' ? ruleOf(u.dv) : u.kind === 'none' ? {} : null;
      },
      set: (t, v, o) => {
        writable(t.sheet);
        const dv = ruleToValidation(v as Record<string, Record<string, unknown>>, t.area);
        const prev = dvOver(t).pop();
        if (prev) dv.ignoreBlanks = prev.ignoreBlanks;
        t.sheet.dataValidations.push(dv);
        void o;
      },
    },
    ignoreBlanks: {
      get: (t) => dvOver(t).pop()?.ignoreBlanks ?? true,
      set: (t, v) => {
        writable(t.sheet);
        for (const dv of dvOver(t)) dv.ignoreBlanks = Boolean(v);
      },
    },
    valid: {
      get: (t, o) => {
        const bad = invalidAreas(o._ctx._env.wb, t.sheet, t.area).reduce((n, a) => n + areaCells(a), 0);
        return bad === 0 ? true : bad === areaCells(t.area) ? false : null;
      },
    },
    errorAlert: {
      get: (t) => {
        const dv = dvOver(t).pop();
        return { message: dv?.errorMessage ?? '', showAlert: true, style: 'Stop', title: dv?.errorTitle ?? '' };
      },
      set: (t, v) => {
        writable(t.sheet);
        const a = v as { message?: string; title?: string };
        for (const dv of dvOver(t)) {
          if (a.message !== undefined) dv.errorMessage = a.message;
          if (a.title !== undefined) dv.errorTitle = a.title;
        }
      },
    },
    prompt: { get: () => ({ message: '', showPrompt: false, title: '' }), set: (t) => writable(t.sheet) },
  },
};

export class DataValidationProxy extends SimObject<RangeT> {
  clear(): void {
    this._do('clear', null, (t) => {
      writable(t.sheet);
      t.sheet.dataValidations = t.sheet.dataValidations.filter((dv) => !dv.areas.some((a) => intersect(a, t.area)));
    });
  }
  private invalid(orNull: boolean): RangeAreasProxy {
    this._ctx._need(9, 'DataValidation.getInvalidCells');
    return this._child(
      (ctx) =>
        new RangeAreasProxy(ctx, `${this._path}.getInvalidCells()`, () => {
          const t = this._resolve();
          if (!t) return null;
          const areas = invalidAreas(this._ctx._env.wb, t.sheet, t.area);
          if (areas.length) return { sheet: t.sheet, areas };
          if (orNull) return null;
          throw new SimOfficeError(
            ErrorCodes.itemNotFound,
            'No cells were found that break the data-validation rules.',
          );
        }),
      `${this._path}.getInvalidCells`,
    );
  }
  getInvalidCells(): RangeAreasProxy {
    return this.invalid(false);
  }
  getInvalidCellsOrNullObject(): RangeAreasProxy {
    return this.invalid(true);
  }
}
defineAccessors(DataValidationProxy, dvSpec);

// ------------------------------------------------------------------ tables

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

function tablesOf(sheets: SimSheet[]): TableT[] {
  return sheets.flatMap((sheet) => sheet.tables.map((table) => ({ sheet, table })));
}

// ------------------------------------------------------------------ ranges

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

function clampArea(a: Area): Area {
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

// ------------------------------------------------------------------ range areas

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

// ------------------------------------------------------------------ worksheets

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

// ------------------------------------------------------------------ names

function nameValue(wb: SimWorkbook, n: SimName): { type: string; value: unknown } {
  const body = n.formula.replace(/^=/, '');
  const { sheet, ref } = splitSheet(body);
  if (sheet !== null && parseArea(ref)) return { type: 'Range', value: body };
  const v = evaluateFormula(n.formula);
  if (v.error) return { type: 'Error', value: v.value };
  if (typeof v.value === 'string') return { type: 'String', value: v.value };
  if (typeof v.value === 'boolean') return { type: 'Boolean', value: v.value };
  void wb;
  return { type: 'Double', value: v.value };
}

const namedItemSpec: Spec<SimName> = {
  name: 'NamedItem',
  scalars: {
    name: { get: (t) => t.name },
    type: { get: (t, o) => nameValue(o._ctx._env.wb, t).type },
    value: { get: (t, o) => nameValue(o._ctx._env.wb, t).value },
    formula: {
      get: (t) => t.formula,
      set: (t, v) => {
        t.formula = String(v).startsWith('=') ? String(v) : `=${String(v)}`;
      },
      since: 7,
    },
    visible: {
      get: (t) => t.visible,
      set: (t, v) => {
        t.visible = Boolean(v);
      },
    },
    comment: {
      get: (t) => t.comment,
      set: (t, v) => {
        t.comment = String(v);
      },
    },
  },
};

export class NamedItemProxy extends SimObject<SimName> {
  delete(): void {
    this._do('delete', null, (t) => {
      const names = this._ctx._env.wb.names;
      const i = names.indexOf(t);
      if (i < 0) throw new SimOfficeError(ErrorCodes.itemNotFound, `The name '${t.name}' no longer exists.`);
      names.splice(i, 1);
    });
  }
  private rangeOf(orNull: boolean): RangeProxy {
    return this._child(
      (ctx) =>
        new RangeProxy(ctx, `${this._path}.getRange()`, () => {
          const t = this._resolve();
          const body = t?.formula.replace(/^=/, '') ?? '';
          const { sheet, ref } = splitSheet(body);
          const s = sheet ? findSheet(ctx._env.wb, sheet) : undefined;
          const a = parseArea(ref);
          if (t && s && a) return { sheet: s, area: a };
          if (orNull) return null;
          throw new SimOfficeError(ErrorCodes.invalidArgument, 'The name does not refer to a range.');
        }),
      `${this._path}.getRange`,
    );
  }
  getRange(): RangeProxy {
    return this.rangeOf(false);
  }
  getRangeOrNullObject(): RangeProxy {
    return this.rangeOf(true);
  }
}
defineAccessors(NamedItemProxy, namedItemSpec);

const namesSpec: Spec<SimWorkbook> = { name: 'NamedItemCollection', scalars: {} };

export class NamedItemCollectionProxy extends SimCollection<SimWorkbook, SimName> {
  constructor(ctx: SimContext, path: string, binder: () => SimWorkbook) {
    super(
      ctx,
      namesSpec,
      path,
      binder,
      (wb) => wb.names,
      (c, it, p) => new NamedItemProxy(c, namedItemSpec, p, () => it),
    );
  }
  private find(wb: SimWorkbook, name: string): SimName | undefined {
    return wb.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
  }
  getItem(name: string): NamedItemProxy {
    return this._child(
      (ctx) =>
        new NamedItemProxy(ctx, namedItemSpec, `${this._path}.getItem(${name})`, () => {
          const n = this.find(this._target(), name);
          if (!n) throw new SimOfficeError(ErrorCodes.itemNotFound, `The name '${name}' does not exist.`);
          return n;
        }),
      `${this._path}.getItem`,
      [name],
    );
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    return this._child(
      (ctx) =>
        new NamedItemProxy(
          ctx,
          namedItemSpec,
          `${this._path}.getItemOrNullObject(${name})`,
          () => this.find(this._target(), name) ?? null,
        ),
      `${this._path}.getItemOrNullObject`,
      [name],
    );
  }
  add(name: string, reference: RangeProxy | string, comment?: string): NamedItemProxy {
    return this._child(
      (ctx) =>
        new NamedItemProxy(ctx, namedItemSpec, `${this._path}.add(${name})`, () => {
          const wb = this._target();
          if (
            !/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) ||
            /^[A-Za-z]{1,3}\d+$/.test(name) ||
            /^r\d*c\d*$/i.test(name)
          )
            throw invalidArg(`'${name}' is not a valid name.`);
          if (this.find(wb, name))
            throw new SimOfficeError(ErrorCodes.itemAlreadyExists, `The name '${name}' already exists.`);
          let formula: string;
          if (typeof reference === 'string') formula = reference.startsWith('=') ? reference : `=${reference}`;
          else {
            const t = reference._target();
            const a = areaA1(t.area).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
            formula = `=${qualifiedA1(t.sheet.name, t.area).split('!')[0]}!${a}`;
          }
          const n: SimName = { name, formula, visible: true, comment: comment ?? '' };
          wb.names.push(n);
          return n;
        }),
      `${this._path}.add`,
      [name, typeof reference === 'string' ? reference : reference._path, comment ?? null],
    );
  }
  addFormulaLocal(name: string, formula: string, comment?: string): NamedItemProxy {
    return this.add(name, formula, comment);
  }
}

// ------------------------------------------------------------------ workbook

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

export { newId };
