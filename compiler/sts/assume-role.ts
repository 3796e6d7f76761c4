import { REQUEST_LIMITS } from '../../runtime/request-limits.js';
import { encodeBase64 } from '../../runtime/sts/base64.js';
import { encodeTokenBody, type TokenClaims } from '../../runtime/sts/token-format.js';
import { isoSeconds } from '../../runtime/sts/token-verifier.js';
import type { AccountModel, Role } from '../model/types.js';
import { referenceAuthorizer } from '../reference/index.js';
import {
  type AssumeRoleCaller,
  checkDuration,
  checkExternalId,
  checkSessionName,
  readCallContext,
  readCaller,
  readRoleArn,
} from './assume-role-input.js';
import { newAccessKeyId, newAccessKeySecret, roleId } from './credentials.js';
import { describeStatement } from './describe.js';
import { compileSessionBundle } from './session-bundle.js';
import { checkSessionPolicy, sessionPolicyDocument } from './session-policy.js';
import { readSigningKey, signBody } from './signing-key.js';
import { refuse, type StsError } from './sts-errors.js';
import { evaluateTrust, type HalfOutcome } from './trust-policy.js';

/** The parameters of one AssumeRole call (semantics §7.1). */
export interface AssumeRoleInput {
  /** A principal ARN of the model's account (a user or a role session), or a service such as `kms.aliyuncs.com`. */
  caller: string;
  roleArn: string;
  roleSessionName: string;
  /** The session policy document text (`Policy`). */
  policy?: string;
  /** Where `policy` came from, for messages; default `<policy>`. */
  policyFile?: string;
  durationSeconds?: number;
  externalId?: string;
  /** The call's condition keys (`acs:SourceIp`, `acs:MFAPresent`, ...): an object of key → scalar. */
  context?: unknown;
  /** When the call is made, epoch milliseconds; default the clock. It is also `acs:CurrentTime`. */
  now?: number;
}

/** What STS returns on success (interfaces §4). */
export interface AssumeRoleResponse {
  AssumedRoleUser: { Arn: string; AssumedRoleId: string };
  Credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string; Expiration: string };
}

export type AssumeRoleResult = { ok: true; response: AssumeRoleResponse } | { ok: false; error: StsError };

/**
 * Decides an AssumeRole call against a model and, when it is allowed, issues credentials whose security
 * token is signed with `signingKeyPem` (the private half of the model's `sts` key). Parameters are checked
 * first, then the caller (the root cannot assume roles; a service-linked role only by its service), then
 * both halves: the caller's permission policies must allow `sts:AssumeRole` on the role (skipped for
 * services), and the trust policy must trust the caller; an explicit Deny in either refuses.
 * Never throws for bad input: every refusal is an `StsError`.
 */
export function assumeRole(
  model: AccountModel,
  input: AssumeRoleInput,
  signingKeyPem: string,
): AssumeRoleResult {
  const key = readSigningKey(signingKeyPem, model.stsPublicKeyPem);
  if (!key.ok) return key;
  const caller = readCaller(model, input.caller);
  if (!caller.ok) return caller;
  const role = readRoleArn(model, input.roleArn);
  if (!role.ok) return role;
  const sessionName = checkSessionName(input.roleSessionName);
  if (!sessionName.ok) return sessionName;
  const duration = checkDuration(role.value, input.durationSeconds);
  if (!duration.ok) return duration;
  const externalId = checkExternalId(input.externalId);
  if (!externalId.ok) return externalId;
  const policy =
    input.policy === undefined ? null : checkSessionPolicy(input.policy, input.policyFile ?? '<policy>');
  if (policy !== null && !policy.ok) return policy;
  const context = readCallContext(input.context);
  if (!context.ok) return context;
  const now = input.now ?? Date.now();
  if (!Number.isFinite(now) || Number.isNaN(new Date(now).getTime())) {
    return refuse('InvalidParameter.Context', 'the time of the call is not a valid instant');
  }
  const values = context.value;
  values.set('acs:currenttime', new Date(now).toISOString());
  if (externalId.value !== null) values.set('sts:externalid', externalId.value);

  const refused = decide(model, caller.value, role.value, values, now);
  if (refused !== null) return { ok: false, error: refused };

  const issuedAt = Math.floor(now / 1000);
  const claims: TokenClaims = {
    account: model.account,
    roleName: role.value.name,
    sessionName: sessionName.value,
    accessKeyId: newAccessKeyId(),
    issuedAt,
    expiration: issuedAt + duration.value,
    sessionPolicy: null,
  };
  if (policy !== null) {
    const document = sessionPolicyDocument(policy.compact);
    const bundle = document.ok
      ? compileSessionBundle(document.policy.document, model.account, role.value.name)
      : null;
    if (bundle === null) {
      return refuse(
        'InvalidParameter.PolicyGrammar',
        'the session policy holds text that cannot be encoded as UTF-8',
      );
    }
    claims.sessionPolicy = { text: policy.compact, bundle };
  }
  const body = encodeTokenBody(claims);
  const signature = signBody(key.key, body);
  const signed = new Uint8Array(body.length + signature.length);
  signed.set(body);
  signed.set(signature, body.length);
  const token = encodeBase64(signed, 'url');
  if (token.length > REQUEST_LIMITS.maxSecurityTokenLength) {
    return refuse(
      'InvalidParameter.PolicyGrammar',
      `the session policy makes a security token of ${token.length} characters, more than requests accept ` +
        `(${REQUEST_LIMITS.maxSecurityTokenLength}); shorten the policy`,
    );
  }
  return {
    ok: true,
    response: {
      AssumedRoleUser: {
        Arn: `acs:ram::${model.account}:role/${claims.roleName}/${claims.sessionName}`,
        AssumedRoleId: `${roleId(model.account, claims.roleName)}:${claims.sessionName}`,
      },
      Credentials: {
        AccessKeyId: claims.accessKeyId,
        AccessKeySecret: newAccessKeySecret(),
        SecurityToken: token,
        Expiration: isoSeconds(claims.expiration),
      },
    },
  };
}

/** The authorization of the call (semantics §7.1); null when it is allowed. */
function decide(
  model: AccountModel,
  caller: AssumeRoleCaller,
  role: Role,
  values: Map<string, string>,
  now: number,
): StsError | null {
  if (caller.kind === 'root') {
    return noPermission(
      `the account root (${caller.arn}) cannot call AssumeRole; call it as a RAM user or a role session`,
    );
  }
  const who = caller.kind === 'service' ? `service ${caller.service}` : caller.arn;
  if (role.serviceLinkedTo !== null) {
    if (caller.kind === 'service' && caller.service.toLowerCase() === role.serviceLinkedTo.toLowerCase())
      return null;
    return noPermission(
      `${who} may not assume role ${role.name}: it is the service-linked role of ${role.serviceLinkedTo}, ` +
        'and only that service can assume it',
    );
  }
  const roleArn = `acs:ram::${model.account}:role/${role.name}`;
  const permission =
    caller.kind === 'service' ? null : evaluatePermission(model, caller.arn, roleArn, values, now);
  const principalArn = caller.kind === 'service' ? caller.service : caller.arn;
  const trust = evaluateTrust(model.account, role, caller, (key) =>
    key === 'acs:principalarn' ? principalArn : values.get(key),
  );
  const halves = [permission, trust].filter((h): h is HalfOutcome => h !== null && h.result !== 'Allow');
  if (halves.length === 0) return null;
  // Explicit denies first: they are what the caller must remove.
  halves.sort((a, b) => Number(b.result === 'ExplicitDeny') - Number(a.result === 'ExplicitDeny'));
  return noPermission(
    `${who} may not assume role ${role.name}: ${halves.map((h) => h.reason).join('; also, ')}`,
  );
}

/** The caller's own half: its permission policies decide `sts:AssumeRole` on the role, as a request would (§6.2). */
function evaluatePermission(
  model: AccountModel,
  callerArn: string,
  roleArn: string,
  values: Map<string, string>,
  now: number,
): HalfOutcome {
  const request = {
    principal: callerArn,
    action: 'sts:AssumeRole',
    resource: roleArn,
    context: Object.fromEntries(values),
  };
  // Explained, so the deciding statements carry their positions for the message.
  const decision = referenceAuthorizer(model, { now: () => now }).authorize(request, { explain: true });
  if (decision.error !== undefined) {
    return {
      result: 'ImplicitDeny',
      deciding: [],
      reason: `the permission check failed: ${decision.error.message}`,
    };
  }
  if (decision.decision === 'Allow') return { result: 'Allow', deciding: decision.deciding, reason: '' };
  if (decision.decision === 'ExplicitDeny') {
    const statements = decision.deciding.map(describeStatement).join('; ');
    return {
      result: 'ExplicitDeny',
      deciding: decision.deciding,
      reason: `its permission policies deny sts:AssumeRole on ${roleArn}: ${statements}`,
    };
  }
  return {
    result: 'ImplicitDeny',
    deciding: [],
    reason:
      `no permission policy of ${callerArn} allows sts:AssumeRole on ${roleArn}; attach AliyunSTSAssumeRoleAccess ` +
      'or a policy that allows sts:AssumeRole on the role ARN',
  };
}

function noPermission(message: string): StsError {
  return { code: 'NoPermission', message };
}
