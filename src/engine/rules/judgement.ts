import type { Polarity, Rag } from './types';
import { same } from '../values';

/** GREEN/AMBER/RED or G/A/R, any case; null when the text is not a RAG rating. */
export function parseRag(text: string): Rag | null {
  const t = text.trim().toUpperCase();
  switch (t) {
    case 'G': case 'GREEN': return 'GREEN';
    case 'A': case 'AMBER': return 'AMBER';
    case 'R': case 'RED': return 'RED';
  }
  // "GREEN - on target", "Amber (improving)": the rating is the first word.
  const m = RAG_FIRST_WORD.exec(t);
  return m ? (m[1] as Rag) : null;
}

const RAG_FIRST_WORD = /^(GREEN|AMBER|RED)\b(?![/&])/;

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
  '↑': 'improving', '▲': 'improving', '⬆': 'improving', '⇧': 'improving', 'up': 'improving', 'improving': 'improving', 'improved': 'improving', 'better': 'improving', 'improvement': 'improving',
  '↓': 'worse', '▼': 'worse', '⬇': 'worse', '⇩': 'worse', 'down': 'worse', 'worse': 'worse', 'worsening': 'worse', 'worsened': 'worse', 'declining': 'worse', 'declined': 'worse', 'deteriorating': 'worse', 'deteriorated': 'worse',
  '↔': 'same', '→': 'same', '⇔': 'same', '◄►': 'same', '=': 'same', 'same': 'same', 'no change': 'same', 'unchanged': 'same', 'stable': 'same', 'static': 'same', 'maintained': 'same',
  'new': 'new',
};

/** A stated direction of travel: arrows (↑ improving, ↓ worse, ↔ same), words, or "New". */
export function parseDot(text: string): Direction | null {
  const t = text.trim().toLowerCase();
  const exact = DOT_WORDS[t];
  if (exact) return exact;
  // "↑ Improving", "Improving - up on last month": an arrow or word first.
  const first = /^[^\s(,;:-]+/.exec(t);
  return first && first[0] !== t ? DOT_WORDS[first[0]] ?? null : null;
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
