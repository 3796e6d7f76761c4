import { describe, expect, it } from 'vitest';
import type { Ir, IrConstants } from '../../../compiler/ir/ir.js';
import { LOOKUP_THRESHOLD, parseConstants } from '../../../compiler/passes/parse-constants.js';
import type { ConditionOperator } from '../../../compiler/policy/ast.js';
import { irOf, snapshot, text } from './fixtures.js';

function constantsOf(
  operator: ConditionOperator,
  values: string[],
): { ir: Ir; constants: IrConstants | null } {
  const ir = parseConstants(
    irOf([{ actions: ['kms:decrypt'], conditions: [{ operator, key: 'k', values }] }]),
  );
  return { ir, constants: ir.statements[0]?.conditions[0]?.constants ?? null };
}

function strings(operator: ConditionOperator, values: string[]): { values: string[]; lookup: boolean } {
  const { ir, constants } = constantsOf(operator, values);
  if (constants?.kind !== 'string') throw new Error(`expected string constants, got ${constants?.kind}`);
  return { values: constants.values.map((v) => text(ir, v)), lookup: constants.lookup };
}

describe('parse-constants', () => {
  it('keeps string values, lower-cases IgnoreCase ones with toLowerCase', () => {
    expect(strings('StringEquals', ['Prod', 'prod'])).toEqual({ values: ['Prod', 'prod'], lookup: false });
    expect(strings('StringNotEqualsIgnoreCase', ['Prod', 'PROD', 'ÄÖ', 'İ'])).toEqual({
      values: ['prod', 'äö', 'İ'.toLowerCase()],
      lookup: false,
    });
    expect(strings('StringLike', ['vpc-*', 'VPC-?'])).toEqual({ values: ['vpc-*', 'VPC-?'], lookup: false });
  });

  it(`marks string-equality sets of ${LOOKUP_THRESHOLD} or more distinct values for lookup`, () => {
    const many = Array.from({ length: LOOKUP_THRESHOLD }, (_, i) => `v${i}`);
    const fewer = many.slice(1);
    for (const op of ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase'] as const) {
      expect(strings(op, many).lookup).toBe(true);
      expect(strings(op, fewer).lookup).toBe(false);
      // Repeats do not count.
      expect(strings(op, [...fewer, 'v1']).lookup).toBe(false);
    }
    expect(strings('StringLike', many).lookup).toBe(false);
    expect(strings('StringNotLike', many).lookup).toBe(false);
  });

  it('parses numbers, dates (epoch ms) and booleans', () => {
    expect(constantsOf('NumericLessThan', ['10', '-2.5', '1e3', '10.0']).constants).toEqual({
      kind: 'number',
      values: [10, -2.5, 1000],
    });
    expect(
      constantsOf('DateGreaterThan', [
        '2026-01-01T00:00:00Z',
        '2026-01-01T08:00:00+08:00',
        '1970-01-01T00:00:00.5Z',
      ]).constants,
    ).toEqual({ kind: 'number', values: [Date.UTC(2026, 0, 1), 500] });
    expect(constantsOf('Bool', ['TRUE', 'false', 'True']).constants).toEqual({
      kind: 'bool',
      values: [true, false],
    });
  });

  it('parses IP blocks with host bits cleared, IPv4 and IPv6', () => {
    expect(
      constantsOf('NotIpAddress', ['10.1.2.3/8', '10.0.0.0/8', '192.168.0.1', '2001:db8::1/32']).constants,
    ).toEqual({
      kind: 'ip',
      blocks: [
        { family: 4, words: [0x0a000000, 0, 0, 0], prefix: 8 },
        { family: 4, words: [0xc0a80001, 0, 0, 0], prefix: 32 },
        { family: 6, words: [0x20010db8, 0, 0, 0], prefix: 32 },
      ],
    });
  });

  it('leaves out a value that does not parse: it matches nothing', () => {
    expect(constantsOf('NumericEquals', ['1', 'one']).constants).toEqual({ kind: 'number', values: [1] });
    expect(constantsOf('IpAddress', ['not-an-ip']).constants).toEqual({ kind: 'ip', blocks: [] });
    expect(constantsOf('DateEquals', ['yesterday']).constants).toEqual({ kind: 'number', values: [] });
  });

  it('keeps the values as written and does not touch its input', () => {
    const ir = irOf([
      {
        actions: ['kms:decrypt'],
        conditions: [{ operator: 'StringEqualsIgnoreCase', key: 'k', values: ['A', 'a'] }],
      },
      { actions: ['kms:encrypt'] },
    ]);
    const before = snapshot(ir);
    const out = parseConstants(ir);
    expect(ir).toEqual(before);
    expect(out.statements[0]?.conditions[0]?.values.map((v) => text(out, v))).toEqual(['A', 'a']);
    expect(out.statements[1]).toBe(ir.statements[1]);
  });
});
