/**
 * The condition keys ramc knows (semantics §5) and which actions the KMS keys apply to (§8.2).
 * Key names are case-insensitive; tag keys are everything after the first `/` of the key.
 */
import type { ResourceType } from './action-table.js';

/** How a key's request values are read. */
export type KeyType = 'string' | 'date' | 'boolean' | 'ip' | 'numeric';

export interface ConditionKeyInfo {
  /** The key with its catalogued spelling (`acs:SourceIp`); for prefix keys, prefix + tag key as written. */
  canonical: string;
  type: KeyType;
  /** For tag keys: the catalogued prefix (`kms:tag/`). */
  prefix?: string;
  /** Global keys (`acs:…`) apply to every action; service keys only to the actions that list them. */
  global: boolean;
}

/** The prefix of the KMS tag key `kms:tag/<tag-key>`, as action entries list it. */
export const KMS_TAG_PREFIX = 'kms:tag/';
export const ENCRYPTION_ALGORITHM_KEY = 'kms:EncryptionAlgorithm';

const FIXED_KEYS: readonly (readonly [string, KeyType])[] = [
  ['acs:CurrentTime', 'date'],
  ['acs:SecureTransport', 'boolean'],
  ['acs:SourceIp', 'ip'],
  ['acs:SourceVpc', 'string'],
  ['acs:MFAPresent', 'boolean'],
  ['acs:AccessId', 'string'],
  ['acs:PrincipalARN', 'string'],
  [ENCRYPTION_ALGORITHM_KEY, 'string'],
  ['sts:ExternalId', 'string'],
  ['ram:ServiceName', 'string'],
];
const PREFIX_KEYS: readonly string[] = ['acs:ResourceTag/', 'acs:RequestTag/', KMS_TAG_PREFIX];
const BY_LOWER_NAME = new Map(FIXED_KEYS.map(([name, type]) => [name.toLowerCase(), { name, type }]));

/** The cryptographic actions that carry `kms:EncryptionAlgorithm` (semantics §8.2). */
export const ENCRYPTION_ALGORITHM_ACTIONS: readonly string[] = [
  'Encrypt',
  'Decrypt',
  'ReEncryptFrom',
  'ReEncryptTo',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'ExportDataKey',
  'GenerateAndExportDataKey',
  'AsymmetricEncrypt',
  'AsymmetricDecrypt',
];

/**
 * Looks a key up case-insensitively. Unknown keys, and tag keys with nothing after the prefix
 * (`kms:tag/`), give undefined.
 */
export function lookupConditionKey(key: string): ConditionKeyInfo | undefined {
  const lower = key.toLowerCase();
  const fixed = BY_LOWER_NAME.get(lower);
  if (fixed !== undefined) return { canonical: fixed.name, type: fixed.type, global: isGlobal(fixed.name) };
  for (const prefix of PREFIX_KEYS) {
    if (lower.startsWith(prefix.toLowerCase()) && key.length > prefix.length) {
      return {
        canonical: prefix + key.slice(prefix.length),
        type: 'string',
        prefix,
        global: isGlobal(prefix),
      };
    }
  }
  return undefined;
}

/**
 * The KMS condition keys a KMS action supports besides the global keys: `kms:tag/` on actions
 * on one key or secret, `kms:EncryptionAlgorithm` on the cryptographic actions.
 */
export function kmsConditionKeysFor(name: string, resourceTypes: readonly ResourceType[]): string[] {
  const keys: string[] = [];
  if (resourceTypes.includes('key') || resourceTypes.includes('secret')) keys.push(KMS_TAG_PREFIX);
  if (ENCRYPTION_ALGORITHM_ACTIONS.includes(name)) keys.push(ENCRYPTION_ALGORITHM_KEY);
  return keys;
}

/**
 * Whether `key` can ever have a value for `action`: global keys always, service keys only when the
 * action lists them (prefix keys by their prefix). Unknown keys: false.
 */
export function conditionKeyAppliesTo(key: string, action: { conditionKeys: readonly string[] }): boolean {
  const info = lookupConditionKey(key);
  if (info === undefined) return false;
  return info.global || action.conditionKeys.includes(info.prefix ?? info.canonical);
}

function isGlobal(name: string): boolean {
  return name.startsWith('acs:');
}
