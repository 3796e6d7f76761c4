/**
 * The catalogued actions as data (semantics §8.2), grouped by the resources they are authorized on.
 * Names are RAM action names without the service prefix; lookups live in `actions.ts`. The KMS API
 * lists are shared with the operation table, so the two cannot drift apart.
 */

import {
  CERTIFICATE_OPERATIONS,
  KEY_OPERATIONS,
  SECRET_OPERATIONS,
  UNRESTRICTED_OPERATIONS,
} from '../../runtime/operation-table.js';

/**
 * What an action is authorized on (semantics §8.1). `all` means resource `*` only (no
 * resource-level authorization); `role` is a RAM role ARN (`acs:ram::<account>:role/<name>`).
 */
export type ResourceType =
  | 'key-container'
  | 'key'
  | 'alias-container'
  | 'alias'
  | 'secret-container'
  | 'secret'
  | 'certificate-container'
  | 'certificate'
  | 'role'
  | 'all';

export interface ActionGroup {
  service: string;
  resourceTypes: readonly ResourceType[];
  names: readonly string[];
  /** Service condition keys of other services than KMS (KMS keys follow the rules of `condition-keys.ts`). */
  conditionKeys?: readonly string[];
}

export const ACTION_GROUPS: readonly ActionGroup[] = [
  { service: 'kms', resourceTypes: ['key-container'], names: ['ListKeys', 'CreateKey'] },
  {
    service: 'kms',
    resourceTypes: ['key'],
    names: [...KEY_OPERATIONS, 'SetDeletionProtection', 'ReEncryptFrom', 'ReEncryptTo'],
  },
  { service: 'kms', resourceTypes: ['alias-container'], names: ['ListAliases'] },
  // INVARIANT: each of these needs the action on the alias AND on the key it points to.
  { service: 'kms', resourceTypes: ['alias', 'key'], names: ['CreateAlias', 'UpdateAlias', 'DeleteAlias'] },
  { service: 'kms', resourceTypes: ['secret-container'], names: ['CreateSecret', 'ListSecrets'] },
  {
    service: 'kms',
    resourceTypes: ['secret'],
    names: [...SECRET_OPERATIONS, 'GetSecretValue', 'PutSecretValue'],
  },
  { service: 'kms', resourceTypes: ['certificate-container'], names: ['CreateCertificate'] },
  {
    service: 'kms',
    resourceTypes: ['certificate'],
    names: CERTIFICATE_OPERATIONS,
  },
  {
    service: 'kms',
    resourceTypes: ['key', 'secret', 'certificate'],
    names: [
      'TagResource',
      'UntagResource',
      'ListResourceTags',
      'TagResources',
      'UntagResources',
      'ListTagResources',
    ],
  },
  {
    service: 'kms',
    resourceTypes: ['all'],
    names: ['DescribeRegions', ...UNRESTRICTED_OPERATIONS],
  },
  // Other services: only the actions KMS policies and roles use; these services are not catalogued.
  {
    service: 'ram',
    resourceTypes: ['role'],
    names: ['CreateServiceLinkedRole', 'DeleteServiceLinkedRole'],
    conditionKeys: ['ram:ServiceName'],
  },
  { service: 'sts', resourceTypes: ['role'], names: ['AssumeRole'], conditionKeys: ['sts:ExternalId'] },
];

/** Services whose every action is catalogued: an unknown action of these is worth a warning. */
export const CATALOGUED_SERVICES: readonly string[] = ['kms'];

/**
 * API names that are not RAM actions, with the actions that authorize them: a policy naming one
 * matches nothing, so "did you mean" points at the real actions.
 */
export const OPERATION_ONLY_NAMES: ReadonlyMap<string, readonly string[]> = new Map([
  ['kms:reencrypt', ['kms:ReEncryptFrom', 'kms:ReEncryptTo']],
  ['kms:batchgetsecretvalue', ['kms:GetSecretValue']],
]);
