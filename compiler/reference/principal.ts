import type { NormalizedRequest } from '../../runtime/request.js';
import type { DecisionError, ErrorCode } from '../../runtime/types.js';
import type { AccountModel, ResolvedPolicy } from '../model/types.js';
import { quote } from './explain.js';
import { resolveSecurityToken } from './security-token.js';

/** The caller of a request once identified (semantics §1, §6.2). */
export interface ResolvedCaller {
  /** The caller's ARN: reported as `principal` and the value of `acs:PrincipalARN`. */
  arn: string;
  /** Whose attached policies apply; null for the account root, which no policy restricts. */
  identity: { kind: 'user' | 'role'; name: string } | null;
  /** The session policy carried by STS credentials (semantics §6.2 step 3); null when there is none. */
  sessionPolicy: ResolvedPolicy | null;
  /** The AccessKeyId of STS credentials, which the engine makes `acs:AccessId`; null for other callers. */
  stsAccessKeyId: string | null;
}

export type CallerResult = { ok: true; caller: ResolvedCaller } | { ok: false; error: DecisionError };

/** Role session names (semantics §7.1): 2–64 letters, digits, `.`, `@`, `_`, `-`. */
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;

const ARN_PREFIX = 'acs:ram::';

/**
 * Identifies the caller of a request: a principal ARN of the model's account (root, user, role
 * session), the user owning an AccessKey, or a security token (checked at the request's
 * `acs:CurrentTime`, else at `clockTime`, the engine's clock in the date format).
 */
export function resolveCaller(
  model: AccountModel,
  request: NormalizedRequest,
  clockTime: string,
): CallerResult {
  const caller = request.caller;
  switch (caller.kind) {
    case 'principal':
      return resolvePrincipal(model, caller.arn);
    case 'accessKey':
      return resolveAccessKey(model, caller.accessKeyId);
    case 'securityToken':
      return resolveSecurityToken(model, caller.token, request.context, clockTime);
  }
}

/** Identifies a principal ARN: the root, a user or a role session of the model's account. */
export function resolvePrincipal(model: AccountModel, arn: string): CallerResult {
  const account = model.account;
  const expected =
    `expected acs:ram::${account}:root, acs:ram::${account}:user/<user-name> ` +
    `or acs:ram::${account}:role/<role-name>/<session-name>`;
  const colon = arn.startsWith(ARN_PREFIX) ? arn.indexOf(':', ARN_PREFIX.length) : -1;
  if (colon < 0) return unknown(`principal ${quote(arn)} is not a caller ARN; ${expected}`);
  const arnAccount = arn.slice(ARN_PREFIX.length, colon);
  const relative = arn.slice(colon + 1);
  if (arnAccount !== account) {
    return unknown(
      `principal ${quote(arn)} is in account ${quote(arnAccount)}, but the model describes account ${account}; ` +
        'only the root, users and role sessions of the model account can make requests',
    );
  }
  if (relative === 'root') return known(arn, null);
  const [kind, name = '', session, ...extra] = relative.split('/');
  if (kind === 'user' && session === undefined && name !== '') {
    if (model.users.has(name)) return known(arn, { kind: 'user', name });
    return unknown(`principal ${quote(arn)} names user ${quote(name)}, which the model does not define`);
  }
  if (kind === 'group') {
    return unknown(
      `principal ${quote(arn)} is a group, and groups never make requests; name one of its users: acs:ram::${account}:user/<user-name>`,
    );
  }
  if (kind === 'role' && name !== '' && extra.length === 0) {
    if (session === undefined) {
      return unknown(
        `principal ${quote(arn)} is a role, which makes requests only through a session; ` +
          `write acs:ram::${account}:role/${name}/<session-name>`,
      );
    }
    if (!model.roles.has(name)) {
      return unknown(`principal ${quote(arn)} names role ${quote(name)}, which the model does not define`);
    }
    if (!SESSION_NAME.test(session)) {
      return unknown(
        `principal ${quote(arn)} has session name ${quote(session)}; a session name is 2 to 64 letters, digits, ".", "@", "_" or "-"`,
      );
    }
    return known(arn, { kind: 'role', name });
  }
  return unknown(`principal ${quote(arn)} is not a caller ARN; ${expected}`);
}

function resolveAccessKey(model: AccountModel, accessKeyId: string): CallerResult {
  for (const user of model.users.values()) {
    const key = user.accessKeys.find((k) => k.id === accessKeyId);
    if (key === undefined) continue;
    if (key.status !== 'Active') {
      return failure(
        'InactiveAccessKey',
        `AccessKey ${quote(accessKeyId)} of user ${quote(user.name)} is ${key.status}; use an Active key`,
      );
    }
    return known(`acs:ram::${model.account}:user/${user.name}`, { kind: 'user', name: user.name });
  }
  return failure('UnknownAccessKey', `no user of the model has the AccessKey ${quote(accessKeyId)}`);
}

function known(arn: string, identity: ResolvedCaller['identity']): CallerResult {
  return { ok: true, caller: { arn, identity, sessionPolicy: null, stsAccessKeyId: null } };
}

function unknown(message: string): CallerResult {
  return failure('UnknownPrincipal', message);
}

function failure(code: ErrorCode, message: string): CallerResult {
  return { ok: false, error: { code, message } };
}
