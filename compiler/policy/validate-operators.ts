import { CONDITION_OPERATORS, type ConditionOperator } from './ast.js';

/** The value type an operator compares; the same names as the catalog's condition-key types. */
export type ConditionValueType = 'string' | 'numeric' | 'date' | 'boolean' | 'ip';

const OPERATOR_SET: ReadonlySet<string> = new Set(CONDITION_OPERATORS);

/** True when the name is one of the RAM operators of semantics §4.1 (exact, case-sensitive). */
export function isConditionOperator(name: string): name is ConditionOperator {
  return OPERATOR_SET.has(name);
}

/** The type of the values an operator compares (semantics §4.1). */
export function operatorValueType(operator: ConditionOperator): ConditionValueType {
  if (operator.startsWith('String')) return 'string';
  if (operator.startsWith('Numeric')) return 'numeric';
  if (operator.startsWith('Date')) return 'date';
  if (operator === 'Bool') return 'boolean';
  return 'ip';
}

/** The format a policy value must have for an operator type, for messages. */
export const VALUE_FORMATS: Readonly<Record<ConditionValueType, string>> = {
  string: 'any string',
  numeric: 'a decimal number such as `42`, `-1.5` or `2e3` (no spaces, no `+`, no hex)',
  date: 'an ISO 8601 date-time `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`, e.g. `2026-11-27T10:00:00Z`',
  boolean: '`true` or `false`',
  ip: 'an IPv4 or IPv6 address or CIDR block, e.g. `203.0.113.0/24` or `2001:db8::/32`',
};

/** The operator a user should write for a key of a given type, for help texts. */
export const OPERATORS_FOR_TYPE: Readonly<Record<ConditionValueType, string>> = {
  string: '`StringEquals`, `StringLike` and the other `String*` operators',
  numeric: 'the `Numeric*` operators',
  date: 'the `Date*` operators',
  boolean: '`Bool`',
  ip: '`IpAddress` or `NotIpAddress`',
};

/**
 * When `name` is an AWS IAM operator form RAM does not support (semantics §4.1), the help text that says
 * what to write instead; undefined otherwise. Detection ignores case so `stringEqualsIfExists` is caught too.
 */
export function unsupportedOperatorHelp(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('foranyvalue:') || lower.startsWith('forallvalues:')) {
    return 'RAM request values are single values: drop the set prefix and use the operator alone, e.g. `StringEquals`.';
  }
  if (lower.endsWith('ifexists')) {
    return (
      'Use the operator without `IfExists`. In RAM a missing key makes a non-negated operator false and a ' +
      'negated one (`StringNotEquals`, `NotIpAddress`, ...) true.'
    );
  }
  if (lower === 'null') {
    return 'To require that a key is present, use `StringLike` with the value `*`; to require that it is absent, use `StringNotLike` with `*`.';
  }
  if (lower.startsWith('arn')) return 'Compare ARNs with `StringEquals` or `StringLike` instead.';
  if (lower.startsWith('binary'))
    return 'RAM has no binary values; compare strings with the `String*` operators.';
  return undefined;
}
