import { generateKeyPairSync } from 'node:crypto';
import { loadModelFromObject } from '../../compiler/model/load-model.js';
import type { AccountModel } from '../../compiler/model/types.js';
import { type AssumeRoleInput, type AssumeRoleResult, assumeRole } from '../../compiler/sts/assume-role.js';
import { decodeBase64, encodeBase64 } from '../../runtime/sts/base64.js';
import type { AssumeRoleCall, CaseFile, TokenScenario } from '../load-cases.js';

/** A key pair no case model trusts, for the `other-key` tampering. */
const STRANGER = generateKeyPairSync('ed25519', {
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

const models = new WeakMap<object, AccountModel>();

function modelOf(object: Record<string, unknown>): AccountModel {
  let model = models.get(object);
  if (model === undefined) {
    const loaded = loadModelFromObject(structuredClone(object));
    if (loaded.model === null)
      throw new Error(`the case model has errors: ${JSON.stringify(loaded.diagnostics)}`);
    model = loaded.model;
    models.set(object, model);
  }
  return model;
}

function input(call: AssumeRoleCall): AssumeRoleInput {
  const result: AssumeRoleInput = {
    caller: call.caller,
    roleArn: call.roleArn,
    roleSessionName: call.roleSessionName,
    now: Date.parse(call.now),
  };
  if (call.policy !== undefined) {
    result.policy = typeof call.policy === 'string' ? call.policy : JSON.stringify(call.policy);
  }
  if (call.durationSeconds !== undefined) result.durationSeconds = call.durationSeconds;
  if (call.externalId !== undefined) result.externalId = call.externalId;
  if (call.context !== undefined) result.context = call.context;
  return result;
}

/** Makes a case entry's AssumeRole call against the file's model, signed with the file's `stsPrivateKey`. */
export function callAssumeRole(file: CaseFile, call: AssumeRoleCall): AssumeRoleResult {
  return assumeRole(modelOf(file.model), input(call), file.stsPrivateKey ?? '');
}

/** The `securityToken` (and `accessKeyId`) a token scenario sends; throws when AssumeRole refuses. */
export function mintScenario(
  file: CaseFile,
  scenario: TokenScenario,
): { securityToken: string; accessKeyId?: string } {
  const result =
    scenario.tamper === 'other-key'
      ? assumeRole(
          modelOf({ ...file.model, sts: { publicKey: STRANGER.publicKey } }),
          input(scenario.assumeRole),
          STRANGER.privateKey,
        )
      : callAssumeRole(file, scenario.assumeRole);
  if (!result.ok)
    throw new Error(`the scenario's AssumeRole was refused: ${result.error.code}: ${result.error.message}`);
  const credentials = result.response.Credentials;
  const securityToken = tamper(credentials.SecurityToken, scenario.tamper);
  if (scenario.accessKeyId === undefined) return { securityToken };
  return {
    securityToken,
    accessKeyId: scenario.accessKeyId === 'token' ? credentials.AccessKeyId : scenario.accessKeyId,
  };
}

function tamper(token: string, how: TokenScenario['tamper']): string {
  if (how === 'truncate') return token.slice(0, -1);
  if (how !== 'signature' && how !== 'body') return token;
  const bytes = decodeBase64(token, 'url');
  if (bytes === null) throw new Error('a minted token is not Base64url');
  // The last byte belongs to the signature; byte 10 to the account id in the body.
  const at = how === 'signature' ? bytes.length - 1 : 10;
  bytes[at] = (bytes[at] as number) ^ 0x01;
  return encodeBase64(bytes, 'url');
}
