/**
 * The truth of one condition for the request (runtime/evaluate-condition.ts, semantics §4.2–§4.4):
 * missing → false, or true for a negated operator; unreadable as the operator's type → indeterminate;
 * otherwise OR over the policy values, or NOR for a negated operator.
 */
import {
  CONDITION_CONST_COUNT,
  CONDITION_CONST_KIND,
  CONDITION_CONST_START,
  CONDITION_KEY,
  CONDITION_OPERATOR,
  CONDITION_WORDS,
  CONST_BOOL,
  CONST_NUMBER,
  CONST_STRING,
  IP_BLOCK_FAMILY,
  IP_BLOCK_PREFIX,
  IP_BLOCK_WORD0,
  IP_BLOCK_WORDS,
  OP_DATE_EQUALS,
  OP_NUMERIC_EQUALS,
  OP_STRING_EQUALS_IGNORE_CASE,
  OP_STRING_LIKE,
  OP_STRING_NOT_EQUALS_IGNORE_CASE,
  OP_STRING_NOT_LIKE,
} from '../runtime/format';
import {
  ENTRY_BOOL,
  ENTRY_DATE,
  ENTRY_FLAGS,
  ENTRY_HAS_BOOL,
  ENTRY_HAS_DATE,
  ENTRY_HAS_IP,
  ENTRY_HAS_NUMBER,
  ENTRY_IP_FAMILY,
  ENTRY_IP_WORD0,
  ENTRY_LOWER,
  ENTRY_NUMBER,
  ENTRY_VALUE,
} from '../runtime/wasm-layout';
import { findEntry, resourceIsTaggable } from './check-state';
import { isDateOperator, isNegatedOperator, SOURCE_RESOURCE_TAG } from './conditions';
import { equalsString, globMatch } from './glob';
import { contextAt, contextCount, tagCount, tagsAt, textLength, textPtr } from './request';
// biome-ignore lint/style/useImportType: AssemblyScript has no type-only imports
import { listWord, strLength, strPtr, View } from './view';

export const TRUTH_FALSE = 0;
export const TRUTH_TRUE = 1;
export const TRUTH_INDETERMINATE = 2;

const NO_MATCH = 0;
const MATCH = 1;
const UNREADABLE = 2;

/** The request entry holding condition `c`'s key, or 0 when the request has no value for it. */
function entryOf(v: View, c: u32, key: i32): usize {
  const source = load<u32>(v.conditionSources + ((<usize>c) << 2));
  const keyPtr = strPtr(v, key);
  const keyLength = strLength(v, key);
  if ((source & 3) === SOURCE_RESOURCE_TAG) {
    if (!resourceIsTaggable()) return 0;
    const tagOffset = source >> 2;
    return findEntry(tagsAt, tagCount, keyPtr + ((<usize>tagOffset) << 1), keyLength - tagOffset);
  }
  return findEntry(contextAt, contextCount, keyPtr, keyLength);
}

/** Condition `c` of view `v`: TRUTH_FALSE, TRUTH_TRUE or TRUTH_INDETERMINATE. */
export function conditionTruth(v: View, c: u32): i32 {
  const record = v.conditions + <usize>c * CONDITION_WORDS * 4;
  const op = load<i32>(record + CONDITION_OPERATOR * 4);
  const negated = isNegatedOperator(op);
  const entry = entryOf(v, c, load<i32>(record + CONDITION_KEY * 4));
  if (entry === 0) return negated ? TRUTH_TRUE : TRUTH_FALSE;
  const found = firstMatch(v, record, op, entry);
  if (found === UNREADABLE) return TRUTH_INDETERMINATE;
  return (found === MATCH) !== negated ? TRUTH_TRUE : TRUTH_FALSE;
}

function firstMatch(v: View, record: usize, op: i32, entry: usize): i32 {
  const kind = load<i32>(record + CONDITION_CONST_KIND * 4);
  const start = load<i32>(record + CONDITION_CONST_START * 4);
  const count = load<i32>(record + CONDITION_CONST_COUNT * 4);
  const flags = load<u32>(entry + ENTRY_FLAGS);
  if (kind === CONST_STRING) {
    const ignoreCase = op === OP_STRING_EQUALS_IGNORE_CASE || op === OP_STRING_NOT_EQUALS_IGNORE_CASE;
    const field = entry + (ignoreCase ? ENTRY_LOWER : ENTRY_VALUE);
    const text = textPtr(field);
    const length = textLength(field);
    const like = op === OP_STRING_LIKE || op === OP_STRING_NOT_LIKE;
    for (let i: i32 = 0; i < count; i++) {
      const id = listWord(v, <u32>(start + i));
      if (like ? globMatch(v, id, text, length) : equalsString(v, id, text, length)) return MATCH;
    }
    return NO_MATCH;
  }
  if (kind === CONST_NUMBER) {
    const date = isDateOperator(op);
    if ((flags & (date ? ENTRY_HAS_DATE : ENTRY_HAS_NUMBER)) === 0) return UNREADABLE;
    const value = load<f64>(entry + (date ? ENTRY_DATE : ENTRY_NUMBER));
    const how = op - (date ? OP_DATE_EQUALS : OP_NUMERIC_EQUALS);
    for (let i: i32 = 0; i < count; i++) {
      if (compare(how, value, load<f64>(v.numbers + ((<usize>(start + i)) << 3)))) return MATCH;
    }
    return NO_MATCH;
  }
  if (kind === CONST_BOOL) {
    if ((flags & ENTRY_HAS_BOOL) === 0) return UNREADABLE;
    const flag = load<u32>(entry + ENTRY_BOOL) !== 0 ? 1 : 0;
    for (let i: i32 = 0; i < count; i++) if (listWord(v, <u32>(start + i)) === flag) return MATCH;
    return NO_MATCH;
  }
  if ((flags & ENTRY_HAS_IP) === 0) return UNREADABLE;
  for (let i: i32 = 0; i < count; i++) {
    if (ipInBlock(entry, v.ipBlocks + <usize>(start + i) * IP_BLOCK_WORDS * 4)) return MATCH;
  }
  return NO_MATCH;
}

/** `request <op> policy`, by offset from the family's Equals: =, ≠ (tested as =), <, ≤, >, ≥. */
function compare(how: i32, request: f64, policy: f64): bool {
  if (how === 2) return request < policy;
  if (how === 3) return request <= policy;
  if (how === 4) return request > policy;
  if (how === 5) return request >= policy;
  return request === policy;
}

/** A mask keeping the top `bits` bits (any int) of a u32. */
function wordMask(bits: i32): u32 {
  if (bits <= 0) return 0;
  if (bits >= 32) return 0xffffffff;
  return (<u32>0xffffffff) << (<u32>(32 - bits));
}

/** True when the entry's address lies in the IP block (runtime/values/ip.ts `ipInBlock`). */
function ipInBlock(entry: usize, block: usize): bool {
  if (load<u32>(entry + ENTRY_IP_FAMILY) !== load<u32>(block + IP_BLOCK_FAMILY * 4)) return false;
  const prefix = load<i32>(block + IP_BLOCK_PREFIX * 4);
  for (let i = 0; i < 4; i++) {
    const mask = wordMask(prefix - i * 32);
    const address = load<u32>(entry + ENTRY_IP_WORD0 + ((<usize>i) << 2));
    if ((address & mask) !== load<u32>(block + ((<usize>(IP_BLOCK_WORD0 + i)) << 2))) return false;
  }
  return true;
}
