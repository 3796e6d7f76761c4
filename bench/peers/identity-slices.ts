import type { DecisionKind } from '../../runtime/types.js';
import type { BenchModel, RamPolicyDocument } from '../workloads/types.js';

/**
 * The peers have no identities, groups or attachment scopes: the host resolves the caller to the
 * policies attached to it, as ramc's bundle does internally. These helpers do that once, outside the
 * timed code, and apply RAM's scope precedence (semantics §6.2 step 4) around the peer's own decision.
 */

/** A policy in force for a caller, at account scope (`resourceGroup` null) or one resource group's. */
export interface ScopedPolicy {
  name: string;
  document: RamPolicyDocument;
  resourceGroup: string | null;
}

/** A caller's policies prepared by a peer: the account-scope set and one set per resource group. */
export interface IdentitySlice<T> {
  account: T;
  byResourceGroup: Map<string, T>;
}

/** `user/<name>` or `role/<name>` for a user or role-session ARN of `account`; null for anything else. */
export function identityKey(principal: string, account: string): string | null {
  const prefix = `acs:ram::${account}:`;
  if (!principal.startsWith(prefix)) return null;
  const [kind, name, session, ...rest] = principal.slice(prefix.length).split('/');
  if (kind === 'user' && name && session === undefined) return `user/${name}`;
  if (kind === 'role' && name && session && rest.length === 0) return `role/${name}`;
  return null;
}

/** Every policy attached to the identity `key` (`user/<name>` or `role/<name>`), directly or through its groups. */
export function attachedPolicies(model: BenchModel, key: string): ScopedPolicy[] {
  const targets = new Set([key]);
  if (key.startsWith('user/')) {
    const user = model.users.find((u) => `user/${u.name}` === key);
    for (const group of user?.groups ?? []) targets.add(`group/${group}`);
  }
  const documents = new Map(model.policies.map((p) => [p.name, p.document]));
  const policies: ScopedPolicy[] = [];
  for (const attachment of model.attachments) {
    if (!targets.has(attachment.to)) continue;
    const document = documents.get(attachment.policy);
    if (document === undefined)
      throw new Error(`attachment names policy ${attachment.policy}, which is not inline`);
    policies.push({ name: attachment.policy, document, resourceGroup: attachment.resourceGroup ?? null });
  }
  return policies;
}

/**
 * Builds one slice per distinct identity among `principals`, each scope's policies turned into the
 * peer's form by `build` (`label` names the set uniquely, for peers that register sets by name).
 */
export function sliceIdentities<T>(
  model: BenchModel,
  principals: Iterable<string>,
  build: (policies: ScopedPolicy[], label: string) => T,
): Map<string, IdentitySlice<T>> {
  const slices = new Map<string, IdentitySlice<T>>();
  for (const principal of principals) {
    const key = identityKey(principal, model.account);
    if (key === null) throw new Error(`the peers only take user and role-session callers, not ${principal}`);
    if (slices.has(key)) continue;
    const policies = attachedPolicies(model, key);
    const groups = new Set(policies.flatMap((p) => (p.resourceGroup === null ? [] : [p.resourceGroup])));
    const byResourceGroup = new Map<string, T>();
    for (const group of groups) {
      const scoped = policies.filter((p) => p.resourceGroup === group);
      byResourceGroup.set(group, build(scoped, `${key}@${group}`));
    }
    const account = policies.filter((p) => p.resourceGroup === null);
    slices.set(key, { account: build(account, key), byResourceGroup });
  }
  return slices;
}

/** The slice for a principal; throws when `sliceIdentities` was not given it. */
export function sliceFor<T>(
  slices: Map<string, IdentitySlice<T>>,
  principal: string,
  account: string,
): IdentitySlice<T> {
  const slice = slices.get(identityKey(principal, account) ?? '');
  if (slice === undefined) throw new Error(`no policies were prepared for ${principal}`);
  return slice;
}

/**
 * RAM's scope precedence: the account-scope decision stands when it is Allow or ExplicitDeny; otherwise the
 * set attached at the request's resource group decides (semantics §6.2 step 4).
 */
export function decideScoped<T>(
  slice: IdentitySlice<T>,
  resourceGroup: string | undefined,
  decide: (set: T) => DecisionKind,
): DecisionKind {
  const first = decide(slice.account);
  if (first !== 'ImplicitDeny' || resourceGroup === undefined) return first;
  const scoped = slice.byResourceGroup.get(resourceGroup);
  return scoped === undefined ? first : decide(scoped);
}
