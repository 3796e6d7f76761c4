import { decodeBundle } from './decode.js';
import type { CallerResult } from './evaluate-caller.js';
import { compileProgram, type Program, type SessionPolicy } from './evaluate-program.js';
import { SetOutcome } from './evaluate-set.js';
import type { RequestCaller } from './request.js';
import type { RequestValues } from './request-map.js';
import type { TokenClaims } from './sts/token-format.js';
import { type Prepared, TokenVerifier } from './sts/token-verifier.js';
import { parseDate } from './values/date.js';

type TokenCaller = Extract<RequestCaller, { kind: 'securityToken' }>;

/**
 * The callers of requests made with STS credentials (semantics §7.2), for one bundle: each token is
 * verified once against the bundle's STS public key (runtime/sts/), and its session policy decoded and
 * compiled once from the bundle the token carries; both are cached with the token.
 */
export class SessionTokens {
  readonly #program: Program;
  readonly #verifier: TokenVerifier<SessionPolicy | null>;

  constructor(program: Program) {
    this.#program = program;
    this.#verifier = new TokenVerifier(program.stsPublicKeyPem, compileSessionPolicy);
  }

  /**
   * The role session a token names, as the reference engine resolves it (compiler/reference/security-token.ts):
   * checked against the bundle's account and roles, the request's AccessKeyId (`accessKeyId`, which the
   * reader also stores as `acs:AccessId`, or `acs:AccessId` itself) and `currentTime` (the request's
   * `acs:CurrentTime`, else the clock, in the date format).
   */
  resolve(caller: TokenCaller, context: RequestValues, currentTime: string): CallerResult {
    const program = this.#program;
    const result = this.#verifier.verify(caller.token, {
      account: program.account,
      currentTime: parseDate(currentTime) ?? Number.NaN,
      accessKeyId: context.get('acs:accessid') ?? null,
      roleExists: (name) => program.roles.has(name),
    });
    if (!result.ok) return result;
    const { claims, arn, prepared } = result.session;
    const principal = program.roles.get(claims.roleName) ?? null;
    return { ok: true, arn, principal, session: { policy: prepared, accessKeyId: claims.accessKeyId } };
  }
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
