import { RequestMap } from '../../runtime/request-map.js';
import { readContext } from '../../runtime/request-maps.js';
import { RequestReader } from '../../runtime/request-reader.js';
import type { AccountModel, Role } from '../model/types.js';
import { resolvePrincipal } from '../reference/principal.js';
import { refuse, type StsError } from './sts-errors.js';

/** Who calls AssumeRole (semantics §7.1): a user or role session of the model, or a service principal. */
export type AssumeRoleCaller =
  | { kind: 'identity'; arn: string; identity: { kind: 'user' | 'role'; name: string } }
  | { kind: 'service'; service: string }
  | { kind: 'root'; arn: string };

type Result<T> = { ok: true; value: T } | { ok: false; error: StsError };

/** RoleSessionName (semantics §7.1): 2–64 letters, digits, `.`, `@`, `-`, `_`. */
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;
/** ExternalId **[choice]**: Alibaba Cloud STS's documented form, 2–1,224 of letters, digits and `_+=,.@:/-`. */
const EXTERNAL_ID = /^[A-Za-z0-9_+=,.@:/-]{2,1224}$/;
/** A service principal, as trust policies name them (compiler/policy/validate-principal.ts). */
const SERVICE = /^[a-z0-9-][a-z0-9.-]*\.aliyuncs\.com$/;
const ROLE_ARN = /^acs:ram::([0-9]+):role\/([^/]+)$/;

export const MIN_DURATION_SECONDS = 900;
export const DEFAULT_DURATION_SECONDS = 3600;

/** Identifies the caller: a user, a role session or the root of the model's account, or a service. */
export function readCaller(model: AccountModel, caller: string): Result<AssumeRoleCaller> {
  if (SERVICE.test(caller)) return { ok: true, value: { kind: 'service', service: caller } };
  if (!caller.startsWith('acs:')) {
    return refuse(
      'InvalidParameter.Caller',
      `caller ${JSON.stringify(caller)} is neither a principal ARN (acs:ram::${model.account}:user/<name>, ` +
        `acs:ram::${model.account}:role/<role>/<session>) nor a service such as kms.aliyuncs.com`,
    );
  }
  const resolved = resolvePrincipal(model, caller);
  if (!resolved.ok) return refuse('InvalidParameter.Caller', `caller: ${resolved.error.message}`);
  const identity = resolved.caller.identity;
  if (identity === null) return { ok: true, value: { kind: 'root', arn: caller } };
  return { ok: true, value: { kind: 'identity', arn: caller, identity } };
}

/** The role a RoleArn names: `acs:ram::<model account>:role/<name>` of a role the model defines. */
export function readRoleArn(model: AccountModel, roleArn: string): Result<Role> {
  const match = ROLE_ARN.exec(roleArn);
  if (match === null) {
    return refuse(
      'InvalidParameter.RoleArn',
      `RoleArn ${JSON.stringify(roleArn.slice(0, 200))} is not a role ARN; write acs:ram::${model.account}:role/<role-name>`,
    );
  }
  const [, account = '', name = ''] = match;
  if (account !== model.account) {
    return refuse(
      'EntityNotExist.Role',
      `RoleArn names account ${account}, but the model describes account ${model.account}; it knows only its own roles`,
    );
  }
  const role = model.roles.get(name);
  if (role !== undefined) return { ok: true, value: role };
  const other = [...model.roles.keys()].find((known) => known.toLowerCase() === name.toLowerCase());
  const hint =
    other === undefined ? '' : ` (did you mean ${JSON.stringify(other)}? role names in ARNs are exact)`;
  return refuse('EntityNotExist.Role', `the model defines no role ${JSON.stringify(name)}${hint}`);
}

export function checkSessionName(name: string): Result<string> {
  if (SESSION_NAME.test(name)) return { ok: true, value: name };
  return refuse(
    'InvalidParameter.RoleSessionName',
    `RoleSessionName ${JSON.stringify(name.slice(0, 80))} is invalid: use 2 to 64 letters, digits, ".", "@", "_" or "-"`,
  );
}

/** DurationSeconds: 900 to the role's MaxSessionDuration; default 3,600 (semantics §7.1). */
export function checkDuration(role: Role, seconds: number | undefined): Result<number> {
  const duration = seconds ?? DEFAULT_DURATION_SECONDS;
  const max = role.maxSessionDuration;
  if (Number.isInteger(duration) && duration >= MIN_DURATION_SECONDS && duration <= max) {
    return { ok: true, value: duration };
  }
  return refuse(
    'InvalidParameter.DurationSeconds',
    `DurationSeconds ${String(duration)} is out of range: role ${role.name} allows whole seconds from ` +
      `${MIN_DURATION_SECONDS} to ${max} (its MaxSessionDuration)`,
  );
}

export function checkExternalId(externalId: string | undefined): Result<string | null> {
  if (externalId === undefined) return { ok: true, value: null };
  if (EXTERNAL_ID.test(externalId)) return { ok: true, value: externalId };
  return refuse(
    'InvalidParameter.ExternalId',
    `ExternalId ${JSON.stringify(externalId.slice(0, 80))} is invalid: use 2 to 1,224 letters, digits or "_+=,.@:/-"`,
  );
}

/** Keys the call sets itself: the context may not give them. */
const RESERVED_KEYS: Record<string, string> = {
  'acs:currenttime': 'the time of the call comes from --now (the `now` input)',
  'sts:externalid': 'the ExternalId comes from --external-id (the `externalId` input)',
};

/**
 * The call's context (acs:SourceIp, acs:MFAPresent, ...), validated as a request context is (the typed
 * global keys must parse), lower-cased keys → string values.
 */
export function readCallContext(context: unknown): Result<Map<string, string>> {
  const reader = new RequestReader();
  const read = new RequestMap();
  if (!readContext(reader, context ?? {}, read) || reader.error !== null) {
    const reason = reader.error?.message ?? 'it is not an object of condition keys';
    return refuse('InvalidParameter.Context', `the call context is invalid: ${reason}`);
  }
  const values = new Map(read);
  for (const key of values.keys()) {
    const reason = RESERVED_KEYS[key];
    if (reason !== undefined)
      return refuse('InvalidParameter.Context', `the context may not set ${key}: ${reason}`);
  }
  return { ok: true, value: values };
}
