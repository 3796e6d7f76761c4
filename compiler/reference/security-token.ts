import type { RequestValues } from '../../runtime/request-map.js';
import type { TokenClaims } from '../../runtime/sts/token-format.js';
import { type Prepared, TokenVerifier } from '../../runtime/sts/token-verifier.js';
import { parseDate } from '../../runtime/values/index.js';
import type { AccountModel, ResolvedPolicy } from '../model/types.js';
import { sessionPolicyDocument } from '../sts/session-policy.js';
import type { CallerResult } from './principal.js';

// One verifier (and token cache) per model; a model is never changed after loading.
const verifiers = new WeakMap<AccountModel, TokenVerifier<ResolvedPolicy | null>>();

/**
 * The caller of a request made with STS credentials (semantics §7.2): the role session the token names,
 * with the session policy it carries, once the token verifies against the model's STS key, belongs to
 * the model's account, names a role the model defines, matches the request's AccessKeyId (`accessKeyId`
 * or `acs:AccessId`) and has not expired at the request's `acs:CurrentTime` (else `clockTime`).
 * The reference engine evaluates the session policy's text, which the token carries validated.
 */
export function resolveSecurityToken(
  model: AccountModel,
  token: string,
  context: RequestValues,
  clockTime: string,
): CallerResult {
  let verifier = verifiers.get(model);
  if (verifier === undefined) {
    verifier = new TokenVerifier(model.stsPublicKeyPem, prepareSessionPolicy);
    verifiers.set(model, verifier);
  }
  const result = verifier.verify(token, {
    account: model.account,
    currentTime: parseDate(context.get('acs:currenttime') ?? clockTime) ?? Number.NaN,
    accessKeyId: context.get('acs:accessid') ?? null,
    roleExists: (name) => model.roles.has(name),
  });
  if (!result.ok) return result;
  const { claims, arn, prepared } = result.session;
  return {
    ok: true,
    caller: {
      arn,
      identity: { kind: 'role', name: claims.roleName },
      sessionPolicy: prepared,
      stsAccessKeyId: claims.accessKeyId,
    },
  };
}

function prepareSessionPolicy(claims: TokenClaims): Prepared<ResolvedPolicy | null> {
  if (claims.sessionPolicy === null) return { ok: true, value: null };
  const document = sessionPolicyDocument(claims.sessionPolicy.text);
  return document.ok ? { ok: true, value: document.policy } : { ok: false, reason: document.reason };
}
