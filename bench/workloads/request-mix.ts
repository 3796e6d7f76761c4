import { ACCOUNT, CRYPTO, KEY_ADMIN, REGIONS, SECRETS } from './constants.js';
import type { Random } from './random.js';
import type { BenchRequest } from './types.js';

/** What the request generator needs to know about a generated project. */
export interface Project {
  name: string;
  region: string;
  hasRole: boolean;
  deletionFreeze: boolean;
}

/** How many requests a mix holds: a power of two, so a benchmark cycles through it with a mask. */
export const MIX_SIZE = 256;

/** The day every request is made (after the deletion freezes start, before the year-end grants end). */
const NOW = '2026-11-27T10:00:00Z';

/** Request kinds and their weights (out of 100). */
const KINDS: [kind: string, weight: number][] = [
  ['crypto', 34],
  ['role-crypto', 10],
  ['admin', 20],
  ['secrets', 20],
  ['delete', 16],
];

/**
 * 256 requests over the projects: users and role sessions doing crypto on keys tagged with their own
 * project, another project, `shared` or no tag; admins and non-admins administering keys in and out
 * of the project's resource group, over HTTP and HTTPS; secret reads in and out of the project's region
 * and subnet; key deletions under and without a deletion freeze; a share of requests from outside the
 * office networks (IPv4 and IPv6). Deterministic for a given `random` state.
 */
export function requestMix(random: Random, projects: Project[]): BenchRequest[] {
  const requests: BenchRequest[] = [];
  for (let i = 0; i < MIX_SIZE; i++) {
    const project = random.pick(projects);
    requests.push(makeRequest(random, project, projects, i));
  }
  return requests;
}

function pickKind(random: Random): string {
  let roll = random.int(100);
  for (const [kind, weight] of KINDS) {
    if (roll < weight) return kind;
    roll -= weight;
  }
  return 'crypto';
}

function makeRequest(random: Random, project: Project, projects: Project[], i: number): BenchRequest {
  const kind = pickKind(random);
  const user = (n: number) => `acs:ram::${ACCOUNT}:user/${project.name}-dev${n}`;
  const key = (region: string, id: string) => `acs:kms:${region}:${ACCOUNT}:key/key-${id}`;
  const context = userContext(random);
  if (kind === 'crypto' || (kind === 'role-crypto' && !project.hasRole)) {
    return {
      principal: user(random.int(3)),
      action: random.pick(CRYPTO),
      resource: key(random.pick(REGIONS), `k${i}`),
      ...tagsFor(random, project, projects),
      context,
    };
  }
  if (kind === 'role-crypto') {
    return {
      principal: `acs:ram::${ACCOUNT}:role/${project.name}-app/worker-${i % 7}`,
      action: random.pick(CRYPTO),
      resource: key(project.region, `k${i}`),
      ...tagsFor(random, project, projects),
      context: { 'acs:SourceIp': '198.18.0.10', 'acs:SecureTransport': 'true', 'acs:CurrentTime': NOW },
    };
  }
  if (kind === 'admin') {
    const resourceGroup = random.chance(0.8) ? `rg-${project.name}` : `rg-${random.pick(projects).name}`;
    return {
      principal: user(random.chance(0.7) ? 0 : 1),
      action: random.pick(KEY_ADMIN),
      resource: key(random.chance(0.85) ? project.region : random.pick(REGIONS), `${project.name}-${i}`),
      ...(random.chance(0.9) ? { resourceGroup } : {}),
      context: { ...context, 'acs:SecureTransport': random.chance(0.85) ? 'true' : 'false' },
    };
  }
  if (kind === 'secrets') {
    const region = random.chance(0.8) ? project.region : random.pick(REGIONS);
    return {
      principal: user(random.int(3)),
      action: random.pick(SECRETS),
      resource: `acs:kms:${region}:${ACCOUNT}:secret/${project.name}/db-${i}`,
      context,
    };
  }
  return {
    principal: user(random.chance(0.7) ? 0 : 2),
    action: 'kms:ScheduleKeyDeletion',
    resource: key(project.region, `${project.name}-old${i}`),
    resourceGroup: `rg-${project.name}`,
    context,
  };
}

function tagsFor(random: Random, project: Project, projects: Project[]): Pick<BenchRequest, 'resourceTags'> {
  const roll = random.next();
  if (roll < 0.55) return { resourceTags: { Project: project.name, Owner: 'team' } };
  if (roll < 0.65) return { resourceTags: { Project: `${project.name}-shared` } };
  if (roll < 0.8) return { resourceTags: { Project: 'shared' } };
  if (roll < 0.92) return { resourceTags: { Project: random.pick(projects).name } };
  return {};
}

/** A user's request context: mostly from the office (IPv4, some IPv6), sometimes from outside. */
function userContext(random: Random): Record<string, string> {
  const roll = random.next();
  let ip: string;
  if (roll < 0.75) ip = `203.0.113.${random.int(256)}`;
  else if (roll < 0.87) ip = `2001:db8:1::${(1 + random.int(0xfff)).toString(16)}`;
  else if (roll < 0.95) ip = `198.51.100.${random.int(256)}`;
  else ip = `2001:db8:9::${(1 + random.int(0xfff)).toString(16)}`;
  return { 'acs:SourceIp': ip, 'acs:SecureTransport': 'true', 'acs:CurrentTime': NOW };
}
