/**
 * Which request values a bundle's conditions read, and in which forms: the Wasm host writes only those
 * entries into a request, with only those typed forms parsed (runtime/wasm-layout.ts, ENTRY).
 */
import type { DecodedBundle } from './decoded-bundle.js';
import {
  CONDITION_KEY,
  CONDITION_OPERATOR,
  CONDITION_WORDS,
  CONST_BOOL,
  CONST_IP,
  CONST_NUMBER,
  OP_STRING_EQUALS_IGNORE_CASE,
  OP_STRING_NOT_EQUALS_IGNORE_CASE,
} from './format.js';
import { constantKindOf, isDateOperator } from './operator-codes.js';
import { resourceTagKey } from './request-context.js';

/** The value as given (string operators). */
export const NEED_TEXT = 1;
/** The value lower-cased (IgnoreCase operators). */
export const NEED_LOWER = 2;
export const NEED_NUMBER = 4;
export const NEED_DATE = 8;
export const NEED_BOOL = 16;
export const NEED_IP = 32;

/** Lower-cased condition key → NEED_* flags, for context keys and for resource tag keys. */
export interface KeyNeeds {
  context: Map<string, number>;
  tags: Map<string, number>;
}

function needOf(op: number): number {
  switch (constantKindOf(op)) {
    case CONST_NUMBER:
      return isDateOperator(op) ? NEED_DATE : NEED_NUMBER;
    case CONST_BOOL:
      return NEED_BOOL;
    case CONST_IP:
      return NEED_IP;
    default:
      return op === OP_STRING_EQUALS_IGNORE_CASE || op === OP_STRING_NOT_EQUALS_IGNORE_CASE
        ? NEED_LOWER
        : NEED_TEXT;
  }
}

/** Adds what the conditions of a (checked) bundle read to `into` (a new KeyNeeds by default). */
export function keyNeeds(
  b: DecodedBundle,
  into: KeyNeeds = { context: new Map(), tags: new Map() },
): KeyNeeds {
  for (let at = 0; at < b.conditions.length; at += CONDITION_WORDS) {
    const key = b.strings[b.conditions[at + CONDITION_KEY] as number] as string;
    const need = needOf(b.conditions[at + CONDITION_OPERATOR] as number);
    const tagKey = resourceTagKey(key);
    const map = tagKey === null ? into.context : into.tags;
    const name = tagKey ?? key;
    map.set(name, (map.get(name) ?? 0) | need);
  }
  return into;
}
