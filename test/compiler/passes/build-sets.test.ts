import { describe, expect, it } from 'vitest';
import type { Ir } from '../../../compiler/ir/ir.js';
import { buildSets } from '../../../compiler/passes/build-sets.js';
import { doc, loweredOf, snapshot, text } from './fixtures.js';

const ALLOW = (action: string) => doc({ Effect: 'Allow', Action: action, Resource: '*' });

const MODEL = {
  account: '1234567890123456',
  policies: [
    { name: 'Shared', document: ALLOW('kms:Decrypt') },
    { name: 'Own', document: ALLOW('kms:Encrypt') },
    { name: 'InGroup', document: ALLOW('kms:ListKeys') },
  ],
  groups: [{ name: 'devs' }],
  users: [{ name: 'alice', groups: ['devs'] }, { name: 'bob', groups: ['devs'] }, { name: 'carol' }],
  roles: [
    {
      name: 'app',
      trustPolicy: doc({
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Service: 'ecs.aliyuncs.com' },
      }),
    },
  ],
  attachments: [
    { policy: 'Shared', to: 'group/devs' },
    { policy: 'Shared', to: 'user/alice' },
    { policy: 'InGroup', to: 'group/devs', resourceGroup: 'rg-z' },
    { policy: 'Own', to: 'user/bob', resourceGroup: 'rg-z' },
    { policy: 'Own', to: 'user/bob', resourceGroup: 'rg-a' },
    { policy: 'Own', to: 'role/app', resourceGroup: 'rg-a' },
  ],
};

/** Each principal's sets as statement lists: [account, [group, statements]...]. */
function setsByPrincipal(ir: Ir): unknown[] {
  return ir.principals.map((p) => [
    text(ir, p.name),
    ir.sets[p.accountSet]?.statements,
    ...p.resourceGroupSets.map((g) => [text(ir, g.resourceGroup), ir.sets[g.set]?.statements]),
  ]);
}

describe('build-sets', () => {
  it('builds an account set and one set per resource group, deduplicating statements', () => {
    const ir = buildSets(loweredOf(MODEL));
    const [shared, own, inGroup] = ['Shared', 'Own', 'InGroup'].map((name) =>
      ir.statements.findIndex((s) => text(ir, ir.policies[s.policy]?.name ?? -1) === name),
    );
    expect(setsByPrincipal(ir)).toEqual([
      ['alice', [shared], ['rg-z', [inGroup]]],
      // Resource groups are sorted by id; a group's set holds the user's and the groups' statements.
      ['bob', [shared], ['rg-a', [own]], ['rg-z', [inGroup, own].sort((a, b) => (a ?? 0) - (b ?? 0))]],
      ['carol', []],
      ['app', [], ['rg-a', [own]]],
    ]);
  });

  it('stores identical sets once', () => {
    const ir = buildSets(loweredOf(MODEL));
    const [alice, bob, carol, app] = ir.principals;
    expect(alice?.accountSet).toBe(bob?.accountSet);
    expect(carol?.accountSet).toBe(app?.accountSet);
    expect(bob?.resourceGroupSets[0]?.set).toBe(app?.resourceGroupSets[0]?.set);
    expect(ir.sets).toHaveLength(5);
    expect(new Set(ir.sets.map((s) => s.statements.join()))).toHaveProperty('size', 5);
    expect(ir.sets.every((s) => s.index === null)).toBe(true);
  });

  it('keeps no set for a resource group without statements', () => {
    const ir = loweredOf(MODEL);
    const bob = ir.principals[1];
    if (bob === undefined) throw new Error('bob exists');
    bob.attached = bob.attached.map((a) => (text(ir, a.scope) === 'rg-a' ? { ...a, statements: [] } : a));
    expect(buildSets(ir).principals[1]?.resourceGroupSets.map((g) => text(ir, g.resourceGroup))).toEqual([
      'rg-z',
    ]);
  });

  it('does not touch its input', () => {
    const ir = loweredOf(MODEL);
    const before = snapshot(ir);
    buildSets(ir);
    expect(ir).toEqual(before);
  });
});
