/**
 * A column role as the reports name it: the words a compiler uses ("responsible officer",
 * "year to date"), not the engine's identifier ("responsibleOfficer", "ytd").
 */
const WORDS: Record<string, string> = {
  ytd: 'year to date',
  rag: 'RAG',
  ytdRag: 'YTD RAG',
  dot: 'DoT',
  floor: 'floor standard',
  inRange: 'in expected range',
  ref: 'ref',
};

export function roleInWords(role: string): string {
  return WORDS[role] ?? role.replace(/([A-Z])/g, ' $1').toLowerCase();
}
