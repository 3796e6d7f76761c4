import type { Span } from '../diagnostics.js';
import type { JsonArray, JsonString } from '../parse/json-ast.js';
import {
  arrayMember,
  capitalize,
  checkName,
  error,
  isNewName,
  itemLabel,
  type ModelContext,
  meant,
  quote,
  readObject,
  requiredString,
  stringMember,
  suggest,
  warning,
  wrongType,
} from './model-fields.js';
import { LIMITS } from './model-limits.js';
import type { AccessKey, AccessKeyStatus, Group, User } from './types.js';

const GROUP_MEMBERS = ['name'] as const;
const USER_MEMBERS = ['name', 'groups', 'accessKeys'] as const;
const ACCESS_KEY_MEMBERS = ['id', 'status'] as const;
const IDENTITY_NAME = /^[A-Za-z0-9-]+$/;
const ACCESS_KEY_ID = /^[A-Za-z0-9]{1,128}$/;
const STATUSES: readonly AccessKeyStatus[] = ['Active', 'Inactive'];

/** Reads `groups[]`; the first definition of a name wins, later ones are reported. */
export function readGroups(ctx: ModelContext, list: JsonArray): Map<string, Group> {
  const groups = new Map<string, Group>();
  list.items.forEach((item, index) => {
    const what = itemLabel(item, 'group', 'groups', index);
    const object = readObject(ctx, item, what, GROUP_MEMBERS);
    if (object === null) return;
    const name = requiredString(ctx, object, 'name', what);
    if (name === undefined) return;
    if (!checkName(ctx, name, 'a group', IDENTITY_NAME, 'letters, digits and `-`', 64)) return;
    if (!isNewName(ctx, 'group', name, groups)) return;
    groups.set(name.value, { name: name.value, span: object.span });
  });
  return groups;
}

/**
 * Reads `users[]` and links each user's groups to `groups`. Access key ids are unique across the
 * whole model: a request may name its caller by key id alone.
 */
export function readUsers(ctx: ModelContext, list: JsonArray, groups: Map<string, Group>): Map<string, User> {
  const users = new Map<string, User>();
  const keyIds = new Map<string, Span>();
  list.items.forEach((item, index) => {
    const what = itemLabel(item, 'user', 'users', index);
    const object = readObject(ctx, item, what, USER_MEMBERS);
    if (object === null) return;
    const name = requiredString(ctx, object, 'name', what);
    const groupNames = readMemberships(ctx, arrayMember(ctx, object, 'groups', what), what, groups);
    const accessKeys = readAccessKeys(ctx, arrayMember(ctx, object, 'accessKeys', what), what, keyIds);
    if (name === undefined) return;
    if (!checkName(ctx, name, 'a user', IDENTITY_NAME, 'letters, digits and `-`', 64)) return;
    if (!isNewName(ctx, 'user', name, users)) return;
    users.set(name.value, { name: name.value, groups: groupNames, accessKeys, span: object.span });
  });
  return users;
}

function readMemberships(
  ctx: ModelContext,
  list: JsonArray | undefined,
  what: string,
  groups: Map<string, Group>,
): string[] {
  const names: string[] = [];
  for (const item of list?.items ?? []) {
    if (item.kind !== 'string') {
      wrongType(ctx, item, `a group of ${what}`, 'a string (a group name)');
      continue;
    }
    if (!groups.has(item.value)) {
      error(
        ctx,
        'MODEL_UNKNOWN_GROUP',
        `${capitalize(what)} is in group ${quote(item.value)}, which the model does not define.${suggest(ctx, item.value, groups.keys())}`,
        item.span,
        `Add \`{ "name": "${item.value}" }\` to \`groups\`, or fix the name.`,
      );
      continue;
    }
    if (names.includes(item.value)) {
      error(
        ctx,
        'MODEL_DUPLICATE_MEMBERSHIP',
        `${capitalize(what)} lists group ${quote(item.value)} twice.`,
        item.span,
        'Remove the second mention.',
      );
      continue;
    }
    names.push(item.value);
    if (names.length === LIMITS.groupsPerUser + 1) {
      warning(
        ctx,
        'MODEL_GROUP_LIMIT',
        `This group puts ${what} in more than ${LIMITS.groupsPerUser} groups; RAM allows a user in at most ${LIMITS.groupsPerUser}.`,
        item.span,
        'Remove the user from some groups, or merge groups.',
      );
    }
  }
  return names;
}

function readAccessKeys(
  ctx: ModelContext,
  list: JsonArray | undefined,
  what: string,
  keyIds: Map<string, Span>,
): AccessKey[] {
  const keys: AccessKey[] = [];
  list?.items.forEach((item, index) => {
    const where = `${itemLabel(item, 'access key', 'accessKeys', index, 'id')} of ${what}`;
    const object = readObject(ctx, item, where, ACCESS_KEY_MEMBERS);
    if (object === null) return;
    const id = requiredString(ctx, object, 'id', where);
    const status = readStatus(ctx, stringMember(ctx, object, 'status', where));
    // The id is checked whatever the status, so that a bad status does not hide a bad or repeated id.
    const idOk = id !== undefined && checkKeyId(ctx, id, what, keyIds);
    if (id === undefined || status === undefined || !idOk) return;
    keys.push({ id: id.value, status, span: object.span });
  });
  return keys;
}

function checkKeyId(ctx: ModelContext, id: JsonString, what: string, keyIds: Map<string, Span>): boolean {
  if (!ACCESS_KEY_ID.test(id.value)) {
    error(
      ctx,
      'MODEL_ACCESS_KEY_ID',
      `The access key id ${quote(id.value)} of ${what} is not 1–128 letters and digits.`,
      id.span,
      'AccessKey ids look like `LTAI5tAliceExample01`; ids starting `STS.` belong to STS credentials, not to users.',
    );
    return false;
  }
  const first = keyIds.get(id.value);
  if (first !== undefined) {
    error(
      ctx,
      'MODEL_DUPLICATE_ACCESS_KEY',
      `The access key id ${quote(id.value)} is already used at line ${first.line}, column ${first.column}.`,
      id.span,
      'An AccessKey id names exactly one key of one user: give each key its own id.',
    );
    return false;
  }
  keyIds.set(id.value, id.span);
  return true;
}

/** `status` of an access key; absent means `Active`, as for a newly created AccessKey. */
function readStatus(ctx: ModelContext, status: JsonString | undefined): AccessKeyStatus | undefined {
  if (status === undefined) return 'Active';
  const match = STATUSES.find((s) => s === status.value);
  if (match !== undefined) return match;
  error(
    ctx,
    'MODEL_ACCESS_KEY_STATUS',
    `The access key status ${quote(status.value)} is neither \`Active\` nor \`Inactive\`.${meant(status.value, STATUSES)}`,
    status.span,
    'Status values are case-sensitive: `Active` or `Inactive`.',
  );
  return undefined;
}
