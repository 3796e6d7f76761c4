import { serviceLinkedRolePolicy, systemPolicy } from './builtin-policies.js';
import type { AccountModel, Attachment, ResolvedPolicy } from './types.js';

/** A policy that applies to an identity, and the scope it applies at: `account` or a resource group id. */
export interface AttachedPolicy {
  policy: ResolvedPolicy;
  scope: string;
}

/**
 * The identity policies of a user (its own attachments, then those of each of its groups in the
 * order the user lists them) or of a role (its attachments; for a service-linked role, the
 * catalog's policy at account scope). Within each identity, attachments keep model order. Custom
 * policies resolve to their default version. Unknown identities have no policies.
 * The model is read as immutable: attachments are indexed on first use.
 */
export function policiesFor(
  model: AccountModel,
  identity: { kind: 'user' | 'role'; name: string },
): AttachedPolicy[] {
  if (identity.kind === 'role') {
    const role = model.roles.get(identity.name);
    if (role === undefined) return [];
    if (role.serviceLinkedTo !== null) {
      const policy = serviceLinkedRolePolicy(role.name);
      return policy === undefined ? [] : [{ policy, scope: 'account' }];
    }
    return attachedTo(model, 'role', role.name);
  }
  const user = model.users.get(identity.name);
  if (user === undefined) return [];
  return [
    ...attachedTo(model, 'user', user.name),
    ...user.groups.flatMap((group) => attachedTo(model, 'group', group)),
  ];
}

// PERF: attachments indexed by identity once per model, so resolving every identity stays linear.
const indexes = new WeakMap<AccountModel, Map<string, Attachment[]>>();

function attachmentsOf(model: AccountModel, key: string): readonly Attachment[] {
  let index = indexes.get(model);
  if (index === undefined) {
    index = new Map();
    for (const attachment of model.attachments) {
      const target = `${attachment.to.kind}/${attachment.to.name}`;
      const list = index.get(target);
      if (list === undefined) index.set(target, [attachment]);
      else list.push(attachment);
    }
    indexes.set(model, index);
  }
  return index.get(key) ?? [];
}

function attachedTo(model: AccountModel, kind: Attachment['to']['kind'], name: string): AttachedPolicy[] {
  return attachmentsOf(model, `${kind}/${name}`).flatMap((attachment) => {
    const policy = resolve(model, attachment);
    return policy === undefined ? [] : [{ policy, scope: attachment.resourceGroup ?? 'account' }];
  });
}

function resolve(model: AccountModel, attachment: Attachment): ResolvedPolicy | undefined {
  if (attachment.policyType === 'System') return systemPolicy(attachment.policy);
  const custom = model.policies.get(attachment.policy);
  const version = custom?.versions.find((v) => v.id === custom.defaultVersion);
  if (custom === undefined || version === undefined) return undefined;
  return { name: custom.name, type: 'Custom', version: version.id, document: version.document };
}
