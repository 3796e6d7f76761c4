import type { StrId } from './ir.js';

/** The string table of an IR under construction: each distinct string gets one id, in first-seen order. */
export class StringTable {
  readonly strings: string[];
  readonly #ids = new Map<string, StrId>();

  /** Starts from an existing table (its ids are kept), or empty. */
  constructor(strings: readonly string[] = []) {
    this.strings = [...strings];
    for (let i = 0; i < this.strings.length; i++) {
      const s = this.strings[i] as string;
      if (!this.#ids.has(s)) this.#ids.set(s, i);
    }
  }

  /** The id of `s`, adding it when new. */
  intern(s: string): StrId {
    let id = this.#ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.#ids.set(s, id);
    }
    return id;
  }
}
