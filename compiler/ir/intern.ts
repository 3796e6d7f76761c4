import type { StrId } from './ir.js';

/**
 * The string table of an IR under construction: each distinct string gets one id, in first-seen order.
 * Started from an existing table, it keeps that table's ids and never changes the array it was given.
 */
export class StringTable {
  #strings: string[];
  /** Whether `#strings` is still the caller's array (copied on the first addition). */
  #borrowed: boolean;
  #ids: Map<string, StrId> | null = null;

  constructor(strings: string[] = []) {
    this.#strings = strings;
    this.#borrowed = strings.length > 0;
  }

  /** The table: the array given to the constructor when nothing was added. */
  get strings(): string[] {
    return this.#strings;
  }

  /** The id of `s`, adding it when new. */
  intern(s: string): StrId {
    // PERF: passes that add no string never pay for indexing the whole table.
    const ids = this.#ids ?? this.#index();
    let id = ids.get(s);
    if (id === undefined) {
      if (this.#borrowed) {
        this.#strings = [...this.#strings];
        this.#borrowed = false;
      }
      id = this.#strings.length;
      this.#strings.push(s);
      ids.set(s, id);
    }
    return id;
  }

  #index(): Map<string, StrId> {
    const ids = new Map<string, StrId>();
    this.#strings.forEach((s, i) => {
      if (!ids.has(s)) ids.set(s, i);
    });
    this.#ids = ids;
    return ids;
  }
}
