import { SimObject, type Spec, defineAccessors } from '../core';
import { type RangeT, formatChanged, writable } from './shared';

/** Range.format, its fill and font: accepted and reported as changes, not kept. */

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

export const rangeFormatSpec: Spec<RangeT> = {
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
export class RangeFormatProxy extends SimObject<RangeT> {
  autofitColumns(): void {
    this._do('autofitColumns', null, () => undefined);
  }
  autofitRows(): void {
    this._do('autofitRows', null, () => undefined);
  }
}
defineAccessors(RangeFormatProxy, rangeFormatSpec);
