import { isDateFormat, isPercentFormat, serialToIsoDate } from './model/cell';

/**
 * Numbers written in messages the way the cell shows them: 69% not 0.69, 1,000 for a
 * '#,##0' count, dates dd/mm/yyyy. Format codes are parsed once and cached.
 */
interface Shape {
  kind: 'percent' | 'date' | 'number' | 'general';
  decimals: number;
  thousands: boolean;
}

const shapes = new Map<string, Shape>();

function shapeOf(format: string): Shape {
  let s = shapes.get(format);
  if (s) return s;
  const first = format
    .split(';')[0]
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '');
  const dot = /\.([0#?]+)/.exec(first);
  const decimals = dot ? dot[1].length : 0;
  if (isDateFormat(format)) s = { kind: 'date', decimals: 0, thousands: false };
  else if (isPercentFormat(format)) s = { kind: 'percent', decimals, thousands: false };
  else if (!format || format === 'General' || !/[0#?]/.test(first))
    s = { kind: 'general', decimals: 0, thousands: false };
  else s = { kind: 'number', decimals, thousands: first.includes(',') };
  shapes.set(format, s);
  return s;
}

function withThousands(fixed: string): string {
  const [int, frac] = fixed.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (frac !== undefined ? `.${frac}` : '');
}

/** '2017-08-14' -> '14/08/2017'. */
export function ukDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export function formatNumber(value: number, format: string): string {
  const s = shapeOf(format || 'General');
  switch (s.kind) {
    case 'percent': {
      // 1e308 × 100 overflows to Infinity: move the exponent on by two instead ("1e+310%", never "Infinity%").
      if (Number.isFinite(value) && !Number.isFinite(value * 100)) {
        const [mantissa, exponent] = value.toExponential(s.decimals).split('e');
        return `${mantissa}e+${Number(exponent) + 2}%`;
      }
      return `${(value * 100).toFixed(s.decimals)}%`;
    }
    case 'date':
      return ukDate(serialToIsoDate(value));
    case 'number': {
      const fixed = value.toFixed(s.decimals);
      return s.thousands ? withThousands(fixed) : fixed;
    }
    default:
      return String(Number(value.toPrecision(10)));
  }
}

/*
 * The text a cell shows, as Excel's Range.text gives it: General, fixed decimals,
 * thousands separators, a currency or other prefix, percentages, dates and a separate
 * section for negatives. The simulator answers Range.text with it and the workbench draws
 * cells with it; sentences about a figure use formatNumber above (dates always dd/mm/yyyy).
 * Not a full format engine: other codes fall back to General.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function sectionDecimals(section: string): number {
  const m = /\.(0+)/.exec(section);
  return m ? m[1].length : 0;
}

/** Excel rounds the decimal it shows half away from zero (20.95 shows as 21.0), unlike toFixed on binary floats. */
function excelFixed(value: number, decimals: number): string {
  const r = Math.round(Number(`${Math.abs(value)}e${decimals}`));
  const rounded = Number(`${r}e-${decimals}`);
  // Tiny and huge values already carry an exponent, which the shift above cannot take: toFixed rounds those.
  return Number.isFinite(rounded) ? rounded.toFixed(decimals) : Math.abs(value).toFixed(decimals);
}

function generalText(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(10)));
}

function dateText(serial: number, fmt: string): string {
  const [y, m, d] = serialToIsoDate(serial).split('-').map(Number);
  const f = fmt
    .replace(/\[[^\]]*\]/g, '')
    .replace(/"([^"]*)"/g, '$1')
    .replace(/\\(.)/g, '$1');
  return f.replace(/yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d/gi, (tok) => {
    const t = tok.toLowerCase();
    if (t === 'yyyy') return String(y);
    if (t === 'yy') return String(y % 100).padStart(2, '0');
    if (t === 'mmmm') return MONTHS_LONG[m - 1];
    if (t === 'mmm') return MONTHS[m - 1];
    if (t === 'mm') return String(m).padStart(2, '0');
    if (t === 'm') return String(m);
    if (t === 'dd') return String(d).padStart(2, '0');
    if (t === 'd') return String(d);
    return tok;
  });
}

/** The text Excel shows for a number in a cell with this number format. */
export function cellText(v: number, format: string): string {
  if (!format || format === 'General') return generalText(v);
  const sections = format.split(';');
  const section = v < 0 && sections[1] ? sections[1] : sections[0];
  if (isDateFormat(section)) return dateText(v, section);
  const sign = v < 0 && !sections[1] ? '-' : '';
  const abs = Math.abs(v);
  const clean = section.replace(/\[[^\]]*\]/g, '').replace(/"([^"]*)"/g, '$1');
  if (isPercentFormat(section)) return `${sign}${excelFixed(abs * 100, sectionDecimals(clean))}%`;
  if (!/[0#]/.test(clean)) return generalText(v);
  let s = excelFixed(abs, sectionDecimals(clean));
  if (clean.includes(',')) s = withThousands(s);
  const prefix = clean
    .slice(0, clean.search(/[0#]/))
    .replace(/[\\_*]/g, '')
    .replace(/[()-]/g, '');
  return `${sign}${prefix}${s}`;
}

/**
 * A whole number with thousands separators ('12,345'), as `toLocaleString('en-GB')` writes it
 * but without it: the first `toLocaleString` of a process loads the locale data, which cost a
 * small `outturn check` a tenth of its time (issue #25). Other numbers still go through it.
 */
export function grouped(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-GB');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${digits}` : digits;
}
