import { REQUEST_LIMITS } from './request-limits.js';
import { lowerCase } from './request-lower-case.js';
import type { RequestMap } from './request-map.js';
import { type RequestReader, type Scalar, scalarText } from './request-reader.js';
import { StringCache } from './request-string-cache.js';
import { boolOf, readDate, readIpAddress } from './request-typed-values.js';
import type { DecisionError } from './types.js';

/**
 * Reads `resourceTags` into the empty `tags`: tag key lower-cased → value in string form. Absent → empty.
 * False when they are invalid (and the reader has the error).
 */
export function readResourceTags(reader: RequestReader, raw: unknown, tags: RequestMap): boolean {
  if (raw === undefined) return true;
  const object = reader.object('resourceTags', raw);
  if (object === null) return false;
  const before = reader.error;
  const max = REQUEST_LIMITS.maxResourceTags;
  let count = 0;
  // PERF: one pass over the own keys, no entry arrays; the map itself finds keys equal ignoring case.
  for (const key in object) {
    // PERF: V8 drops this test inside for-in only when it knows the function called: not `Object.hasOwn`,
    // nor a module constant holding `hasOwnProperty`, which bundlers such as esbuild make a variable
    // (valgrind, esbuild bundle: about 1,100 instructions more per decision).
    // biome-ignore lint/suspicious/noPrototypeBuiltins: see PERF above.
    if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
    // PERF: the value is read here, in the loop over the keys, where V8 reads it by the key's slot.
    if (++count > max || !readTag(reader, object, key, object[key], tags, count - 1)) {
      tooMany(reader, before, object, max, `resourceTags has more than ${max} tags`);
      return false;
    }
  }
  return true;
}

/** Reads one tag into `tags`; false when it is invalid (and the reader has the error). */
function readTag(
  reader: RequestReader,
  object: Record<string, unknown>,
  key: string,
  value: unknown,
  tags: RequestMap,
  position: number,
): boolean {
  if (!reader.key('resource tag', key)) return false;
  const scalar = reader.scalar(value);
  if (scalar === null) {
    reader.rejectScalar(`resourceTags ${JSON.stringify(key)}`, value, 'InvalidRequest');
    return false;
  }
  const lower = tagKeys.getAt(key, position);
  const size = tags.size;
  tags.set(lower, scalarText(scalar));
  // A key already there is overwritten, not added: the map is dropped with the error.
  if (tags.size > size) return true;
  sameIgnoringCase(reader, 'resourceTags', object, lower, key);
  return false;
}

/**
 * Reads `context` into the empty `context`: key lower-cased → value in string form, typed global keys
 * validated. Absent → empty. False when it is invalid (and the reader has the error).
 */
export function readContext(reader: RequestReader, raw: unknown, context: RequestMap): boolean {
  if (raw === undefined) return true;
  const object = reader.object('context', raw);
  if (object === null) return false;
  const before = reader.error;
  const max = REQUEST_LIMITS.maxContextKeys;
  let count = 0;
  // PERF: each entry is read in this loop rather than by a function of its own, which V8 would have to
  // inline too before it could inline the reader's small checks into the loop.
  for (const key in object) {
    // biome-ignore lint/suspicious/noPrototypeBuiltins: see readResourceTags.
    if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
    // The value is read here, in the loop over the keys, where V8 reads it by the key's slot.
    const value = object[key];
    if (++count > max || !reader.key('context key', key)) return contextFailed(reader, before, object);
    const info = contextKeys.getAt(key, count - 1);
    if (context.has(info.lower)) {
      sameIgnoringCase(reader, 'context', object, info.lower, key);
      return contextFailed(reader, before, object);
    }
    const scalar = reader.scalar(value);
    if (scalar === null) return notScalar(reader, before, object, key, value);
    const text = readContextValue(reader, key, info.kind, scalar);
    if (text === null) return contextFailed(reader, before, object);
    context.append(info.lower, text);
  }
  return true;
}

/** Reading `context` stopped at an invalid entry, or at one too many. */
function contextFailed(
  reader: RequestReader,
  before: DecisionError | null,
  object: Record<string, unknown>,
): false {
  const max = REQUEST_LIMITS.maxContextKeys;
  tooMany(reader, before, object, max, `context has more than ${max} keys`);
  return false;
}

/** Reading `context` stopped at `key`, whose value is not a string, number or boolean. */
function notScalar(
  reader: RequestReader,
  before: DecisionError | null,
  object: Record<string, unknown>,
  key: string,
  value: unknown,
): false {
  reader.rejectScalar(`context value of ${key}`, value, 'InvalidContextValue');
  return contextFailed(reader, before, object);
}

/**
 * A map of more than `max` entries is invalid for that reason first, whatever is wrong with its entries
 * (the limit bounds the work). PERF: the entries are not counted up front; a map is counted only once
 * reading it has stopped, at an invalid entry or at entry `max + 1`, and then the error its entries
 * recorded gives way to this one.
 */
function tooMany(
  reader: RequestReader,
  before: DecisionError | null,
  object: Record<string, unknown>,
  max: number,
  message: string,
): void {
  let count = 0;
  for (const key in object) if (Object.hasOwn(object, key) && ++count > max) break;
  if (count <= max) return;
  reader.rewind(before);
  reader.fail('InvalidRequest', message);
}

/** The duplicate `second` was found: names the earlier key that lowers to the same `lower`. */
function sameIgnoringCase(
  reader: RequestReader,
  where: string,
  object: Record<string, unknown>,
  lower: string,
  second: string,
): null {
  let first = second;
  for (const key in object) {
    if (Object.hasOwn(object, key) && key.toLowerCase() === lower) {
      first = key;
      break;
    }
  }
  return reader.fail(
    'InvalidRequest',
    `${where} has both ${JSON.stringify(first)} and ${JSON.stringify(second)}, which are the same key ignoring case; keep one`,
  );
}

/** How the reader treats a context key, by its lower-cased name. */
const KEY_TEXT = 0;
const KEY_SOURCE_IP = 1;
const KEY_CURRENT_TIME = 2;
const KEY_FLAG = 3;
/** `acs:PrincipalARN`: the engine fills it in. */
const KEY_FILLED = 4;
/** `kms:tag/<k>`, `acs:ResourceTag/<k>`: they come from resourceTags. */
const KEY_RESOURCE_TAG = 5;

interface ContextKey {
  lower: string;
  kind: number;
}

/** Tag key → lower-cased. PERF: a host's tag keys are lowered once, not on every request. */
const tagKeys = new StringCache(lowerCase);

/** PERF: a host's context keys are lowered and classified once, not on every request. */
const contextKeys = new StringCache<ContextKey>((key) => {
  const lower = lowerCase(key);
  return { lower, kind: keyKind(lower) };
});

function keyKind(lower: string): number {
  if (lower.startsWith('kms:tag/') || lower.startsWith('acs:resourcetag/')) return KEY_RESOURCE_TAG;
  switch (lower) {
    case 'acs:principalarn':
      return KEY_FILLED;
    case 'acs:sourceip':
      return KEY_SOURCE_IP;
    case 'acs:currenttime':
      return KEY_CURRENT_TIME;
    case 'acs:securetransport':
    case 'acs:mfapresent':
      return KEY_FLAG;
    default:
      return KEY_TEXT;
  }
}

/** Checks one context value against its key's rules (`kind`) and returns its string form. */
function readContextValue(reader: RequestReader, key: string, kind: number, value: Scalar): string | null {
  // PERF: the valid values return here; every message is built out of line, so that V8 inlines this.
  switch (kind) {
    case KEY_TEXT:
      return scalarText(value);
    case KEY_SOURCE_IP:
      if (typeof value === 'string' && readIpAddress(value) !== 0) return value;
      break;
    case KEY_CURRENT_TIME:
      if (typeof value === 'string' && readDate(value)) return value;
      break;
    case KEY_FLAG: {
      const flag = typeof value === 'boolean' ? value : typeof value === 'string' ? boolOf(value) : null;
      if (flag !== null) return flag ? 'true' : 'false';
      break;
    }
  }
  return rejectContextValue(reader, key, kind, value);
}

/** Records why `value` is not valid for context key `key` of kind `kind`. */
function rejectContextValue(reader: RequestReader, key: string, kind: number, value: Scalar): null {
  switch (kind) {
    case KEY_FILLED:
      return reader.fail(
        'InvalidRequest',
        `context may not give ${key}: the engine fills acs:PrincipalARN from the caller`,
      );
    case KEY_RESOURCE_TAG:
      return reader.fail(
        'InvalidRequest',
        `context may not give ${key}: put the resource's tags in resourceTags, and the engine exposes each as ` +
          'kms:tag/<key> and acs:ResourceTag/<key>',
      );
    case KEY_SOURCE_IP:
      return invalid(
        reader,
        key,
        value,
        'an IPv4 or IPv6 address such as "203.0.113.7" (a string, no /prefix)',
      );
    case KEY_CURRENT_TIME:
      return invalid(reader, key, value, 'a date-time such as "2026-11-27T10:00:00Z"');
    default:
      return invalid(
        reader,
        key,
        value,
        'a boolean: true, false, or the string "true" or "false" in any case',
      );
  }
}

function invalid(reader: RequestReader, key: string, value: Scalar, expected: string): null {
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : String(value);
  return reader.fail('InvalidContextValue', `context ${key} is ${shown}; it must be ${expected}`);
}
