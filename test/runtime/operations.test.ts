import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  closestNames,
  expandOperation,
  MAX_BATCH_RESOURCES,
  MAX_PARAMETER_LENGTH,
  OPERATION_NAMES,
  type OperationExpansion,
} from '../../runtime/operations.js';
import { KEY_ACTIONS, SECRET_ACTIONS } from '../fixtures/spec-kms-actions.js';

const ACCOUNT = '1234567890123456';
const BASE = `acs:kms:cn-hangzhou:${ACCOUNT}:`;

function expand(operation: string, parameters: Record<string, unknown> = {}, region = 'cn-hangzhou') {
  return expandOperation({ operation, region, parameters }, ACCOUNT);
}

function checksOf(result: OperationExpansion): [string, string][] {
  if ('error' in result)
    throw new Error(`expected checks, got ${result.error.code}: ${result.error.message}`);
  return result.checks.map((c) => [c.action, c.resource]);
}

function errorOf(result: OperationExpansion) {
  if (!('error' in result)) throw new Error(`expected an error, got ${JSON.stringify(result.checks)}`);
  return result.error;
}

// SetDeletionProtection names its resource by ARN, and GetSecretValue and PutSecretValue need the secret's
// key too: each has cases of its own below.
const KEY_OPERATIONS = KEY_ACTIONS.filter((name) => name !== 'SetDeletionProtection');
const SECRET_OPERATIONS = SECRET_ACTIONS.filter(
  (name) => name !== 'GetSecretValue' && name !== 'PutSecretValue',
);
const CERTIFICATE_OPERATIONS = [
  'UploadCertificate',
  'GetCertificate',
  'DescribeCertificate',
  'UpdateCertificateStatus',
  'DeleteCertificate',
  'CertificatePrivateKeySign',
  'CertificatePublicKeyVerify',
  'CertificatePublicKeyEncrypt',
  'CertificatePrivateKeyDecrypt',
];
const STAR_OPERATIONS = [
  'GetRandomPassword',
  'OpenKmsService',
  'DescribeAccountKmsStatus',
  'DescribeService',
  'ListKmsInstances',
  'GetKmsInstance',
  'GetDefaultKmsInstance',
  'GetKmsInstanceQuotaInfos',
  'ConnectKmsInstance',
  'UpdateKmsInstanceBindVpc',
  'CreateApplicationAccessPoint',
  'DeleteApplicationAccessPoint',
  'DescribeApplicationAccessPoint',
  'ListApplicationAccessPoints',
  'UpdateApplicationAccessPoint',
  'CreateNetworkRule',
  'DeleteNetworkRule',
  'DescribeNetworkRule',
  'ListNetworkRules',
  'UpdateNetworkRule',
  'CreateClientKey',
  'DeleteClientKey',
  'GetClientKey',
  'ListClientKeys',
  'CreatePolicy',
  'DeletePolicy',
  'DescribePolicy',
  'ListPolicies',
  'UpdatePolicy',
];

/** Every operation with one valid call and the checks it must expand to. */
const CASES: [string, Record<string, unknown>, [string, string][]][] = [
  ...KEY_OPERATIONS.map((op): [string, Record<string, unknown>, [string, string][]] => [
    op,
    { KeyId: 'key-abc' },
    [[`kms:${op}`, `${BASE}key/key-abc`]],
  ]),
  ...SECRET_OPERATIONS.map((op): [string, Record<string, unknown>, [string, string][]] => [
    op,
    { SecretName: 'app/db!pw' },
    [[`kms:${op}`, `${BASE}secret/app/db!pw`]],
  ]),
  ...CERTIFICATE_OPERATIONS.map((op): [string, Record<string, unknown>, [string, string][]] => [
    op,
    { CertificateId: 'cert-1' },
    [[`kms:${op}`, `${BASE}certificate/cert-1`]],
  ]),
  ...STAR_OPERATIONS.map((op): [string, Record<string, unknown>, [string, string][]] => [
    op,
    {},
    [[`kms:${op}`, '*']],
  ]),
  ['ListKeys', {}, [['kms:ListKeys', `${BASE}key`]]],
  ['CreateKey', {}, [['kms:CreateKey', `${BASE}key`]]],
  ['ListAliases', {}, [['kms:ListAliases', `${BASE}alias`]]],
  ['CreateSecret', { SecretName: 'ignored' }, [['kms:CreateSecret', `${BASE}secret`]]],
  ['ListSecrets', {}, [['kms:ListSecrets', `${BASE}secret`]]],
  ['CreateCertificate', {}, [['kms:CreateCertificate', `${BASE}certificate`]]],
  [
    'SetDeletionProtection',
    { ProtectedResourceArn: `${BASE}key/k1` },
    [['kms:SetDeletionProtection', `${BASE}key/k1`]],
  ],
  ['DescribeRegions', {}, []],
  [
    'ReEncrypt',
    { SourceKeyId: 'key-a', DestinationKeyId: 'key-b' },
    [
      ['kms:ReEncryptFrom', `${BASE}key/key-a`],
      ['kms:ReEncryptTo', `${BASE}key/key-b`],
    ],
  ],
  ...['CreateAlias', 'UpdateAlias', 'DeleteAlias'].map(
    (op): [string, Record<string, unknown>, [string, string][]] => [
      op,
      { AliasName: 'alias/Prod', KeyId: 'key-a' },
      [
        [`kms:${op}`, `${BASE}alias/Prod`],
        [`kms:${op}`, `${BASE}key/key-a`],
      ],
    ],
  ),
  ['GetSecretValue', { SecretName: 's1' }, [['kms:GetSecretValue', `${BASE}secret/s1`]]],
  [
    'GetSecretValue',
    { SecretName: 's1', EncryptionKeyId: 'key-c' },
    [
      ['kms:GetSecretValue', `${BASE}secret/s1`],
      ['kms:Decrypt', `${BASE}key/key-c`],
    ],
  ],
  ['PutSecretValue', { SecretName: 's1' }, [['kms:PutSecretValue', `${BASE}secret/s1`]]],
  [
    'PutSecretValue',
    { SecretName: 's1', EncryptionKeyId: 'key-c' },
    [
      ['kms:PutSecretValue', `${BASE}secret/s1`],
      ['kms:GenerateDataKey', `${BASE}key/key-c`],
    ],
  ],
  [
    'BatchGetSecretValue',
    { SecretNames: ['a', 'b/c'] },
    [
      ['kms:GetSecretValue', `${BASE}secret/a`],
      ['kms:GetSecretValue', `${BASE}secret/b/c`],
    ],
  ],
  [
    'BatchGetSecretValue',
    { SecretNameList: '["a","b","a"]' },
    [
      ['kms:GetSecretValue', `${BASE}secret/a`],
      ['kms:GetSecretValue', `${BASE}secret/b`],
    ],
  ],
  ['TagResource', { KeyId: 'key-a' }, [['kms:TagResource', `${BASE}key/key-a`]]],
  ['UntagResource', { SecretName: 's1' }, [['kms:UntagResource', `${BASE}secret/s1`]]],
  ['ListResourceTags', { CertificateId: 'c1' }, [['kms:ListResourceTags', `${BASE}certificate/c1`]]],
  [
    'TagResources',
    { ResourceType: 'key', ResourceIds: ['key-a', 'key-b'] },
    [
      ['kms:TagResources', `${BASE}key/key-a`],
      ['kms:TagResources', `${BASE}key/key-b`],
    ],
  ],
  [
    'UntagResources',
    { ResourceType: 'secret', ResourceIds: ['s1'] },
    [['kms:UntagResources', `${BASE}secret/s1`]],
  ],
  [
    'ListTagResources',
    { ResourceType: 'certificate', ResourceIds: ['c1'] },
    [['kms:ListTagResources', `${BASE}certificate/c1`]],
  ],
];

describe('expandOperation', () => {
  it.each(CASES)('%s %j', (operation, parameters, expected) => {
    expect(checksOf(expand(operation, parameters))).toEqual(expected);
  });

  it('has a case for every operation, and every case names a known operation', () => {
    expect(new Set(CASES.map(([op]) => op))).toEqual(new Set(OPERATION_NAMES));
  });

  it('uses a full acs:kms ARN as is, even in another region or account', () => {
    const arn = 'acs:kms:cn-shanghai:999:key/key-x';
    expect(checksOf(expand('Decrypt', { KeyId: arn }))).toEqual([['kms:Decrypt', arn]]);
    const secret = 'acs:kms:cn-shanghai:999:secret/s:1';
    expect(checksOf(expand('DescribeSecret', { SecretName: secret }))).toEqual([
      ['kms:DescribeSecret', secret],
    ]);
  });

  it('authorizes an alias given as KeyId on the alias ARN', () => {
    expect(checksOf(expand('Encrypt', { KeyId: 'alias/Prod' }))).toEqual([
      ['kms:Encrypt', `${BASE}alias/Prod`],
    ]);
    const arn = `${BASE}alias/Prod`;
    expect(checksOf(expand('Encrypt', { KeyId: arn }))).toEqual([['kms:Encrypt', arn]]);
  });

  it('treats alias/ in a secret name as part of the name', () => {
    expect(checksOf(expand('DescribeSecret', { SecretName: 'alias/x' }))).toEqual([
      ['kms:DescribeSecret', `${BASE}secret/alias/x`],
    ]);
  });

  it('keeps ReEncrypt on one key as two different checks', () => {
    expect(checksOf(expand('ReEncrypt', { SourceKeyId: 'k', DestinationKeyId: 'k' }))).toHaveLength(2);
  });

  it('ignores parameters it does not need', () => {
    expect(
      checksOf(expand('Encrypt', { KeyId: 'k', Plaintext: 'aGVsbG8=', EncryptionContext: {} })),
    ).toHaveLength(1);
  });
});

describe('expandOperation errors', () => {
  const invalid: [string, string, Record<string, unknown>, RegExp][] = [
    ['missing KeyId', 'Decrypt', {}, /Decrypt needs the parameter KeyId/],
    ['numeric KeyId', 'Decrypt', { KeyId: 5 }, /KeyId of Decrypt must be a string.*number 5/],
    ['null KeyId', 'Decrypt', { KeyId: null }, /KeyId of Decrypt must be a string/],
    ['empty KeyId', 'Decrypt', { KeyId: '' }, /KeyId of Decrypt must be 1 to 1024 characters/],
    [
      'huge KeyId',
      'Decrypt',
      { KeyId: 'k'.repeat(MAX_PARAMETER_LENGTH + 1) },
      /1 to 1024 characters.*got 1025/,
    ],
    ['secret ARN as KeyId', 'Decrypt', { KeyId: `${BASE}secret/s` }, /KeyId of Decrypt must be a key id/],
    ['ARN without account', 'Decrypt', { KeyId: 'acs:kms:cn-hangzhou::key/k' }, /KeyId of Decrypt must be/],
    ['ARN of the container', 'Decrypt', { KeyId: `${BASE}key` }, /KeyId of Decrypt must be/],
    ['ARN with empty id', 'Decrypt', { KeyId: `${BASE}key/` }, /KeyId of Decrypt must be/],
    ['bare alias/', 'Decrypt', { KeyId: 'alias/' }, /KeyId of Decrypt must be/],
    ['missing source', 'ReEncrypt', { DestinationKeyId: 'k' }, /ReEncrypt needs the parameter SourceKeyId/],
    [
      'missing destination',
      'ReEncrypt',
      { SourceKeyId: 'k' },
      /ReEncrypt needs the parameter DestinationKeyId/,
    ],
    [
      'alias without prefix',
      'CreateAlias',
      { AliasName: 'Prod', KeyId: 'k' },
      /AliasName of CreateAlias must be an alias name/,
    ],
    [
      'alias pointing at alias',
      'UpdateAlias',
      { AliasName: 'alias/a', KeyId: 'alias/b' },
      /KeyId of UpdateAlias must be a key id/,
    ],
    [
      'DeleteAlias without KeyId',
      'DeleteAlias',
      { AliasName: 'alias/a' },
      /DeleteAlias needs the parameter KeyId/,
    ],
    [
      'bad EncryptionKeyId',
      'GetSecretValue',
      { SecretName: 's', EncryptionKeyId: 7 },
      /EncryptionKeyId of GetSecretValue/,
    ],
    ['empty EncryptionKeyId', 'PutSecretValue', { SecretName: 's', EncryptionKeyId: '' }, /EncryptionKeyId/],
    ['no secret list', 'BatchGetSecretValue', {}, /exactly one of SecretNames .* or SecretNameList/],
    [
      'both secret lists',
      'BatchGetSecretValue',
      { SecretNames: ['a'], SecretNameList: '["a"]' },
      /exactly one of/,
    ],
    [
      'empty SecretNames',
      'BatchGetSecretValue',
      { SecretNames: [] },
      /SecretNames .* array of 1 to 100 strings/,
    ],
    [
      'SecretNames not array',
      'BatchGetSecretValue',
      { SecretNames: 'a,b' },
      /SecretNames .* array of 1 to 100/,
    ],
    ['non-string secret', 'BatchGetSecretValue', { SecretNames: ['a', 3] }, /element 1 must be a string/],
    ['bad JSON list', 'BatchGetSecretValue', { SecretNameList: '["a",' }, /SecretNameList .* not valid JSON/],
    ['JSON list not array', 'BatchGetSecretValue', { SecretNameList: '{"a":1}' }, /SecretNameList .* array/],
    [
      'list not string',
      'BatchGetSecretValue',
      { SecretNameList: ['a'] },
      /SecretNameList .* JSON array of names in a string/,
    ],
    [
      'empty name in list',
      'BatchGetSecretValue',
      { SecretNameList: '["a",""]' },
      /SecretNameList of BatchGetSecretValue must be 1 to/,
    ],
    [
      'too many secrets',
      'BatchGetSecretValue',
      { SecretNames: Array.from({ length: MAX_BATCH_RESOURCES + 1 }, (_, i) => `s${i}`) },
      /array of 1 to 100/,
    ],
    [
      'huge SecretNameList',
      'BatchGetSecretValue',
      { SecretNameList: `[${'"a",'.repeat(200_000)}"a"]` },
      /SecretNameList/,
    ],
    [
      'TagResource without target',
      'TagResource',
      {},
      /exactly one of KeyId, SecretName or CertificateId; none was given/,
    ],
    [
      'TagResource with two targets',
      'UntagResource',
      { KeyId: 'k', SecretName: 's' },
      /got KeyId and SecretName/,
    ],
    [
      'bad ResourceType',
      'TagResources',
      { ResourceType: 'Key', ResourceIds: ['k'] },
      /ResourceType "key", "secret" or "certificate"; got "Key"/,
    ],
    [
      'prototype ResourceType',
      'TagResources',
      { ResourceType: 'toString', ResourceIds: ['k'] },
      /ResourceType/,
    ],
    [
      'missing ResourceIds',
      'ListTagResources',
      { ResourceType: 'key' },
      /ResourceIds of ListTagResources must be an array/,
    ],
  ];
  it.each(invalid)('%s → InvalidRequest', (_, operation, parameters, message) => {
    const error = errorOf(expand(operation, parameters));
    expect(error.code).toBe('InvalidRequest');
    expect(error.message).toMatch(message);
  });

  it('rejects a bad region', () => {
    for (const region of ['', 'CN-Hangzhou', 'cn hangzhou', 'cn:hangzhou', 'a'.repeat(65)]) {
      const error = errorOf(expand('ListKeys', {}, region));
      expect(error.code).toBe('InvalidRequest');
      expect(error.message).toMatch(/"region" must be a region id/);
    }
  });

  it('rejects parameters that are not an object', () => {
    for (const parameters of [null, [], 'KeyId=k']) {
      const error = errorOf(
        expandOperation({ operation: 'ListKeys', region: 'cn-hangzhou', parameters } as never, ACCOUNT),
      );
      expect(error.message).toMatch(/"parameters" of ListKeys must be a JSON object/);
    }
  });

  it('rejects a wildcard in an identifier: it names one resource', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['Decrypt', { KeyId: '*' }],
      ['Decrypt', { KeyId: 'key-?' }],
      ['Decrypt', { KeyId: 'alias/Prod*' }],
      ['Decrypt', { KeyId: `acs:kms:cn-hangzhou:${ACCOUNT}:key/*` }],
      ['GetSecretValue', { SecretName: 'db-*' }],
      ['BatchGetSecretValue', { SecretNames: ['db-1', 'db-?'] }],
    ];
    for (const [operation, parameters] of cases) {
      const error = errorOf(expand(operation, parameters));
      expect(error.code).toBe('InvalidRequest');
      expect(error.message).toMatch(/names one resource and may not hold \* or \?/);
    }
  });

  it('reads absent parameters as none', () => {
    const request = { operation: 'ListKeys', region: 'cn-hangzhou' } as never;
    expect(checksOf(expandOperation(request, ACCOUNT))).toEqual([['kms:ListKeys', `${BASE}key`]]);
  });

  it('does not read parameters from the prototype chain', () => {
    const parameters = Object.create({ KeyId: 'key-inherited' }) as Record<string, unknown>;
    expect(errorOf(expand('Decrypt', parameters)).message).toMatch(/needs the parameter KeyId/);
  });

  it('shortens long values in messages', () => {
    const message = errorOf(expand('Decrypt', { KeyId: `acs:kms:${'x'.repeat(900)}` })).message;
    expect(message.length).toBeLessThan(300);
  });
});

describe('unknown operations', () => {
  const cases: [string, RegExp][] = [
    ['Decrpyt', /did you mean "Decrypt"/],
    ['decrypt', /case-sensitive.*did you mean "Decrypt"/],
    ['kms:Decrypt', /API name, not the action.*"Decrypt"/],
    ['GenerateDatakey', /did you mean "GenerateDataKey"/],
    ['ReEncryptFrom', /did you mean "ReEncrypt"/],
    ['Frobnicate', /Unknown KMS operation "Frobnicate": see docs\/catalog.md/],
    ['toString', /Unknown KMS operation "toString"/],
    ['__proto__', /Unknown KMS operation/],
  ];
  it.each(cases)('%s', (operation, message) => {
    const error = errorOf(expand(operation));
    expect(error.code).toBe('UnknownOperation');
    expect(error.message).toMatch(message);
  });

  it('answers a huge operation name quickly with a short message', () => {
    const started = Date.now();
    const error = errorOf(expand('D'.repeat(1_000_000)));
    expect(error.code).toBe('UnknownOperation');
    expect(error.message.length).toBeLessThan(200);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('rejects a missing operation as an invalid request', () => {
    const error = errorOf(expandOperation({ operation: '', region: 'cn-hangzhou', parameters: {} }, ACCOUNT));
    expect(error.code).toBe('InvalidRequest');
  });
});

describe('closestNames', () => {
  it('ranks by distance', () => {
    expect(closestNames('abcde', ['abxyz', 'abcyz', 'abcdz'])).toEqual(['abcdz', 'abcyz']);
  });
  it('breaks ties by name', () => {
    expect(closestNames('abcd', ['abcf', 'abce'])).toEqual(['abce', 'abcf']);
  });
  it('counts a transposition as one edit', () => {
    expect(closestNames('Decrpyt', ['Decrypt'])).toEqual(['Decrypt']);
    expect(closestNames('Dcerpyt', ['Decrypt'])).toEqual(['Decrypt']);
  });
  it('suggests a name the query extends', () => {
    expect(closestNames('ReEncryptFrom', ['ReEncrypt', 'Encrypt'])).toEqual(['ReEncrypt']);
  });
  it('suggests extensions of the query', () => {
    expect(closestNames('ListKey', ['ListKeys', 'ListKeyVersions', 'ListAliases'])).toEqual(['ListKeys']);
    expect(closestNames('ListKe', ['ListKeyVersions', 'ListAliases', 'ListKeyPolicies'])).toEqual([
      'ListKeyPolicies',
      'ListKeyVersions',
    ]);
  });
  it('gives nothing when no candidate is close', () => {
    expect(closestNames('Frobnicate', ['Decrypt', 'Encrypt'])).toEqual([]);
  });
  it('honours max', () => {
    expect(closestNames('ab', ['ab', 'ac', 'ad', 'ae'], 2)).toEqual(['ab', 'ac']);
  });
});

describe('docs/catalog.md', () => {
  const docs = readFileSync(new URL('../../docs/catalog.md', import.meta.url), 'utf8');
  it.each(OPERATION_NAMES)('lists %s in the operation table', (name) => {
    expect(docs).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'));
  });
});
