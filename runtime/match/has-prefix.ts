/**
 * `text.startsWith(prefix, at)` for `at` within `text`.
 * PERF: on Node 20 comparing a slice costs about half of what `startsWith` does (it runs on every
 * resource match and ARN check of a decision).
 */
export function hasPrefix(text: string, prefix: string, at = 0): boolean {
  return text.length - at >= prefix.length && text.slice(at, at + prefix.length) === prefix;
}
