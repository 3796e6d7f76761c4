import { describe, expect, it } from 'vitest';
import type { Ir } from '../../../compiler/ir/ir.js';
import { canonicalizePatterns } from '../../../compiler/passes/canonicalize-patterns.js';
import { irOf, snapshot, text } from './fixtures.js';

function patterns(ir: Ir): { actions: string[]; resources: string[]; negated: [boolean, boolean] }[] {
  return ir.statements.map((s) => ({
    actions: s.actions.patterns.map((p) => text(ir, p)),
    resources: s.resources.patterns.map((p) => text(ir, p)),
    negated: [s.actions.negated, s.resources.negated],
  }));
}

describe('canonicalize-patterns', () => {
  it('removes repeated patterns, keeping the first occurrence', () => {
    const ir = irOf([
      {
        actions: ['kms:decrypt', 'kms:encrypt', 'kms:decrypt'],
        resources: ['acs:kms:*:*:key/A', 'acs:kms:*:*:key/a'],
      },
    ]);
    expect(patterns(canonicalizePatterns(ir))).toEqual([
      {
        actions: ['kms:decrypt', 'kms:encrypt'],
        // Resources are case-sensitive: these two are different.
        resources: ['acs:kms:*:*:key/A', 'acs:kms:*:*:key/a'],
        negated: [false, false],
      },
    ]);
  });

  it('reduces a list holding a match-everything pattern to `*`, keeping Not', () => {
    const ir = irOf([
      { actions: ['kms:decrypt', '*'], resources: ['acs:kms:*', '**'] },
      { actions: ['***'], notAction: true, resources: ['x', '*'], notResource: true },
    ]);
    expect(patterns(canonicalizePatterns(ir))).toEqual([
      { actions: ['*'], resources: ['*'], negated: [false, false] },
      { actions: ['*'], resources: ['*'], negated: [true, true] },
    ]);
  });

  it('leaves canonical statements as they are and does not touch its input', () => {
    const ir = irOf([{ actions: ['kms:decrypt'], resources: ['*'] }, { actions: ['kms:*', 'kms:list*'] }]);
    const before = snapshot(ir);
    const out = canonicalizePatterns(ir);
    expect(ir).toEqual(before);
    expect(out.statements[0]).toBe(ir.statements[0]);
    expect(out.statements[1]).toBe(ir.statements[1]);
    expect(out.strings).toEqual(ir.strings);
  });

  it('adds `*` to the string table when only `**` was written', () => {
    const ir = irOf([{ actions: ['**'], resources: ['acs:kms:*:*:key/x'] }]);
    expect(ir.strings).not.toContain('*');
    const out = canonicalizePatterns(ir);
    expect(patterns(out)[0]?.actions).toEqual(['*']);
    expect(ir.strings).not.toContain('*');
  });

  it('keeps the empty resource list of trust statements', () => {
    const ir = irOf([{ actions: ['sts:assumerole'], resources: [] }]);
    expect(patterns(canonicalizePatterns(ir))[0]?.resources).toEqual([]);
  });
});
