import { describe, expect, it } from 'vitest';
import type { Ir } from '../../../compiler/ir/ir.js';
import { canonicalizePatterns } from '../../../compiler/passes/canonicalize-patterns.js';
import { fold } from '../../../compiler/passes/fold.js';
import { parseConstants } from '../../../compiler/passes/parse-constants.js';
import { irOf, type StatementSpec, snapshot, text } from './fixtures.js';

function folded(specs: StatementSpec[]): Ir {
  return fold(parseConstants(canonicalizePatterns(irOf(specs))));
}

/** Each remaining statement by its first action pattern. */
function names(ir: Ir): string[] {
  return ir.statements.map((s) => text(ir, s.actions.patterns[0] ?? -1));
}

describe('fold', () => {
  it('drops statements whose NotAction or NotResource excludes everything, and renumbers', () => {
    const ir = folded([
      { actions: ['kms:a'] },
      { actions: ['*'], notAction: true },
      { actions: ['kms:b'], resources: ['*', 'acs:kms:*'], notResource: true, effect: 'Deny' },
      { actions: ['kms:c'], resources: ['acs:kms:*'], notResource: true },
      { actions: ['kms:*'], notAction: true },
    ]);
    expect(names(ir)).toEqual(['kms:a', 'kms:c', 'kms:*']);
    expect(ir.statements.map((s) => s.index)).toEqual([0, 3, 4]);
    expect(ir.principals[0]?.attached[0]?.statements).toEqual([0, 1, 2]);
  });

  it('recognizes `**` without canonicalize-patterns having run', () => {
    const ir = fold(
      irOf([{ actions: ['kms:a'], resources: ['**'], notResource: true }, { actions: ['kms:b'] }]),
    );
    expect(names(ir)).toEqual(['kms:b']);
  });

  it('removes trust statements from the trust list too', () => {
    const ir = irOf([
      { actions: ['kms:a'] },
      { actions: ['*'], notAction: true, resources: [] },
      { actions: ['sts:assumerole'], resources: [] },
    ]);
    const principal = ir.principals[0];
    if (principal === undefined) throw new Error('fixture has a principal');
    principal.attached = [{ scope: principal.attached[0]?.scope ?? -1, statements: [0] }];
    principal.trust = [1, 2];
    const out = fold(ir);
    expect(out.principals[0]?.trust).toEqual([1]);
    expect(names(out)).toEqual(['kms:a', 'sts:assumerole']);
  });

  it('remaps sets and their index when they already exist', () => {
    const ir = irOf([{ actions: ['*'], notAction: true }, { actions: ['kms:a'] }]);
    ir.sets = [
      {
        statements: [0, 1],
        index: {
          byAction: [
            { action: 0, statements: [0, 1] },
            { action: 1, statements: [0] },
          ],
          other: [0],
        },
      },
    ];
    expect(fold(ir).sets).toEqual([
      { statements: [0], index: { byAction: [{ action: 0, statements: [0] }], other: [] } },
    ]);
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
