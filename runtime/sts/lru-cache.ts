/** One cached value, with when it was last moved to the newest end. */
interface Entry<V> {
  value: V;
  weight: number;
  moved: number;
}

/**
 * A bounded least-recently-used cache: at most `maxEntries` entries and at most `maxWeight` total
 * weight (the caller's measure of an entry's size); the least recently used entries go first.
 * A Map iterates in insertion order, so the oldest entry is the first one, and evicting is O(1).
 * PERF: a hit re-inserts its entry (which allocates) only when the entry has not been moved for half a
 * cache's worth of uses, so the hot entries of a steady stream of requests are hit without allocating.
 * An entry used within that window cannot have drifted to the front of a full cache, so the order stays
 * least-recently-used in effect.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, Entry<V>>();
  readonly #maxEntries: number;
  readonly #maxWeight: number;
  #weight = 0;
  /** Counts uses (hits and stores). */
  #clock = 0;

  constructor(maxEntries: number, maxWeight: number) {
    this.#maxEntries = maxEntries;
    this.#maxWeight = maxWeight;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value, now among the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    const now = ++this.#clock;
    if (now - entry.moved > this.#maxEntries / 2) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      entry.moved = now;
    }
    return entry.value;
  }

  /** Stores the value as the most recently used, evicting the oldest entries over either bound. */
  set(key: K, value: V, weight: number): void {
    const old = this.#entries.get(key);
    if (old !== undefined) {
      this.#entries.delete(key);
      this.#weight -= old.weight;
    }
    if (weight > this.#maxWeight) return;
    this.#entries.set(key, { value, weight, moved: ++this.#clock });
    this.#weight += weight;
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && this.#weight <= this.#maxWeight) break;
      this.#entries.delete(oldest);
      this.#weight -= entry.weight;
    }
  }
}
