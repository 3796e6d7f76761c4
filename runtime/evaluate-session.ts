import { decodeBundle } from './decode.js';
import type { CallerResult } from './evaluate-caller.js';
import { compileProgram, type Program, type ResolvedCaller, type SessionPolicy } from './evaluate-program.js';
import { SetOutcome } from './evaluate-set.js';
import type { RequestCaller } from './request.js';
import type { RequestValues } from './request-map.js';
import { DATE_MS, readDate } from './request-typed-values.js';
import type { TokenClaims } from './sts/token-format.js';
import { type Prepared, type TokenCheck, TokenVerifier } from './sts/token-verifier.js';

type TokenCaller = Extract<RequestCaller, { kind: 'securityToken' }>;

/**
 * The callers of requests made with STS credentials (semantics §7.2), for one bundle: each token is
 * verified once against the bundle's STS public key (runtime/sts/), and its session policy decoded and
 * compiled once from the bundle the token carries; both are cached with the token.
 */
export class SessionTokens {
  readonly #verifier: TokenVerifier<ResolvedCaller>;
  /** PERF: the checks of the request being resolved, in one object reused for every request. */
  readonly #check: TokenCheck;

  constructor(program: Program) {
    this.#verifier = new TokenVerifier(program.stsPublicKeyPem, (claims, arn) =>
      resolvedSession(program, claims, arn),
    );
    this.#check = {
      account: program.account,
      currentTime: Number.NaN,
      accessKeyId: null,
      roleExists: (name) => program.roles.has(name),
    };
  }

  /**
   * The role session a token names, as the reference engine resolves it (compiler/reference/security-token.ts):
   * checked against the bundle's account and roles, the request's AccessKeyId (`accessKeyId`, which the
   * reader also stores as `acs:AccessId`, or `acs:AccessId` itself) and `currentTime` (the request's
   * `acs:CurrentTime`, else the clock, in the date format). A token's caller is built once, when the
   * token is first verified, and returned again for every request made with it.
   */
  resolve(caller: TokenCaller, context: RequestValues, currentTime: string): CallerResult {
    const check = this.#check;
    check.currentTime = readDate(currentTime) ? (DATE_MS[0] as number) : Number.NaN;
    check.accessKeyId = context.get('acs:accessid') ?? null;
    const result = this.#verifier.verify(caller.token, check);
    return result.ok ? result.session.prepared : result;
  }
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
