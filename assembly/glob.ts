/**
 * Wildcard matching over UTF-16 code units, with the semantics of runtime/match/glob.ts (semantics §3):
 * `*` matches any run (empty included), `?` exactly one code unit, the whole text must match. The
 * pattern splits at `*` into segments; the first is anchored at the start, the last at the end, and each
 * middle one is placed at its leftmost fit. Leftmost placement is always safe, so there is no
 * backtracking: O(|pattern| · |text|) at worst.
 */
import { unitsEqual } from './memory';
// biome-ignore lint/style/useImportType: AssemblyScript has no type-only imports
import { strLength, strPtr, View } from './view';

const STAR: u16 = 0x2a;
const QUESTION: u16 = 0x3f;

/**
 * Where the stars of every string of `v` are, for `globMatch`: per string two i32 words at `at`, the
 * first and the last `*` (-1 when there is none). Returns the end of the table.
 */
export function indexStars(v: View, at: usize): usize {
  for (let id: u32 = 0; id < v.strCount; id++) {
    const p = strPtr(v, <i32>id);
    const length = strLength(v, <i32>id);
    let first: i32 = -1;
    let last: i32 = -1;
    for (let i: u32 = 0; i < length; i++) {
      if (load<u16>(p + ((<usize>i) << 1)) === STAR) {
        if (first < 0) first = <i32>i;
        last = <i32>i;
      }
    }
    store<i32>(at + ((<usize>id) << 3), first);
    store<i32>(at + ((<usize>id) << 3) + 4, last);
  }
  v.stars = at;
  return at + ((<usize>v.strCount) << 3);
}

/** True when the `length` pattern units at `p` (`?` = any unit) match the text units at `t`. */
function segmentAt(t: usize, p: usize, length: u32): bool {
  for (let i: u32 = 0; i < length; i++) {
    const c = load<u16>(p + ((<usize>i) << 1));
    if (c !== QUESTION && c !== load<u16>(t + ((<usize>i) << 1))) return false;
  }
  return true;
}

/** True when the whole text (`textLength` units at `t`) matches pattern string `id` of `v`. */
export function globMatch(v: View, id: i32, t: usize, textLength: u32): bool {
  const p = strPtr(v, id);
  const patternLength = strLength(v, id);
  const firstStar = load<i32>(v.stars + ((<usize>id) << 3));
  if (firstStar < 0) return patternLength === textLength && segmentAt(t, p, patternLength);
  const lastStar = load<i32>(v.stars + ((<usize>id) << 3) + 4);
  const firstLength = <u32>firstStar;
  const lastLength = patternLength - <u32>lastStar - 1;
  // The anchored segments must not overlap; middle segments are then found between them or not at all.
  if (textLength < firstLength + lastLength) return false;
  const end = textLength - lastLength;
  if (!segmentAt(t, p, firstLength)) return false;
  if (!segmentAt(t + ((<usize>end) << 1), p + ((<usize>(lastStar + 1)) << 1), lastLength)) return false;
  let at = firstLength;
  let i = firstLength + 1;
  while (i < <u32>lastStar) {
    let j = i;
    while (load<u16>(p + ((<usize>j) << 1)) !== STAR) j++;
    const length = j - i;
    if (length > 0) {
      const segment = p + ((<usize>i) << 1);
      const first = load<u16>(segment);
      let found = false;
      while (at + length <= end) {
        // PERF: a segment starting with a literal unit is tried only where that unit is.
        const unit = load<u16>(t + ((<usize>at) << 1));
        if ((first === QUESTION || unit === first) && segmentAt(t + ((<usize>at) << 1), segment, length)) {
          found = true;
          break;
        }
        at++;
      }
      if (!found) return false;
      at += length;
    }
    i = j + 1;
  }
  return true;
}

/** True when the text equals string `id` of `v` exactly. */
export function equalsString(v: View, id: i32, t: usize, textLength: u32): bool {
  return strLength(v, id) === textLength && unitsEqual(strPtr(v, id), t, textLength);
}
