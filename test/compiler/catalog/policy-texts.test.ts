import { describe, expect, it } from 'vitest';
import { actionPatternMatchesAny, findAction } from '../../../compiler/catalog/actions.js';
import { lookupConditionKey } from '../../../compiler/catalog/condition-keys.js';
import {
  findServiceLinkedRoleByName,
  findServiceLinkedRoleByService,
  SERVICE_LINKED_ROLES,
} from '../../../compiler/catalog/service-linked-roles.js';
import { SYSTEM_POLICIES } from '../../../compiler/catalog/system-policies.js';
import { CONDITION_OPERATORS } from '../../../compiler/policy/ast.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const list = (value: string | string[]) => (typeof value === 'string' ? [value] : value);
const isStringList = (value: Json | undefined) =>
  typeof value === 'string' ||
  (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'));

/** Checks a permission policy against semantics §2 (as far as JSON.parse lets us) and returns its statements. */
function validStatements(text: string): Statement[] {
  const doc = JSON.parse(text) as Json;
  expect(text).toBe(JSON.stringify(doc, null, 2));
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error('not an object');
  expect(Object.keys(doc).sort()).toEqual(['Statement', 'Version']);
  expect(doc.Version).toBe('1');
  const statements = doc.Statement;
  if (!Array.isArray(statements) || statements.length === 0)
    throw new Error('Statement must be a non-empty array');
  for (const s of statements) {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) throw new Error('statement not an object');
    expect(Object.keys(s).every((k) => ['Effect', 'Action', 'Resource', 'Condition'].includes(k))).toBe(true);
    expect(['Allow', 'Deny']).toContain(s.Effect);
    expect(isStringList(s.Action)).toBe(true);
    expect(isStringList(s.Resource)).toBe(true);
    const condition = s.Condition;
    if (condition === undefined) continue;
    if (typeof condition !== 'object' || condition === null || Array.isArray(condition))
      throw new Error('Condition');
    for (const [operator, keys] of Object.entries(condition)) {
      expect(CONDITION_OPERATORS).toContain(operator);
      if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) throw new Error('Condition keys');
      for (const [key, values] of Object.entries(keys)) {
        expect(lookupConditionKey(key)?.canonical).toBe(key);
        expect(isStringList(values)).toBe(true);
      }
    }
  }
  return statements as unknown as Statement[];
}

function expectKnownActions(statements: Statement[]) {
  for (const pattern of statements.flatMap((s) => list(s.Action))) {
    expect(pattern).toMatch(/^[a-z-]+:[A-Za-z*?]+$/);
    if (!pattern.startsWith('kms:')) continue;
    expect(actionPatternMatchesAny(pattern), pattern).toBe(true);
    if (!/[*?]/.test(pattern)) expect(findAction(pattern)?.fullName, pattern).toBe(pattern);
  }
}

describe('system policies', () => {
  it('are the seven of semantics §8.3', () => {
    expect([...SYSTEM_POLICIES.keys()].sort()).toEqual([
      'AliyunKMSCryptoAdminAccess',
      'AliyunKMSCryptoUserAccess',
      'AliyunKMSFullAccess',
      'AliyunKMSReadOnlyAccess',
      'AliyunKMSSecretAdminAccess',
      'AliyunKMSSecretUserAccess',
      'AliyunSTSAssumeRoleAccess',
    ]);
  });

  it.each([...SYSTEM_POLICIES])('%s is a valid, pretty-printed policy of catalogued actions', (_, text) => {
    expectKnownActions(validStatements(text));
    expect(text.split('\n')[1]).toBe('  "Version": "1",');
  });

  const statementsOf = (name: string) => validStatements(SYSTEM_POLICIES.get(name) ?? '');

  it('AliyunKMSFullAccess allows kms:* and creating the two KMS SLRs', () => {
    const [all, slr] = statementsOf('AliyunKMSFullAccess');
    expect(all).toEqual({ Effect: 'Allow', Action: 'kms:*', Resource: '*' });
    expect(slr?.Action).toBe('ram:CreateServiceLinkedRole');
    expect(slr?.Condition?.StringEquals?.['ram:ServiceName']).toEqual([
      'secretsmanager-rds.kms.aliyuncs.com',
      'keystore.kms.aliyuncs.com',
    ]);
  });

  it('the other policies grant what §8.3 lists', () => {
    expect(list(statementsOf('AliyunKMSReadOnlyAccess')[0]?.Action ?? [])).toEqual([
      'kms:List*',
      'kms:Describe*',
      'kms:GetPublicKey',
      'kms:GetKeyPolicy',
      'kms:GetSecretPolicy',
      'kms:GetKmsInstance',
      'kms:GetDefaultKmsInstance',
      'kms:GetKmsInstanceQuotaInfos',
    ]);
    expect(statementsOf('AliyunKMSCryptoAdminAccess')).toEqual([
      { Effect: 'Allow', Action: 'kms:*', Resource: ['acs:kms:*:*:key*', 'acs:kms:*:*:alias*'] },
    ]);
    expect(list(statementsOf('AliyunKMSCryptoUserAccess')[0]?.Action ?? [])).toHaveLength(11);
    expect(statementsOf('AliyunKMSSecretUserAccess')[0]?.Action).toEqual([
      'kms:GetSecretValue',
      'kms:DescribeSecret',
      'kms:ListSecretVersionIds',
    ]);
    expect(statementsOf('AliyunKMSSecretAdminAccess')).toEqual([
      { Effect: 'Allow', Action: 'kms:*', Resource: 'acs:kms:*:*:secret*' },
      { Effect: 'Allow', Action: 'kms:GetRandomPassword', Resource: '*' },
    ]);
    expect(statementsOf('AliyunSTSAssumeRoleAccess')).toEqual([
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' },
    ]);
  });
});

describe('service-linked roles', () => {
  it('are the five of semantics §8.4', () => {
    expect(SERVICE_LINKED_ROLES.map((r) => [r.roleName, r.service, r.policyName])).toEqual([
      [
        'AliyunServiceRoleForKMSKeyStore',
        'keystore.kms.aliyuncs.com',
        'AliyunServiceRolePolicyForKMSKeyStore',
      ],
      [
        'AliyunServiceRoleForKMSSecretsManagerForRDS',
        'secretsmanager-rds.kms.aliyuncs.com',
        'AliyunServiceRolePolicyForKMSSecretsManagerForRDS',
      ],
      [
        'AliyunServiceRoleForKMSSecretsManagerForECS',
        'secretsmanager-ecs.kms.aliyuncs.com',
        'AliyunServiceRolePolicyForKMSSecretsManagerForECS',
      ],
      [
        'AliyunServiceRoleForKMSSecretsManagerForPolarDB',
        'secretsmanager-polardb.kms.aliyuncs.com',
        'AliyunServiceRolePolicyForKMSSecretsManagerForPolarDB',
      ],
      [
        'AliyunServiceRoleForKMSSecretsManagerForRedis',
        'secretsmanager-redis.kms.aliyuncs.com',
        'AliyunServiceRolePolicyForKMSSecretsManagerForRedis',
      ],
    ]);
  });

  it.each(SERVICE_LINKED_ROLES.map((r) => [r.roleName, r] as const))(
    '%s has a valid policy that lets its service delete the role',
    (_, role) => {
      const statements = validStatements(role.policyText);
      expectKnownActions(statements);
      expect(statements.length).toBeGreaterThan(1);
      expect(statements.at(-1)).toEqual({
        Effect: 'Allow',
        Action: 'ram:DeleteServiceLinkedRole',
        Resource: '*',
        Condition: { StringEquals: { 'ram:ServiceName': role.service } },
      });
    },
  );

  it('the ECS role reaches only ECS-rotation secrets and keys', () => {
    const role = findServiceLinkedRoleByService('secretsmanager-ecs.kms.aliyuncs.com');
    const statements = validStatements(role?.policyText ?? '');
    expect(statements[1]?.Resource).toBe('acs:kms:*:*:secret/acs/ecs/*');
    expect(statements[2]).toEqual({
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: 'acs:kms:*:*:key/*',
    });
  });

  it('are found by role name and by service, case-insensitively', () => {
    expect(findServiceLinkedRoleByName('aliyunserviceroleforkmskeystore')?.roleName).toBe(
      'AliyunServiceRoleForKMSKeyStore',
    );
    expect(findServiceLinkedRoleByService('SecretsManager-RDS.kms.aliyuncs.com')?.roleName).toBe(
      'AliyunServiceRoleForKMSSecretsManagerForRDS',
    );
    expect(findServiceLinkedRoleByName('AliyunServiceRoleForECS')).toBeUndefined();
    expect(findServiceLinkedRoleByService('kms.aliyuncs.com')).toBeUndefined();
    expect(findServiceLinkedRoleByName('')).toBeUndefined();
  });
});
