/** What engines read of a request's tags or context: lower-cased key → value in string form. */
export interface RequestValues {
  readonly size: number;
  get(key: string): string | undefined;
  has(key: string): boolean;
  /** Calls `visit` with each value and its key, in the order the request gave them. */
  forEach(visit: (value: string, key: string) => void): void;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}

/**
 * The tags or the context of one request: a few keys (at most `REQUEST_LIMITS.maxContextKeys`), found by
 * a linear scan.
 * PERF: a request holds a handful of keys, and the TS runtime reads every request into the same two maps
 * (`clear` keeps their arrays), so reading one allocates nothing once the arrays have grown; a `Map`
 * would allocate a new table on every `clear`.
 */
export class RequestMap implements RequestValues {
  readonly #keys: string[] = [];
  readonly #values: string[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  get(key: string): string | undefined {
    const at = this.#find(key);
    return at < 0 ? undefined : this.#values[at];
  }

  has(key: string): boolean {
    return this.#find(key) >= 0;
  }

  /** Sets the value of `key`, in place when it is there, else as the last entry. */
  set(key: string, value: string): this {
    const at = this.#find(key);
    if (at >= 0) {
      this.#values[at] = value;
      return this;
    }
    return this.append(key, value);
  }

  /** Adds `key`, which the caller knows the map does not hold, as the last entry. */
  append(key: string, value: string): this {
    // Writing at `size` overwrites an entry a `clear` left, or grows the array by one.
    const size = this.#size;
    this.#keys[size] = key;
    this.#values[size] = value;
    this.#size = size + 1;
    return this;
  }

  /** Empties the map; the next entries reuse its arrays. */
  clear(): void {
    this.#size = 0;
  }

  forEach(visit: (value: string, key: string) => void): void {
    for (let i = 0; i < this.#size; i++) visit(this.#values[i] as string, this.#keys[i] as string);
  }

  *[Symbol.iterator](): IterableIterator<[string, string]> {
    for (let i = 0; i < this.#size; i++) yield [this.#keys[i] as string, this.#values[i] as string];
  }

  /** A copy that later changes to either map do not affect. */
  copy(): RequestMap {
    const copy = new RequestMap();
    for (let i = 0; i < this.#size; i++) copy.set(this.#keys[i] as string, this.#values[i] as string);
    return copy;
  }

  #find(key: string): number {
    const keys = this.#keys;
    for (let i = 0; i < this.#size; i++) if (keys[i] === key) return i;
    return -1;
  }
}
