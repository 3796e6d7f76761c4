/** One cached value, with when it was last used. */
interface Entry<V> {
  value: V;
  weight: number;
  used: number;
}

/**
 * A bounded least-recently-used cache: at most `maxEntries` entries and at most `maxWeight` total
 * weight (the caller's measure of an entry's size); the least recently used entries go first.
 * PERF: a hit only stamps the entry with a counter, so it allocates nothing (re-inserting it into the
 * Map to keep it in use order would); the least recently used entry is looked for when one must go,
 * which happens only when a new entry is stored into a full cache.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, Entry<V>>();
  readonly #maxEntries: number;
  readonly #maxWeight: number;
  #weight = 0;
  #clock = 0;

  constructor(maxEntries: number, maxWeight: number) {
    this.#maxEntries = maxEntries;
    this.#maxWeight = maxWeight;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = ++this.#clock;
    return entry.value;
  }

  /** Stores the value as the most recently used, evicting the least recently used entries over either bound. */
  set(key: K, value: V, weight: number): void {
    const old = this.#entries.get(key);
    if (old !== undefined) {
      this.#entries.delete(key);
      this.#weight -= old.weight;
    }
    if (weight > this.#maxWeight) return;
    this.#entries.set(key, { value, weight, used: ++this.#clock });
    this.#weight += weight;
    while (this.#entries.size > this.#maxEntries || this.#weight > this.#maxWeight) this.#evictOldest();
  }

  #evictOldest(): void {
    let oldestKey: K | undefined;
    let oldest: Entry<V> | undefined;
    for (const [key, entry] of this.#entries) {
      if (oldest === undefined || entry.used < oldest.used) {
        oldestKey = key;
        oldest = entry;
      }
    }
    if (oldest === undefined) return;
    this.#entries.delete(oldestKey as K);
    this.#weight -= oldest.weight;
  }
}
