/**
 * The request a host wrote into the request buffer (runtime/wasm-layout.ts), checked before anything is
 * read from it: every offset, count, string and index must lie inside the request and its tables.
 */
import { NONE } from '../runtime/format';
import {
  CHECK_ACTION,
  CHECK_BYTES,
  CHECK_RESOURCE,
  ENTRY_BYTES,
  ENTRY_FLAGS,
  ENTRY_FLAGS_ALL,
  ENTRY_KEY,
  ENTRY_LOWER,
  ENTRY_VALUE,
  REQUEST_ACCOUNT_SET,
  REQUEST_CHECK_COUNT,
  REQUEST_CHECKS,
  REQUEST_CONTEXT,
  REQUEST_CONTEXT_COUNT,
  REQUEST_FLAG_SESSION,
  REQUEST_FLAGS,
  REQUEST_FLAGS_ALL,
  REQUEST_GROUP_SET,
  REQUEST_HEADER_BYTES,
  REQUEST_MAX_CHECKS,
  REQUEST_MAX_ENTRIES,
  REQUEST_RESERVED,
  REQUEST_SESSION_SET,
  REQUEST_TAG_COUNT,
  REQUEST_TAGS,
  REQUEST_TOTAL,
  RESULT_BAD_REQUEST,
  RESULT_BAD_SESSION,
  RESULT_OK,
} from '../runtime/wasm-layout';
// biome-ignore lint/style/useImportType: AssemblyScript has no type-only imports
import { View } from './view';

/** The request being decided (valid once `checkRequest` returned RESULT_OK). */
export let requestAt: usize = 0;
export let requestFlags: u32 = 0;
export let accountSet: i32 = NONE;
export let groupSet: i32 = NONE;
export let sessionSet: i32 = NONE;
export let checkCount: u32 = 0;
export let checksAt: usize = 0;
export let tagCount: u32 = 0;
export let tagsAt: usize = 0;
export let contextCount: u32 = 0;
export let contextAt: usize = 0;

let total: u32 = 0;

/** Checks the request at `at` (at most `capacity` bytes) against the layout and the loaded bundles. */
export function checkRequest(at: usize, capacity: u32, main: View, session: View): u32 {
  requestAt = at;
  total = load<u32>(at + REQUEST_TOTAL);
  if (total < <u32>REQUEST_HEADER_BYTES || total > capacity) return RESULT_BAD_REQUEST;
  requestFlags = load<u32>(at + REQUEST_FLAGS);
  if ((requestFlags & ~(<u32>REQUEST_FLAGS_ALL)) !== 0 || load<u32>(at + REQUEST_RESERVED) !== 0) {
    return RESULT_BAD_REQUEST;
  }
  accountSet = load<i32>(at + REQUEST_ACCOUNT_SET);
  groupSet = load<i32>(at + REQUEST_GROUP_SET);
  sessionSet = load<i32>(at + REQUEST_SESSION_SET);
  if (!optionalIndex(accountSet, main.setCount) || !optionalIndex(groupSet, main.setCount)) {
    return RESULT_BAD_REQUEST;
  }
  if ((requestFlags & REQUEST_FLAG_SESSION) !== 0) {
    if (session.loaded === 0 || !optionalIndex(sessionSet, session.setCount)) return RESULT_BAD_SESSION;
  } else if (sessionSet !== NONE) {
    return RESULT_BAD_REQUEST;
  }
  checkCount = load<u32>(at + REQUEST_CHECK_COUNT);
  tagCount = load<u32>(at + REQUEST_TAG_COUNT);
  contextCount = load<u32>(at + REQUEST_CONTEXT_COUNT);
  if (checkCount > <u32>REQUEST_MAX_CHECKS || tagCount > <u32>REQUEST_MAX_ENTRIES) return RESULT_BAD_REQUEST;
  if (contextCount > <u32>REQUEST_MAX_ENTRIES) return RESULT_BAD_REQUEST;
  const checks = load<u32>(at + REQUEST_CHECKS);
  const tags = load<u32>(at + REQUEST_TAGS);
  const context = load<u32>(at + REQUEST_CONTEXT);
  if (!table(checks, checkCount, CHECK_BYTES) || !table(tags, tagCount, ENTRY_BYTES))
    return RESULT_BAD_REQUEST;
  if (!table(context, contextCount, ENTRY_BYTES)) return RESULT_BAD_REQUEST;
  checksAt = at + checks;
  tagsAt = at + tags;
  contextAt = at + context;
  for (let i: u32 = 0; i < checkCount; i++) {
    const check = checksAt + <usize>i * CHECK_BYTES;
    if (!text(check + CHECK_ACTION) || !text(check + CHECK_RESOURCE)) return RESULT_BAD_REQUEST;
  }
  if (!entries(tagsAt, tagCount) || !entries(contextAt, contextCount)) return RESULT_BAD_REQUEST;
  return RESULT_OK;
}

function optionalIndex(index: i32, size: u32): bool {
  return index === NONE || (index >= 0 && <u32>index < size);
}

/** `count` records of `bytes` bytes at `offset`, 8-byte aligned, inside the request. */
function table(offset: u32, count: u32, bytes: i32): bool {
  return offset % 8 === 0 && <u64>offset + <u64>count * <u64>bytes <= <u64>total;
}

/** A string field (offset, length in code units) at `field`: even offset, inside the request. */
function text(field: usize): bool {
  const offset = load<u32>(field);
  const length = load<u32>(field + 4);
  return offset % 2 === 0 && <u64>offset + <u64>length * 2 <= <u64>total;
}

function entries(at: usize, count: u32): bool {
  for (let i: u32 = 0; i < count; i++) {
    const entry = at + <usize>i * ENTRY_BYTES;
    if (!text(entry + ENTRY_KEY) || !text(entry + ENTRY_VALUE) || !text(entry + ENTRY_LOWER)) return false;
    if ((load<u32>(entry + ENTRY_FLAGS) & ~(<u32>ENTRY_FLAGS_ALL)) !== 0) return false;
  }
  return true;
}

/** The first code unit of the (checked) string field at `field`. */
export function textPtr(field: usize): usize {
  return requestAt + <usize>load<u32>(field);
}

/** The length in code units of the (checked) string field at `field`. */
export function textLength(field: usize): u32 {
  return load<u32>(field + 4);
}
