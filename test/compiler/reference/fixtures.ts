/** Small model builders shared by the reference engine's tests. */
import { referenceAuthorizer } from '../../../compiler/reference/index.js';
import type { Authorizer, Decision } from '../../../runtime/types.js';

export const ACCOUNT = '1234567890123456';
export const OTHER_ACCOUNT = '6543210987654321';
export const ROOT = `acs:ram::${ACCOUNT}:root`;
export const ALICE = `acs:ram::${ACCOUNT}:user/alice`;
export const BOB = `acs:ram::${ACCOUNT}:user/bob`;
export const APP_SESSION = `acs:ram::${ACCOUNT}:role/app-role/session-1`;

export function key(id: string, account = ACCOUNT): string {
  return `acs:kms:cn-hangzhou:${account}:key/${id}`;
}

export function secret(name: string, account = ACCOUNT): string {
  return `acs:kms:cn-hangzhou:${account}:secret/${name}`;
}

type Json = Record<string, unknown>;

/** A custom policy entry of model.json with an inline document. */
export function policy(name: string, ...statements: Json[]): Json {
  return { name, document: { Version: '1', Statement: statements } };
}

export function allow(action: string | string[], resource: string | string[] = '*', extra: Json = {}): Json {
  return { Effect: 'Allow', Action: action, Resource: resource, ...extra };
}

export function deny(action: string | string[], resource: string | string[] = '*', extra: Json = {}): Json {
  return { Effect: 'Deny', Action: action, Resource: resource, ...extra };
}

/**
 * A model.json object: users alice (group crypto-users, one active and one inactive key) and bob, the
 * role app-role trusted by the account, plus the given policies and attachments.
 */
export function model(policies: Json[], attachments: Json[], extra: Json = {}): Json {
  return {
    account: ACCOUNT,
    policies,
    groups: [{ name: 'crypto-users' }],
    users: [
      {
        name: 'alice',
        groups: ['crypto-users'],
        accessKeys: [
          { id: 'LTAI5tAliceActive001', status: 'Active' },
          { id: 'LTAI5tAliceInactive1', status: 'Inactive' },
        ],
      },
      { name: 'bob' },
    ],
    roles: [
      {
        name: 'app-role',
        trustPolicy: {
          Version: '1',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [ROOT] } }],
        },
      },
      {
        name: 'AliyunServiceRoleForKMSSecretsManagerForECS',
        serviceLinkedTo: 'secretsmanager-ecs.kms.aliyuncs.com',
      },
    ],
    attachments,
    ...extra,
  };
}

/** An authorizer over `model(...)` with a fixed clock (2026-06-01T00:00:00Z). */
export function engine(policies: Json[], attachments: Json[], extra: Json = {}): Authorizer {
  return referenceAuthorizer(model(policies, attachments, extra), { now: () => Date.UTC(2026, 5, 1) });
}

/** Alice asks for `action` on `resource`, with any other request members. */
export function asAlice(authorizer: Authorizer, action: string, resource = '*', extra: Json = {}): Decision {
  return authorizer.authorize({ principal: ALICE, action, resource, ...extra });
}
