/**
 * Cell text roughly as Excel would show it: enough of Excel's number formats for the
 * workbench grid (percentages, dates, thousands separators, fixed decimals). Not a full
 * format engine; unknown formats fall back to General.
 */
import { isDateFormat, isPercentFormat, serialToIsoDate } from '../engine/model/cell';

export type Align = 'left' | 'right' | 'center';

export interface ShownCell {
  text: string;
  align: Align;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function decimalsOf(format: string): number {
  const m = /0\.(0+)/.exec(format);
  return m ? m[1].length : 0;
}

/** Excel rounds the decimal it shows half away from zero (20.95 shows as 21.0), unlike toFixed on binary floats. */
function round(value: number, dec: number): number {
  const r = Math.round(Number(`${Math.abs(value)}e${dec}`));
  return Math.sign(value) * Number(`${r}e-${dec}`);
}

function general(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const s = n.toPrecision(10);
  return String(Number(s));
}

function date(serial: number, format: string): string {
  const [y, m, d] = serialToIsoDate(serial).split('-');
  const f = format.toLowerCase();
  if (f.includes('mmm')) return `${Number(d)}-${MONTHS[Number(m) - 1]}-${f.includes('yyyy') ? y : y.slice(2)}`;
  if (f.startsWith('yyyy')) return `${y}-${m}-${d}`;
  return `${d}/${m}/${f.includes('yyyy') ? y : y.slice(2)}`;
}

export function showCell(value: number | string | boolean | null, format = 'General', error = false): ShownCell {
  if (value === null || value === '') return { text: '', align: 'left' };
  if (error) return { text: String(value), align: 'center' };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', align: 'center' };
  if (typeof value === 'string') return { text: value, align: 'left' };
  const fmt = format || 'General';
  if (isPercentFormat(fmt))
    return { text: `${round(value * 100, decimalsOf(fmt)).toFixed(decimalsOf(fmt))}%`, align: 'right' };
  if (isDateFormat(fmt)) return { text: date(value, fmt), align: 'right' };
  if (fmt === 'General') return { text: general(value), align: 'right' };
  const dec = decimalsOf(fmt);
  const rounded = round(value, dec);
  const text = fmt.includes(',')
    ? rounded.toLocaleString('en-GB', { minimumFractionDigits: dec, maximumFractionDigits: dec })
    : rounded.toFixed(dec);
  return { text, align: 'right' };
}
