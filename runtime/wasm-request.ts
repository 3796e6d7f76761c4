/**
 * Writes one request into the core's request buffer in the layout of runtime/wasm-layout.ts: the caller's
 * sets, the checks, and the tag and context entries the bundle's conditions read, with their typed forms
 * parsed here by the shared parsers (runtime/values/), so the core never parses text.
 */
import { lowerCase } from './request-lower-case.js';
import type { RequestValues } from './request-map.js';
import { boolOf, DATE_MS, IP_WORDS, ipFamilyOf, readDate } from './request-typed-values.js';
import { parseDecimal } from './values/index.js';
import type { WasmCore } from './wasm-core.js';
import {
  type KeyNeeds,
  NEED_BOOL,
  NEED_DATE,
  NEED_IP,
  NEED_LOWER,
  NEED_NUMBER,
  NEED_TEXT,
} from './wasm-key-needs.js';
import {
  CHECK_ACTION,
  CHECK_BYTES,
  CHECK_RESOURCE,
  ENTRY_BOOL,
  ENTRY_BYTES,
  ENTRY_DATE,
  ENTRY_FLAGS,
  ENTRY_HAS_BOOL,
  ENTRY_HAS_DATE,
  ENTRY_HAS_IP,
  ENTRY_HAS_NUMBER,
  ENTRY_IP_FAMILY,
  ENTRY_IP_WORD0,
  ENTRY_KEY,
  ENTRY_LOWER,
  ENTRY_NUMBER,
  ENTRY_VALUE,
  REQUEST_ACCOUNT_SET,
  REQUEST_CHECK_COUNT,
  REQUEST_CHECKS,
  REQUEST_CONTEXT,
  REQUEST_CONTEXT_COUNT,
  REQUEST_FLAG_ROOT,
  REQUEST_FLAG_SESSION,
  REQUEST_FLAGS,
  REQUEST_GROUP_SET,
  REQUEST_HEADER_BYTES,
  REQUEST_RESERVED,
  REQUEST_SESSION_SET,
  REQUEST_TAG_COUNT,
  REQUEST_TAGS,
  REQUEST_TOTAL,
} from './wasm-layout.js';

/** One (action, resource) pair to decide. */
export interface CoreCheck {
  action: string;
  resource: string;
}

/** What the core decides: the caller's sets, the checks, and the request values. */
export interface CoreRequest {
  /** The caller is the account root. */
  root: boolean;
  /** SETS indexes (NONE when absent): the caller's account-scope set and its resource group's set. */
  accountSet: number;
  groupSet: number;
  /** A session policy applies: the session-policy bundle loaded into the core, and its set (or NONE). */
  session: boolean;
  sessionSet: number;
  checks: readonly CoreCheck[];
  /** Tag key lower-cased → value, as `readRequest` normalizes them. */
  tags: RequestValues;
  /** Context key lower-cased → value, as `readRequest` normalizes them. */
  context: RequestValues;
  /** The value of `acs:PrincipalARN`, which the engine fills in. */
  principalArn: string;
  /** `acs:CurrentTime` from the engine's clock, read only when the request gives none and a condition needs it. */
  clockTime: () => string;
  /** What the conditions of the loaded bundles read: only those entries and forms are written. */
  needs: KeyNeeds;
}

const PRINCIPAL_ARN = 'acs:principalarn';
const CURRENT_TIME = 'acs:currenttime';
/**
 * The end of the request buffer keeps the strings that repeat from request to request as the same
 * string objects (lower-cased actions and keys, the caller's ARN), so later requests only look them up.
 */
const ARENA_BYTES = 16_384;
/** Longer strings are written with each request. */
const CACHED_UNITS = 128;

/**
 * Encodes requests for one core. PERF: reuses its entry arrays, writes strings straight into linear
 * memory, and parses only the forms some condition of the loaded bundles reads.
 */
export class RequestWriter {
  readonly #core: WasmCore;
  readonly #keys: string[] = [];
  readonly #values: string[] = [];
  readonly #lowers: string[] = [];
  readonly #needed: number[] = [];
  readonly #actions: string[] = [];
  #entries = 0;
  #units = 0;
  /** Byte offset (from the request) of the next string. */
  #text = 0;
  /** Short strings already in the arena → their byte offset, for the current placement of the buffer. */
  readonly #cached = new Map<string, number>();
  #placement = -1;
  #arenaStart = 0;
  #arenaUsed = 0;
  /** Whether this request may add strings to the arena (it cannot fill it halfway). */
  #caching = false;
  /** What the conditions read of the map being added (tags or context). */
  #reading: ReadonlyMap<string, number> = new Map();
  /** PERF: one callback for `Map.forEach`, made once. */
  readonly #addEntry = (value: string, key: string): void => this.#add(key, value, this.#reading.get(key));

  constructor(core: WasmCore) {
    this.#core = core;
  }

  /** Writes the request into the core's buffer; false when the core has no room for it. */
  write(request: CoreRequest): boolean {
    this.#entries = 0;
    this.#units = 0;
    const checks = request.checks;
    for (let i = 0; i < checks.length; i++) {
      const check = checks[i] as CoreCheck;
      const action = lowerCase(check.action);
      this.#actions[i] = action;
      this.#units += action.length + check.resource.length;
    }
    this.#reading = request.needs.tags;
    request.tags.forEach(this.#addEntry);
    const tagCount = this.#entries;
    const context = request.needs.context;
    this.#reading = context;
    request.context.forEach(this.#addEntry);
    this.#add(PRINCIPAL_ARN, request.principalArn, context.get(PRINCIPAL_ARN));
    const clockNeed = context.get(CURRENT_TIME);
    if (clockNeed !== undefined && !request.context.has(CURRENT_TIME)) {
      this.#add(CURRENT_TIME, request.clockTime(), clockNeed);
    }

    const checksAt = REQUEST_HEADER_BYTES;
    const tagsAt = checksAt + checks.length * CHECK_BYTES;
    const contextAt = tagsAt + tagCount * ENTRY_BYTES;
    const stringsAt = tagsAt + this.#entries * ENTRY_BYTES;
    const core = this.#core;
    const base = core.requestBuffer(stringsAt + this.#units * 2 + ARENA_BYTES);
    if (base === 0) return false;
    const total = core.requestCapacity;
    if (core.placements !== this.#placement || this.#arenaUsed + this.#units * 2 > ARENA_BYTES) {
      this.#cached.clear();
      this.#placement = core.placements;
      this.#arenaStart = total - ARENA_BYTES;
      this.#arenaUsed = 0;
    }
    this.#caching = this.#units * 2 <= ARENA_BYTES;
    // INVARIANT: the request buffer and its records are 8-byte aligned, so word indexes are exact.
    const words = core.words;
    const signed = core.signed;
    const header = base >>> 2;
    words[header + REQUEST_FLAGS / 4] =
      (request.root ? REQUEST_FLAG_ROOT : 0) | (request.session ? REQUEST_FLAG_SESSION : 0);
    signed[header + REQUEST_ACCOUNT_SET / 4] = request.accountSet;
    signed[header + REQUEST_GROUP_SET / 4] = request.groupSet;
    signed[header + REQUEST_SESSION_SET / 4] = request.sessionSet;
    words[header + REQUEST_CHECK_COUNT / 4] = checks.length;
    words[header + REQUEST_CHECKS / 4] = checksAt;
    words[header + REQUEST_TAG_COUNT / 4] = tagCount;
    words[header + REQUEST_TAGS / 4] = tagsAt;
    words[header + REQUEST_CONTEXT_COUNT / 4] = this.#entries - tagCount;
    words[header + REQUEST_CONTEXT / 4] = contextAt;
    words[header + REQUEST_RESERVED / 4] = 0;
    this.#text = stringsAt;
    for (let i = 0; i < checks.length; i++) {
      const at = base + checksAt + i * CHECK_BYTES;
      this.#string(base, at + CHECK_ACTION, this.#actions[i] as string, true);
      this.#string(base, at + CHECK_RESOURCE, (checks[i] as CoreCheck).resource, false);
    }
    for (let i = 0; i < this.#entries; i++) {
      const at = base + tagsAt + i * ENTRY_BYTES;
      const value = this.#values[i] as string;
      const lower = this.#lowers[i] as string;
      const key = this.#keys[i] as string;
      const need = this.#needed[i] as number;
      this.#string(base, at + ENTRY_KEY, key, true);
      // PERF: a value only typed operators read (an IP, a time) is not written as text.
      const text = (need & NEED_TEXT) !== 0;
      if (text) this.#string(base, at + ENTRY_VALUE, value, key === PRINCIPAL_ARN);
      else emptyString(words, at + ENTRY_VALUE);
      if ((need & NEED_LOWER) === 0) {
        emptyString(words, at + ENTRY_LOWER);
      } else if (text && lower === value) {
        words[(at + ENTRY_LOWER) >>> 2] = words[(at + ENTRY_VALUE) >>> 2] as number;
        words[(at + ENTRY_LOWER + 4) >>> 2] = value.length;
      } else {
        this.#string(base, at + ENTRY_LOWER, lower, false);
      }
      writeTypedForms(core, at, value, need);
    }
    words[header + REQUEST_TOTAL / 4] = total;
    return true;
  }

  /**
   * Points the string field at `field` to `value`: with `repeats`, a string already in the arena, else
   * one written now (into the arena when it repeats, after the records otherwise).
   */
  #string(base: number, field: number, value: string, repeats: boolean): void {
    const core = this.#core;
    const words = core.words;
    words[(field + 4) >>> 2] = value.length;
    let at: number | undefined;
    if (repeats && this.#caching && value.length <= CACHED_UNITS) {
      at = this.#cached.get(value);
      if (at !== undefined) {
        words[field >>> 2] = at;
        return;
      }
      at = this.#arenaStart + this.#arenaUsed;
      this.#arenaUsed += value.length * 2;
      this.#cached.set(value, at);
    } else {
      at = this.#text;
      this.#text += value.length * 2;
    }
    words[field >>> 2] = at;
    const units = core.units;
    const first = (base + at) >>> 1;
    for (let i = 0; i < value.length; i++) units[first + i] = value.charCodeAt(i);
  }

  #add(key: string, value: string, need: number | undefined): void {
    if (need === undefined) return;
    const i = this.#entries++;
    this.#keys[i] = key;
    this.#values[i] = value;
    this.#needed[i] = need;
    const lower = (need & NEED_LOWER) === 0 ? value : value.toLowerCase();
    this.#lowers[i] = lower;
    this.#units += key.length + value.length + lower.length;
  }
}

/** Points the string field at `field` to the empty string. */
function emptyString(words: Uint32Array, field: number): void {
  words[field >>> 2] = 0;
  words[(field + 4) >>> 2] = 0;
}

/** The typed forms of an entry's value that `need` asks for, flagged when they parse. */
function writeTypedForms(core: WasmCore, at: number, value: string, need: number): void {
  const words = core.words;
  let flags = 0;
  if ((need & NEED_NUMBER) !== 0) {
    const n = parseDecimal(value);
    if (n !== null) {
      flags |= ENTRY_HAS_NUMBER;
      core.doubles[(at + ENTRY_NUMBER) >>> 3] = n;
    }
  }
  if ((need & NEED_DATE) !== 0) {
    if (readDate(value)) {
      flags |= ENTRY_HAS_DATE;
      core.doubles[(at + ENTRY_DATE) >>> 3] = DATE_MS[0] as number;
    }
  }
  if ((need & NEED_BOOL) !== 0) {
    const flag = boolOf(value);
    if (flag !== null) {
      flags |= ENTRY_HAS_BOOL;
      words[(at + ENTRY_BOOL) >>> 2] = flag ? 1 : 0;
    }
  }
  if ((need & NEED_IP) !== 0) {
    const family = ipFamilyOf(value);
    if (family !== 0) {
      flags |= ENTRY_HAS_IP;
      words[(at + ENTRY_IP_FAMILY) >>> 2] = family;
      words.set(IP_WORDS, (at + ENTRY_IP_WORD0) >>> 2);
    }
  }
  words[(at + ENTRY_FLAGS) >>> 2] = flags;
}
