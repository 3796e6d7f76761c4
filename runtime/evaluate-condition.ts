import type { DecodedBundle } from './decoded-bundle.js';
import { quote, quoteList } from './evaluate-messages.js';
import {
  CONDITION_CONST_COUNT,
  CONDITION_CONST_FLAGS,
  CONDITION_CONST_KIND,
  CONDITION_CONST_START,
  CONDITION_KEY,
  CONDITION_OPERATOR,
  CONDITION_VALUES_COUNT,
  CONDITION_VALUES_START,
  CONDITION_WORDS,
  CONST_BOOL,
  CONST_FLAG_LOOKUP,
  CONST_IP,
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
} from './format.js';
import { interned } from './interned.js';
import type { Glob } from './match/glob.js';
import { isDateOperator, isNegatedOperator, OPERATOR_NAMES } from './operator-codes.js';
import { resourceTagKey } from './request-context.js';
import { boolOf, DATE_MS, IP_WORDS, ipFamilyOf, readDate } from './request-typed-values.js';
import { addressInBlock, type IpBlock, lowerUnicode, parseDecimal } from './values/index.js';

/** Three-valued truth of a condition or statement (semantics §4.4). */
export const TRUTH_FALSE = 0;
export const TRUTH_TRUE = 1;
export const TRUTH_INDETERMINATE = 2;

/** Where a condition key's request value comes from (mirrors `contextValue` of runtime/request-context.ts). */
export const SOURCE_CONTEXT = 0;
export const SOURCE_PRINCIPAL_ARN = 1;
export const SOURCE_RESOURCE_TAG = 2;
export const SOURCE_CURRENT_TIME = 3;

/** `request <op> policy` for numeric and date operators, by offset from the family's Equals. */
const COMPARE_EQUALS = 0;
const COMPARE_NOT_EQUALS = 1;
const COMPARE_LESS = 2;
const COMPARE_LESS_EQUALS = 3;
const COMPARE_GREATER = 4;

/** One condition ready to evaluate. Every member is present for every kind, so all share one shape. */
export interface CompiledCondition {
  op: number;
  operator: string;
  /** `CONST_*` of the operator's family. */
  kind: number;
  negated: boolean;
  /** The key, lower-cased. */
  key: string;
  source: number;
  /** SOURCE_RESOURCE_TAG: the tag key (lower-cased). */
  tagKey: string;
  /** The policy values as written, for explanations. */
  values: string[];
  /** CONST_STRING: the values to compare with (IgnoreCase: lower-cased). */
  strings: string[];
  /** CONST_STRING with many values and an equality operator. */
  stringSet: Set<string> | null;
  /** StringLike / StringNotLike. */
  globs: Glob[];
  ignoreCase: boolean;
  like: boolean;
  /** CONST_NUMBER: doubles (numeric) or epoch milliseconds (date). */
  numbers: Float64Array;
  /** COMPARE_* for numeric and date operators. */
  compare: number;
  bools: boolean[];
  blocks: IpBlock[];
}

const NO_NUMBERS = new Float64Array(0);

/** Compiles condition `index` of a decoded bundle; `globOf` compiles (and shares) a pattern string. */
export function compileCondition(
  b: DecodedBundle,
  index: number,
  globOf: (id: number) => Glob,
): CompiledCondition {
  const at = index * CONDITION_WORDS;
  const word = (field: number): number => b.conditions[at + field] as number;
  const op = word(CONDITION_OPERATOR);
  const kind = word(CONDITION_CONST_KIND);
  const start = word(CONDITION_CONST_START);
  const count = word(CONDITION_CONST_COUNT);
  const key = interned(b.strings[word(CONDITION_KEY)] as string);
  const tagKey = resourceTagKey(key);
  const constIds =
    kind === CONST_STRING || kind === CONST_BOOL ? Array.from(b.lists.subarray(start, start + count)) : [];
  const strings = kind === CONST_STRING ? constIds.map((id) => b.strings[id] as string) : [];
  const like = op === OP_STRING_LIKE || op === OP_STRING_NOT_LIKE;
  const valuesStart = word(CONDITION_VALUES_START);
  const values = Array.from(
    b.lists.subarray(valuesStart, valuesStart + word(CONDITION_VALUES_COUNT)),
    (id) => b.strings[id] as string,
  );
  return {
    op,
    operator: OPERATOR_NAMES[op] as string,
    kind,
    negated: isNegatedOperator(op),
    key,
    source:
      tagKey !== null
        ? SOURCE_RESOURCE_TAG
        : key === 'acs:principalarn'
          ? SOURCE_PRINCIPAL_ARN
          : key === 'acs:currenttime'
            ? SOURCE_CURRENT_TIME
            : SOURCE_CONTEXT,
    tagKey: tagKey === null ? '' : interned(tagKey),
    values,
    strings,
    stringSet: (word(CONDITION_CONST_FLAGS) & CONST_FLAG_LOOKUP) !== 0 && !like ? new Set(strings) : null,
    globs: like ? constIds.map(globOf) : [],
    ignoreCase: op === OP_STRING_EQUALS_IGNORE_CASE || op === OP_STRING_NOT_EQUALS_IGNORE_CASE,
    like,
    numbers: kind === CONST_NUMBER ? b.numbers.slice(start, start + count) : NO_NUMBERS,
    compare: kind === CONST_NUMBER ? op - (isDateOperator(op) ? OP_DATE_EQUALS : OP_NUMERIC_EQUALS) : 0,
    bools: kind === CONST_BOOL ? constIds.map((w) => w === 1) : [],
    blocks: kind === CONST_IP ? ipBlocks(b, start, count) : [],
  };
}

function ipBlocks(b: DecodedBundle, start: number, count: number): IpBlock[] {
  const blocks: IpBlock[] = [];
  for (let i = start; i < start + count; i++) {
    const at = i * IP_BLOCK_WORDS;
    const w = (n: number): number => (b.ipBlocks[at + IP_BLOCK_WORD0 + n] as number) >>> 0;
    blocks.push({
      family: b.ipBlocks[at + IP_BLOCK_FAMILY] === 4 ? 4 : 6,
      prefix: b.ipBlocks[at + IP_BLOCK_PREFIX] as number,
      words: [w(0), w(1), w(2), w(3)],
    });
  }
  return blocks;
}

/** The index of the first policy constant the request value satisfies (positive form), -1 for none. */
const NO_MATCH = -1;
/** The request value cannot be read as the operator's type. */
const UNREADABLE = -2;

function firstMatch(c: CompiledCondition, value: string, useSet: boolean): number {
  switch (c.kind) {
    case CONST_STRING: {
      const text = c.ignoreCase ? lowerUnicode(value) : value;
      if (c.like) {
        for (let i = 0; i < c.globs.length; i++) if ((c.globs[i] as Glob).matches(text)) return i;
        return NO_MATCH;
      }
      if (useSet && c.stringSet !== null) return c.stringSet.has(text) ? 0 : NO_MATCH;
      return c.strings.indexOf(text);
    }
    case CONST_NUMBER: {
      if (isDateOperator(c.op)) {
        if (!readDate(value)) return UNREADABLE;
        REQUEST_NUMBER[0] = DATE_MS[0] as number;
      } else {
        const decimal = parseDecimal(value);
        if (decimal === null) return UNREADABLE;
        REQUEST_NUMBER[0] = decimal;
      }
      return firstNumberMatch(c);
    }
    case CONST_BOOL: {
      const flag = boolOf(value);
      return flag === null ? UNREADABLE : c.bools.indexOf(flag);
    }
    default: {
      const family = ipFamilyOf(value);
      if (family === 0) return UNREADABLE;
      for (let i = 0; i < c.blocks.length; i++) {
        if (addressInBlock(family, IP_WORDS, c.blocks[i] as IpBlock)) return i;
      }
      return NO_MATCH;
    }
  }
}

/**
 * The request value of the numeric or date condition being evaluated.
 * PERF: kept in a typed array, so that no call passes the double (an epoch time is not a small integer)
 * as an argument, which would box it.
 */
const REQUEST_NUMBER = new Float64Array(1);

/** The index of the first policy number that `REQUEST_NUMBER <op> number` holds for, or NO_MATCH. */
function firstNumberMatch(c: CompiledCondition): number {
  const request = REQUEST_NUMBER[0] as number;
  const numbers = c.numbers;
  for (let i = 0; i < numbers.length; i++) {
    const policy = numbers[i] as number;
    let holds: boolean;
    switch (c.compare) {
      case COMPARE_LESS:
        holds = request < policy;
        break;
      case COMPARE_LESS_EQUALS:
        holds = request <= policy;
        break;
      case COMPARE_GREATER:
        holds = request > policy;
        break;
      case COMPARE_EQUALS:
      case COMPARE_NOT_EQUALS:
        holds = request === policy;
        break;
      default:
        holds = request >= policy;
    }
    if (holds) return i;
  }
  return NO_MATCH;
}

/**
 * The truth of a condition for the request value of its key (undefined = missing), as semantics §4.2–§4.4
 * define it: missing → false, or true for a negated operator; unreadable → indeterminate; otherwise OR
 * over the values, or NOR for a negated operator.
 */
export function conditionTruth(c: CompiledCondition, value: string | undefined): number {
  if (value === undefined) return c.negated ? TRUTH_TRUE : TRUTH_FALSE;
  const found = firstMatch(c, value, true);
  if (found === UNREADABLE) return TRUTH_INDETERMINATE;
  return found >= 0 !== c.negated ? TRUTH_TRUE : TRUTH_FALSE;
}

/** `conditionTruth` with the sentence an explanation gives when the condition is not true. */
export function explainCondition(
  c: CompiledCondition,
  value: string | undefined,
): { truth: number; reason: string } {
  const truth = conditionTruth(c, value);
  if (truth === TRUTH_TRUE) return { truth, reason: '' };
  if (value === undefined) return { truth, reason: `the request has no value for ${c.key}` };
  if (truth === TRUTH_INDETERMINATE) {
    return {
      truth,
      reason: `${c.key} is ${quote(value)}, which is not ${typeName(c)}, so ${c.operator} cannot be evaluated`,
    };
  }
  const values = quoteList(c.values);
  if (c.negated) {
    const found = firstMatch(c, value, false);
    const matched = c.values.length === constantCount(c) ? c.values[found] : undefined;
    const which = matched ?? (c.kind === CONST_STRING ? c.strings[found] : undefined) ?? 'one of them';
    return {
      truth,
      reason: `${c.key} is ${quote(value)}, which matches ${quote(which)}; ${c.operator} requires it to match none of ${values}`,
    };
  }
  return {
    truth,
    reason: `${c.key} is ${quote(value)}, which satisfies ${c.operator} with none of ${values}`,
  };
}

function constantCount(c: CompiledCondition): number {
  return c.strings.length + c.numbers.length + c.bools.length + c.blocks.length;
}

function typeName(c: CompiledCondition): string {
  if (c.kind === CONST_NUMBER)
    return isDateOperator(c.op) ? 'a date-time such as 2026-11-27T10:00:00Z' : 'a decimal number';
  if (c.kind === CONST_BOOL) return 'true or false';
  return c.kind === CONST_IP ? 'an IP address' : 'a string';
}
