/**
 * A pure function of one string, remembered. A return repeats its wording on every row (one
 * header over 100,000 status cells, a handful of officers' names down the grid), and the
 * rules ask the same question of each: the answer is worked out once per distinct text.
 *
 * Bounded: past `limit` distinct texts the memory is cleared and starts again, so a grid of
 * 100,000 distinct descriptions costs what it did before and never holds them all.
 * Only for functions whose answer depends on the text alone, and whose answer nobody
 * changes (arrays come back shared: treat them as read-only).
 */
export function memoised<T>(fn: (text: string) => T, limit = 4096): (text: string) => T {
  const known = new Map<string, T>();
  return (text: string): T => {
    const hit = known.get(text);
    if (hit !== undefined || known.has(text)) return hit as T;
    if (known.size >= limit) known.clear();
    const answer = fn(text);
    known.set(text, answer);
    return answer;
  };
}
