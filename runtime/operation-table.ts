/**
 * The KMS operation table (semantics §8.2, interfaces §2): for every API call, the expander that
 * lists the (action, resource) pairs it needs. No Node APIs (see operations.ts).
 */
import {
  type Context,
  type IdKind,
  type Invalid,
  optionalId,
  readSecretNames,
  readStringArray,
  requiredId,
  resolveId,
  show,
} from './operation-arns.js';

/** One authorization an operation needs. */
export interface RequiredCheck {
  action: string;
  resource: string;
}

/** Shared with the action catalog (compiler/catalog/action-table.ts). */
export const KEY_OPERATIONS: readonly string[] = [
  'DescribeKey',
  'UpdateKeyDescription',
  'EnableKey',
  'DisableKey',
  'ScheduleKeyDeletion',
  'CancelKeyDeletion',
  'GetParametersForImport',
  'ImportKeyMaterial',
  'DeleteKeyMaterial',
  'ListAliasesByKeyId',
  'CreateKeyVersion',
  'DescribeKeyVersion',
  'ListKeyVersions',
  'UpdateRotationPolicy',
  'Encrypt',
  'Decrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'ExportDataKey',
  'GenerateAndExportDataKey',
  'AsymmetricSign',
  'AsymmetricVerify',
  'AsymmetricEncrypt',
  'AsymmetricDecrypt',
  'GetPublicKey',
  'GenerateMac',
  'VerifyMac',
  'GetKeyPolicy',
  'SetKeyPolicy',
];
/** Shared with the action catalog (compiler/catalog/action-table.ts). */
export const SECRET_OPERATIONS: readonly string[] = [
  'DescribeSecret',
  'DeleteSecret',
  'UpdateSecret',
  'RestoreSecret',
  'ListSecretVersionIds',
  'UpdateSecretVersionStage',
  'RotateSecret',
  'UpdateSecretRotationPolicy',
  'GetSecretPolicy',
  'SetSecretPolicy',
];
/** Shared with the action catalog (compiler/catalog/action-table.ts). */
export const CERTIFICATE_OPERATIONS: readonly string[] = [
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
/** APIs without resource-level authorization: the action is checked on `*`. */
/** Shared with the action catalog (compiler/catalog/action-table.ts). */
export const UNRESTRICTED_OPERATIONS: readonly string[] = [
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
const CONTAINER_OPERATIONS: readonly [string, string][] = [
  ['ListKeys', 'key'],
  ['CreateKey', 'key'],
  ['ListAliases', 'alias'],
  ['CreateSecret', 'secret'],
  ['ListSecrets', 'secret'],
  ['CreateCertificate', 'certificate'],
];

const TAG_ID_PARAMETERS: readonly [string, IdKind][] = [
  ['KeyId', 'key-or-alias'],
  ['SecretName', 'secret'],
  ['CertificateId', 'certificate'],
];
const TAG_RESOURCE_TYPES: Record<string, IdKind> = {
  key: 'key-or-alias',
  secret: 'secret',
  certificate: 'certificate',
};

/** Lists the checks of one call, or says what is wrong with its parameters. */
export type Expander = (ctx: Context) => RequiredCheck[] | Invalid;

const table = new Map<string, Expander>();
const unrestricted: Expander = (ctx) => [{ action: `kms:${ctx.operation}`, resource: '*' }];
for (const name of UNRESTRICTED_OPERATIONS) table.set(name, unrestricted);
for (const [name, container] of CONTAINER_OPERATIONS) {
  table.set(name, (ctx) => [{ action: `kms:${name}`, resource: ctx.prefix + container }]);
}
for (const name of KEY_OPERATIONS) table.set(name, onOne('KeyId', 'key-or-alias'));
for (const name of SECRET_OPERATIONS) table.set(name, onOne('SecretName', 'secret'));
for (const name of CERTIFICATE_OPERATIONS) table.set(name, onOne('CertificateId', 'certificate'));
table.set('SetDeletionProtection', onOne('ProtectedResourceArn', 'key-or-alias'));
table.set('DescribeRegions', () => []);
table.set('ReEncrypt', (ctx) => {
  const source = requiredId(ctx, 'SourceKeyId', 'key-or-alias');
  if (typeof source !== 'string') return source;
  const destination = requiredId(ctx, 'DestinationKeyId', 'key-or-alias');
  if (typeof destination !== 'string') return destination;
  return [
    { action: 'kms:ReEncryptFrom', resource: source },
    { action: 'kms:ReEncryptTo', resource: destination },
  ];
});
for (const name of ['CreateAlias', 'UpdateAlias', 'DeleteAlias']) {
  table.set(name, (ctx) => {
    const alias = requiredId(ctx, 'AliasName', 'alias');
    if (typeof alias !== 'string') return alias;
    const key = requiredId(ctx, 'KeyId', 'key');
    if (typeof key !== 'string') return key;
    return [
      { action: `kms:${name}`, resource: alias },
      { action: `kms:${name}`, resource: key },
    ];
  });
}
table.set('GetSecretValue', secretWithKey('kms:Decrypt'));
table.set('PutSecretValue', secretWithKey('kms:GenerateDataKey'));
table.set('BatchGetSecretValue', (ctx) => {
  const names = readSecretNames(ctx);
  if (!Array.isArray(names)) return names;
  const parameter = ctx.parameters.SecretNames === undefined ? 'SecretNameList' : 'SecretNames';
  const checks: RequiredCheck[] = [];
  for (const name of names) {
    const resource = resolveId(ctx, parameter, name, 'secret');
    if (typeof resource !== 'string') return resource;
    checks.push({ action: 'kms:GetSecretValue', resource });
  }
  return checks;
});
for (const name of ['TagResource', 'UntagResource', 'ListResourceTags']) {
  table.set(name, (ctx) => {
    const given = TAG_ID_PARAMETERS.filter(([parameter]) => ctx.parameters[parameter] !== undefined);
    const [first] = given;
    if (first === undefined || given.length > 1) {
      const found = given.length === 0 ? 'none was given' : `got ${given.map(([p]) => p).join(' and ')}`;
      return { invalid: `${name} needs exactly one of KeyId, SecretName or CertificateId; ${found}.` };
    }
    const resource = requiredId(ctx, first[0], first[1]);
    return typeof resource === 'string' ? [{ action: `kms:${name}`, resource }] : resource;
  });
}
for (const name of ['TagResources', 'UntagResources', 'ListTagResources']) {
  table.set(name, (ctx) => {
    const type = ctx.parameters.ResourceType;
    const kind =
      typeof type === 'string' && Object.hasOwn(TAG_RESOURCE_TYPES, type)
        ? TAG_RESOURCE_TYPES[type]
        : undefined;
    if (kind === undefined) {
      return { invalid: `${name} needs ResourceType "key", "secret" or "certificate"; got ${show(type)}.` };
    }
    const ids = readStringArray(ctx, 'ResourceIds', ctx.parameters.ResourceIds);
    if (!Array.isArray(ids)) return ids;
    const checks: RequiredCheck[] = [];
    for (const id of ids) {
      const resource = resolveId(ctx, 'ResourceIds', id, kind);
      if (typeof resource !== 'string') return resource;
      checks.push({ action: `kms:${name}`, resource });
    }
    return checks;
  });
}

/** Every KMS API call ramc knows, by its case-sensitive name. */
export const OPERATIONS: ReadonlyMap<string, Expander> = table;

/** An expander for calls on one resource named by `parameter`, checking the operation's own action. */
function onOne(parameter: string, kind: IdKind): Expander {
  return (ctx) => {
    const resource = requiredId(ctx, parameter, kind);
    return typeof resource === 'string' ? [{ action: `kms:${ctx.operation}`, resource }] : resource;
  };
}

/** GetSecretValue/PutSecretValue: the secret, plus `keyAction` on the optional `EncryptionKeyId`. */
function secretWithKey(keyAction: string): Expander {
  return (ctx) => {
    const secret = requiredId(ctx, 'SecretName', 'secret');
    if (typeof secret !== 'string') return secret;
    const checks = [{ action: `kms:${ctx.operation}`, resource: secret }];
    const key = optionalId(ctx, 'EncryptionKeyId', 'key-or-alias');
    if (typeof key !== 'string') return key ?? checks;
    return [...checks, { action: keyAction, resource: key }];
  };
}
