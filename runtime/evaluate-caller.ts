import { quote } from './evaluate-messages.js';
import type { Program, ResolvedCaller } from './evaluate-program.js';
import type { RequestCaller } from './request.js';
import type { DecisionError, ErrorCode } from './types.js';

/** The caller once identified: its ARN, and whose policies apply (null for the account root). */
export type CallerResult = ResolvedCaller | { ok: false; error: DecisionError };

/** Role session names (semantics §7.1): 2–64 letters, digits, `.`, `@`, `_`, `-`. */
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;

const ARN_PREFIX = 'acs:ram::';

/**
 * Identifies the caller of a request exactly as the reference engine does (compiler/reference/principal.ts):
 * a principal ARN of the bundle's account (root, user, role session), the user owning an Active AccessKey,
 * or a security token.
 */
export function resolveCaller(program: Program, caller: RequestCaller): CallerResult {
  switch (caller.kind) {
    case 'principal':
      return resolvePrincipal(program, caller.arn);
    case 'accessKey':
      return resolveAccessKey(program, caller.accessKeyId);
    case 'securityToken':
      return resolveSecurityToken(program);
  }
}

/** Most role session ARNs a program remembers; it forgets them all when full, so callers cannot grow it. */
export const ROLE_SESSIONS_REMEMBERED = 4_096;

function resolvePrincipal(program: Program, arn: string): CallerResult {
  const user = program.userArns.get(arn);
  if (user !== undefined) return user.resolved;
  const session = program.roleSessions.get(arn);
  if (session !== undefined) return session;
  const caller = identifyPrincipal(program, arn);
  if (caller.ok && caller.principal?.kind === 'role') {
    if (program.roleSessions.size >= ROLE_SESSIONS_REMEMBERED) program.roleSessions.clear();
    program.roleSessions.set(arn, caller);
  }
  return caller;
}

/** `resolvePrincipal` for an ARN that is not a user's plain ARN, and not a role session seen before. */
function identifyPrincipal(program: Program, arn: string): CallerResult {
  const account = program.account;
  const colon = arn.startsWith(ARN_PREFIX) ? arn.indexOf(':', ARN_PREFIX.length) : -1;
  if (colon < 0) return unknown(`principal ${quote(arn)} is not a caller ARN; ${expectedArns(account)}`);
  const arnAccount = arn.slice(ARN_PREFIX.length, colon);
  if (arnAccount !== account) {
    return unknown(
      `principal ${quote(arn)} is in account ${quote(arnAccount)}, but the model describes account ${account}; ` +
        'only the root, users and role sessions of the model account can make requests',
    );
  }
  const relative = arn.slice(colon + 1);
  if (relative === 'root') return { ok: true, arn, principal: null };
  const [kind, name = '', session, ...extra] = relative.split('/');
  if (kind === 'user' && session === undefined && name !== '') {
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
    const role = program.roles.get(name);
    if (role === undefined) {
      return unknown(`principal ${quote(arn)} names role ${quote(name)}, which the model does not define`);
    }
    if (!SESSION_NAME.test(session)) {
      return unknown(
        `principal ${quote(arn)} has session name ${quote(session)}; a session name is 2 to 64 letters, digits, ".", "@", "_" or "-"`,
      );
    }
    return { ok: true, arn, principal: role };
  }
  return unknown(`principal ${quote(arn)} is not a caller ARN; ${expectedArns(account)}`);
}

/** The caller ARNs of the account, for messages. */
function expectedArns(account: string): string {
  return (
    `expected acs:ram::${account}:root, acs:ram::${account}:user/<user-name> ` +
    `or acs:ram::${account}:role/<role-name>/<session-name>`
  );
}

function resolveAccessKey(program: Program, accessKeyId: string): CallerResult {
  const key = program.accessKeys.get(accessKeyId);
  if (key === undefined) {
    return failure('UnknownAccessKey', `no user of the model has the AccessKey ${quote(accessKeyId)}`);
  }
  if (!key.active) {
    return failure(
      'InactiveAccessKey',
      `AccessKey ${quote(accessKeyId)} of user ${quote(key.user.name)} is Inactive; use an Active key`,
    );
  }
  return key.user.resolved;
}

/**
 * Security tokens (semantics §7.2) for callers that do not verify them themselves: the TS runtime verifies
 * tokens before it gets here (runtime/evaluate-session.ts); an engine without that step refuses them.
 */
function resolveSecurityToken(program: Program): CallerResult {
  if (program.stsPublicKeyPem === null) {
    return failure(
      'InvalidSecurityToken',
      "security tokens need the model's sts.publicKeyFile, and this model names no STS public key",
    );
  }
  return failure(
    'InvalidSecurityToken',
    'this engine does not verify security tokens yet; the TS runtime (loadBundle) and the reference engine do',
  );
}

function unknown(message: string): CallerResult {
  return failure('UnknownPrincipal', message);
}

function failure(code: ErrorCode, message: string): CallerResult {
  return { ok: false, error: { code, message } };
}
