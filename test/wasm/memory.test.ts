import { describe, expect, it } from 'vitest';
import { kmsAccount } from '../../bench/workloads/kms-account.js';
import { compile } from '../../compiler/compile.js';
import { decodeBundle } from '../../runtime/decode.js';
import { WasmAuthorizer } from '../../runtime/wasm-authorizer.js';
import { WasmCore } from '../../runtime/wasm-core.js';
import { ARN, credentials, KEY, NOW, stsModelObject } from '../sts/fixtures.js';
import { coreModule } from './core-module.js';

const CALLS = 100_000;

async function authorizer(bundle: Uint8Array): Promise<{ core: WasmCore; authorizer: WasmAuthorizer }> {
  const core = await WasmCore.instantiate(await coreModule());
  expect(core.loadBundle(bundle)).toBe(0);
  return { core, authorizer: new WasmAuthorizer(core, bundle, decodeBundle(bundle), () => NOW) };
}

describe('Wasm core memory', () => {
  it(`stays flat over ${CALLS.toLocaleString('en')} decisions`, async () => {
    const workload = kmsAccount(1_000);
    const { core, authorizer: wasm } = await authorizer(compile(workload.model).bundle as Uint8Array);
    const operation = {
      principal: workload.requests[0]?.principal,
      operation: 'BatchGetSecretValue',
      region: 'cn-hangzhou',
      parameters: { SecretNames: Array.from({ length: 100 }, (_, i) => `proj000/db${i}`) },
    };
    const requests = [...workload.requests, operation];
    // Warm up: the request and result buffers grow to the largest request once.
    for (const request of requests) wasm.authorize(request);
    const before = core.memoryBytes;
    let allowed = 0;
    for (let i = 0; i < CALLS; i++) {
      if (wasm.authorize(requests[i % requests.length]).decision === 'Allow') allowed++;
    }
    expect(core.memoryBytes).toBe(before);
    expect(allowed).toBeGreaterThan(0);
  });

  it('stays flat while requests switch between session policies', async () => {
    const { core, authorizer: wasm } = await authorizer(compile(stsModelObject()).bundle as Uint8Array);
    const tokens = ['kms:Decrypt', 'kms:Encrypt'].map(
      (action, i) =>
        credentials({
          roleArn: `${ARN}:role/app`,
          roleSessionName: `s${i}`,
          policy: JSON.stringify({
            Version: '1',
            Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
          }),
        }).Credentials.SecurityToken,
    );
    const request = (i: number) => ({ securityToken: tokens[i % 2], action: 'kms:Decrypt', resource: KEY });
    for (let i = 0; i < 4; i++) wasm.authorize(request(i));
    const before = core.memoryBytes;
    const decisions = new Set<string>();
    for (let i = 0; i < 10_000; i++) decisions.add(wasm.authorize(request(i)).decision);
    expect(core.memoryBytes).toBe(before);
    expect([...decisions].sort()).toEqual(['Allow', 'ImplicitDeny']);
  });
});
