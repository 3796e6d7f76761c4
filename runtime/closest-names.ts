/**
 * "Did you mean" for every part of ramc: one bounded edit distance and the ranking built on it.
 * No imports and no Node APIs: the runtime uses it for unknown operations, the compiler for
 * unknown actions, policy members, operators and model names.
 */

/**
 * Optimal-string-alignment distance between `a` and `b` (insertions, deletions, substitutions and
 * swaps of two adjacent characters each cost one), or `limit + 1` as soon as it must exceed
 * `limit`. Case-sensitive; callers lower-case both sides to ignore case. Time O(|a|·|b|) at worst,
 * so callers bound the length of user input first.
 */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? i) + 1, (row[j - 1] ?? i) + 1, (previous[j - 1] ?? i) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (before[j - 2] ?? d) + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    // INVARIANT: a swap reaches back two rows, but its cost is never below the previous row's
    // minimum, so a row entirely over the limit ends the search.
    if (best > limit) return limit + 1;
    before = previous;
    previous = row;
  }
  return Math.min(previous[b.length] ?? limit + 1, limit + 1);
}

/**
 * Up to `max` candidates close to `query`, best first: case-insensitive edit distance
 * (with transpositions) within a bound that grows with the query; failing that, names extending
 * the query or extended by it.
 */
export function closestNames(query: string, candidates: Iterable<string>, max = 3): string[] {
  const q = query.toLowerCase();
  const limit = q.length <= 4 ? 1 : q.length <= 8 ? 2 : 3;
  const scored: [number, string][] = [];
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const extension = Math.min(q.length, c.length) >= 3 && (c.startsWith(q) || q.startsWith(c));
    const distance = extension ? Math.abs(c.length - q.length) : boundedEditDistance(q, c, limit);
    if (distance <= limit || extension) scored.push([distance, candidate]);
  }
  scored.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  // Distant extensions only when nothing is close: `ListKey` → `ListKeys`, not also `ListKeyVersions`.
  const close = scored.filter(([distance]) => distance <= limit);
  return (close.length > 0 ? close : scored).slice(0, max).map(([, name]) => name);
}
