import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  actionPatternMatchesAny,
  findAction,
  isCataloguedService,
  suggestActions,
} from '../../../compiler/catalog/actions.js';
import { expandOperation, OPERATION_NAMES } from '../../../runtime/operations.js';
import { SPEC_ACTIONS } from '../../fixtures/spec-kms-actions.js';

describe('findAction', () => {
  it.each(SPEC_ACTIONS)('knows kms:%s', (name) => {
    expect(findAction(`kms:${name}`)?.fullName).toBe(`kms:${name}`);
  });

  it('matches the whole name case-insensitively and returns the catalogued spelling', () => {
    expect(findAction('kms:GenerateDatakey')?.fullName).toBe('kms:GenerateDataKey');
    expect(findAction('KMS:DECRYPT')?.name).toBe('Decrypt');
    expect(findAction('STS:assumerole')?.fullName).toBe('sts:AssumeRole');
  });

  it('knows the ram and sts actions KMS uses', () => {
    expect(findAction('ram:CreateServiceLinkedRole')?.conditionKeys).toEqual(['ram:ServiceName']);
    expect(findAction('ram:DeleteServiceLinkedRole')?.resourceTypes).toEqual(['role']);
    expect(findAction('sts:AssumeRole')?.conditionKeys).toEqual(['sts:ExternalId']);
  });

  it('does not know API names that are not actions, or partial names', () => {
    for (const name of [
      'kms:ReEncrypt',
      'kms:BatchGetSecretValue',
      'Decrypt',
      'kms:',
      'kms:Decrypt ',
      'kms:*',
    ]) {
      expect(findAction(name)).toBeUndefined();
    }
  });

  it('gives each action its resource types', () => {
    expect(findAction('kms:ListKeys')?.resourceTypes).toEqual(['key-container']);
    expect(findAction('kms:CreateKey')?.resourceTypes).toEqual(['key-container']);
    expect(findAction('kms:Decrypt')?.resourceTypes).toEqual(['key']);
    expect(findAction('kms:ListAliases')?.resourceTypes).toEqual(['alias-container']);
    expect(findAction('kms:CreateAlias')?.resourceTypes).toEqual(['alias', 'key']);
    expect(findAction('kms:ListSecrets')?.resourceTypes).toEqual(['secret-container']);
    expect(findAction('kms:GetSecretValue')?.resourceTypes).toEqual(['secret']);
    expect(findAction('kms:CreateCertificate')?.resourceTypes).toEqual(['certificate-container']);
    expect(findAction('kms:TagResources')?.resourceTypes).toEqual(['key', 'secret', 'certificate']);
    expect(findAction('kms:GetRandomPassword')?.resourceTypes).toEqual(['all']);
    expect(findAction('kms:CreateApplicationAccessPoint')?.resourceTypes).toEqual(['all']);
  });

  it('gives each KMS action its condition keys', () => {
    expect(findAction('kms:Decrypt')?.conditionKeys).toEqual(['kms:tag/', 'kms:EncryptionAlgorithm']);
    expect(findAction('kms:ReEncryptTo')?.conditionKeys).toEqual(['kms:tag/', 'kms:EncryptionAlgorithm']);
    expect(findAction('kms:AsymmetricSign')?.conditionKeys).toEqual(['kms:tag/']);
    expect(findAction('kms:DescribeSecret')?.conditionKeys).toEqual(['kms:tag/']);
    expect(findAction('kms:ListKeys')?.conditionKeys).toEqual([]);
    expect(findAction('kms:CreateSecret')?.conditionKeys).toEqual([]);
    expect(findAction('kms:ListKmsInstances')?.conditionKeys).toEqual([]);
  });

  it('has no two actions that differ only in case', () => {
    const lower = ACTIONS.map((a) => a.fullName.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
  });
});

describe('isCataloguedService', () => {
  it('covers kms only, in any case', () => {
    expect(isCataloguedService('kms')).toBe(true);
    expect(isCataloguedService('KMS')).toBe(true);
    for (const service of ['sts', 'ram', 'ecs', '', 'kms:']) expect(isCataloguedService(service)).toBe(false);
  });
});

describe('suggestActions', () => {
  it('suggests the closest action first', () => {
    expect(suggestActions('kms:Decryt')[0]).toBe('kms:Decrypt');
    expect(suggestActions('kms:Decrpyt')[0]).toBe('kms:Decrypt');
    expect(suggestActions('ksm:Decrypt')[0]).toBe('kms:Decrypt');
    expect(suggestActions('kms:GenerateDataKeyWithoutPlaintxt')).toEqual([
      'kms:GenerateDataKeyWithoutPlaintext',
    ]);
    expect(suggestActions('kms:ListKey')[0]).toBe('kms:ListKeys');
  });

  it('suggests nothing for a catalogued name in another case', () => {
    expect(suggestActions('kms:GenerateDatakey')).toEqual([]);
  });

  it('points API names at the actions that authorize them', () => {
    expect(suggestActions('kms:ReEncrypt')).toEqual(['kms:ReEncryptFrom', 'kms:ReEncryptTo']);
    expect(suggestActions('KMS:reencrypt', 1)).toEqual(['kms:ReEncryptFrom']);
    expect(suggestActions('kms:BatchGetSecretValue')).toEqual(['kms:GetSecretValue']);
  });

  it('gives nothing when nothing is close, and at most max', () => {
    expect(suggestActions('kms:Frobnicate')).toEqual([]);
    expect(suggestActions('kms:Get', 2)).toHaveLength(2);
  });

  it('stays fast on huge input', () => {
    const started = Date.now();
    expect(suggestActions(`kms:${'x'.repeat(100_000)}`)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('actionPatternMatchesAny', () => {
  const cases: [string, boolean][] = [
    ['kms:Decrpyt*', false],
    ['kms:ReEncrypt', false],
    ['KMS:Nothing', false],
    ['kms:??ecrypt', false],
    ['kms:Decrypt*', true],
    ['kms:decrypt', true],
    ['kms:?ecrypt', true],
    ['kms:List*', true],
    ['kms:ReEncrypt*', true],
    ['kms:*Secret*', true],
    ['kms:*', true],
    ['*', true],
    ['kms*', true],
    ['ecs:*', true],
    ['ecs:Nothing', true],
    ['sts:AssumeRoleWithSAML', true],
    ['k*:Nothing', true],
    ['kmsx*', true],
  ];
  it.each(cases)('%s → %s', (pattern, expected) => {
    expect(actionPatternMatchesAny(pattern)).toBe(expected);
  });

  it('stays fast on adversarial patterns', () => {
    const started = Date.now();
    expect(actionPatternMatchesAny(`kms:${'*a'.repeat(20_000)}b`)).toBe(false);
    expect(actionPatternMatchesAny(`kms:${'*'.repeat(100_000)}`)).toBe(true);
    expect(actionPatternMatchesAny(`kms:${'*?'.repeat(10)}`)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('catalog and operation table agree', () => {
  const parameterSets: Record<string, unknown>[] = [
    {},
    { KeyId: 'k' },
    { SecretName: 's', EncryptionKeyId: 'k' },
    { CertificateId: 'c' },
    { ProtectedResourceArn: 'k' },
    { SourceKeyId: 'a', DestinationKeyId: 'b' },
    { AliasName: 'alias/a', KeyId: 'k' },
    { SecretNames: ['s'] },
    { ResourceType: 'key', ResourceIds: ['k'] },
  ];
  const produced = new Set<string>();
  for (const operation of OPERATION_NAMES) {
    for (const parameters of parameterSets) {
      const result = expandOperation({ operation, region: 'cn-hangzhou', parameters }, '1');
      if ('checks' in result) for (const check of result.checks) produced.add(check.action);
    }
  }

  it('every action an operation checks is catalogued with that spelling', () => {
    for (const action of produced) expect(findAction(action)?.fullName).toBe(action);
  });

  it('every catalogued KMS action is checked by some operation, except DescribeRegions', () => {
    const unchecked = ACTIONS.filter((a) => a.service === 'kms' && !produced.has(a.fullName)).map(
      (a) => a.name,
    );
    expect(unchecked).toEqual(['DescribeRegions']);
  });
});
