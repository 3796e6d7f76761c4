/**
 * The IgnoreCase rule of `StringEqualsIgnoreCase`/`StringNotEqualsIgnoreCase` (semantics §4.1): Unicode
 * default lower-casing, i.e. JavaScript `String.prototype.toLowerCase()` (locale-independent). Both the
 * policy value and the request value are lowered this way, then compared exactly.
 */
export function lowerUnicode(s: string): string {
  return s.toLowerCase();
}
