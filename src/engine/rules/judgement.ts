import type { Polarity, Rag } from './types';
import { same } from '../values';

/**
 * What a RAG cell says: one rating, either of two ('Off target' in a report that has no
 * amber: AMBER or RED), or that the indicator is not rated ('For info only', grey, 'Data
 * only', 'Baseline year', 'Contextual'), which is never an error.
 */
export type RagReading = { rags: readonly Rag[] } | { unrated: true };

const GREEN: readonly Rag[] = ['GREEN'];
const AMBER: readonly Rag[] = ['AMBER'];
const RED: readonly Rag[] = ['RED'];
const AMBER_OR_RED: readonly Rag[] = ['AMBER', 'RED'];

/** Ratings in the words reports use, compared after lower-casing and reducing punctuation to spaces. */
const RAG_WORDS: Record<string, readonly Rag[] | 'unrated'> = {
  g: GREEN,
  green: GREEN,
  'on target': GREEN,
  'on track': GREEN,
  'target met': GREEN,
  'target achieved': GREEN,
  achieved: GREEN,
  met: GREEN,
  exceeded: GREEN,
  'target exceeded': GREEN,
  'exceeding target': GREEN,
  'exceeds target': GREEN,
  'ahead of target': GREEN,
  'better than target': GREEN,
  'meeting target': GREEN,
  'on or above target': GREEN,
  'on or better than target': GREEN,
  'performing well': GREEN,
  good: GREEN,
  'on schedule': GREEN,
  a: AMBER,
  amber: AMBER,
  'within tolerance': AMBER,
  'in tolerance': AMBER,
  'within target tolerance': AMBER,
  'near target': AMBER,
  'close to target': AMBER,
  'slightly off target': AMBER,
  'slightly below target': AMBER,
  'just off target': AMBER,
  'slightly behind target': AMBER,
  'at risk': AMBER,
  'minor concern': AMBER,
  'some concern': AMBER,
  'below target but within tolerance': AMBER,
  'off target but within tolerance': AMBER,
  r: RED,
  red: RED,
  'outside tolerance': RED,
  'significantly off target': RED,
  'well below target': RED,
  'significantly below target': RED,
  'below tolerance': RED,
  'serious concern': RED,
  'off target and outside tolerance': RED,
  'off target': AMBER_OR_RED,
  'off track': AMBER_OR_RED,
  'not on target': AMBER_OR_RED,
  'target not met': AMBER_OR_RED,
  'target not achieved': AMBER_OR_RED,
  'not achieved': AMBER_OR_RED,
  'not met': AMBER_OR_RED,
  missed: AMBER_OR_RED,
  'target missed': AMBER_OR_RED,
  'missed target': AMBER_OR_RED,
  failed: AMBER_OR_RED,
  'behind target': AMBER_OR_RED,
  'worse than target': AMBER_OR_RED,
  concern: AMBER_OR_RED,
  grey: 'unrated',
  gray: 'unrated',
  'for info only': 'unrated',
  'for information only': 'unrated',
  'for information': 'unrated',
  'info only': 'unrated',
  'information only': 'unrated',
  'data only': 'unrated',
  baseline: 'unrated',
  'baseline year': 'unrated',
  'baseline data': 'unrated',
  contextual: 'unrated',
  context: 'unrated',
  'contextual indicator': 'unrated',
  'no target': 'unrated',
  'no target set': 'unrated',
  'target not set': 'unrated',
  'not rated': 'unrated',
  unrated: 'unrated',
  'not applicable': 'unrated',
  'monitor only': 'unrated',
  'monitoring only': 'unrated',
  'for monitoring': 'unrated',
  'trend only': 'unrated',
  'no data': 'unrated',
  'data not available': 'unrated',
  'awaiting data': 'unrated',
  'not due': 'unrated',
  'no rag': 'unrated',
  'new measure': 'unrated',
  'new indicator': 'unrated',
  blue: 'unrated',
  complete: 'unrated',
  completed: 'unrated',
  'not yet available': 'unrated',
  'no rating': 'unrated',
};

/** The colour words, first in "GREEN - on target", "Amber (improving)", "Grey: data only". */
const FIRST_WORD: Record<string, readonly Rag[] | 'unrated'> = {
  green: GREEN,
  amber: AMBER,
  red: RED,
  grey: 'unrated',
  gray: 'unrated',
};

function reading(v: readonly Rag[] | 'unrated'): RagReading {
  return v === 'unrated' ? { unrated: true } : { rags: v };
}

const ragMemo = new Map<string, RagReading | null>();

/** Read a RAG cell in the report's words; null when the text is not a rating (e.g. "G/A"). Remembered per text: a grid repeats a few words. */
export function readRag(text: string): RagReading | null {
  let r = ragMemo.get(text);
  if (r === undefined) {
    r = readRagText(text);
    if (ragMemo.size > 10_000) ragMemo.clear();
    ragMemo.set(text, r);
  }
  return r;
}

function readRagText(text: string): RagReading | null {
  const t = text.trim().toLowerCase();
  if (!t) return null;
  if (/[/&]/.test(t) && /^(?:g|a|r|green|amber|red)\s*[/&]/.test(t)) return null; // 'G/A', 'Amber/Red': two ratings at once
  const words = t.replace(/[^a-z0-9]+/g, ' ').trim();
  const exact = RAG_WORDS[words];
  if (exact) return reading(exact);
  const first = FIRST_WORD[words.split(' ')[0]];
  if (first) return reading(first);
  // 'On target (green)', 'Off target - see commentary': a known phrase first.
  for (let n = Math.min(6, words.split(' ').length - 1); n >= 2; n--) {
    const head = words.split(' ').slice(0, n).join(' ');
    const v = RAG_WORDS[head];
    if (v) return reading(v);
  }
  return null;
}

/**
 * The RAG a value earns: meeting the target is GREEN; beyond the floor standard is RED;
 * between them, or exactly on the floor, AMBER. "Meeting" and "beyond" follow polarity.
 */
export function ragFor(value: number, target: number, floor: number, polarity: Polarity): Rag {
  if (same(value, target)) return 'GREEN';
  if (polarity === 'higher') {
    if (value > target) return 'GREEN';
    return value < floor && !same(value, floor) ? 'RED' : 'AMBER';
  }
  if (value < target) return 'GREEN';
  return value > floor && !same(value, floor) ? 'RED' : 'AMBER';
}

export type Direction = 'improving' | 'worse' | 'same' | 'new';

const DOT_WORDS: Record<string, Direction> = {
  '↑': 'improving',
  '▲': 'improving',
  '⬆': 'improving',
  '⇧': 'improving',
  up: 'improving',
  improving: 'improving',
  improved: 'improving',
  better: 'improving',
  improvement: 'improving',
  '↓': 'worse',
  '▼': 'worse',
  '⬇': 'worse',
  '⇩': 'worse',
  down: 'worse',
  worse: 'worse',
  worsening: 'worse',
  worsened: 'worse',
  declining: 'worse',
  declined: 'worse',
  deteriorating: 'worse',
  deteriorated: 'worse',
  '↔': 'same',
  '→': 'same',
  '⇔': 'same',
  '◄►': 'same',
  '=': 'same',
  same: 'same',
  'no change': 'same',
  unchanged: 'same',
  stable: 'same',
  static: 'same',
  maintained: 'same',
  'getting better': 'improving',
  'improving trend': 'improving',
  'getting worse': 'worse',
  deterioration: 'worse',
  'declining trend': 'worse',
  'worsening trend': 'worse',
  similar: 'same',
  steady: 'same',
  consistent: 'same',
  flat: 'same',
  level: 'same',
  'no significant change': 'same',
  'little or no change': 'same',
  'no change in performance': 'same',
  maintaining: 'same',
  sustained: 'same',
  new: 'new',
};

/** Words in a DoT cell that say no direction can be given: never an error. */
const NO_DIRECTION =
  /^(?:n\/?a|not applicable|not comparable|no comparison|no comparable data|no previous data|no trend|no trend data|baseline|baseline year|data only|for info(?:rmation)? only|contextual|n\/c|nc|not available|tbc|-|–|no data)$/i;

/** A DoT cell that says no direction can be told ('Not comparable', 'Baseline year', 'N/a'). */
export function isNoDirection(text: string): boolean {
  return NO_DIRECTION.test(text.trim().replace(/\s+/g, ' '));
}

/** A stated direction of travel: arrows (↑ improving, ↓ worse, ↔ same), words, or "New". */
export function parseDot(text: string): Direction | null {
  const t = text.trim().toLowerCase();
  const exact = DOT_WORDS[t];
  if (exact) return exact;
  // "↑ Improving", "Improving - up on last month": an arrow or word first.
  const first = /^[^\s(,;:-]+/.exec(t);
  return first && first[0] !== t ? (DOT_WORDS[first[0]] ?? null) : null;
}

const ARROWS: Record<Direction, string> = { improving: '↑', worse: '↓', same: '↔', new: 'New' };
const WORDS: Record<Direction, string> = { improving: 'Improving', worse: 'Worse', same: 'Same', new: 'New' };

/** Write a direction the way the grid writes them: arrows where the stated value is an arrow, else words. */
export function writeDot(d: Direction, statedText: string, gridUsesArrows: boolean): string {
  const t = statedText.trim();
  const arrows = t.toLowerCase() === 'new' ? gridUsesArrows : isArrow(t);
  return arrows ? ARROWS[d] : WORDS[d];
}

export function isArrow(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 2 && !/[a-z0-9]/i.test(t);
}
