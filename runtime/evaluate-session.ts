import { decodeBundle } from './decode.js';
import { compileProgram, type Program, type ResolvedCaller, type SessionPolicy } from './evaluate-program.js';
import { SetOutcome } from './evaluate-set.js';
import type { TokenClaims } from './sts/token-format.js';
import type { Prepared } from './sts/token-verifier.js';
import { TokenSessions } from './token-sessions.js';

/**
 * The callers of requests made with STS credentials for the TS runtime: the role session, its role's
 * policies and the session policy the token carries, compiled once per token.
 */
export function sessionTokens(program: Program): TokenSessions<ResolvedCaller> {
  return new TokenSessions(program, (claims, arn) => resolvedSession(program, claims, arn));
}

/**
 * The caller of requests made with verified claims: the role session, its role's policies and the
 * session policy, decoded and compiled once from the bundle the token carries (compiler/sts/session-bundle.ts).
 */
function resolvedSession(program: Program, claims: TokenClaims, arn: string): Prepared<ResolvedCaller> {
  const policy = compileSessionPolicy(claims);
  if (!policy.ok) return policy;
  const principal = program.roles.get(claims.roleName) ?? null;
  const session = { policy: policy.value, accessKeyId: claims.accessKeyId };
  return { ok: true, value: { ok: true, arn, principal, session } };
}

/** Decodes and compiles the session policy bundle of verified claims (compiler/sts/session-bundle.ts). */
function compileSessionPolicy(claims: TokenClaims): Prepared<SessionPolicy | null> {
  if (claims.sessionPolicy === null) return { ok: true, value: null };
  // decodeBundle throws a BundleError on bytes it cannot read; the verifier turns it into the reason.
  const program = compileProgram(decodeBundle(claims.sessionPolicy.bundle));
  const role = program.roles.get(claims.roleName);
  if (program.account !== claims.account || role === undefined) {
    return { ok: false, reason: 'its compiled form is for another account or role' };
  }
  return { ok: true, value: { program, set: role.accountSet, outcome: new SetOutcome(program.largestSet) } };
}
