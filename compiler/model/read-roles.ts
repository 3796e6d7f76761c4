import {
  findServiceLinkedRoleByName,
  findServiceLinkedRoleByService,
  SERVICE_LINKED_ROLES,
} from '../catalog/service-linked-roles.js';
import type { JsonArray, JsonObject, JsonString } from '../parse/json-ast.js';
import {
  capitalize,
  checkName,
  error,
  findMember,
  isNewName,
  itemLabel,
  type ModelContext,
  meant,
  quote,
  readObject,
  requiredString,
  stringMember,
  wrongType,
} from './model-fields.js';
import { exactlyOne, readPolicySource } from './policy-source.js';
import type { Role } from './types.js';

const ROLE_MEMBERS = [
  'name',
  'maxSessionDuration',
  'trustPolicy',
  'trustPolicyFile',
  'serviceLinkedTo',
] as const;
const ROLE_NAME = /^[A-Za-z0-9.-]+$/;
/** Bounds of a role's MaxSessionDuration in seconds (semantics §7.1). */
export const MIN_SESSION_DURATION = 3600;
export const MAX_SESSION_DURATION = 43_200;
const SLR_RULE =
  "a service-linked role's trust policy and session duration are defined by the service and cannot be changed";

/** Reads `roles[]`: normal and regular service roles with their trust policy, and KMS service-linked roles. */
export function readRoles(ctx: ModelContext, list: JsonArray): Map<string, Role> {
  const roles = new Map<string, Role>();
  list.items.forEach((item, index) => {
    const what = itemLabel(item, 'role', 'roles', index);
    const object = readObject(ctx, item, what, ROLE_MEMBERS);
    if (object === null) return;
    const name = requiredString(ctx, object, 'name', what);
    const role =
      findMember(object, 'serviceLinkedTo') === undefined
        ? readNormalRole(ctx, object, name, what)
        : readServiceLinkedRole(ctx, object, name, what);
    if (name === undefined) return;
    if (!checkName(ctx, name, 'a role', ROLE_NAME, 'letters, digits, `-` and `.`', 64)) return;
    if (!isNewName(ctx, 'role', name, roles)) return;
    roles.set(name.value, { name: name.value, ...role, span: object.span });
  });
  return roles;
}

type RoleBody = Omit<Role, 'name' | 'span'>;

function readNormalRole(
  ctx: ModelContext,
  object: JsonObject,
  name: JsonString | undefined,
  what: string,
): RoleBody {
  const linked = name === undefined ? undefined : findServiceLinkedRoleByName(name.value);
  if (name !== undefined && linked !== undefined) {
    error(
      ctx,
      'MODEL_SLR_NOT_LINKED',
      `Role ${quote(name.value)} has the name of the service-linked role of \`${linked.service}\` but no \`serviceLinkedTo\`; ${SLR_RULE}.`,
      name.span,
      `Declare it as \`{ "name": "${name.value}", "serviceLinkedTo": "${linked.service}" }\` with nothing else, or give your role another name.`,
    );
  }
  const trustPolicy = exactlyOne(
    ctx,
    object,
    ['trustPolicy', 'trustPolicyFile'],
    what,
    'MODEL_ROLE_TRUST_POLICY',
  )
    ? readPolicySource(ctx, object, { document: 'trustPolicy', file: 'trustPolicyFile' }, 'trust', what)
    : undefined;
  return {
    maxSessionDuration: readSessionDuration(ctx, object, what),
    trustPolicy: trustPolicy ?? null,
    serviceLinkedTo: null,
  };
}

function readSessionDuration(ctx: ModelContext, object: JsonObject, what: string): number {
  const m = findMember(object, 'maxSessionDuration');
  if (m === undefined) return MIN_SESSION_DURATION;
  if (m.value.kind !== 'number') {
    wrongType(ctx, m.value, `\`maxSessionDuration\` of ${what}`, 'a number of seconds');
    return MIN_SESSION_DURATION;
  }
  const seconds = m.value.value;
  if (!Number.isInteger(seconds) || seconds < MIN_SESSION_DURATION || seconds > MAX_SESSION_DURATION) {
    error(
      ctx,
      'MODEL_SESSION_DURATION',
      `The maxSessionDuration ${m.value.raw} of ${what} is not a whole number of seconds from 3,600 to 43,200.`,
      m.value.span,
      'Use 3600 (one hour, the default) up to 43200 (twelve hours), without quotes.',
    );
  }
  return seconds;
}

function readServiceLinkedRole(
  ctx: ModelContext,
  object: JsonObject,
  name: JsonString | undefined,
  what: string,
): RoleBody {
  for (const key of ['trustPolicy', 'trustPolicyFile', 'maxSessionDuration']) {
    const m = findMember(object, key);
    if (m === undefined) continue;
    error(
      ctx,
      'MODEL_SLR_IMMUTABLE',
      `${capitalize(what)} is a service-linked role and cannot have \`${key}\`: ${SLR_RULE}.`,
      m.keySpan,
      `Remove \`${key}\`; ramc knows the trust policy and permissions of every KMS service-linked role.`,
    );
  }
  const service = stringMember(ctx, object, 'serviceLinkedTo', what);
  const body: RoleBody = {
    maxSessionDuration: MIN_SESSION_DURATION,
    trustPolicy: null,
    serviceLinkedTo: null,
  };
  if (service === undefined) return body;
  const entry = findServiceLinkedRoleByService(service.value);
  body.serviceLinkedTo = entry?.service ?? service.value;
  if (entry === undefined) {
    const services = SERVICE_LINKED_ROLES.map((r) => r.service);
    error(
      ctx,
      'MODEL_SLR_UNKNOWN_SERVICE',
      `${quote(service.value)} is not a service with a KMS service-linked role.${meant(service.value, services)}`,
      service.span,
      `KMS service-linked roles are linked to ${services.map((s) => `\`${s}\``).join(', ')}.`,
    );
  } else if (name !== undefined && name.value !== entry.roleName) {
    error(
      ctx,
      'MODEL_SLR_NAME',
      `The service-linked role of \`${entry.service}\` is named \`${entry.roleName}\`, not ${quote(name.value)}.`,
      name.span,
      `Rename the role to \`${entry.roleName}\`: a service names its own service-linked role.`,
    );
  }
  return body;
}
