/** How many trailing characters of a literal tail the index keys on. */
const TAIL_KEY_LENGTH = 8;
/** Shorter candidate lists are scanned as they are: an index would not pay for itself. */
export const INDEX_THRESHOLD = 8;

const NO_IDS = new Int32Array(0);

/** What the index needs to know of a statement's Resource element. */
export interface ResourceElement {
  notResource: boolean;
  /** The patterns as written. */
  resourcePatterns: readonly string[];
}

/**
 * A filter over a list of statements by the requested resource, so that statements about other resources
 * (`…:key/key-1` … `…:key/key-5000`) are not even looked at. A pattern whose text after its last wildcard
 * (its literal tail) has at least TAIL_KEY_LENGTH characters can only match a resource ending with that
 * tail, so the statement is filed under a hash of the tail's last characters. Statements with any other
 * pattern (`…:key/*`, NotResource) are always candidates (`rest`).
 * INVARIANT: `candidates` never leaves out a statement whose Resource element could match; every
 * candidate is still matched in full.
 */
export class ResourceIndex {
  /** Statements that every resource must be tested against, ascending. */
  readonly rest: Int32Array;
  readonly #byTail: Map<number, Int32Array>;

  constructor(ids: Int32Array, elementOf: (id: number) => ResourceElement) {
    const rest: number[] = [];
    const byTail = new Map<number, number[]>();
    for (const id of ids) {
      const keys = tailKeys(elementOf(id));
      if (keys === null) {
        rest.push(id);
        continue;
      }
      for (const key of keys) {
        const bucket = byTail.get(key);
        if (bucket === undefined) byTail.set(key, [id]);
        else bucket.push(id);
      }
    }
    this.rest = Int32Array.from(rest);
    this.#byTail = new Map([...byTail].map(([key, bucket]) => [key, Int32Array.from(bucket)]));
  }

  /**
   * The filed statements that may match the resource whose `resourceKey` is `key`, ascending (merge them
   * with `rest`).
   */
  filed(key: number): Int32Array {
    if (key < 0) return NO_IDS;
    return this.#byTail.get(key) ?? NO_IDS;
  }
}

/**
 * What every index files a requested resource under: a hash of its last characters, or -1 when it is too
 * short to be filed (only `rest` can match it).
 * PERF: a check may consult several indexes (account scope, resource group); the key is hashed once.
 */
export function resourceKey(resource: string): number {
  return resource.length < TAIL_KEY_LENGTH ? -1 : tailHash(resource, resource.length);
}

/** The keys a statement is filed under, or null when it must always be tested. */
function tailKeys(element: ResourceElement): Set<number> | null {
  if (element.notResource || element.resourcePatterns.length === 0) return null;
  const keys = new Set<number>();
  for (const pattern of element.resourcePatterns) {
    const wildcard = Math.max(pattern.lastIndexOf('*'), pattern.lastIndexOf('?'));
    if (pattern.length - (wildcard + 1) < TAIL_KEY_LENGTH) return null;
    keys.add(tailHash(pattern, pattern.length));
  }
  return keys;
}

/**
 * A hash of the TAIL_KEY_LENGTH code units before `end` (the caller checks there are that many).
 * PERF: 30 bits, so V8 keeps it a small integer: a larger key would be boxed on every lookup.
 */
function tailHash(text: string, end: number): number {
  let hash = 0;
  for (let i = end - TAIL_KEY_LENGTH; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash & 0x3fffffff;
}
