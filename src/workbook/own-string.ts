/**
 * A string of its own, sharing no memory with the text it was cut from.
 *
 * A reader cuts each value from a chunk of the file's text (64 KB of sheet XML, 1 MB of CSV),
 * and V8 keeps a cut of 13 characters or more as a view that holds its whole chunk alive:
 * one description kept per chunk keeps the entire file's text in memory. Concatenating and
 * slicing again (the usual trick) still leaves a view and a joined string behind, about
 * 105 bytes for a 40-character description; the JSON round trip makes one flat string
 * (65 bytes), lone surrogates and all, so the user's text is kept exactly.
 */
export function ownString(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}
