import { interned } from '../interned.js';
import { hasPrefix } from './has-prefix.js';

const QUESTION = 0x3f; // ?

const KIND_ANY = 0;
const KIND_LITERAL = 1;
const KIND_PREFIX = 2;
const KIND_SUFFIX = 3;
const KIND_CONTAINS = 4;
const KIND_GENERAL = 5;

/**
 * A wildcard pattern compiled once, matched many times (semantics §3): `*` matches any run of
 * characters (empty included), `?` exactly one character (one UTF-16 code unit, as in the reference
 * engine), everything else itself; the whole string must match. Case-sensitive: lower both sides
 * beforehand for case-insensitive matching.
 *
 * Fast paths: `*` alone, a literal, `lit*`, `*lit`, `*lit*` (no `?`). Anything else splits at `*` into
 * segments: the first is anchored at the start, the last at the end, and each middle one is found at
 * its leftmost place after the previous one. Leftmost placement is always safe, so there is no
 * backtracking and the time is at most O(|pattern| · |text|), linear in the text for each pattern.
 */
export class Glob {
  readonly pattern: string;
  readonly #kind: number;
  /** The literal of the fast paths. */
  readonly #literal: string;
  /** KIND_GENERAL: the text between stars; `#first` and `#last` are anchored. */
  readonly #first: string;
  readonly #middle: readonly string[];
  /** Whether each middle segment is free of `?`, so native `indexOf` finds it. */
  readonly #middlePlain: readonly boolean[];
  readonly #last: string;
  /** KIND_GENERAL with no star at all (only `?`): the whole pattern is one anchored segment. */
  readonly #starless: boolean;
  /** Neither anchored segment holds `?`, so `hasPrefix` and native `endsWith` test them. */
  readonly #plainEnds: boolean;
  /** Fewest characters a match needs. */
  readonly #minLength: number;

  constructor(pattern: string) {
    this.pattern = pattern;
    // PERF: interned, because `split` makes each segment of 13 or more characters a view into the pattern
    // (V8 "sliced string"), which every comparison and search must first resolve.
    const segments = pattern.split('*').map(interned);
    const stars = segments.length - 1;
    const hasQuestion = pattern.includes('?');
    this.#first = segments[0] as string;
    this.#last = segments[stars] as string;
    this.#middle = segments.slice(1, stars).filter((s) => s.length > 0);
    this.#middlePlain = this.#middle.map((s) => !s.includes('?'));
    this.#starless = stars === 0;
    this.#plainEnds = !this.#first.includes('?') && !this.#last.includes('?');
    this.#minLength = pattern.length - stars;
    const literals = segments.filter((s) => s.length > 0);
    const startsWithStar = stars > 0 && this.#first.length === 0;
    const endsWithStar = stars > 0 && this.#last.length === 0;
    this.#literal = literals.length === 1 ? (literals[0] as string) : '';
    if (stars === 0) {
      this.#kind = hasQuestion ? KIND_GENERAL : KIND_LITERAL;
      this.#literal = pattern;
    } else if (hasQuestion || literals.length > 1) {
      this.#kind = KIND_GENERAL;
    } else if (literals.length === 0) {
      this.#kind = KIND_ANY;
    } else if (startsWithStar && endsWithStar) {
      this.#kind = KIND_CONTAINS; // `*lit*`, or `**lit**`: runs of stars are one star
    } else {
      this.#kind = startsWithStar ? KIND_SUFFIX : KIND_PREFIX;
    }
  }

  /** True when the whole of `text` matches the pattern. */
  matches(text: string): boolean {
    switch (this.#kind) {
      case KIND_ANY:
        return true;
      case KIND_LITERAL:
        return text === this.#literal;
      case KIND_PREFIX:
        return hasPrefix(text, this.#literal);
      case KIND_SUFFIX:
        return text.endsWith(this.#literal);
      case KIND_CONTAINS:
        return text.indexOf(this.#literal) >= 0;
      default:
        return this.#general(text);
    }
  }

  #general(text: string): boolean {
    if (text.length < this.#minLength) return false;
    const first = this.#first;
    if (this.#starless) return text.length === first.length && segmentAt(text, 0, first);
    const last = this.#last;
    const end = text.length - last.length;
    if (this.#plainEnds) {
      // PERF: a pattern starting or ending with `*` has an empty anchored segment: nothing to test.
      if (first.length > 0 && !hasPrefix(text, first)) return false;
      if (last.length > 0 && !text.endsWith(last)) return false;
    } else if (!segmentAt(text, 0, first) || !segmentAt(text, end, last)) {
      return false;
    }
    const middle = this.#middle;
    let at = first.length;
    for (let i = 0; i < middle.length; i++) {
      const segment = middle[i] as string;
      const found = findSegment(text, at, end, segment, this.#middlePlain[i] === true);
      if (found < 0) return false;
      at = found + segment.length;
    }
    return true;
  }
}

/** True when `segment` (where `?` is any one code unit) matches `text` at `at`. The caller checks room. */
function segmentAt(text: string, at: number, segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c !== QUESTION && c !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

/** The leftmost place in [from, end) where `segment` (`plain`: holding no `?`) fits entirely before `end`, or -1. */
function findSegment(text: string, from: number, end: number, segment: string, plain: boolean): number {
  const lastStart = end - segment.length;
  if (plain) {
    const found = text.indexOf(segment, from);
    return found >= 0 && found <= lastStart ? found : -1;
  }
  for (let at = from; at <= lastStart; at++) {
    if (segmentAt(text, at, segment)) return at;
  }
  return -1;
}
