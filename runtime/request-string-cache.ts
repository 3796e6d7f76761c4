/** Most strings a cache remembers; it starts over when full, so hostile input cannot grow it. */
const CACHE_ENTRIES = 1_024;
/** Longer strings are not remembered: keys and actions are short, and long text would bloat the cache. */
const CACHE_MAX_LENGTH = 128;

/**
 * A value computed from a string, remembered for the strings seen recently.
 * PERF: hosts send the same condition keys, tag keys and actions on every request, so what the reader
 * derives from each is computed once, and later requests get the same (immutable) value back.
 */
export class StringCache<V> {
  readonly #compute: (text: string) => V;
  readonly #values = new Map<string, V>();

  /** `compute` must be pure: the cache may call it again for the same string at any time. */
  constructor(compute: (text: string) => V) {
    this.#compute = compute;
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
