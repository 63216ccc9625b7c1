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
  // A labelled role ('body:SSHA', 'status:Rugby', 'target:Q1') keeps its label as the sheet spells it.
  const labelled = /^(body|status|target):(.*)$/s.exec(role);
  if (labelled) return `${labelled[1]}: ${labelled[2]}`;
  return WORDS[role] ?? role.replace(/([A-Z])/g, ' $1').toLowerCase();
}
