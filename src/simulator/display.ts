import { isErrorCode } from '../engine/model/cell';
import { cellText } from '../engine/format';
import type { SimCell, SimValue } from './state';

/** How Excel shows a cell (Range.text): the number formats are engine/format.ts's cellText. */
export function displayText(cell: SimCell | undefined): string {
  if (!cell) return '';
  const v: SimValue = cell.value;
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return cellText(v, cell.format ?? 'General');
  return v;
}

/** Excel's value type for a cell, as Range.valueTypes reports it. */
export function valueType(cell: SimCell | undefined): 'Empty' | 'String' | 'Double' | 'Boolean' | 'Error' {
  if (!cell || cell.value === null || cell.value === '') return 'Empty';
  if (cell.error) return 'Error';
  if (typeof cell.value === 'number') return 'Double';
  if (typeof cell.value === 'boolean') return 'Boolean';
  return 'String';
}

/**
 * A value written through Range.values, read as Excel reads typed input: '123' becomes a
 * number, 'TRUE' a boolean, '#N/A' an error, '=…' a formula, a leading apostrophe keeps
 * text as text; with the text format '@' a string stays a string. Null leaves the cell
 * as it is (Office's "no change").
 */
export function cellFromInput(
  v: unknown,
  existing: SimCell | undefined,
  asFormula: boolean,
): SimCell | undefined | 'keep' {
  if (v === null || v === undefined) return 'keep';
  const format = existing?.format;
  const base: SimCell = format ? { value: null, format } : { value: null };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('not finite');
    return { ...base, value: v };
  }
  if (typeof v === 'boolean') return { ...base, value: v };
  const s = String(v);
  if (s === '') return format ? { ...base } : undefined;
  if (format === '@') return { ...base, value: s };
  if (s.startsWith("'")) return { ...base, value: s.slice(1) };
  if (s.startsWith('=') && s.length > 1) return { ...base, formula: s, ...evaluateFormula(s) };
  void asFormula;
  const t = s.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return { ...base, value: Number(t) };
  if (/^[-+]?(\d+\.?\d*|\.\d+)%$/.test(t))
    return { ...base, value: Number(t.slice(0, -1)) / 100, format: format ?? '0%' };
  if (/^(true|false)$/i.test(t)) return { ...base, value: t.toLowerCase() === 'true' };
  if (isErrorCode(t)) return { ...base, value: t.toUpperCase(), error: true };
  return { ...base, value: s };
}

/**
 * The simulator does not calculate. A formula written through the API gets the value
 * Excel would give only for constants ('="abc"', '=42', '=TRUE'); anything else reads 0
 * until a test sets the cached value itself.
 */
export function evaluateFormula(formula: string): { value: SimValue; error?: boolean } {
  const body = formula.slice(1).trim();
  const str = /^"((?:[^"]|"")*)"$/.exec(body);
  if (str) return { value: str[1].replace(/""/g, '"') };
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(body)) return { value: Number(body) };
  if (/^(true|false)$/i.test(body)) return { value: body.toLowerCase() === 'true' };
  if (isErrorCode(body)) return { value: body.toUpperCase(), error: true };
  return { value: 0 };
}
