import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compile } from '../../compiler/compile.js';
import { loadModel } from '../../compiler/model/load-model.js';
import { assumeRole } from '../../compiler/sts/assume-role.js';
import { generateStsKeyPair } from '../../compiler/sts/keygen.js';
import type { PreparedWorkload } from '../engines/prepare-workload.js';
import { ACCOUNT } from './constants.js';

/** The mix's requests made again with STS credentials, and the bundle that can verify them. */
export interface StsScenario {
  bundle: Uint8Array;
  requests: unknown[];
}

/** When the credentials are issued: an hour before the mix's `acs:CurrentTime`, so they are still valid. */
const ISSUED = Date.parse('2026-11-27T09:30:00Z');

/** A user the STS variant of the model adds, allowed to assume every role (whose trust names the account). */
const ASSUMER = 'bench-sts-assumer';

/**
 * The role-session requests of the mix, each made with a security token of its role (one AssumeRole per
 * role) instead of the session's ARN: what a host sees from an application running with STS credentials.
 * The workload's model gets a fresh STS key pair and a user allowed to assume the roles (written next to
 * model.json, so its policy files resolve). Null when the mix has no role-session requests.
 */
export function stsScenario(prepared: PreparedWorkload): StsScenario | null {
  const keys = generateStsKeyPair();
  const modelPath = join(dirname(prepared.files.modelPath), 'model-sts.json');
  const model = JSON.parse(readFileSync(prepared.files.modelPath, 'utf8')) as Record<string, unknown[]>;
  const assume = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] };
  const withSts = {
    ...model,
    sts: { publicKey: keys.publicKeyPem },
    policies: [...(model.policies ?? []), { name: 'BenchAssumeRoles', document: assume }],
    users: [...(model.users ?? []), { name: ASSUMER }],
    attachments: [...(model.attachments ?? []), { policy: 'BenchAssumeRoles', to: `user/${ASSUMER}` }],
  };
  writeFileSync(modelPath, JSON.stringify(withSts, null, 2));
  const loaded = loadModel(modelPath).model;
  const { bundle } = compile(modelPath);
  if (loaded === null || bundle === null) throw new Error('the workload with an STS key does not compile');
  const tokens = new Map<string, string>();
  const tokenOf = (role: string): string => {
    let token = tokens.get(role);
    if (token === undefined) {
      const result = assumeRole(
        loaded,
        {
          caller: `acs:ram::${ACCOUNT}:user/${ASSUMER}`,
          roleArn: `acs:ram::${ACCOUNT}:role/${role}`,
          roleSessionName: 'bench',
          now: ISSUED,
        },
        keys.privateKeyPem,
      );
      if (!result.ok) throw new Error(`AssumeRole of ${role} failed: ${result.error.message}`);
      token = result.response.Credentials.SecurityToken;
      tokens.set(role, token);
    }
    return token;
  };
  const requests: unknown[] = [];
  for (const request of prepared.workload.requests) {
    const { principal, ...rest } = request as { principal?: string };
    const role = /:role\/([^/]+)\//.exec(principal ?? '')?.[1];
    if (role !== undefined) requests.push({ ...rest, securityToken: tokenOf(role) });
  }
  // A JSON round trip, so every request is fresh plain data as a host would parse it.
  return requests.length === 0 ? null : { bundle, requests: JSON.parse(JSON.stringify(requests)) };
}
