import { generateKeyPairSync } from 'node:crypto';
import { loadModelFromObject } from '../../compiler/model/load-model.js';
import type { AccountModel } from '../../compiler/model/types.js';
import { type AssumeRoleInput, type AssumeRoleResponse, assumeRole } from '../../compiler/sts/assume-role.js';

export const ACCOUNT = '1234567890123456';
export const ARN = `acs:ram::${ACCOUNT}`;
export const KEY = `acs:kms:cn-hangzhou:${ACCOUNT}:key/key-hzz62f1cb66fa42qo1`;
/** 2026-11-27T10:00:00Z, the time of every AssumeRole call in these tests. */
export const NOW = Date.UTC(2026, 10, 27, 10, 0, 0);

function pemPair(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

/** The model's STS key pair, and another pair the model does not trust. */
export const KEYS = pemPair();
export const OTHER_KEYS = pemPair();

const allow = (action: string | string[], resource: string | string[] = '*') => ({
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
});
const trust = (...statements: object[]) => ({ Version: '1', Statement: statements });
const principal = (p: object, extra: object = {}) => ({
  Effect: 'Allow',
  Action: 'sts:AssumeRole',
  Principal: p,
  ...extra,
});

/** A model exercising every rule of semantics §7.1 (one identity per rule). */
export function stsModelObject(publicKeyPem: string = KEYS.publicKeyPem): Record<string, unknown> {
  return {
    account: ACCOUNT,
    sts: { publicKey: publicKeyPem },
    policies: [
      { name: 'AssumeRoles', document: allow('sts:AssumeRole', `${ARN}:role/*`) },
      {
        name: 'DenyAssumeAdmin',
        document: {
          Version: '1',
          Statement: [
            { Sid: 'NoAdmin', Effect: 'Deny', Action: 'sts:AssumeRole', Resource: `${ARN}:role/admin` },
          ],
        },
      },
      { name: 'AppKms', document: allow(['kms:Decrypt', 'kms:Encrypt', 'kms:ListKeys']) },
    ],
    users: [{ name: 'alice' }, { name: 'bob' }, { name: 'mallory' }, { name: 'dave' }],
    roles: [
      { name: 'app', maxSessionDuration: 7200, trustPolicy: trust(principal({ RAM: `${ARN}:root` })) },
      { name: 'admin', trustPolicy: trust(principal({ RAM: `${ARN}:root` })) },
      {
        name: 'partner',
        trustPolicy: trust(
          principal(
            { RAM: `${ARN}:user/alice` },
            { Condition: { StringEquals: { 'sts:ExternalId': 'abc-123' } } },
          ),
        ),
      },
      { name: 'chained', trustPolicy: trust(principal({ RAM: `${ARN}:role/app` })) },
      {
        name: 'ecs-worker',
        trustPolicy: trust(principal({ Service: 'ecs.aliyuncs.com' })),
      },
      {
        name: 'not-bob',
        trustPolicy: trust(principal({ RAM: `${ARN}:root` }), {
          Sid: 'NotBob',
          Effect: 'Deny',
          Action: 'sts:AssumeRole',
          Principal: { RAM: `${ARN}:user/bob` },
        }),
      },
      {
        name: 'mfa-only',
        trustPolicy: trust(
          principal({ RAM: `${ARN}:root` }, { Condition: { Bool: { 'acs:MFAPresent': 'true' } } }),
        ),
      },
      { name: 'AliyunServiceRoleForKMSKeyStore', serviceLinkedTo: 'keystore.kms.aliyuncs.com' },
    ],
    attachments: [
      { policy: 'AssumeRoles', to: 'user/alice' },
      { policy: 'AssumeRoles', to: 'user/bob' },
      { policy: 'AssumeRoles', to: 'user/mallory' },
      { policy: 'DenyAssumeAdmin', to: 'user/mallory' },
      { policy: 'AppKms', to: 'role/app' },
      { policy: 'AssumeRoles', to: 'role/app' },
      { policy: 'AppKms', to: 'role/chained' },
      { policy: 'AppKms', to: 'role/ecs-worker' },
    ],
  };
}

/** Loads a model object, failing the test on any error. */
export function load(object: object): AccountModel {
  const loaded = loadModelFromObject(object);
  if (loaded.model === null) throw new Error(JSON.stringify(loaded.diagnostics, null, 2));
  return loaded.model;
}

export const MODEL = load(stsModelObject());

/** AssumeRole at NOW with the model's key; the call must succeed. */
export function credentials(
  input: Partial<AssumeRoleInput> & { roleArn: string },
  model = MODEL,
): AssumeRoleResponse {
  const result = assumeRole(
    model,
    { caller: `${ARN}:user/alice`, roleSessionName: 'session-1', now: NOW, ...input },
    KEYS.privateKeyPem,
  );
  if (!result.ok) throw new Error(`AssumeRole refused: ${result.error.code}: ${result.error.message}`);
  return result.response;
}
