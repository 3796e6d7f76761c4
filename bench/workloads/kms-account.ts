import { Random } from './random.js';

/**
 * Generated, realistic KMS accounts for benchmarks: many users in project groups, tag-scoped crypto
 * access, resource-group-scoped admins, IP and time conditions, denies, and application roles.
 * Each user sees about the same number of statements whatever the account size, so a decision's
 * cost should not grow with the size (semantics-neutral: the model is valid and checkable).
 */
export const ACCOUNT = '1234567890123456';
const REGIONS = ['cn-hangzhou', 'cn-shanghai', 'cn-beijing'] as const;
const CRYPTO = ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext'];
const KEY_ADMIN = [
  'kms:DescribeKey',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:UpdateRotationPolicy',
  'kms:TagResource',
];
const SECRETS = ['kms:GetSecretValue', 'kms:DescribeSecret', 'kms:PutSecretValue'];

export interface Workload {
  statements: number;
  model: Record<string, unknown>;
  requests: Record<string, unknown>[];
}

type Statement = Record<string, unknown>;

function projectName(i: number): string {
  return `proj${i.toString(36).padStart(3, '0')}`;
}

function keyArn(region: string, id: string): string {
  return `acs:kms:${region}:${ACCOUNT}:key/key-${id}`;
}

function projectStatements(random: Random, project: string): Statement[] {
  const region = random.pick(REGIONS);
  const statements: Statement[] = [
    {
      Sid: `${project}Crypto`,
      Effect: 'Allow',
      Action: CRYPTO.slice(0, 2 + random.int(3)),
      Resource: `acs:kms:*:${ACCOUNT}:key/*`,
      Condition: { StringEquals: { 'kms:tag/Project': [project, `${project}-shared`] } },
    },
    {
      Sid: `${project}Admin`,
      Effect: 'Allow',
      Action: KEY_ADMIN.slice(0, 2 + random.int(4)),
      Resource: `acs:kms:${region}:${ACCOUNT}:key/key-${project}*`,
      Condition: { Bool: { 'acs:SecureTransport': 'true' } },
    },
    {
      Sid: `${project}Secrets`,
      Effect: 'Allow',
      Action: SECRETS.slice(0, 1 + random.int(3)),
      Resource: `acs:kms:${region}:${ACCOUNT}:secret/${project}/*`,
    },
  ];
  if (random.chance(0.5)) {
    statements.push({
      Sid: `${project}NoDeletes`,
      Effect: 'Deny',
      Action: ['kms:ScheduleKeyDeletion', 'kms:DeleteSecret'],
      Resource: `acs:kms:*:${ACCOUNT}:*/${project}*`,
      Condition: { DateGreaterThan: { 'acs:CurrentTime': '2026-01-01T00:00:00+08:00' } },
    });
  }
  return statements;
}

/** Builds an account of about `target` statements and a request mix for it, from a fixed seed. */
export function kmsAccount(target: number, seed = 20261127): Workload {
  const random = new Random(seed ^ target);
  const policies: Record<string, unknown>[] = [
    {
      name: 'OfficeNetworkOnly',
      document: {
        Version: '1',
        Statement: [
          {
            Effect: 'Deny',
            Action: 'kms:*',
            Resource: '*',
            Condition: { NotIpAddress: { 'acs:SourceIp': ['203.0.113.0/24', '2001:db8:1::/48'] } },
          },
        ],
      },
    },
  ];
  const groups: Record<string, unknown>[] = [{ name: 'employees' }];
  const users: Record<string, unknown>[] = [];
  const roles: Record<string, unknown>[] = [];
  const attachments: Record<string, unknown>[] = [{ policy: 'OfficeNetworkOnly', to: 'group/employees' }];
  let statements = 1;
  let projects = 0;
  while (statements < target) {
    const project = projectName(projects);
    projects += 1;
    const document = { Version: '1', Statement: projectStatements(random, project) };
    statements += document.Statement.length;
    policies.push({ name: `Kms-${project}`, document });
    groups.push({ name: `${project}-team` });
    const scoped = random.chance(0.3);
    attachments.push({
      policy: `Kms-${project}`,
      to: `group/${project}-team`,
      ...(scoped ? { resourceGroup: `rg-${project}` } : {}),
    });
    for (let u = 0; u < 3; u++) {
      users.push({ name: `${project}-dev${u}`, groups: ['employees', `${project}-team`] });
    }
    if (random.chance(0.2)) {
      roles.push({
        name: `${project}-app`,
        trustPolicy: {
          Version: '1',
          Statement: [
            { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:root`] } },
          ],
        },
      });
      attachments.push({ policy: `Kms-${project}`, to: `role/${project}-app` });
    }
  }
  const model = { account: ACCOUNT, policies, groups, users, roles, attachments };
  return { statements, model, requests: requestMix(random, projects) };
}

function requestMix(random: Random, projects: number): Record<string, unknown>[] {
  const requests: Record<string, unknown>[] = [];
  for (let i = 0; i < 256; i++) {
    const project = projectName(random.int(projects));
    const other = projectName(random.int(projects));
    const region = random.pick(REGIONS);
    const inOffice = random.chance(0.85);
    const context = {
      'acs:SourceIp': inOffice ? `203.0.113.${random.int(250)}` : `198.51.100.${random.int(250)}`,
      'acs:SecureTransport': random.chance(0.9) ? 'true' : 'false',
      'acs:CurrentTime': '2026-11-27T10:00:00Z',
    };
    const kind = random.int(4);
    const principal = `acs:ram::${ACCOUNT}:user/${project}-dev${random.int(3)}`;
    if (kind === 0) {
      const tag = random.chance(0.7) ? project : other;
      requests.push({
        principal,
        action: random.pick(CRYPTO),
        resource: keyArn(region, `${tag}${i}`),
        resourceTags: { Project: tag },
        context,
      });
    } else if (kind === 1) {
      requests.push({
        principal,
        action: random.pick(KEY_ADMIN),
        resource: keyArn(region, `${random.chance(0.7) ? project : other}x${i}`),
        context,
        resourceGroup: `rg-${project}`,
      });
    } else if (kind === 2) {
      requests.push({
        principal,
        action: random.pick(SECRETS),
        resource: `acs:kms:${region}:${ACCOUNT}:secret/${project}/db${i}`,
        context,
      });
    } else {
      requests.push({
        principal,
        action: 'kms:ScheduleKeyDeletion',
        resource: keyArn(region, `${project}-old${i}`),
        context,
      });
    }
  }
  return requests;
}
