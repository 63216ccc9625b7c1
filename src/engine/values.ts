import type { Cell } from './model/cell';
import { isPercentFormat } from './model/cell';
import { normaliseAnnotation } from './text';

/**
 * How a cell where a number belongs reads to the checks. Kept as small integers so the
 * hot loops over value columns compare numbers, not strings.
 */
export const V = {
  empty: 0,
  number: 1,
  annotation: 2,
  /** Text that reads as a number ("93 %", "1,204"): Excel will not count it. */
  textNumber: 3,
  /** Any other text: neither a number nor a known annotation. */
  text: 4,
  error: 5,
  boolean: 6,
  date: 7,
} as const;
export type ValueClass = (typeof V)[keyof typeof V];

export type AnnotationSet = ReadonlySet<string>;

export function annotationSet(annotations: readonly string[]): AnnotationSet {
  return new Set(annotations.map(normaliseAnnotation));
}

/** '93 %', '1,204', '-3.5', '£1,000', and '4 684' (a space, or a no-break space, between the thousands). */
const TEXT_NUMBER =
  /^\s*[-+]?\s*[£$€]?\s*(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)?(?:\.\d+)?\s*%?\s*$/;
const HAS_DIGIT = /\d/;

export function classify(cell: Cell, annotations: AnnotationSet): ValueClass {
  switch (cell.kind) {
    case 'number':
      return V.number;
    case 'empty':
      return V.empty;
    case 'error':
      return V.error;
    case 'date':
      return V.date;
    case 'boolean':
      return V.boolean;
    default: {
      const text = cell.value as string;
      if (text.trim() === '') return V.empty;
      if (annotations.has(normaliseAnnotation(text))) return V.annotation;
      return isTextNumber(text) ? V.textNumber : V.text;
    }
  }
}

export function isTextNumber(text: string): boolean {
  return HAS_DIGIT.test(text) && TEXT_NUMBER.test(text);
}

/** The number a text cell spells ("93 %" -> 0.93, "1,204" -> 1204), or null. */
export function parseTextNumber(text: string): number | null {
  if (!isTextNumber(text)) return null;
  const percent = text.includes('%');
  const n = Number(text.replace(/[\s\u00a0\u202f,£$€%+]/g, ''));
  if (!Number.isFinite(n)) return null;
  return percent ? n / 100 : n;
}

/**
 * The number a cell holds for comparisons: numbers as they are, numbers typed as text
 * parsed (so one mistake is reported once, not again by every rule that reads the cell),
 * anything else null.
 */
export function numberIn(cell: Cell): number | null {
  // NaN or ±Infinity (a file written by another program): no number Excel can hold, so nothing to judge; cells.ts reports it.
  if (cell.kind === 'number') return Number.isFinite(cell.value) ? (cell.value as number) : null;
  if (cell.kind === 'text') return parseTextNumber(cell.value as string);
  return null;
}

/** The cell's text, trimmed, or '' when it holds no text. */
export function textIn(cell: Cell): string {
  if (cell.kind === 'text') return (cell.value as string).trim();
  if (cell.kind === 'number' || cell.kind === 'boolean') return String(cell.value);
  return '';
}

export function isBlank(cell: Cell): boolean {
  return cell.kind === 'empty' || (cell.kind === 'text' && (cell.value as string).trim() === '');
}

/** Equality for figures that went through decimal fractions (0.1 + 0.2). */
export function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

const percentFormats = new Map<string, boolean>();

/** isPercentFormat, remembered per format code: the checks ask it of every figure cell. */
export function percentFormat(format: string): boolean {
  let p = percentFormats.get(format);
  if (p === undefined) {
    p = isPercentFormat(format);
    percentFormats.set(format, p);
  }
  return p;
}
