import { describe, expect, it } from 'vitest';
import type { Ir } from '../../../compiler/ir/ir.js';
import { canonicalizePatterns } from '../../../compiler/passes/canonicalize-patterns.js';
import { fold, neverMatches } from '../../../compiler/passes/fold.js';
import { parseConstants } from '../../../compiler/passes/parse-constants.js';
import { irOf, type StatementSpec, snapshot, text } from './fixtures.js';

function folded(specs: StatementSpec[]): Ir {
  return fold(parseConstants(canonicalizePatterns(irOf(specs))));
}

/** Each statement by its first action pattern. */
function names(ir: Ir): string[] {
  return ir.statements.map((s) => text(ir, s.actions.patterns[0] ?? -1));
}

describe('fold', () => {
  it('keeps every statement, also those that can never match, under its id', () => {
    const ir = folded([
      { actions: ['kms:a'] },
      { actions: ['*'], notAction: true },
      { actions: ['kms:b'], resources: ['*', 'acs:kms:*'], notResource: true, effect: 'Deny' },
    ]);
    expect(names(ir)).toEqual(['kms:a', '*', 'kms:b']);
    expect(ir.principals[0]?.attached[0]?.statements).toEqual([0, 1, 2]);
  });

  it('tells the statements that can never match (neverMatches)', () => {
    const ir = irOf([
      { actions: ['kms:a'] },
      { actions: ['*'], notAction: true },
      { actions: ['kms:b'], resources: ['acs:kms:*', '**'], notResource: true },
      { actions: ['kms:c'], resources: ['acs:kms:*'], notResource: true },
      { actions: ['kms:*'], notAction: true },
      { actions: ['*'], resources: ['*'] },
    ]);
    expect(ir.statements.map((s) => neverMatches(ir, s))).toEqual([false, true, true, false, false, false]);
  });

  it('removes repeated conditions, comparing parsed values as sets', () => {
    const ir = folded([
      {
        actions: ['kms:a'],
        conditions: [
          { operator: 'NumericLessThan', key: 'k', values: ['10', '1'] },
          { operator: 'NumericLessThan', key: 'k', values: ['1.0', '1e1', '10'] },
          { operator: 'NumericLessThan', key: 'j', values: ['10', '1'] },
          { operator: 'NumericLessThanEquals', key: 'k', values: ['10', '1'] },
          { operator: 'StringEqualsIgnoreCase', key: 'k', values: ['A'] },
          { operator: 'StringEqualsIgnoreCase', key: 'k', values: ['a'] },
          { operator: 'StringEquals', key: 'k', values: ['A'] },
          { operator: 'StringEquals', key: 'k', values: ['a'] },
        ],
      },
    ]);
    expect(
      ir.statements[0]?.conditions.map((c) => [
        c.operator,
        text(ir, c.key),
        c.values.map((v) => text(ir, v)),
      ]),
    ).toEqual([
      ['NumericLessThan', 'k', ['10', '1']],
      ['NumericLessThan', 'j', ['10', '1']],
      ['NumericLessThanEquals', 'k', ['10', '1']],
      ['StringEqualsIgnoreCase', 'k', ['A']],
      ['StringEquals', 'k', ['A']],
      ['StringEquals', 'k', ['a']],
    ]);
  });

  it('changes nothing else and does not touch its input', () => {
    const ir = parseConstants(
      irOf([{ actions: ['kms:a'], conditions: [{ operator: 'Bool', key: 'k', values: ['true'] }] }]),
    );
    const before = snapshot(ir);
    const out = fold(ir);
    expect(ir).toEqual(before);
    expect(out).toEqual(ir);
  });
});
