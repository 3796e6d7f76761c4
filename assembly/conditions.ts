/** Operator families (runtime/operator-codes.ts) and where a condition key's request value comes from. */
import {
  CONST_BOOL,
  CONST_IP,
  CONST_NUMBER,
  CONST_STRING,
  OP_BOOL,
  OP_DATE_EQUALS,
  OP_DATE_NOT_EQUALS,
  OP_IP_ADDRESS,
  OP_NOT_IP_ADDRESS,
  OP_NUMERIC_EQUALS,
  OP_NUMERIC_NOT_EQUALS,
  OP_STRING_EQUALS,
  OP_STRING_NOT_EQUALS,
  OP_STRING_NOT_EQUALS_IGNORE_CASE,
  OP_STRING_NOT_LIKE,
} from '../runtime/format';

/** The constant kind (`CONST_*`) of an operator's values, or 0 for an unknown opcode. */
export function constantKindOf(op: i32): i32 {
  if (op >= OP_STRING_EQUALS && op < OP_NUMERIC_EQUALS) return CONST_STRING;
  if (op >= OP_NUMERIC_EQUALS && op < OP_BOOL) return CONST_NUMBER;
  if (op === OP_BOOL) return CONST_BOOL;
  if (op === OP_IP_ADDRESS || op === OP_NOT_IP_ADDRESS) return CONST_IP;
  return 0;
}

/** The negated operators: values combine as NOR and a missing key satisfies them (semantics §4.2–§4.3). */
export function isNegatedOperator(op: i32): bool {
  return (
    op === OP_STRING_NOT_EQUALS ||
    op === OP_STRING_NOT_EQUALS_IGNORE_CASE ||
    op === OP_STRING_NOT_LIKE ||
    op === OP_NUMERIC_NOT_EQUALS ||
    op === OP_DATE_NOT_EQUALS ||
    op === OP_NOT_IP_ADDRESS
  );
}

/** The date operators: their request values are read as dates, their constants are epoch ms. */
export function isDateOperator(op: i32): bool {
  return op >= OP_DATE_EQUALS && op < OP_BOOL;
}

/** A condition key's value comes from the request context (the host adds acs:principalarn to it). */
export const SOURCE_CONTEXT: u32 = 0;
/** `kms:tag/<k>` or `acs:resourcetag/<k>`: the resource tag `<k>`, when the resource has tags. */
export const SOURCE_RESOURCE_TAG: u32 = 1;
