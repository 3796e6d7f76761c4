import { describe, expect, it } from 'vitest';
import { compileToIr, STAGE_NAMES } from '../../../compiler/compile-ir.js';
import type { Ir } from '../../../compiler/ir/ir.js';
import { PASSES } from '../../../compiler/passes/index.js';
import { Glob } from '../../../runtime/match/glob.js';
import { modelOf, text } from '../passes/fixtures.js';
import { generatedModel } from './generated-model.js';

const SMALL = generatedModel(20);

/** Checks every set's index against a plain scan of its statements with the runtime's matcher. */
function expectIndexesMatchScan(ir: Ir): void {
  const names = ir.actions.map((a) => text(ir, a));
  for (const set of ir.sets) {
    const index = set.index;
    if (index === null) throw new Error('set without an index');
    const byAction = new Map(index.byAction.map((c) => [c.action, c.statements]));
    names.forEach((name, action) => {
      const expected = set.statements.filter((id) => {
        const list = ir.statements[id]?.actions;
        if (list === undefined) return false;
        return list.patterns.some((p) => new Glob(text(ir, p)).matches(name)) !== list.negated;
      });
      expect(byAction.get(action) ?? []).toEqual(expected);
    });
  }
}

describe('compileToIr', () => {
  it('runs lowering and every pass, in order, and reports the time of each', () => {
    const timings: { pass: string; ms: number }[] = [];
    compileToIr(modelOf(SMALL), { timings });
    expect(timings.map((t) => t.pass)).toEqual(['lower', ...PASSES.map((p) => p.name)]);
    expect(STAGE_NAMES).toEqual(timings.map((t) => t.pass));
    expect(timings.every((t) => t.ms >= 0)).toBe(true);
  });

  it('dumps the IR after one stage or after all of them', () => {
    const dumps: [string, string][] = [];
    const ir = compileToIr(modelOf(SMALL), { dumpAfter: 'all', onDump: (pass, t) => dumps.push([pass, t]) });
    expect(dumps.map(([pass]) => pass)).toEqual(STAGE_NAMES);
    expect(dumps[0]?.[1]).not.toContain('\nsets\n');
    expect(dumps.at(-1)?.[1]).toMatch(/\nsets\n[\s\S]*\nactions \d+\n/);

    const one: string[] = [];
    compileToIr(modelOf(SMALL), { dumpAfter: 'fold', onDump: (pass) => one.push(pass) });
    expect(one).toEqual(['fold']);
    const none: string[] = [];
    compileToIr(modelOf(SMALL), { dumpAfter: 'no-such-pass', onDump: (pass) => none.push(pass) });
    expect(none).toEqual([]);
    expect(ir.sets.length).toBeGreaterThan(0);
  });

  it('compiles a model without identities', () => {
    const ir = compileToIr(modelOf({ account: '1234567890123456' }));
    expect(ir.sets).toEqual([]);
    expect(ir.principals).toEqual([]);
    expect(ir.actions.length).toBeGreaterThan(0);
  });

  it('compiles a 1,000-statement model correctly', () => {
    const model = modelOf(generatedModel(1000));
    const ir = compileToIr(model);
    const custom = ir.policies.filter((p) => p.type === 'Custom');
    expect(custom).toHaveLength(100);
    // Every custom statement survives except those fold proves dead (none are in this model).
    expect(ir.statements.filter((s) => ir.policies[s.policy]?.type === 'Custom')).toHaveLength(1000);
    expect(ir.statements.every((s) => s.conditions.every((c) => c.constants !== null))).toBe(true);
    // Ten users share one group: their account sets are one set unless a user has its own policy.
    expect(ir.principals.filter((p) => p.kind === 'user')).toHaveLength(100);
    expect(ir.sets.length).toBeLessThan(ir.principals.length);
    for (const p of ir.principals) {
      const expected = [
        ...new Set(p.attached.filter((a) => text(ir, a.scope) === 'account').flatMap((a) => a.statements)),
      ];
      expect(ir.sets[p.accountSet]?.statements).toEqual(expected.sort((a, b) => a - b));
    }
    expectIndexesMatchScan(ir);
  });
});
