import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { policiesFor } from '../../../compiler/model/attached-policies.js';
import { loadModel, loadModelFromObject } from '../../../compiler/model/load-model.js';
import type { AccountModel } from '../../../compiler/model/types.js';

const path = fileURLToPath(new URL('../../fixtures/models/valid/model.json', import.meta.url));

function load(): AccountModel {
  const { model, diagnostics } = loadModel(path);
  if (model === null) throw new Error(`fixture does not load: ${JSON.stringify(diagnostics)}`);
  return model;
}

/** `name@version:scope (type)` for each policy, in order. */
function summary(model: AccountModel, kind: 'user' | 'role', name: string): string[] {
  return policiesFor(model, { kind, name }).map(
    ({ policy, scope }) => `${policy.name}@${policy.version}:${scope} (${policy.type})`,
  );
}

describe('policiesFor', () => {
  const model = load();

  it('gives a user its own attachments in model order, then those of its groups', () => {
    expect(summary(model, 'user', 'alice')).toEqual([
      'AliyunKMSReadOnlyAccess@v1:rg-aek2examplegroup (System)',
      'AliyunSTSAssumeRoleAccess@v1:account (System)',
      'DenyOutsideOffice@v1:account (Custom)',
      'KmsProjectCrypto@v1:account (Custom)',
    ]);
  });

  it('follows the order in which the user lists its groups', () => {
    expect(summary(model, 'user', 'bob')).toEqual([
      'KmsAdmin@v2:account (Custom)',
      'KmsProjectCrypto@v1:account (Custom)',
    ]);
  });

  it('resolves a versioned custom policy to its default version', () => {
    const [admin] = policiesFor(model, { kind: 'user', name: 'bob' });
    expect(admin?.policy.version).toBe('v2');
    expect(admin?.policy.document).toBe(model.policies.get('KmsAdmin')?.versions[1]?.document);
    expect(admin?.policy.document.statements.map((s) => s.effect)).toEqual(['Allow', 'Deny']);
  });

  it("gives a role its attachments, and a service-linked role the catalog's policy at account scope", () => {
    expect(summary(model, 'role', 'app-role')).toEqual([
      'KmsAdmin@v2:rg-aek2examplegroup (Custom)',
      'AliyunKMSCryptoUserAccess@v1:account (System)',
    ]);
    expect(summary(model, 'role', 'ecs.reader')).toEqual([]);
    expect(summary(model, 'role', 'AliyunServiceRoleForKMSKeyStore')).toEqual([
      'AliyunServiceRolePolicyForKMSKeyStore@v1:account (System)',
    ]);
  });

  it('gives unknown identities nothing, and does not confuse kinds', () => {
    expect(policiesFor(model, { kind: 'user', name: 'mallory' })).toEqual([]);
    expect(policiesFor(model, { kind: 'role', name: 'alice' })).toEqual([]);
    expect(policiesFor(model, { kind: 'user', name: 'crypto-users' })).toEqual([]);
  });

  it('answers the same for the same model every time', () => {
    expect(policiesFor(model, { kind: 'user', name: 'alice' })).toEqual(
      policiesFor(model, { kind: 'user', name: 'alice' }),
    );
  });

  it('keeps a group attachment at each of its scopes', () => {
    const doc = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'kms:List*', Resource: '*' }] };
    const { model: scoped } = loadModelFromObject({
      account: '1',
      policies: [{ name: 'P', document: doc }],
      groups: [{ name: 'g' }],
      users: [{ name: 'u', groups: ['g'] }],
      attachments: [
        { policy: 'P', to: 'group/g', resourceGroup: 'rg-b' },
        { policy: 'P', to: 'group/g' },
      ],
    });
    expect(scoped).not.toBeNull();
    if (scoped !== null)
      expect(summary(scoped, 'user', 'u')).toEqual(['P@v1:rg-b (Custom)', 'P@v1:account (Custom)']);
  });
});
