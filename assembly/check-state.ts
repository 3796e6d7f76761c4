/**
 * The (action, resource) pair being decided and the request values its conditions read
 * (runtime/evaluate-check-state.ts): reset for each check, so deciding allocates nothing.
 */
import { CHECK_ACTION, CHECK_RESOURCE, ENTRY_BYTES, ENTRY_KEY } from '../runtime/wasm-layout';
import { unitsEqual } from './memory';
import { textLength, textPtr } from './request';

const COLON: u16 = 0x3a;
const STAR: u16 = 0x2a;
const KMS_PREFIX = 'acs:kms:';
const KEY_PREFIX = 'key/';
const SECRET_PREFIX = 'secret/';

/** The action (lower-cased by the host) and resource of the check. */
export let actionPtr: usize = 0;
export let actionLength: u32 = 0;
export let resourcePtr: usize = 0;
export let resourceLength: u32 = 0;
/** Whether the resource has tags: 1, 0, or -1 for not yet known. */
let taggable: i32 = -1;

export function startCheck(check: usize): void {
  actionPtr = textPtr(check + CHECK_ACTION);
  actionLength = textLength(check + CHECK_ACTION);
  resourcePtr = textPtr(check + CHECK_RESOURCE);
  resourceLength = textLength(check + CHECK_RESOURCE);
  taggable = -1;
}

/** True when the resource is one KMS key or secret (runtime/request-context.ts `isTaggableResource`). */
export function resourceIsTaggable(): bool {
  if (taggable < 0) taggable = isTaggable(resourcePtr, resourceLength) ? 1 : 0;
  return taggable === 1;
}

/** True when the `length` units at `at` of the resource start with the literal `prefix`. */
function hasPrefix(text: usize, length: u32, at: u32, prefix: string): bool {
  const units = <u32>prefix.length;
  return length - at >= units && unitsEqual(text + ((<usize>at) << 1), changetype<usize>(prefix), units);
}

/** Index of the first `:` at or after `from`, or -1. */
function colonFrom(text: usize, length: u32, from: u32): i32 {
  for (let i = from; i < length; i++) if (load<u16>(text + ((<usize>i) << 1)) === COLON) return <i32>i;
  return -1;
}

function isTaggable(text: usize, length: u32): bool {
  if (!hasPrefix(text, length, 0, KMS_PREFIX)) return false;
  let colon: i32 = 7;
  for (let n = 0; n < 2; n++) {
    colon = colonFrom(text, length, <u32>colon + 1);
    if (colon < 0) return false;
  }
  const relative = <u32>colon + 1;
  if (hasPrefix(text, length, relative, KEY_PREFIX)) return length - relative > <u32>KEY_PREFIX.length;
  return hasPrefix(text, length, relative, SECRET_PREFIX) && length - relative > <u32>SECRET_PREFIX.length;
}

/**
 * True when the resource ARN names an account other than the one at `account` (semantics §6.2 step 2):
 * its fourth `:`-separated segment is neither empty nor the account. `*` is never cross-account.
 */
export function resourceIsCrossAccount(account: usize, accountLength: u32): bool {
  const text = resourcePtr;
  const length = resourceLength;
  if (length === 1 && load<u16>(text) === STAR) return false;
  let start: u32 = 0;
  for (let n = 0; n < 3; n++) {
    const colon = colonFrom(text, length, start);
    if (colon < 0) return false;
    start = <u32>colon + 1;
  }
  const next = colonFrom(text, length, start);
  const end = next < 0 ? length : <u32>next;
  if (end === start) return false;
  return end - start !== accountLength || !unitsEqual(text + ((<usize>start) << 1), account, accountLength);
}

/** The entry among `count` at `at` whose key is the `keyLength` units at `key`, or 0 when missing. */
export function findEntry(at: usize, count: u32, key: usize, keyLength: u32): usize {
  for (let i: u32 = 0; i < count; i++) {
    const entry = at + <usize>i * ENTRY_BYTES;
    if (
      textLength(entry + ENTRY_KEY) === keyLength &&
      unitsEqual(textPtr(entry + ENTRY_KEY), key, keyLength)
    ) {
      return entry;
    }
  }
  return 0;
}
