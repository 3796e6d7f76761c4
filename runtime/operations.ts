/**
 * The KMS operation table (semantics §8.2, interfaces §2): every (action, resource) pair a KMS API
 * call needs. No imports and no Node APIs: shared by every engine, the browser runtime included.
 */

/** An operation request as engines hand it over (the caller's identity is resolved elsewhere). */
export interface OperationRequest {
  operation: string;
  region: string;
  parameters: Record<string, unknown>;
}

/** One authorization an operation needs. */
export interface RequiredCheck {
  action: string;
  resource: string;
}

export interface OperationError {
  code: 'UnknownOperation' | 'InvalidRequest';
  message: string;
}

/** `checks` is empty only for calls that are not access-controlled (DescribeRegions). */
export type OperationExpansion = { checks: RequiredCheck[] } | { error: OperationError };

/** At most this many secrets in one BatchGetSecretValue, and resources in one TagResources-style call. */
export const MAX_BATCH_RESOURCES = 100;
/** Longest accepted identifier parameter (KeyId, SecretName, ...), in UTF-16 code units. */
export const MAX_PARAMETER_LENGTH = 1024;

const KEY_OPERATIONS = [
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
const SECRET_OPERATIONS = [
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
/** APIs without resource-level authorization: the action is checked on `*`. */
const UNRESTRICTED_OPERATIONS = [
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

/** What an identifier parameter names, and so which ARN it becomes. */
type IdKind = 'key' | 'key-or-alias' | 'alias' | 'secret' | 'certificate';
const ID_HINT: Record<IdKind, string> = {
  key: 'a key id (key-…) or key ARN',
  'key-or-alias': 'a key id (key-…), a key ARN or an alias name (alias/…)',
  alias: 'an alias name (alias/…) or alias ARN',
  secret: 'a secret name or secret ARN',
  certificate: 'a certificate id or certificate ARN',
};
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

interface Context {
  operation: string;
  parameters: Record<string, unknown>;
  /** `acs:kms:<region>:<account>:` */
  prefix: string;
}
/** A user mistake, reported as data. */
interface Invalid {
  invalid: string;
}
type Expander = (ctx: Context) => RequiredCheck[] | Invalid;

const OPERATIONS = new Map<string, Expander>();
const unrestricted: Expander = (ctx) => [{ action: `kms:${ctx.operation}`, resource: '*' }];
for (const name of UNRESTRICTED_OPERATIONS) OPERATIONS.set(name, unrestricted);
for (const [name, container] of CONTAINER_OPERATIONS) {
  OPERATIONS.set(name, (ctx) => [{ action: `kms:${name}`, resource: ctx.prefix + container }]);
}
for (const name of KEY_OPERATIONS) OPERATIONS.set(name, onOne('KeyId', 'key-or-alias'));
for (const name of SECRET_OPERATIONS) OPERATIONS.set(name, onOne('SecretName', 'secret'));
for (const name of CERTIFICATE_OPERATIONS) OPERATIONS.set(name, onOne('CertificateId', 'certificate'));
OPERATIONS.set('SetDeletionProtection', onOne('ProtectedResourceArn', 'key-or-alias'));
OPERATIONS.set('DescribeRegions', () => []);
OPERATIONS.set('ReEncrypt', (ctx) => {
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
  OPERATIONS.set(name, (ctx) => {
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
OPERATIONS.set('GetSecretValue', secretWithKey('kms:Decrypt'));
OPERATIONS.set('PutSecretValue', secretWithKey('kms:GenerateDataKey'));
OPERATIONS.set('BatchGetSecretValue', (ctx) => {
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
  OPERATIONS.set(name, (ctx) => {
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
  OPERATIONS.set(name, (ctx) => {
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

/** Every operation name the table knows, sorted. */
export const OPERATION_NAMES: readonly string[] = [...OPERATIONS.keys()].sort();

/**
 * Expands one KMS API call into the (action, resource) pairs it needs, in a stable order without
 * duplicates. `account` is the caller's account id, which owns resources named by bare ids.
 */
export function expandOperation(request: OperationRequest, account: string): OperationExpansion {
  const { operation, region, parameters = {} } = request;
  if (typeof operation !== 'string' || operation === '') {
    return invalid(`"operation" must be a KMS API name such as "Decrypt"; got ${show(operation)}.`);
  }
  const expander = OPERATIONS.get(operation);
  if (expander === undefined)
    return { error: { code: 'UnknownOperation', message: unknownOperation(operation) } };
  if (typeof region !== 'string' || !REGION.test(region)) {
    return invalid(`"region" must be a region id such as "cn-hangzhou" (a-z, 0-9, -); got ${show(region)}.`);
  }
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    return invalid(`"parameters" of ${operation} must be a JSON object; got ${show(parameters)}.`);
  }
  const own: Record<string, unknown> = Object.create(null);
  for (const [name, value] of Object.entries(parameters)) own[name] = value;
  const result = expander({ operation, parameters: own, prefix: `acs:kms:${region}:${account}:` });
  if (!Array.isArray(result)) return invalid(result.invalid);
  const seen = new Set<string>();
  const checks: RequiredCheck[] = [];
  for (const check of result) {
    const id = `${check.action}\n${check.resource}`;
    if (!seen.has(id)) checks.push(check);
    seen.add(id);
  }
  return { checks };
}

/**
 * Up to `max` candidates close to `query`, best first: case-insensitive edit distance
 * (with transpositions) within a bound that grows with the query; failing that, names extending
 * the query or extended by it.
 */
export function closestNames(query: string, candidates: Iterable<string>, max = 3): string[] {
  const q = query.toLowerCase();
  const limit = q.length <= 4 ? 1 : q.length <= 8 ? 2 : 3;
  const scored: [number, string][] = [];
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const extension = Math.min(q.length, c.length) >= 3 && (c.startsWith(q) || q.startsWith(c));
    const distance = extension ? Math.abs(c.length - q.length) : boundedDistance(q, c, limit);
    if (distance <= limit || extension) scored.push([distance, candidate]);
  }
  scored.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  // Distant extensions only when nothing is close: `ListKey` → `ListKeys`, not also `ListKeyVersions`.
  const close = scored.filter(([distance]) => distance <= limit);
  return (close.length > 0 ? close : scored).slice(0, max).map(([, name]) => name);
}

const REGION = /^[a-z0-9-]{1,64}$/;
const ACCOUNT = /^[0-9]{1,32}$/;

function invalid(message: string): OperationExpansion {
  return { error: { code: 'InvalidRequest', message } };
}

function unknownOperation(operation: string): string {
  const bare = operation.toLowerCase().startsWith('kms:') ? operation.slice(4) : operation;
  const exact = OPERATION_NAMES.find((name) => name.toLowerCase() === bare.toLowerCase());
  if (exact !== undefined) {
    const why =
      bare === operation
        ? 'operation names are case-sensitive API names'
        : 'give the API name, not the action';
    return `Unknown KMS operation ${show(operation)}: ${why}; did you mean "${exact}"?`;
  }
  const close = operation.length <= 64 ? closestNames(bare, OPERATION_NAMES) : [];
  const hint =
    close.length > 0 ? `did you mean ${close.map((n) => `"${n}"`).join(', ')}?` : 'see docs/catalog.md.';
  return `Unknown KMS operation ${show(operation)}: ${hint}`;
}

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

/** The ARN named by `parameter`, or null when the call does not give it. */
function optionalId(ctx: Context, parameter: string, kind: IdKind): string | Invalid | null {
  const value = ctx.parameters[parameter];
  if (value === undefined) return null;
  if (typeof value === 'string') return resolveId(ctx, parameter, value, kind);
  return {
    invalid: `Parameter ${parameter} of ${ctx.operation} must be a string, ${ID_HINT[kind]}; got ${show(value)}.`,
  };
}

function requiredId(ctx: Context, parameter: string, kind: IdKind): string | Invalid {
  return (
    optionalId(ctx, parameter, kind) ?? {
      invalid: `${ctx.operation} needs the parameter ${parameter}: ${ID_HINT[kind]}.`,
    }
  );
}

/** The ARN an identifier names: a full `acs:kms:` ARN as is, otherwise one in the caller's account and region. */
function resolveId(ctx: Context, parameter: string, id: string, kind: IdKind): string | Invalid {
  const where = `Parameter ${parameter} of ${ctx.operation}`;
  if (id === '' || id.length > MAX_PARAMETER_LENGTH) {
    return {
      invalid: `${where} must be 1 to ${MAX_PARAMETER_LENGTH} characters (${ID_HINT[kind]}); got ${id.length}.`,
    };
  }
  const wrong: Invalid = { invalid: `${where} must be ${ID_HINT[kind]}; got ${show(id)}.` };
  if (id.startsWith('acs:kms:')) {
    const [, , region = '', account = '', ...rest] = id.split(':');
    const relative = rest.join(':');
    const slash = relative.indexOf('/');
    const type = relative.slice(0, slash);
    const allowed = kind === 'key-or-alias' ? type === 'key' || type === 'alias' : type === kind;
    const named = slash > 0 && slash < relative.length - 1;
    return allowed && named && REGION.test(region) && ACCOUNT.test(account) ? id : wrong;
  }
  const isAlias = id.startsWith('alias/');
  if (kind === 'alias' || (kind === 'key-or-alias' && isAlias))
    return isAlias && id.length > 6 ? ctx.prefix + id : wrong;
  if (kind === 'key' && isAlias) return wrong;
  return `${ctx.prefix}${kind === 'key-or-alias' ? 'key' : kind}/${id}`;
}

/** BatchGetSecretValue takes `SecretNames` (an array) or `SecretNameList` (a JSON array in a string). */
function readSecretNames(ctx: Context): string[] | Invalid {
  const { SecretNames: names, SecretNameList: list } = ctx.parameters;
  if ((names === undefined) === (list === undefined)) {
    return {
      invalid:
        'BatchGetSecretValue needs exactly one of SecretNames (an array of secret names) or SecretNameList (a JSON array in a string).',
    };
  }
  if (names !== undefined) return readStringArray(ctx, 'SecretNames', names);
  if (typeof list !== 'string' || list.length > MAX_BATCH_RESOURCES * (MAX_PARAMETER_LENGTH + 8)) {
    return {
      invalid: `Parameter SecretNameList of BatchGetSecretValue must be a JSON array of names in a string, like '["db-password","api-token"]'; got ${show(list)}.`,
    };
  }
  try {
    return readStringArray(ctx, 'SecretNameList', JSON.parse(list));
  } catch {
    return {
      invalid: `Parameter SecretNameList of BatchGetSecretValue is not valid JSON; write it like '["db-password","api-token"]'.`,
    };
  }
}

function readStringArray(ctx: Context, parameter: string, value: unknown): string[] | Invalid {
  const where = `Parameter ${parameter} of ${ctx.operation}`;
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_BATCH_RESOURCES) {
    return {
      invalid: `${where} must be an array of 1 to ${MAX_BATCH_RESOURCES} strings; got ${show(value)}.`,
    };
  }
  const index = value.findIndex((item) => typeof item !== 'string');
  if (index >= 0)
    return { invalid: `${where}: element ${index} must be a string; got ${show(value[index])}.` };
  return value as string[];
}

/** A short, safe rendering of a user value for messages. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} element${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value !== 'string') return `the ${typeof value} ${String(value).slice(0, 40)}`;
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/** Optimal-string-alignment distance between `a` and `b`, or `limit + 1` as soon as it must exceed `limit`. */
function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? i) + 1, (row[j - 1] ?? i) + 1, (previous[j - 1] ?? i) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (before[j - 2] ?? d) + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = row;
  }
  return Math.min(previous[b.length] ?? limit + 1, limit + 1);
}
