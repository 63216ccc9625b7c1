import type { Polarity } from './types';

const HIGHER = /\b(higher|high|bigger|larger|greater|more|increase|increasing|up|maximi[sz]e|max)\b|↑|▲/i;
const LOWER = /\b(lower|low|smaller|less|fewer|decrease|decreasing|reduce|down|minimi[sz]e|min)\b|↓|▼/i;

/** Polarity words that say neither higher nor lower is better ('Closest to 100%', 'Within range', 'Contextual'). */
const NEITHER =
  /\b(closest|closer|nearest|nearer|close to|around|balanced|neither|no polarity|not applicable|contextual|context|range|within|n\/?a|maintain|stable|on target|in line)\b/i;

/**
 * A polarity cell in the report's words: 'Higher is better', 'Good performance is: Lower',
 * 'Aim: Maximise', 'Aim high', '↑'. 'neither' where the words say neither direction is
 * better (then RAG and DoT are not recomputed from target against floor either); null
 * when the cell says nothing readable.
 */
export function polarityFromText(text: string): Polarity | 'neither' | null {
  if (!text.trim()) return null;
  if (NEITHER.test(text)) return 'neither';
  if (HIGHER.test(text)) return 'higher';
  if (LOWER.test(text)) return 'lower';
  return null;
}
