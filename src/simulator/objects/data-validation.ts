import { type Area, areaCells, intersect } from '../../engine/model/areas';
import { ErrorCodes, SimOfficeError } from '../errors';
import { SimObject, type Spec, defineAccessors } from '../core';
import { invalidAreas, validationAt } from '../validation';
import type { SimDataValidation } from '../state';
import { RangeAreasProxy } from './range-areas';
import { type RangeT, invalidArg, writable } from './shared';

/** Range.dataValidation: the rule over a range, read, written and cleared. */

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

export const dvSpec: Spec<RangeT> = {
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
