/** Most strings a cache remembers; it starts over when full, so hostile input cannot grow it. */
const CACHE_ENTRIES = 1_024;
/** Longer strings are not remembered: keys and actions are short, and long text would bloat the cache. */
const CACHE_MAX_LENGTH = 128;
/** Slots of `getAt`: more keys than this in one object are looked up by `get` alone. */
const SLOTS = 16;

/**
 * A value computed from a string, remembered for the strings seen recently.
 * PERF: hosts send the same condition keys, tag keys and actions on every request, so what the reader
 * derives from each is computed once, and later requests get the same (immutable) value back.
 */
export class StringCache<V> {
  readonly #compute: (text: string) => V;
  readonly #values = new Map<string, V>();
  /**
   * PERF: the slots start out holding the empty string (with its value), not undefined, so that V8 sees
   * only strings compared in `getAt`: two interned strings then compare as pointers, inline.
   */
  readonly #slotTexts: string[];
  readonly #slotValues: V[];

  /** `compute` must be pure: the cache may call it again for the same string at any time. */
  constructor(compute: (text: string) => V) {
    this.#compute = compute;
    const empty = compute('');
    this.#slotTexts = Array.from({ length: SLOTS }, () => '');
    this.#slotValues = Array.from({ length: SLOTS }, () => empty);
  }

  /**
   * `get`, trying first what `getAt` last returned for `slot`: the text's position among the keys of the
   * object it comes from (tags, context).
   * PERF: a host sends the same keys in the same order, so the key at a position is usually the very
   * string the slot holds (JSON keys are interned: one pointer comparison, where a lookup hashes and
   * probes). Any other text is looked up and takes the slot.
   */
  getAt(text: string, slot: number): V {
    // PERF: small, so that V8 inlines it into the reading loops; a slot past SLOTS reads undefined.
    return this.#slotTexts[slot] === text ? (this.#slotValues[slot] as V) : this.#fill(text, slot);
  }

  /** `getAt` for a text its slot does not hold: looks it up and, within SLOTS, takes the slot. */
  #fill(text: string, slot: number): V {
    const value = this.get(text);
    if (slot < SLOTS) {
      this.#slotTexts[slot] = text;
      this.#slotValues[slot] = value;
    }
    return value;
  }

  get(text: string): V {
    if (text.length > CACHE_MAX_LENGTH) return this.#compute(text);
    const values = this.#values;
    let value = values.get(text);
    if (value === undefined) {
      value = this.#compute(text);
      if (values.size >= CACHE_ENTRIES) values.clear();
      values.set(text, value);
    }
    return value;
  }
}
