import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../compiler/catalog/actions.js';
import type { Ir } from '../../../compiler/ir/ir.js';
import { buildSets } from '../../../compiler/passes/build-sets.js';
import { indexActions } from '../../../compiler/passes/index-actions.js';
import { irOf, type StatementSpec, snapshot, text } from './fixtures.js';

function indexed(specs: StatementSpec[]): Ir {
  return indexActions(buildSets(irOf(specs)));
}

/** Whole-string glob as a regex, the oracle: `*` any run, `?` one code unit. */
function oracle(pattern: string): RegExp {
  const body = [...pattern]
    .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

/** Brute force: the statements of set 0 whose action list matches `action`. */
function bruteForce(specs: readonly StatementSpec[]): (action: string) => number[] {
  const compiled = specs.map((s) => ({ regexes: s.actions.map(oracle), negated: s.notAction ?? false }));
  return (action) =>
    compiled.flatMap((s, i) => (s.regexes.some((r) => r.test(action)) !== s.negated ? [i] : []));
}

/** Candidates of set 0 for each known action name. */
function candidates(ir: Ir): Map<string, number[]> {
  const index = ir.sets[0]?.index;
  if (index == null) throw new Error('set 0 is not indexed');
  return new Map(index.byAction.map((c) => [text(ir, ir.actions[c.action] ?? -1), c.statements]));
}

const CATALOG = ACTIONS.map((a) => a.fullName.toLowerCase());

describe('index-actions', () => {
  it('knows every catalogued action and every literal action pattern, sorted and unique', () => {
    const ir = indexed([
      { actions: ['oss:getobject', 'kms:decrypt'] },
      { actions: ['ecs:zzz', 'kms:list*'], notAction: true },
    ]);
    const names = ir.actions.map((a) => text(ir, a));
    expect(names).toEqual([...new Set([...CATALOG, 'oss:getobject', 'ecs:zzz'])].sort());
    expect(names.some((n) => /[*?]/.test(n))).toBe(false);
  });

  it('lists, for each known action, the statements that can match it', () => {
    const ir = indexed([
      { actions: ['kms:decrypt'] },
      { actions: ['kms:list*'] },
      { actions: ['kms:*'], notAction: true },
      { actions: ['*'], effect: 'Deny' },
      { actions: ['kms:decrypt', 'kms:encrypt'], notAction: true },
    ]);
    const byName = candidates(ir);
    expect(byName.get('kms:decrypt')).toEqual([0, 3]);
    expect(byName.get('kms:encrypt')).toEqual([3]);
    expect(byName.get('kms:listkeys')).toEqual([1, 3, 4]);
    expect(byName.get('sts:assumerole')).toEqual([2, 3, 4]);
    expect(ir.sets[0]?.index?.other).toEqual([1, 2, 3, 4]);
    const actions = ir.sets[0]?.index?.byAction.map((c) => c.action) ?? [];
    expect(actions).toEqual([...actions].sort((a, b) => a - b));
    expect(actions).toHaveLength(ir.actions.length);
  });

  it('leaves out actions without candidates and has an empty index for an empty set', () => {
    const ir = indexActions(buildSets(irOf([])));
    expect(ir.sets).toEqual([{ statements: [], index: { byAction: [], other: [] } }]);
    expect(candidates(indexed([{ actions: ['kms:decrypt'] }])).size).toBe(1);
  });

  it('keeps statements that can never match in the set, and in no candidate list', () => {
    const ir = indexed([
      { actions: ['kms:decrypt'] },
      { actions: ['*'], notAction: true },
      { actions: ['kms:decrypt'], resources: ['**'], notResource: true, effect: 'Deny' },
      { actions: ['kms:*'], notAction: true },
    ]);
    expect(ir.sets[0]?.statements).toEqual([0, 1, 2, 3]);
    const lists = candidates(ir);
    expect(lists.get('kms:decrypt')).toEqual([0]);
    expect(lists.get('oss:getobject') ?? lists.get('sts:assumerole')).toEqual([3]);
    expect(ir.sets[0]?.index?.other).toEqual([3]);
  });

  it('shares identical candidate lists', () => {
    const ir = indexed([{ actions: ['kms:*'] }]);
    const lists = ir.sets[0]?.index?.byAction.map((c) => c.statements) ?? [];
    expect(lists.length).toBeGreaterThan(10);
    expect(new Set(lists).size).toBe(1);
  });

  it('does not touch its input', () => {
    const ir = buildSets(irOf([{ actions: ['kms:*'] }]));
    const before = snapshot(ir);
    indexActions(ir);
    expect(ir).toEqual(before);
  });

  it('equals a brute-force filter for random names and patterns', () => {
    const char = fc.constantFrom('a', 'b', 'k', ':', '-');
    const name = fc.string({ unit: char, minLength: 0, maxLength: 6 });
    const pattern = fc.string({
      unit: fc.oneof(char, fc.constantFrom('*', '?')),
      minLength: 0,
      maxLength: 7,
    });
    const statement = fc.record({
      actions: fc.array(fc.oneof(pattern, name, fc.constantFrom('kms:list*', 'kms:*', '*', 'kms:decrypt')), {
        minLength: 1,
        maxLength: 3,
      }),
      notAction: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(statement, { maxLength: 8 }),
        fc.array(name, { maxLength: 6 }),
        (specs, requests) => {
          const ir = indexed(specs);
          const known = ir.actions.map((a) => text(ir, a));
          const matching = bruteForce(specs);
          const expected = new Map(
            known.map((a): [string, number[]] => [a, matching(a)]).filter(([, l]) => l.length > 0),
          );
          expect(candidates(ir)).toEqual(expected);
          const other = ir.sets[0]?.index?.other ?? [];
          expect(other).toEqual(
            specs.flatMap((s, i) => {
              const never = s.notAction && s.actions.some((p) => /^\*+$/.test(p));
              return !never && (s.notAction || s.actions.some((p) => /[*?]/.test(p))) ? [i] : [];
            }),
          );
          for (const action of requests.filter((r) => !known.includes(r))) {
            expect(matching(action).filter((i) => !other.includes(i))).toEqual([]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
