import type { Program } from './evaluate-program.js';
import type { RequestCaller } from './request.js';
import type { RequestValues } from './request-map.js';
import { DATE_MS, readDate } from './request-typed-values.js';
import type { TokenClaims } from './sts/token-format.js';
import { type Prepared, type TokenCheck, TokenVerifier } from './sts/token-verifier.js';
import type { DecisionError } from './types.js';

type TokenCaller = Extract<RequestCaller, { kind: 'securityToken' }>;

/**
 * The callers of requests made with STS credentials (semantics §7.2), for one bundle and one engine: each
 * token is verified once against the bundle's STS public key (runtime/sts/), and `prepare` turns its
 * claims into the engine's caller (role, session policy) then; the caller is cached with the token and
 * returned again for every request made with it. Every use still checks the token against the bundle's
 * account and roles, the request's AccessKeyId and the current time.
 */
export class TokenSessions<T> {
  readonly #verifier: TokenVerifier<T>;
  /** PERF: the checks of the request being resolved, in one object reused for every request. */
  readonly #check: TokenCheck;

  /** `callers`: the bundle's account and roles; `prepare`: the engine's caller for verified claims and their ARN. */
  constructor(callers: Program, prepare: (claims: TokenClaims, arn: string) => Prepared<T>) {
    this.#verifier = new TokenVerifier(callers.stsPublicKeyPem, prepare);
    this.#check = {
      account: callers.account,
      currentTime: Number.NaN,
      accessKeyId: null,
      roleExists: (name) => callers.roles.has(name),
    };
  }

  /**
   * The caller a token names, as the reference engine resolves it (compiler/reference/security-token.ts):
   * `context`'s `acs:accessid` is the request's AccessKeyId (the reader stores `accessKeyId` there) and
   * `currentTime` is the request's `acs:CurrentTime`, else the clock, in the date format.
   */
  resolve(
    caller: TokenCaller,
    context: RequestValues,
    currentTime: string,
  ): T | { ok: false; error: DecisionError } {
    const check = this.#check;
    check.currentTime = readDate(currentTime) ? (DATE_MS[0] as number) : Number.NaN;
    check.accessKeyId = context.get('acs:accessid') ?? null;
    const result = this.#verifier.verify(caller.token, check);
    return result.ok ? result.session.prepared : result;
  }
}
