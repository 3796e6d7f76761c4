/**
 * The @cloud-copilot/iam-simulate peer (AGPL-3.0-or-later): imported only from bench/peers/, never from
 * compiler/ or runtime/, and never shipped.
 */
import { createValidatedPolicy, type ValidatedPolicy } from '@cloud-copilot/iam-policy';
import { runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { DecisionKind } from '../../runtime/types.js';
import type { Contender, Peer } from '../engines/contender.js';
import type { BenchRequest, RamStatement, Workload } from '../workloads/types.js';
import {
  decideScoped,
  identityKey,
  type ScopedPolicy,
  sliceFor,
  sliceIdentities,
} from './identity-slices.js';

/** iam-simulate reads account ids as AWS's 12 digits: RAM's (up to 32 digits) are mapped to this one. */
export const AWS_ACCOUNT = '123456789012';

type IdentityPolicies = Simulation['identityPolicies'];

/** RAM condition keys and their AWS global equivalents; tag keys are mapped by prefix. */
const KEYS: Record<string, string> = {
  'acs:sourceip': 'aws:SourceIp',
  'acs:securetransport': 'aws:SecureTransport',
  'acs:currenttime': 'aws:CurrentTime',
  'acs:mfapresent': 'aws:MultiFactorAuthPresent',
};

/** A RAM condition key as an AWS one: `acs:SourceIp` → `aws:SourceIp`, `kms:tag/K` → `aws:ResourceTag/K`. */
export function awsKey(key: string): string {
  const lower = key.toLowerCase();
  const mapped = KEYS[lower];
  if (mapped !== undefined) return mapped;
  for (const prefix of ['kms:tag/', 'acs:resourcetag/']) {
    if (lower.startsWith(prefix)) return `aws:ResourceTag/${key.slice(prefix.length)}`;
  }
  throw new Error(`the iam-simulate translation has no AWS equivalent for the condition key ${key}`);
}

/** An `acs:` ARN or ARN pattern as an `arn:aws:` one in the mapped account; `*` stays `*`. */
export function awsArn(arn: string, account: string): string {
  if (arn === '*') return arn;
  if (!arn.startsWith('acs:')) throw new Error(`not an acs: ARN: ${arn}`);
  const [service, region, arnAccount, ...rest] = arn.slice(4).split(':');
  const mapped = arnAccount === account ? AWS_ACCOUNT : arnAccount;
  return ['arn:aws', service, region, mapped, ...rest].join(':');
}

function awsStatement(statement: RamStatement, account: string): object {
  const condition: Record<string, Record<string, string | string[]>> = {};
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    const block: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(keys)) block[awsKey(key)] = value;
    condition[operator] = block;
  }
  const resources = typeof statement.Resource === 'string' ? [statement.Resource] : statement.Resource;
  return {
    Effect: statement.Effect,
    Action: statement.Action,
    Resource: resources.map((r) => awsArn(r, account)),
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
}

/** The caller's ARN in AWS form: an IAM user, or an STS assumed-role session. */
export function awsPrincipal(principal: string, account: string): string {
  const key = identityKey(principal, account);
  if (key?.startsWith('user/')) return `arn:aws:iam::${AWS_ACCOUNT}:${key}`;
  const session = principal.split('/').slice(1).join('/');
  if (key?.startsWith('role/')) return `arn:aws:sts::${AWS_ACCOUNT}:assumed-role/${session}`;
  throw new Error(`the iam-simulate translation takes user and role-session callers, not ${principal}`);
}

/** AWS KMS's default key policy: IAM policies of the account decide (RAM has no key policies). */
const DEFAULT_KEY_POLICY: ValidatedPolicy<{ name: string }> = createValidatedPolicy(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${AWS_ACCOUNT}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  },
  () => [],
  { name: 'DefaultKeyPolicy' },
);

function requestContext(request: BenchRequest): Record<string, string> {
  const context: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.context)) context[awsKey(key)] = value;
  for (const [tag, value] of Object.entries(request.resourceTags ?? {}))
    context[`aws:ResourceTag/${tag}`] = value;
  return context;
}

const RESULTS: Record<string, DecisionKind> = {
  Allowed: 'Allow',
  ExplicitlyDenied: 'ExplicitDeny',
  ImplicitlyDenied: 'ImplicitDeny',
};

/** @cloud-copilot/iam-simulate: an AWS IAM simulator with explanations, in TypeScript. */
export const iamSimulatePeer: Peer = {
  name: 'iam-simulate',
  packageName: '@cloud-copilot/iam-simulate',
  differences: [
    'Runs through `runUnsafeSimulation`, its documented fast path without input validation (the validating `runSimulation` is asynchronous, validates every input on each call, 2.6× slower on a three-statement policy here, and rejects RAM-only actions such as `kms:GetSecretValue`).',
    'ARNs are rewritten `acs:` → `arn:aws:`, and the account id to a 12-digit AWS one (iam-simulate denies requests whose account is not 12 digits). Users are IAM users; role sessions are `arn:aws:sts::<account>:assumed-role/<role>/<session>`.',
    'Condition keys become their AWS equivalents: `acs:SourceIp`, `acs:SecureTransport`, `acs:CurrentTime` → `aws:…`; `kms:tag/K` and `acs:ResourceTag/K` → `aws:ResourceTag/K`.',
    'AWS KMS also requires the key policy to allow: every key request carries the default key policy (allow the account root, so IAM policies decide), which RAM does not have. Secrets keep their RAM `kms:` ARNs, for which iam-simulate reads no resource policy.',
    'No groups or attachment scopes: the host passes the caller’s attached policies as identity policies and applies RAM resource-group precedence itself (a second simulation with the resource group’s set when the account-scope set gives no decision).',
  ],
  prepare(workload: Workload): Contender {
    const { model, requests } = workload;
    const toPolicies = (policies: ScopedPolicy[]): IdentityPolicies =>
      policies.map((p) => ({
        name: p.name,
        policy: {
          Version: '2012-10-17',
          Statement: p.document.Statement.map((s) => awsStatement(s, model.account)),
        },
      }));
    const slices = sliceIdentities(model, new Set(requests.map((r) => r.principal)), toPolicies);
    const prepared = requests.map((request) => {
      const resource = awsArn(request.resource, model.account);
      const base: Omit<Simulation, 'identityPolicies'> = {
        request: {
          principal: awsPrincipal(request.principal, model.account),
          action: request.action,
          resource: { resource, accountId: AWS_ACCOUNT },
          contextVariables: requestContext(request),
        },
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        ...(resource.includes(':key/') ? { resourcePolicy: DEFAULT_KEY_POLICY } : {}),
      };
      return {
        slice: sliceFor(slices, request.principal, model.account),
        group: request.resourceGroup,
        base,
      };
    });
    return {
      name: 'iam-simulate',
      decide(index) {
        const { slice, group, base } = prepared[index] as (typeof prepared)[number];
        return decideScoped(slice, group, (identityPolicies) => {
          const result = runUnsafeSimulation({ ...base, identityPolicies }, {});
          return RESULTS[result] ?? 'ImplicitDeny';
        });
      },
    };
  },
};
