import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { loadBundle } from '../../runtime/index.js';
import { loadWasmBundle } from '../../runtime/wasm.js';
import { ARN, credentials, KEY, NOW, stsModelObject } from '../sts/fixtures.js';
import { coreModule } from './core-module.js';

const now = (): number => NOW;

const policy = (...statements: object[]): string => JSON.stringify({ Version: '1', Statement: statements });

/** Role `app` sessions: without a session policy, and with four different ones. */
function tokens(): Record<string, string> {
  const token = (name: string, sessionPolicy?: string): string =>
    credentials({
      roleArn: `${ARN}:role/app`,
      roleSessionName: name,
      ...(sessionPolicy === undefined ? {} : { policy: sessionPolicy }),
    }).Credentials.SecurityToken;
  return {
    plain: token('plain'),
    decryptOnly: token('decrypt-only', policy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' })),
    denyEncrypt: token(
      'deny-encrypt',
      policy(
        { Effect: 'Allow', Action: 'kms:*', Resource: '*' },
        { Sid: 'NoEncrypt', Effect: 'Deny', Action: 'kms:Encrypt', Resource: '*' },
      ),
    ),
    // The bundle has no condition on acs:SourceIp; only this session policy reads it.
    officeOnly: token(
      'office-only',
      policy({
        Effect: 'Allow',
        Action: 'kms:*',
        Resource: '*',
        Condition: { IpAddress: { 'acs:SourceIp': '203.0.113.0/24' } },
      }),
    ),
    empty: token('empty', policy({ Effect: 'Deny', Action: 'ecs:*', Resource: '*' })),
  };
}

describe('Wasm engine: role sessions with session policies (semantics §6.2 step 3, §7.2)', () => {
  it('decides like the TS runtime while requests switch between tokens and their session policies', async () => {
    const bundle = compile(stsModelObject()).bundle as Uint8Array;
    const ts = loadBundle(bundle, { now });
    const wasm = await loadWasmBundle(bundle, { module: await coreModule(), now });
    const all = tokens();
    const requests: Record<string, unknown>[] = [];
    for (let round = 0; round < 3; round++) {
      for (const token of Object.values(all)) {
        for (const action of ['kms:Decrypt', 'kms:Encrypt', 'kms:ListKeys', 'kms:ScheduleKeyDeletion']) {
          for (const ip of ['203.0.113.9', '198.51.100.1']) {
            requests.push({ securityToken: token, action, resource: KEY, context: { 'acs:SourceIp': ip } });
          }
        }
        requests.push({
          securityToken: token,
          operation: 'ReEncrypt',
          region: 'cn-hangzhou',
          parameters: { SourceKeyId: 'key-a', DestinationKeyId: 'key-b' },
        });
      }
    }
    const decisions = new Set<string>();
    for (const request of requests) {
      const expected = ts.authorize(request);
      expect(wasm.authorize(request), JSON.stringify(request)).toEqual(expected);
      decisions.add(`${expected.decision}/${expected.deciding.map((d) => d.scope).join(',')}`);
    }
    // Every outcome of step 3 shows up: allowed by both, denied by the session policy, not allowed by it.
    expect([...decisions]).toEqual(
      expect.arrayContaining(['Allow/session,account', 'ExplicitDeny/session', 'ImplicitDeny/']),
    );
  });

  it('refuses a token whose signature does not verify, like the TS runtime', async () => {
    const bundle = compile(stsModelObject()).bundle as Uint8Array;
    const wasm = await loadWasmBundle(bundle, { module: await coreModule(), now });
    const token = tokens().plain as string;
    const middle = token.length >> 1;
    const spoiled = `${token.slice(0, middle)}${token[middle] === 'A' ? 'B' : 'A'}${token.slice(middle + 1)}`;
    const request = { securityToken: spoiled, action: 'kms:Decrypt', resource: KEY };
    expect(wasm.authorize(request)).toEqual(loadBundle(bundle, { now }).authorize(request));
    expect(wasm.authorize(request).error?.code).toBe('InvalidSecurityToken');
  });
});
