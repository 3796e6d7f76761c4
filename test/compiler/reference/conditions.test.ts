import { describe, expect, test } from 'vitest';
import { syntheticSpan } from '../../../compiler/diagnostics.js';
import {
  CONDITION_OPERATORS,
  type ConditionClause,
  type ConditionOperator,
  NEGATED_OPERATORS,
} from '../../../compiler/policy/ast.js';
import { evaluateClause, type Truth } from '../../../compiler/reference/conditions.js';

const span = syntheticSpan('<test>');

function clause(operator: ConditionOperator, values: string[], key = 'my:Key'): ConditionClause {
  return {
    operator,
    operatorSpan: span,
    key,
    keyLower: key.toLowerCase(),
    keySpan: span,
    values: values.map((value) => ({ value, span })),
  };
}

function truth(operator: ConditionOperator, values: string[], requestValue: string | undefined): Truth {
  return evaluateClause(clause(operator, values), requestValue).truth;
}

/** A policy value each operator accepts, and a request value of the right type. */
const SAMPLE: Record<string, [string, string]> = {
  String: ['abc', 'abc'],
  Numeric: ['1', '1'],
  Date: ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
  Bool: ['true', 'true'],
  IpAddress: ['10.0.0.0/8', '10.1.2.3'],
  NotIpAddress: ['10.0.0.0/8', '10.1.2.3'],
};

function sampleFor(operator: ConditionOperator): [string, string] {
  const family = Object.keys(SAMPLE).find((prefix) => operator.startsWith(prefix)) ?? operator;
  const sample = SAMPLE[family];
  if (sample === undefined) throw new Error(`no sample for ${operator}`);
  return sample;
}

describe('missing keys (semantics §4.3)', () => {
  test.each(CONDITION_OPERATORS)('%s on a missing key', (operator) => {
    const [policyValue] = sampleFor(operator);
    const expected = NEGATED_OPERATORS.has(operator) ? 'true' : 'false';
    expect(truth(operator, [policyValue], undefined)).toBe(expected);
  });
});

describe('string operators', () => {
  test('StringEquals is exact and ORs its values', () => {
    expect(truth('StringEquals', ['a', 'b'], 'b')).toBe('true');
    expect(truth('StringEquals', ['a', 'b'], 'B')).toBe('false');
    expect(truth('StringEquals', ['a*'], 'abc')).toBe('false');
    expect(truth('StringEquals', ['5'], '5')).toBe('true');
  });

  test('StringNotEquals is NOR over its values', () => {
    expect(truth('StringNotEquals', ['a', 'b'], 'c')).toBe('true');
    expect(truth('StringNotEquals', ['a', 'b'], 'b')).toBe('false');
  });

  test('IgnoreCase lowers both sides with Unicode default lower-casing', () => {
    expect(truth('StringEqualsIgnoreCase', ['ÄPFEL'], 'äpfel')).toBe('true');
    expect(truth('StringEqualsIgnoreCase', ['apollo'], 'APOLLO')).toBe('true');
    expect(truth('StringNotEqualsIgnoreCase', ['apollo'], 'Apollo')).toBe('false');
    expect(truth('StringNotEqualsIgnoreCase', ['apollo'], 'gemini')).toBe('true');
  });

  test('StringLike and StringNotLike use case-sensitive wildcards', () => {
    expect(truth('StringLike', ['vpc-*'], 'vpc-123')).toBe('true');
    expect(truth('StringLike', ['vpc-*'], 'VPC-123')).toBe('false');
    expect(truth('StringLike', ['a?c'], 'abc')).toBe('true');
    expect(truth('StringNotLike', ['vpc-*', 'x*'], 'vpc-1')).toBe('false');
    expect(truth('StringNotLike', ['vpc-*', 'x*'], 'eni-1')).toBe('true');
  });
});

describe('numeric operators', () => {
  test.each([
    ['NumericEquals', '5', '5.0', 'true'],
    ['NumericEquals', '10', '1e1', 'true'],
    ['NumericEquals', '0', '-0', 'true'],
    ['NumericEquals', '5', '6', 'false'],
    ['NumericNotEquals', '5', '6', 'true'],
    ['NumericNotEquals', '5', '5', 'false'],
    ['NumericLessThan', '10', '9.99', 'true'],
    ['NumericLessThan', '10', '10', 'false'],
    ['NumericLessThanEquals', '10', '10', 'true'],
    ['NumericGreaterThan', '10', '10', 'false'],
    ['NumericGreaterThan', '-1', '0', 'true'],
    ['NumericGreaterThanEquals', '10', '10', 'true'],
    ['NumericGreaterThanEquals', '10', '9', 'false'],
    ['NumericLessThan', '1e400', '1e308', 'true'],
  ] as const)('%s %s with request %s is %s', (operator, policyValue, requestValue, expected) => {
    expect(truth(operator, [policyValue], requestValue)).toBe(expected);
  });

  test('request values that are not numbers are indeterminate, negated or not', () => {
    for (const operator of ['NumericLessThan', 'NumericNotEquals'] as const) {
      const result = evaluateClause(clause(operator, ['5']), 'high');
      expect(result.truth).toBe('indeterminate');
      expect(result.reason).toContain('"high"');
    }
    expect(truth('NumericEquals', ['5'], ' 5')).toBe('indeterminate');
    expect(truth('NumericEquals', ['5'], '0x5')).toBe('indeterminate');
  });
});

describe('date operators', () => {
  test('dates compare as instants', () => {
    expect(truth('DateEquals', ['2026-01-01T08:00:00+08:00'], '2026-01-01T00:00:00Z')).toBe('true');
    expect(truth('DateEquals', ['2026-01-01T00:00:00Z'], '2026-01-01T00:00:00.001Z')).toBe('false');
    expect(truth('DateNotEquals', ['2026-01-01T00:00:00Z'], '2026-01-01T00:00:00.001Z')).toBe('true');
    expect(truth('DateLessThan', ['2026-01-01T00:00:00Z'], '2025-12-31T23:59:59Z')).toBe('true');
    expect(truth('DateLessThanEquals', ['2026-01-01T00:00:00Z'], '2026-01-01T00:00:00Z')).toBe('true');
    expect(truth('DateGreaterThan', ['2026-01-01T00:00:00Z'], '2026-01-01T00:00:00Z')).toBe('false');
    expect(truth('DateGreaterThanEquals', ['2026-01-01T00:00:00Z'], '2027-01-01T00:00:00Z')).toBe('true');
  });

  test('unreadable dates are indeterminate', () => {
    expect(truth('DateLessThan', ['2026-01-01T00:00:00Z'], 'yesterday')).toBe('indeterminate');
    expect(truth('DateNotEquals', ['2026-01-01T00:00:00Z'], '2026-01-01')).toBe('indeterminate');
  });
});

describe('Bool', () => {
  test('either side in any case', () => {
    expect(truth('Bool', ['true'], 'TRUE')).toBe('true');
    expect(truth('Bool', ['False'], 'false')).toBe('true');
    expect(truth('Bool', ['true'], 'false')).toBe('false');
    expect(truth('Bool', ['true'], 'yes')).toBe('indeterminate');
    expect(truth('Bool', ['true'], '1')).toBe('indeterminate');
  });
});

describe('IP operators', () => {
  test('blocks, bare addresses and families', () => {
    expect(truth('IpAddress', ['10.0.0.0/8', '192.168.1.1'], '192.168.1.1')).toBe('true');
    expect(truth('IpAddress', ['10.0.0.0/8'], '11.0.0.1')).toBe('false');
    expect(truth('IpAddress', ['10.1.2.3/8'], '10.200.0.1')).toBe('true');
    expect(truth('IpAddress', ['2001:db8::/32'], '2001:db8::1')).toBe('true');
    expect(truth('IpAddress', ['0.0.0.0/0'], '::1')).toBe('false');
    expect(truth('IpAddress', ['::/0'], '10.0.0.1')).toBe('false');
    expect(truth('NotIpAddress', ['10.0.0.0/8'], '11.0.0.1')).toBe('true');
    expect(truth('NotIpAddress', ['10.0.0.0/8'], '10.0.0.1')).toBe('false');
  });

  test('unreadable addresses are indeterminate, negated or not', () => {
    expect(truth('IpAddress', ['10.0.0.0/8'], 'not-an-ip')).toBe('indeterminate');
    expect(truth('NotIpAddress', ['10.0.0.0/8'], 'not-an-ip')).toBe('indeterminate');
    expect(truth('IpAddress', ['10.0.0.0/8'], '10.0.0.0/8')).toBe('indeterminate');
  });
});

describe('reasons', () => {
  test('false and indeterminate outcomes say why', () => {
    expect(evaluateClause(clause('StringEquals', ['a']), undefined).reason).toBe(
      'the request has no value for my:Key',
    );
    expect(evaluateClause(clause('StringEquals', ['a', 'b']), 'c').reason).toContain('none of "a", "b"');
    expect(evaluateClause(clause('StringNotEquals', ['a', 'b']), 'b').reason).toContain('matches "b"');
    expect(evaluateClause(clause('StringEquals', ['a']), 'a').reason).toBe('');
  });
});
