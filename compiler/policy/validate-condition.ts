import { parseBool } from '../../runtime/values/bool.js';
import { parseDate } from '../../runtime/values/date.js';
import { parseDecimal } from '../../runtime/values/decimal.js';
import { parseIpBlock } from '../../runtime/values/ip.js';
import { lookupConditionKey } from '../catalog/condition-keys.js';
import type { JsonMember, JsonObject } from '../parse/json-ast.js';
import { CONDITION_OPERATORS, type ConditionClause, type ConditionOperator, type Located } from './ast.js';
import { describeKind, excerpt, report, type ValidationContext } from './validate-context.js';
import {
  type ConditionValueType,
  isConditionOperator,
  OPERATORS_FOR_TYPE,
  operatorValueType,
  unsupportedOperatorHelp,
  VALUE_FORMATS,
} from './validate-operators.js';
import { didYouMean, didYouMeanSentence } from './validate-suggest.js';
import { readStringList } from './validate-values.js';

/** Key prefixes the catalog describes completely; other services' keys are accepted as they are. */
const CATALOGUED_KEY_PREFIXES = ['acs:', 'kms:', 'sts:'];

const TYPE_NAMES: Readonly<Record<ConditionValueType, string>> = {
  string: 'a string',
  numeric: 'a number',
  date: 'a date',
  boolean: 'a boolean',
  ip: 'an IP address',
};

function parsesAs(type: ConditionValueType, text: string): boolean {
  switch (type) {
    case 'string':
      return true;
    case 'numeric':
      return parseDecimal(text) !== null;
    case 'date':
      return parseDate(text) !== null;
    case 'boolean':
      return parseBool(text) !== null;
    case 'ip':
      return parseIpBlock(text) !== null;
  }
}

/** Warnings from the catalog: a key it does not know, or a key whose type the operator does not compare. */
function checkKeyAgainstCatalog(ctx: ValidationContext, operator: ConditionOperator, key: JsonMember): void {
  const lower = key.key.toLowerCase();
  if (!CATALOGUED_KEY_PREFIXES.some((p) => lower.startsWith(p))) return;
  const entry = lookupConditionKey(key.key);
  if (entry === undefined) {
    report(
      ctx,
      'CONDITION_KEY_UNKNOWN',
      'warning',
      `\`${excerpt(key.key)}\` is not a known condition key; no request carries it, so this test never sees a value.`,
      key.keySpan,
      'Check the spelling against the condition keys of semantics §5 (e.g. `acs:SourceIp`, `kms:tag/<tag-key>`).',
    );
    return;
  }
  const operatorType = operatorValueType(operator);
  // Tag-like key families (with a prefix) hold free text that may well be a number or a date.
  const freeText = entry.type === 'string' && entry.prefix !== undefined;
  if (operatorType === entry.type || freeText) return;
  report(
    ctx,
    'CONDITION_KEY_TYPE_MISMATCH',
    'warning',
    `\`${operator}\` compares ${TYPE_NAMES[operatorType]}, but \`${entry.canonical}\` is ${TYPE_NAMES[entry.type]}.`,
    key.keySpan,
    `Test \`${entry.canonical}\` with ${OPERATORS_FOR_TYPE[entry.type]}.`,
  );
}

function checkValues(
  ctx: ValidationContext,
  operator: ConditionOperator,
  key: string,
  values: Located[],
): boolean {
  const type = operatorValueType(operator);
  let ok = true;
  for (const v of values) {
    if (parsesAs(type, v.value)) continue;
    ok = false;
    report(
      ctx,
      'CONDITION_BAD_VALUE',
      'error',
      `\`${excerpt(v.value)}\` under \`${operator}\` / \`${excerpt(key)}\` is not ${TYPE_NAMES[type]}.`,
      v.span,
      `\`${operator}\` expects ${VALUE_FORMATS[type]}.`,
    );
  }
  return ok;
}

/** Validates the keys and values under one supported operator; null when any of them has an error. */
function validateOperatorBlock(
  ctx: ValidationContext,
  operator: ConditionOperator,
  block: JsonMember,
): ConditionClause[] | null {
  if (block.value.kind !== 'object') {
    report(
      ctx,
      'CONDITION_NOT_OBJECT',
      'error',
      `\`${operator}\` must be an object of condition keys, not ${describeKind(block.value)}.`,
      block.value.span,
      `Write \`"${operator}": { "<condition-key>": "<value>" }\`.`,
    );
    return null;
  }
  if (block.value.members.length === 0) {
    report(
      ctx,
      'CONDITION_EMPTY',
      'warning',
      `\`${operator}\` has no condition keys, so it tests nothing.`,
      block.value.span,
      'Add a condition key, or remove the operator.',
    );
  }
  const clauses: ConditionClause[] = [];
  const seen = new Map<string, JsonMember>();
  let ok = true;
  for (const key of block.value.members) {
    const keyLower = key.key.toLowerCase();
    const first = seen.get(keyLower);
    if (key.key.length === 0) {
      ok = false;
      report(
        ctx,
        'CONDITION_KEY_EMPTY',
        'error',
        `A condition key under \`${operator}\` is empty.`,
        key.keySpan,
        'Name a condition key such as `acs:SourceIp`.',
      );
    } else if (first !== undefined) {
      // Not JSON duplicates (semantics §2 forbids only those): two spellings of one key, both tested (AND).
      report(
        ctx,
        'CONDITION_DUPLICATE_KEY',
        'warning',
        `\`${excerpt(key.key)}\` appears twice under \`${operator}\` (key names ignore case; the first is at ${first.keySpan.line}:${first.keySpan.column}), so the request value must satisfy both.`,
        key.keySpan,
        'If either value should do, merge the two into one key with an array of values (several values of one key match if any of them matches).',
      );
    } else {
      seen.set(keyLower, key);
      checkKeyAgainstCatalog(ctx, operator, key);
    }
    const list = readStringList(ctx, key.value, `\`${excerpt(key.key)}\` under \`${operator}\``);
    const valuesOk = checkValues(ctx, operator, key.key, list.values);
    if (!list.ok || !valuesOk) {
      ok = false;
      continue;
    }
    clauses.push({
      operator,
      operatorSpan: block.keySpan,
      key: key.key,
      keyLower,
      keySpan: key.keySpan,
      values: list.values,
    });
  }
  return ok ? clauses : null;
}

function reportBadOperator(ctx: ValidationContext, block: JsonMember): void {
  const unsupported = unsupportedOperatorHelp(block.key);
  if (unsupported !== undefined) {
    report(
      ctx,
      'CONDITION_UNSUPPORTED_OPERATOR',
      'error',
      `\`${excerpt(block.key)}\` is an AWS IAM condition operator that RAM does not support.`,
      block.keySpan,
      unsupported,
    );
    return;
  }
  const suggestion = didYouMean(block.key, CONDITION_OPERATORS);
  report(
    ctx,
    'CONDITION_UNKNOWN_OPERATOR',
    'error',
    `\`${excerpt(block.key)}\` is not a condition operator (names are case-sensitive).${didYouMeanSentence(suggestion)}`,
    block.keySpan,
    'RAM operators are `String*`, `Numeric*`, `Date*`, `Bool`, `IpAddress` and `NotIpAddress` (semantics §4.1).',
  );
}

/**
 * Validates a statement's `Condition` member (semantics §4): supported operators, well-typed values,
 * no key twice under one operator. Returns the clauses in source order, or null when there is an error.
 */
export function validateCondition(ctx: ValidationContext, condition: JsonMember): ConditionClause[] | null {
  const value = condition.value;
  if (value.kind !== 'object') {
    report(
      ctx,
      'CONDITION_NOT_OBJECT',
      'error',
      `\`Condition\` must be an object of operators, not ${describeKind(value)}.`,
      value.span,
      'Write `"Condition": { "<operator>": { "<condition-key>": "<value>" } }`.',
    );
    return null;
  }
  if (value.members.length === 0) {
    report(
      ctx,
      'CONDITION_EMPTY',
      'warning',
      '`Condition` is empty, so the statement is unconditional.',
      value.span,
      'Add an operator, or remove `Condition`.',
    );
  }
  return validateOperators(ctx, value);
}

function validateOperators(ctx: ValidationContext, value: JsonObject): ConditionClause[] | null {
  const clauses: ConditionClause[] = [];
  let ok = true;
  for (const block of value.members) {
    if (!isConditionOperator(block.key)) {
      ok = false;
      reportBadOperator(ctx, block);
      continue;
    }
    const blockClauses = validateOperatorBlock(ctx, block.key, block);
    if (blockClauses === null) ok = false;
    else clauses.push(...blockClauses);
  }
  return ok ? clauses : null;
}
