import {
  ACCOUNT,
  CRYPTO,
  KEY_ADMIN,
  OFFICE_V4,
  OFFICE_V6,
  projectName,
  REGIONS,
  SECRETS,
} from './constants.js';
import { Random } from './random.js';
import { type Project, requestMix } from './request-mix.js';
import type { BenchAttachment, BenchModel, RamPolicyDocument, RamStatement, Workload } from './types.js';

/** Secrets of some projects may only be read from the first half of the office network. */
const SECRET_SUBNET = '203.0.113.0/25';

function teamStatements(random: Random, project: Project): RamStatement[] {
  const key = `acs:kms:*:${ACCOUNT}:key/*`;
  const statements: RamStatement[] = [
    {
      Sid: 'TeamCrypto',
      Effect: 'Allow',
      Action: CRYPTO.slice(0, 2 + random.int(3)),
      Resource: key,
      Condition: { StringEquals: { 'kms:tag/Project': [project.name, `${project.name}-shared`] } },
    },
    {
      Sid: 'TeamSecrets',
      Effect: 'Allow',
      Action: SECRETS.slice(0, 1 + random.int(3)),
      Resource: `acs:kms:${project.region}:${ACCOUNT}:secret/${project.name}/*`,
      ...(random.chance(0.4) ? { Condition: { IpAddress: { 'acs:SourceIp': SECRET_SUBNET } } } : {}),
    },
  ];
  if (random.chance(0.3)) {
    statements.push({
      Sid: 'SharedKeysUntilYearEnd',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: key,
      Condition: {
        StringEquals: { 'kms:tag/Project': 'shared' },
        DateLessThan: {
          'acs:CurrentTime': random.chance(0.5) ? '2026-12-31T23:59:59Z' : '2026-06-30T23:59:59Z',
        },
      },
    });
  }
  if (project.deletionFreeze) {
    statements.push({
      Sid: 'DeletionFreeze',
      Effect: 'Deny',
      Action: ['kms:ScheduleKeyDeletion', 'kms:DeleteSecret'],
      Resource: [
        `acs:kms:*:${ACCOUNT}:key/key-${project.name}*`,
        `acs:kms:*:${ACCOUNT}:secret/${project.name}/*`,
      ],
      Condition: { DateGreaterThan: { 'acs:CurrentTime': '2026-01-01T00:00:00+08:00' } },
    });
  }
  return statements;
}

function adminStatements(random: Random, project: Project): RamStatement[] {
  const ownKeys = `acs:kms:${project.region}:${ACCOUNT}:key/key-${project.name}*`;
  return [
    {
      Sid: 'KeyAdmin',
      Effect: 'Allow',
      Action: KEY_ADMIN.slice(0, 2 + random.int(4)),
      Resource: ownKeys,
      Condition: { Bool: { 'acs:SecureTransport': 'true' } },
    },
    {
      Sid: 'KeyLifecycle',
      Effect: 'Allow',
      Action: ['kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion'],
      Resource: ownKeys,
    },
  ];
}

const OFFICE_ONLY: RamPolicyDocument = {
  Version: '1',
  Statement: [
    {
      Sid: 'OfficeNetworksOnly',
      Effect: 'Deny',
      Action: 'kms:*',
      Resource: '*',
      Condition: { NotIpAddress: { 'acs:SourceIp': [OFFICE_V4, OFFICE_V6] } },
    },
  ],
};

const trustAccount = {
  Version: '1' as const,
  Statement: [
    { Effect: 'Allow' as const, Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:root`] } },
  ],
};

/**
 * Generated, realistic KMS accounts for benchmarks. Every project has a team group (tag-scoped crypto,
 * secrets under its own path, sometimes a time-boxed grant on shared keys and a deletion freeze) and an
 * admin group (key administration, attached at account scope or to the project's resource group);
 * some projects have an application role. Everyone in `employees` is denied outside the office
 * networks. Each caller sees about the same number of statements whatever the account size, so a
 * decision's cost should not grow with it. Resource-group-scoped policies only allow: see
 * docs/benchmarks.md for why that keeps the peers' translation exact.
 *
 * Builds an account of about `target` statements (at least one project) and its request mix, from a
 * fixed seed: the same arguments give the same workload on every machine.
 */
export function kmsAccount(target: number, seed = 20261127): Workload {
  const random = new Random(seed ^ target);
  const model: BenchModel = {
    account: ACCOUNT,
    policies: [{ name: 'OfficeNetworksOnly', document: OFFICE_ONLY }],
    groups: [{ name: 'employees' }],
    users: [],
    roles: [],
    attachments: [{ policy: 'OfficeNetworksOnly', to: 'group/employees' }],
  };
  const projects: Project[] = [];
  let statements = OFFICE_ONLY.Statement.length;
  while (statements < target || projects.length === 0) {
    const project: Project = {
      name: projectName(projects.length),
      region: random.pick(REGIONS),
      hasRole: random.chance(0.25),
      deletionFreeze: random.chance(0.5),
    };
    projects.push(project);
    const team = { Version: '1' as const, Statement: teamStatements(random, project) };
    const admin = { Version: '1' as const, Statement: adminStatements(random, project) };
    statements += team.Statement.length + admin.Statement.length;
    addProject(model, project, team, admin, random.chance(0.3));
  }
  return { target, statements, model, requests: requestMix(random, projects) };
}

function addProject(
  model: BenchModel,
  project: Project,
  team: RamPolicyDocument,
  admin: RamPolicyDocument,
  adminInResourceGroup: boolean,
): void {
  const name = project.name;
  model.policies.push(
    { name: `Kms-${name}-team`, document: team },
    { name: `Kms-${name}-admin`, document: admin },
  );
  model.groups.push({ name: `${name}-team` }, { name: `${name}-admins` });
  const adminAttachment: BenchAttachment = { policy: `Kms-${name}-admin`, to: `group/${name}-admins` };
  if (adminInResourceGroup) adminAttachment.resourceGroup = `rg-${name}`;
  model.attachments.push({ policy: `Kms-${name}-team`, to: `group/${name}-team` }, adminAttachment);
  model.users.push(
    { name: `${name}-dev0`, groups: ['employees', `${name}-team`, `${name}-admins`] },
    { name: `${name}-dev1`, groups: ['employees', `${name}-team`] },
    { name: `${name}-dev2`, groups: ['employees', `${name}-team`] },
  );
  if (project.hasRole) {
    model.roles.push({ name: `${name}-app`, trustPolicy: trustAccount });
    model.attachments.push({ policy: `Kms-${name}-team`, to: `role/${name}-app` });
  }
}
