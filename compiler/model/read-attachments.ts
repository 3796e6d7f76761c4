import { SYSTEM_POLICIES } from '../catalog/system-policies.js';
import type { Span } from '../diagnostics.js';
import type { JsonArray, JsonObject, JsonString } from '../parse/json-ast.js';
import { isServiceLinkedRolePolicyName } from './builtin-policies.js';
import {
  error,
  type ModelContext,
  meant,
  quote,
  readObject,
  requiredString,
  stringMember,
  suggest,
} from './model-fields.js';
import type { Attachment, AttachmentTarget, CustomPolicy, Group, Role, User } from './types.js';

const ATTACHMENT_MEMBERS = ['policy', 'policyType', 'to', 'resourceGroup'] as const;
const POLICY_TYPES = ['Custom', 'System'] as const;
const TARGET_KINDS = ['user', 'group', 'role'] as const;
/** A resource group id as RAM shows it: `rg-` and letters and digits (`rg-aek2examplegroup`). */
const RESOURCE_GROUP = /^rg-[A-Za-z0-9]{1,64}$/;

/** The identities and policies an attachment may name. */
export interface AttachmentNames {
  policies: Map<string, CustomPolicy>;
  users: Map<string, User>;
  groups: Map<string, Group>;
  roles: Map<string, Role>;
}

/** Reads `attachments[]`, linking each one to its policy and identity. */
export function readAttachments(ctx: ModelContext, list: JsonArray, names: AttachmentNames): Attachment[] {
  const attachments: Attachment[] = [];
  const seen = new Map<string, Span>();
  list.items.forEach((item, index) => {
    const what = `\`attachments[${index}]\``;
    const object = readObject(ctx, item, what, ATTACHMENT_MEMBERS);
    if (object === null) return;
    const policyType = readPolicyType(ctx, object, what);
    const to = readTarget(ctx, object, what, names);
    const resourceGroup = readResourceGroup(ctx, object, what);
    const policy = requiredString(ctx, object, 'policy', what);
    const policyOk =
      policy !== undefined && policyType !== undefined && checkPolicy(ctx, policy, policyType, names);
    if (!policyOk || to === undefined || resourceGroup === undefined) return;
    const key = JSON.stringify([policyType, policy.value, to.kind, to.name, resourceGroup]);
    const first = seen.get(key);
    if (first !== undefined) {
      const scope =
        resourceGroup === null ? 'account scope' : `the scope of resource group \`${resourceGroup}\``;
      error(
        ctx,
        'MODEL_DUPLICATE_ATTACHMENT',
        `Policy ${quote(policy.value)} is attached to ${quote(`${to.kind}/${to.name}`)} at ${scope} twice (first at line ${first.line}, column ${first.column}).`,
        object.span,
        'Remove one of the two attachments.',
      );
      return;
    }
    seen.set(key, object.span);
    attachments.push({ policy: policy.value, policyType, to, resourceGroup, span: object.span });
  });
  return attachments;
}

function readPolicyType(
  ctx: ModelContext,
  object: JsonObject,
  what: string,
): 'Custom' | 'System' | undefined {
  const value = stringMember(ctx, object, 'policyType', what);
  if (value === undefined) return object.members.some((m) => m.key === 'policyType') ? undefined : 'Custom';
  const match = POLICY_TYPES.find((t) => t === value.value);
  if (match !== undefined) return match;
  error(
    ctx,
    'MODEL_POLICY_TYPE',
    `The policyType ${quote(value.value)} of ${what} is neither \`Custom\` nor \`System\`.${meant(value.value, POLICY_TYPES)}`,
    value.span,
    'Use `System` for the built-in `Aliyun…` policies and `Custom` (the default) for policies of this model.',
  );
  return undefined;
}

function readTarget(
  ctx: ModelContext,
  object: JsonObject,
  what: string,
  names: AttachmentNames,
): AttachmentTarget | undefined {
  const to = requiredString(
    ctx,
    object,
    'to',
    what,
    'Name the identity as `user/<name>`, `group/<name>` or `role/<name>`.',
  );
  if (to === undefined) return undefined;
  const slash = to.value.indexOf('/');
  const kind = TARGET_KINDS.find((k) => k === to.value.slice(0, slash));
  const name = to.value.slice(slash + 1);
  if (slash < 0 || kind === undefined || name === '') {
    const fixed = slash < 0 ? '' : meant(to.value.slice(0, slash), TARGET_KINDS);
    error(
      ctx,
      'MODEL_ATTACHMENT_TARGET',
      `The target ${quote(to.value)} of ${what} is not \`user/<name>\`, \`group/<name>\` or \`role/<name>\`.${fixed}`,
      to.span,
      'Write the kind in lower case (`user`, `group` or `role`), then `/` and the identity name.',
    );
    return undefined;
  }
  if (!identitiesOf(names, kind).has(name)) {
    unknownIdentity(ctx, to, kind, name, names);
    return undefined;
  }
  const linked = kind === 'role' ? names.roles.get(name)?.serviceLinkedTo : null;
  if (linked !== null && linked !== undefined) {
    error(
      ctx,
      'MODEL_SLR_ATTACHMENT',
      `Role ${quote(name)} is the service-linked role of \`${linked}\`: no policy can be attached to or detached from a service-linked role.`,
      to.span,
      'The service defines the permissions of its service-linked role; attach the policy to another identity.',
    );
    return undefined;
  }
  return { kind, name };
}

function unknownIdentity(
  ctx: ModelContext,
  to: JsonString,
  kind: AttachmentTarget['kind'],
  name: string,
  names: AttachmentNames,
): void {
  const otherKind = TARGET_KINDS.find((k) => k !== kind && identitiesOf(names, k).has(name));
  error(
    ctx,
    'MODEL_UNKNOWN_IDENTITY',
    `The attachment names ${kind} ${quote(name)}, which the model does not define.${suggest(ctx, name, identitiesOf(names, kind).keys())}`,
    to.span,
    otherKind === undefined
      ? `Define the ${kind} under \`${kind}s\`, or fix the name.`
      : `There is a ${otherKind} named ${quote(name)}: write ${quote(`${otherKind}/${name}`)}.`,
  );
}

function identitiesOf(names: AttachmentNames, kind: AttachmentTarget['kind']): ReadonlyMap<string, unknown> {
  return kind === 'user' ? names.users : kind === 'group' ? names.groups : names.roles;
}

function readResourceGroup(ctx: ModelContext, object: JsonObject, what: string): string | null | undefined {
  const value = stringMember(ctx, object, 'resourceGroup', what);
  if (value === undefined) return object.members.some((m) => m.key === 'resourceGroup') ? undefined : null;
  if (RESOURCE_GROUP.test(value.value)) return value.value;
  error(
    ctx,
    'MODEL_RESOURCE_GROUP',
    `The resourceGroup ${quote(value.value)} of ${what} is not a resource group id.`,
    value.span,
    'A resource group id is `rg-` and 1–64 letters and digits, e.g. `rg-aek2examplegroup`; leave `resourceGroup` out for account scope.',
  );
  return undefined;
}

function checkPolicy(
  ctx: ModelContext,
  policy: JsonString,
  policyType: 'Custom' | 'System',
  names: AttachmentNames,
): boolean {
  const name = policy.value;
  if (policyType === 'System') {
    if (SYSTEM_POLICIES.has(name)) return true;
    if (isServiceLinkedRolePolicyName(name)) {
      error(
        ctx,
        'MODEL_SLR_ATTACHMENT',
        `${quote(name)} is the policy of a service-linked role: it applies to that role only and cannot be attached.`,
        policy.span,
        'KMS service-linked roles carry their policies already; attach a system or custom policy instead.',
      );
    } else {
      error(
        ctx,
        'MODEL_UNKNOWN_SYSTEM_POLICY',
        `There is no system policy named ${quote(name)}.${meant(name, [...SYSTEM_POLICIES.keys()])}`,
        policy.span,
        names.policies.has(name)
          ? `${quote(name)} is a custom policy of this model: remove \`"policyType": "System"\`.`
          : `The system policies are ${[...SYSTEM_POLICIES.keys()].map((n) => `\`${n}\``).join(', ')}.`,
      );
    }
    return false;
  }
  if (names.policies.has(name)) return true;
  if (SYSTEM_POLICIES.has(name)) {
    error(
      ctx,
      'MODEL_UNKNOWN_POLICY',
      `${quote(name)} is a system policy, but the attachment does not say so.`,
      policy.span,
      'Add `"policyType": "System"` to the attachment; attachments are `Custom` unless they say otherwise.',
    );
    return false;
  }
  error(
    ctx,
    'MODEL_UNKNOWN_POLICY',
    `There is no custom policy named ${quote(name)} in the model.${
      suggest(ctx, name, names.policies.keys()) || suggest(ctx, name, SYSTEM_POLICIES.keys())
    }`,
    policy.span,
    'Define it under `policies`, or, for a system policy, add `"policyType": "System"`.',
  );
  return false;
}
