/** Prefixes up to this many code units are compared in a loop; longer ones by the engine's string search. */
const SHORT_PREFIX = 8;

/**
 * `text.startsWith(prefix, at)` for `at` within `text`.
 * PERF: it runs on every resource match and ARN check of a decision, and allocates nothing (comparing a
 * slice would copy it). On Node 20 `startsWith` compares a 40-character prefix several times slower than
 * `lastIndexOf(prefix, at)`, which can only find the prefix at `at` or before it, so finding it exactly at
 * `at` means the text starts with it there; a loop is faster for short prefixes.
 */
export function hasPrefix(text: string, prefix: string, at = 0): boolean {
  const length = prefix.length;
  if (text.length - at < length) return false;
  if (length > SHORT_PREFIX) return text.lastIndexOf(prefix, at) === at;
  for (let i = 0; i < length; i++) {
    if (text.charCodeAt(at + i) !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/** A constant prefix's code units, for `hasCodes`. */
export function prefixCodes(prefix: string): Uint16Array {
  return Uint16Array.from(prefix, (c) => c.charCodeAt(0));
}

/**
 * `hasPrefix` for a constant prefix given by its code units (`prefixCodes`).
 * PERF: reading the prefix from a typed array halves the string reads of the comparison.
 */
export function hasCodes(text: string, codes: Uint16Array, at = 0): boolean {
  const length = codes.length;
  if (text.length - at < length) return false;
  for (let i = 0; i < length; i++) {
    if (text.charCodeAt(at + i) !== codes[i]) return false;
  }
  return true;
}
