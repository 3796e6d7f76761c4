import { interned } from './interned.js';
import { StringCache } from './request-string-cache.js';

const lowered = new StringCache((text) => interned(text.toLowerCase()));

/**
 * `text.toLowerCase()` (semantics §4.2: key names and actions compare case-insensitively).
 * PERF: remembered, so a key or action a host sends on every request is lowered once, and the lowered
 * string, whose hash V8 already knows, is the same object every time.
 */
export function lowerCase(text: string): string {
  return lowered.get(text);
}
