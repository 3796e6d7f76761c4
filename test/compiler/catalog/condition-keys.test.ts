import { describe, expect, it } from 'vitest';
import { ACTIONS, findAction } from '../../../compiler/catalog/actions.js';
import {
  conditionKeyAppliesTo,
  ENCRYPTION_ALGORITHM_ACTIONS,
  kmsConditionKeysFor,
  lookupConditionKey,
} from '../../../compiler/catalog/condition-keys.js';

describe('lookupConditionKey', () => {
  const fixed: [string, string, string, boolean][] = [
    ['acs:currenttime', 'acs:CurrentTime', 'date', true],
    ['ACS:SECURETRANSPORT', 'acs:SecureTransport', 'boolean', true],
    ['acs:sourceip', 'acs:SourceIp', 'ip', true],
    ['acs:SourceVpc', 'acs:SourceVpc', 'string', true],
    ['acs:mfapresent', 'acs:MFAPresent', 'boolean', true],
    ['acs:accessid', 'acs:AccessId', 'string', true],
    ['acs:principalarn', 'acs:PrincipalARN', 'string', true],
    ['kms:encryptionalgorithm', 'kms:EncryptionAlgorithm', 'string', false],
    ['sts:externalid', 'sts:ExternalId', 'string', false],
    ['RAM:ServiceName', 'ram:ServiceName', 'string', false],
  ];
  it.each(fixed)('%s → %s (%s)', (key, canonical, type, global) => {
    expect(lookupConditionKey(key)).toEqual({ canonical, type, global });
  });

  it('reads tag keys as everything after the first slash, keeping their case', () => {
    expect(lookupConditionKey('KMS:TAG/Project')).toEqual({
      canonical: 'kms:tag/Project',
      type: 'string',
      prefix: 'kms:tag/',
      global: false,
    });
    expect(lookupConditionKey('kms:tag/acs:rds:instance-encryption')?.canonical).toBe(
      'kms:tag/acs:rds:instance-encryption',
    );
    expect(lookupConditionKey('acs:resourcetag/a/b:c')).toEqual({
      canonical: 'acs:ResourceTag/a/b:c',
      type: 'string',
      prefix: 'acs:ResourceTag/',
      global: true,
    });
    expect(lookupConditionKey('acs:RequestTag/env')?.prefix).toBe('acs:RequestTag/');
  });

  it('does not know unknown keys or empty tag keys', () => {
    for (const key of [
      '',
      'kms:tag/',
      'kms:tag',
      'acs:ResourceTag/',
      'acs:Unknown',
      'SourceIp',
      'kms:tags/x',
    ]) {
      expect(lookupConditionKey(key)).toBeUndefined();
    }
  });
});

describe('which actions the KMS keys apply to', () => {
  it('kmsConditionKeysFor follows the resource types and the crypto list', () => {
    expect(kmsConditionKeysFor('Decrypt', ['key'])).toEqual(['kms:tag/', 'kms:EncryptionAlgorithm']);
    expect(kmsConditionKeysFor('DescribeSecret', ['secret'])).toEqual(['kms:tag/']);
    expect(kmsConditionKeysFor('ListKeys', ['key-container'])).toEqual([]);
    expect(kmsConditionKeysFor('GetRandomPassword', ['all'])).toEqual([]);
  });

  it('kms:tag applies to every key action except the two container ones', () => {
    const keyActions = ACTIONS.filter((a) => a.service === 'kms' && a.resourceTypes.includes('key'));
    expect(keyActions.length).toBeGreaterThan(30);
    for (const action of keyActions) expect(conditionKeyAppliesTo('kms:tag/Project', action)).toBe(true);
    for (const name of ['kms:ListKeys', 'kms:CreateKey', 'kms:ListAliases', 'kms:GetRandomPassword']) {
      expect(conditionKeyAppliesTo('kms:tag/Project', findAction(name) ?? { conditionKeys: ['x'] })).toBe(
        false,
      );
    }
  });

  it('kms:EncryptionAlgorithm applies to exactly the listed cryptographic actions', () => {
    const applies = ACTIONS.filter((a) => conditionKeyAppliesTo('KMS:EncryptionAlgorithm', a)).map(
      (a) => a.name,
    );
    expect(applies.sort()).toEqual([...ENCRYPTION_ALGORITHM_ACTIONS].sort());
    for (const name of ENCRYPTION_ALGORITHM_ACTIONS) expect(findAction(`kms:${name}`)).toBeDefined();
  });

  it('global keys apply everywhere, other services keys only to their actions', () => {
    const decrypt = findAction('kms:Decrypt') ?? { conditionKeys: [] };
    const assumeRole = findAction('sts:AssumeRole') ?? { conditionKeys: [] };
    expect(conditionKeyAppliesTo('acs:SourceIp', decrypt)).toBe(true);
    expect(conditionKeyAppliesTo('acs:ResourceTag/x', assumeRole)).toBe(true);
    expect(conditionKeyAppliesTo('sts:ExternalId', assumeRole)).toBe(true);
    expect(conditionKeyAppliesTo('sts:ExternalId', decrypt)).toBe(false);
    expect(conditionKeyAppliesTo('kms:EncryptionAlgorithm', assumeRole)).toBe(false);
    expect(conditionKeyAppliesTo('acs:Unknown', decrypt)).toBe(false);
  });
});
