import type { OutturnConfig, StatusMeaning } from '../model/config';
import { normaliseHeader, normaliseName } from '../text';
import { readRag, type RagReading } from './judgement';
import type { Rag } from './types';

/**
 * Status cells in the report's own words, beyond R/A/G: the configuration's `statusWords`
 * first, then a tick or a cross, then Yes / No under a heading that asks whether the target
 * was met ('Target met?', 'Met?', 'Achieved?'), then the rating words judgement.ts knows.
 */

/** A heading that asks a yes/no question of the target: 'Target met?', 'Met?', 'Achieved?', 'On target?'. */
const MET_QUESTION = /\b(met|achieved|achieving|on target|on track|meeting target|target reached|hit)\b/;
/** A heading that asks for a colour: there, a word that is not a rating is an error, not a new word. */
const COLOUR_HEADING = /\b(rag|traffic light|colour|color)\b/;

const YES = /^(y|yes|true)$/;
const NO = /^(n|no|false)$/;
const TICK = /^[✓✔☑✅]$/u;
const CROSS = /^[✗✘×☒❌]$/u;

const MEANINGS: Record<StatusMeaning, RagReading> = {
  GREEN: { rags: ['GREEN'] },
  AMBER: { rags: ['AMBER'] },
  RED: { rags: ['RED'] },
  'AMBER or RED': { rags: ['AMBER', 'RED'] as readonly Rag[] },
  unrated: { unrated: true },
};

const MET: RagReading = MEANINGS.GREEN;
const NOT_MET: RagReading = MEANINGS['AMBER or RED'];

export type StatusWords = ReadonlyMap<string, RagReading>;

/** The configuration's status words, keyed as a cell's text is compared (case, spacing and punctuation ignored). */
export function statusWordsOf(config: Pick<OutturnConfig, 'statusWords'>): StatusWords {
  if (!config.statusWords) return NONE;
  let map = memo.get(config.statusWords);
  if (map) return map;
  map = wordsOf(config.statusWords);
  memo.set(config.statusWords, map);
  return map;
}

const NONE: StatusWords = new Map();
/** Read once a configuration: the rules ask for every status cell. */
const memo = new WeakMap<object, StatusWords>();

function wordsOf(statusWords: Record<string, StatusMeaning>): Map<string, RagReading> {
  const map = new Map<string, RagReading>();
  for (const [word, meaning] of Object.entries(statusWords)) map.set(normaliseName(word), MEANINGS[meaning]);
  return map;
}

/** Whether a heading asks if the target was met ('Target met?', 'Achieved?'), so Yes and No are ratings under it. */
export function isMetHeading(header: string): boolean {
  return MET_QUESTION.test(normaliseHeader(header));
}

/** Whether a heading asks for a colour ('RAG', 'Traffic light'): a word that is not a colour is an error there. */
export function isColourHeading(header: string): boolean {
  return COLOUR_HEADING.test(normaliseHeader(header));
}

/** A status cell read in the report's words under its heading; null when Outturn does not know the words. */
export function readStatus(text: string, header: string, words: StatusWords): RagReading | null {
  const t = text.trim();
  if (!t) return null;
  const custom = words.get(normaliseName(t));
  if (custom) return custom;
  if (TICK.test(t)) return MET;
  if (CROSS.test(t)) return NOT_MET;
  const lower = t.toLowerCase().replace(/[.!]+$/, '');
  if (isMetHeading(header)) {
    if (YES.test(lower)) return MET;
    if (NO.test(lower)) return NOT_MET;
  }
  return readRag(t);
}

/**
 * Text that tries to be two ratings at once ('G/A', 'Amber/Red', 'R/A'): always an error,
 * whatever the heading, since no mapping could make it one rating.
 */
export function isTwoRatings(text: string): boolean {
  return /^(?:g|a|r|green|amber|red)\s*[/&]\s*(?:g|a|r|green|amber|red)$/i.test(text.trim());
}
