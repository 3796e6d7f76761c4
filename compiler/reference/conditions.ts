import {
  type IpAddress,
  ipInBlock,
  lowerUnicode,
  parseBool,
  parseDate,
  parseDecimal,
  parseIpAddress,
  parseIpBlock,
} from '../../runtime/values/index.js';
import { type ConditionClause, type ConditionOperator, NEGATED_OPERATORS } from '../policy/ast.js';
import { quote, quoteList } from './explain.js';
import { globMatch } from './glob.js';

/** Three-valued truth of a condition (semantics §4.4). */
export type Truth = 'true' | 'false' | 'indeterminate';

export interface ClauseOutcome {
  truth: Truth;
  /** Why it is false or indeterminate, for explanations; empty when true. */
  reason: string;
}

type Family = 'string' | 'numeric' | 'date' | 'bool' | 'ip';

/** A request value read as its operator's type. */
type Typed =
  | { family: 'string'; value: string }
  | { family: 'numeric' | 'date'; value: number }
  | { family: 'bool'; value: boolean }
  | { family: 'ip'; value: IpAddress };

/** The value type of each operator (semantics §4.1). */
function familyOf(operator: ConditionOperator): Family {
  if (operator.startsWith('String')) return 'string';
  if (operator.startsWith('Numeric')) return 'numeric';
  if (operator.startsWith('Date')) return 'date';
  if (operator === 'Bool') return 'bool';
  return 'ip';
}

const TYPE_NAME: Record<Family, string> = {
  string: 'a string',
  numeric: 'a decimal number',
  date: 'a date-time such as 2026-11-27T10:00:00Z',
  bool: 'true or false',
  ip: 'an IP address',
};

const TRUE: ClauseOutcome = { truth: 'true', reason: '' };

/**
 * Evaluates one operator/key clause against the request's value of its key (undefined = missing):
 * - missing key: a non-negated operator is false, a negated one true (§4.3);
 * - a value that cannot be read as the operator's type: indeterminate, negated or not (§4.4);
 * - otherwise OR over the policy values, or NOR for the negated operators (§4.2).
 */
export function evaluateClause(clause: ConditionClause, requestValue: string | undefined): ClauseOutcome {
  const { operator, key } = clause;
  const negated = NEGATED_OPERATORS.has(operator);
  if (requestValue === undefined) {
    return negated ? TRUE : { truth: 'false', reason: `the request has no value for ${key}` };
  }
  const family = familyOf(operator);
  const typed = readRequestValue(family, requestValue);
  if (typed === null) {
    return {
      truth: 'indeterminate',
      reason: `${key} is ${quote(requestValue)}, which is not ${TYPE_NAME[family]}, so ${operator} cannot be evaluated`,
    };
  }
  const policyValues = clause.values.map((v) => v.value);
  let matched: string | null = null;
  for (const policyValue of policyValues) {
    const holds = positiveTest(operator, typed, policyValue);
    if (holds === null) {
      // Load-time validation rejects such values; stay closed if one ever gets here.
      return {
        truth: 'indeterminate',
        reason: `policy value ${quote(policyValue)} is not ${TYPE_NAME[family]}`,
      };
    }
    if (holds) {
      matched = policyValue;
      break;
    }
  }
  if (negated) {
    if (matched === null) return TRUE;
    return {
      truth: 'false',
      reason: `${key} is ${quote(requestValue)}, which matches ${quote(matched)}; ${operator} requires it to match none of ${quoteList(policyValues)}`,
    };
  }
  if (matched !== null) return TRUE;
  return {
    truth: 'false',
    reason: `${key} is ${quote(requestValue)}, which satisfies ${operator} with none of ${quoteList(policyValues)}`,
  };
}

function readRequestValue(family: Family, text: string): Typed | null {
  switch (family) {
    case 'string':
      return { family, value: text };
    case 'numeric':
    case 'date': {
      const value = family === 'numeric' ? parseDecimal(text) : parseDate(text);
      return value === null ? null : { family, value };
    }
    case 'bool': {
      const value = parseBool(text);
      return value === null ? null : { family, value };
    }
    case 'ip': {
      const value = parseIpAddress(text);
      return value === null ? null : { family, value };
    }
  }
}

/**
 * The operator's test of one policy value in its positive form (`StringNotEquals` tests equality; the
 * caller negates). Null when the policy value does not parse.
 */
function positiveTest(operator: ConditionOperator, request: Typed, policyValue: string): boolean | null {
  switch (request.family) {
    case 'string':
      if (operator.includes('IgnoreCase')) return lowerUnicode(request.value) === lowerUnicode(policyValue);
      if (operator.includes('Like')) return globMatch(policyValue, request.value);
      return request.value === policyValue;
    case 'numeric':
    case 'date': {
      const bound = request.family === 'numeric' ? parseDecimal(policyValue) : parseDate(policyValue);
      return bound === null ? null : compareOrdered(operator, request.value, bound);
    }
    case 'bool': {
      const expected = parseBool(policyValue);
      return expected === null ? null : request.value === expected;
    }
    case 'ip': {
      const block = parseIpBlock(policyValue);
      return block === null ? null : ipInBlock(request.value, block);
    }
  }
}

/** `request <op> policy` for the numeric and date operators; Equals and NotEquals both test equality. */
function compareOrdered(operator: ConditionOperator, request: number, policy: number): boolean {
  if (operator.endsWith('LessThanEquals')) return request <= policy;
  if (operator.endsWith('LessThan')) return request < policy;
  if (operator.endsWith('GreaterThanEquals')) return request >= policy;
  if (operator.endsWith('GreaterThan')) return request > policy;
  return request === policy;
}
