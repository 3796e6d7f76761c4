import { describe, expect, it } from 'vitest';
import { SERVICE_LINKED_ROLES } from '../../../compiler/catalog/service-linked-roles.js';
import { SYSTEM_POLICIES } from '../../../compiler/catalog/system-policies.js';
import {
  isServiceLinkedRolePolicyName,
  reservedPolicyName,
  serviceLinkedRolePolicy,
  systemPolicy,
} from '../../../compiler/model/builtin-policies.js';

describe('built-in policies', () => {
  it.each([...SYSTEM_POLICIES.keys()])('system policy %s is valid', (name) => {
    const policy = systemPolicy(name);
    expect(policy).toMatchObject({ name, type: 'System', version: 'v1' });
    expect(policy?.document.kind).toBe('permission');
    expect(policy?.document.statements.length).toBeGreaterThan(0);
    expect(policy?.document.span.file).toBe(`<system:${name}>`);
  });

  it.each(SERVICE_LINKED_ROLES.map((r) => [r.roleName, r.policyName]))(
    'service-linked role %s has its valid policy %s',
    (roleName, policyName) => {
      const policy = serviceLinkedRolePolicy(roleName);
      expect(policy).toMatchObject({ name: policyName, type: 'System', version: 'v1' });
      expect(policy?.document.span.file).toBe(`<system:${policyName}>`);
      expect(isServiceLinkedRolePolicyName(policyName)).toBe(true);
    },
  );

  it('follows the catalog: AliyunKMSFullAccess allows kms:* on *', () => {
    const first = systemPolicy('AliyunKMSFullAccess')?.document.statements[0];
    expect(first?.effect).toBe('Allow');
    expect(first?.action.patterns.map((p) => p.value)).toEqual(['kms:*']);
    expect(first?.resource?.patterns.map((p) => p.value)).toEqual(['*']);
  });

  it('parses each text once', () => {
    expect(systemPolicy('AliyunKMSReadOnlyAccess')).toBe(systemPolicy('AliyunKMSReadOnlyAccess'));
    expect(serviceLinkedRolePolicy('AliyunServiceRoleForKMSKeyStore')).toBe(
      serviceLinkedRolePolicy('AliyunServiceRoleForKMSKeyStore'),
    );
  });

  it('knows nothing else', () => {
    expect(systemPolicy('AliyunECSFullAccess')).toBeUndefined();
    expect(systemPolicy('aliyunkmsfullaccess')).toBeUndefined();
    expect(serviceLinkedRolePolicy('app-role')).toBeUndefined();
    expect(isServiceLinkedRolePolicyName('AliyunKMSFullAccess')).toBe(false);
  });

  it('reserves system and service-linked role policy names in any case', () => {
    expect(reservedPolicyName('ALIYUNKMSFULLACCESS')).toBe('AliyunKMSFullAccess');
    expect(reservedPolicyName('aliyunservicerolepolicyforkmskeystore')).toBe(
      'AliyunServiceRolePolicyForKMSKeyStore',
    );
    expect(reservedPolicyName('KmsAdmin')).toBeUndefined();
  });
});
