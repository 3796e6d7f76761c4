import {
  CONST_BOOL,
  CONST_IP,
  CONST_NUMBER,
  CONST_STRING,
  OP_BOOL,
  OP_DATE_EQUALS,
  OP_DATE_NOT_EQUALS,
  OP_IP_ADDRESS,
  OP_LIMIT,
  OP_NOT_IP_ADDRESS,
  OP_NUMERIC_EQUALS,
  OP_NUMERIC_NOT_EQUALS,
  OP_STRING_EQUALS,
  OP_STRING_NOT_EQUALS,
  OP_STRING_NOT_EQUALS_IGNORE_CASE,
  OP_STRING_NOT_LIKE,
} from './format.js';

/**
 * Operator names by opcode (runtime/format.ts `OP_*`): index = opcode. The order is that of semantics §4.1
 * and of `CONDITION_OPERATORS` in compiler/policy/ast.ts.
 */
export const OPERATOR_NAMES: readonly string[] = [
  '',
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'IpAddress',
  'NotIpAddress',
];

/** The constant kind (`CONST_*`) an operator's values are stored as, or 0 for an unknown opcode. */
export function constantKindOf(op: number): number {
  if (op >= OP_STRING_EQUALS && op < OP_NUMERIC_EQUALS) return CONST_STRING;
  if (op >= OP_NUMERIC_EQUALS && op < OP_BOOL) return CONST_NUMBER;
  if (op === OP_BOOL) return CONST_BOOL;
  if (op === OP_IP_ADDRESS || op === OP_NOT_IP_ADDRESS) return CONST_IP;
  return 0;
}

/** True for the negated operators: values combine as NOR and a missing key satisfies them (semantics §4.2–§4.3). */
export function isNegatedOperator(op: number): boolean {
  return (
    op === OP_STRING_NOT_EQUALS ||
    op === OP_STRING_NOT_EQUALS_IGNORE_CASE ||
    op === OP_STRING_NOT_LIKE ||
    op === OP_NUMERIC_NOT_EQUALS ||
    op === OP_DATE_NOT_EQUALS ||
    op === OP_NOT_IP_ADDRESS
  );
}

/** True for the date operators (their request values are read as dates, their constants are epoch ms). */
export function isDateOperator(op: number): boolean {
  return op >= OP_DATE_EQUALS && op < OP_BOOL;
}

/** The opcode of an operator name, or 0 when the name is not an operator. */
export function operatorCode(name: string): number {
  const code = OPERATOR_NAMES.indexOf(name);
  return code > 0 && code < OP_LIMIT ? code : 0;
}
