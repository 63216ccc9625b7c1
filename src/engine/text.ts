/**
 * Text normalisation shared by discovery and the rules. Header wording, names and
 * annotations are compared after these, so case, spacing, punctuation and line breaks
 * never matter.
 */

const NON_WORD = /[^a-z0-9]+/g;

/** 'Floor\nStandard' -> 'floor standard'; 'In expected range?' -> 'in expected range'; '&' reads as 'and'. */
export function normaliseHeader(text: string): string {
  return text.toLowerCase().replace(/&/g, ' and ').replace(NON_WORD, ' ').trim().replace(SPELT_OUT, '$1');
}

/** 'r a g' (from 'R.A.G.') -> 'rag', 'y t d' -> 'ytd': letters written with stops read as one word. */
const SPELT_OUT = /\b([a-z]) (?=[a-z]\b)/g;

/** Names compared ignoring case, spacing and punctuation: 'Sarah  Jones' equals 'sarah jones.'. */
export function normaliseName(text: string): string {
  return text.toLowerCase().replace(NON_WORD, ' ').trim();
}

/** normaliseName(a) === normaliseName(b), without building either string (it runs on every row). */
export function sameNormalisedName(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && !isWordChar(a.charCodeAt(i))) i++;
    while (j < b.length && !isWordChar(b.charCodeAt(j))) j++;
    if (i >= a.length || j >= b.length) return i >= a.length && j >= b.length;
    if (lower(a.charCodeAt(i)) !== lower(b.charCodeAt(j))) return false;
    const endA = i + 1 >= a.length || !isWordChar(a.charCodeAt(i + 1));
    const endB = j + 1 >= b.length || !isWordChar(b.charCodeAt(j + 1));
    if (endA !== endB) return false; // 'Sarah Jones' is not 'Sar Ahjones'
    i++;
    j++;
  }
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Annotation text compared ignoring case and outer spacing. */
export function normaliseAnnotation(text: string): string {
  return text.trim().toLowerCase();
}

/** Header text as written, line breaks and runs of spaces collapsed ('Floor\nStandard' -> 'Floor Standard'). */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
