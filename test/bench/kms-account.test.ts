import { describe, expect, it } from 'vitest';
import { attachedPolicies } from '../../bench/peers/identity-slices.js';
import { decisionMix } from '../../bench/workloads/decision-mix.js';
import { kmsAccount } from '../../bench/workloads/kms-account.js';
import { MIX_SIZE } from '../../bench/workloads/request-mix.js';
import { referenceAuthorizer } from '../../compiler/reference/index.js';

const countStatements = (docs: { Statement: unknown[] }[]) =>
  docs.reduce((n, d) => n + d.Statement.length, 0);

describe('kmsAccount', () => {
  it('is deterministic for a size and seed, and changes with the seed', () => {
    expect(kmsAccount(100)).toEqual(kmsAccount(100));
    expect(kmsAccount(100, 7).requests).not.toEqual(kmsAccount(100).requests);
  });

  it.each([10, 100, 1_000])('generates about %i statements, counted exactly', (target) => {
    const workload = kmsAccount(target);
    expect(workload.statements).toBe(countStatements(workload.model.policies.map((p) => p.document)));
    expect(workload.statements).toBeGreaterThanOrEqual(target);
    expect(workload.statements).toBeLessThan(target + 8);
  });

  it('gives every caller about the same number of statements whatever the account size', () => {
    for (const size of [10, 1_000]) {
      const { model } = kmsAccount(size);
      for (const key of [
        ...model.users.map((u) => `user/${u.name}`),
        ...model.roles.map((r) => `role/${r.name}`),
      ]) {
        const seen = countStatements(attachedPolicies(model, key).map((p) => p.document));
        expect(seen).toBeGreaterThanOrEqual(2);
        expect(seen).toBeLessThanOrEqual(7);
      }
    }
  });

  it('attaches only policies without Deny at resource-group scope (the Cedar translation relies on it)', () => {
    const { model } = kmsAccount(1_000);
    const scoped = model.attachments.filter((a) => a.resourceGroup !== undefined);
    expect(scoped.length).toBeGreaterThan(0);
    for (const attachment of scoped) {
      const policy = model.policies.find((p) => p.name === attachment.policy);
      expect(policy?.document.Statement.every((s) => s.Effect === 'Allow')).toBe(true);
    }
  });

  it('builds a valid account whose mix hits allows, explicit denies and implicit denies', () => {
    const workload = kmsAccount(100);
    const reference = referenceAuthorizer(workload.model);
    const decisions = workload.requests.map((request) => reference.authorize(request));
    expect(decisions.filter((d) => d.error !== undefined)).toEqual([]);
    expect(workload.requests).toHaveLength(MIX_SIZE);
    const mix = decisionMix(decisions.map((d) => d.decision));
    for (const count of Object.values(mix)) expect(count).toBeGreaterThan(MIX_SIZE / 8);
  });

  it('covers tag matches and misses, resource groups, role sessions and IPv6 callers', () => {
    const { requests } = kmsAccount(1_000);
    const tags = requests.flatMap((r) =>
      r.resourceTags?.Project === undefined ? [] : [r.resourceTags.Project],
    );
    expect(tags).toContain('shared');
    expect(requests.some((r) => r.resourceTags === undefined && r.action === 'kms:Decrypt')).toBe(true);
    expect(requests.some((r) => r.resourceGroup !== undefined)).toBe(true);
    expect(requests.some((r) => r.principal.includes(':role/'))).toBe(true);
    expect(requests.some((r) => r.context['acs:SourceIp']?.includes(':'))).toBe(true);
  });
});
