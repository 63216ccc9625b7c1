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

/** A percentage written for a figure that has no cell of its own (a computed ratio). */
export function formatLike(value: number, likeFormat: string): string {
  return formatNumber(value, likeFormat);
}
