import { areaA1, parseArea, qualifiedA1, splitSheet } from '../../engine/model/areas';
import { ErrorCodes, SimOfficeError } from '../errors';
import { SimCollection, type SimContext, SimObject, type Spec, defineAccessors } from '../core';
import { evaluateFormula } from '../display';
import type { SimName, SimWorkbook } from '../state';
import { RangeProxy } from './range';
import { findSheet, invalidArg } from './shared';

/** Defined names: the workbook's named-item collection and each name. */

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
