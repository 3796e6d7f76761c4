/**
 * `text.startsWith(prefix, at)` for `at` within `text`.
 * PERF: it runs on every resource match and ARN check of a decision. Comparing code units in place
 * allocates nothing, where comparing a slice would copy the slice (V8 copies short slices) on every call.
 */
export function hasPrefix(text: string, prefix: string, at = 0): boolean {
  const length = prefix.length;
  if (text.length - at < length) return false;
  for (let i = 0; i < length; i++) {
    if (text.charCodeAt(at + i) !== prefix.charCodeAt(i)) return false;
  }
  return true;
}
