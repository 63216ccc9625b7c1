/**
 * Text normalisation shared by discovery and the rules. Header wording, names and
 * annotations are compared after these, so case, spacing, punctuation and line breaks
 * never matter.
 */

import { memoised } from './memo';

const NON_WORD = /[^a-z0-9]+/g;

/**
 * 'Floor\nStandard' -> 'floor standard'; 'In expected range?' -> 'in expected range'; '&' reads as 'and'.
 * Remembered: the status rules ask it of the same heading for every row.
 */
export const normaliseHeader: (text: string) => string = memoised((text) =>
  text.toLowerCase().replace(/&/g, ' and ').replace(NON_WORD, ' ').trim().replace(SPELT_OUT, '$1'),
);

/** 'r a g' (from 'R.A.G.') -> 'rag', 'y t d' -> 'ytd': letters written with stops read as one word. */
const SPELT_OUT = /\b([a-z]) (?=[a-z]\b)/g;

/** Names compared ignoring case, spacing and punctuation: 'Sarah  Jones' equals 'sarah jones.'. */
export function normaliseName(text: string): string {
  return text.toLowerCase().replace(NON_WORD, ' ').trim();
}

/** Annotation text compared ignoring case and outer spacing. */
export function normaliseAnnotation(text: string): string {
  return text.trim().toLowerCase();
}

/** Header text as written, line breaks and runs of spaces collapsed ('Floor\nStandard' -> 'Floor Standard'). */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
