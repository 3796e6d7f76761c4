const STAR = 0x2a; // *
const QUESTION = 0x3f; // ?

/**
 * Whole-string wildcard match (semantics §3): `*` matches any run of characters (empty included,
 * `:` and `/` included), `?` exactly one character (one UTF-16 code unit), everything else itself;
 * there is no escape syntax. Case-sensitive: callers lower both sides for case-insensitive matching.
 *
 * The two-pointer algorithm: on a mismatch, only the most recent `*` is widened by one character.
 * That is enough, because a match found for the text before the last `*` can always be kept, so the
 * time is at most O(|pattern| · |text|) with no exponential backtracking (`*a*a*a*a*b`).
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let lastStar = -1; // position in the pattern of the most recent `*`
  let starText = 0; // where in the text that `*` currently stops
  while (t < text.length) {
    const c = p < pattern.length ? pattern.charCodeAt(p) : -1;
    if (c === STAR) {
      lastStar = p;
      starText = t;
      p++;
    } else if (c === QUESTION || (c >= 0 && c === text.charCodeAt(t))) {
      p++;
      t++;
    } else if (lastStar >= 0) {
      starText++;
      p = lastStar + 1;
      t = starText;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}

/** Action matching (semantics §3): case-insensitive glob, both sides lowered with `toLowerCase()`. */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatch(pattern.toLowerCase(), action.toLowerCase());
}

/** Resource matching (semantics §3): case-sensitive glob against the full ARN. */
export function resourceMatches(pattern: string, resource: string): boolean {
  return globMatch(pattern, resource);
}
