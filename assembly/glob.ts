/**
 * Wildcard matching over UTF-16 code units, with the semantics of runtime/match/glob.ts (semantics §3):
 * `*` matches any run (empty included), `?` exactly one code unit, the whole text must match. The
 * pattern splits at `*` into segments; the first is anchored at the start, the last at the end, and each
 * middle one is placed at its leftmost fit. Leftmost placement is always safe, so there is no
 * backtracking: O(|pattern| · |text|) at worst.
 */

const STAR: u16 = 0x2a;
const QUESTION: u16 = 0x3f;

/** True when the `length` pattern units at `p` (`?` = any unit) match the text units at `t`. */
function segmentAt(t: usize, p: usize, length: u32): bool {
  for (let i: u32 = 0; i < length; i++) {
    const c = load<u16>(p + ((<usize>i) << 1));
    if (c !== QUESTION && c !== load<u16>(t + ((<usize>i) << 1))) return false;
  }
  return true;
}

/** True when the whole text (`textLength` units at `t`) matches the pattern (`patternLength` units at `p`). */
export function globMatch(p: usize, patternLength: u32, t: usize, textLength: u32): bool {
  let firstStar: i32 = -1;
  let lastStar: i32 = -1;
  let stars: u32 = 0;
  for (let i: u32 = 0; i < patternLength; i++) {
    if (load<u16>(p + ((<usize>i) << 1)) === STAR) {
      if (firstStar < 0) firstStar = <i32>i;
      lastStar = <i32>i;
      stars++;
    }
  }
  if (stars === 0) return patternLength === textLength && segmentAt(t, p, patternLength);
  if (textLength < patternLength - stars) return false;
  const firstLength = <u32>firstStar;
  const lastLength = patternLength - <u32>lastStar - 1;
  const end = textLength - lastLength;
  if (!segmentAt(t, p, firstLength)) return false;
  if (!segmentAt(t + ((<usize>end) << 1), p + ((<usize>(lastStar + 1)) << 1), lastLength)) return false;
  let at = firstLength;
  let i = <u32>firstStar + 1;
  while (i < <u32>lastStar) {
    let j = i;
    while (load<u16>(p + ((<usize>j) << 1)) !== STAR) j++;
    const length = j - i;
    if (length > 0) {
      const segment = p + ((<usize>i) << 1);
      let found = false;
      while (at + length <= end) {
        if (segmentAt(t + ((<usize>at) << 1), segment, length)) {
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
