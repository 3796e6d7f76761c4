import type { DecisionError, ErrorCode } from '../types.js';
import { decodeBase64 } from './base64.js';
import { type Ed25519PublicKey, verifyEd25519 } from './ed25519-verify.js';
import { LruCache } from './lru-cache.js';
import { parsePublicKeyPem } from './public-key-pem.js';
import { decodeTokenBody, SIGNATURE_BYTES, type TokenClaims } from './token-format.js';

/** Verified tokens kept (semantics §7.2 verification costs about 2 ms; a cache hit about a microsecond). */
export const TOKEN_CACHE_ENTRIES = 1_024;
/** Total characters of the cached tokens: bounds the cache's memory whatever the tokens' sizes. */
export const TOKEN_CACHE_CHARACTERS = 4 * 1024 * 1024;

/** What the request says about the token, checked on every use (cached or not). */
export interface TokenCheck {
  /** The account of the bundle or model. */
  account: string;
  /** `acs:CurrentTime` of the request (or the engine's clock), epoch milliseconds. */
  currentTime: number;
  /** The `accessKeyId` given with the token, or null. */
  accessKeyId: string | null;
  /** Whether the bundle or model still defines the role. */
  roleExists: (roleName: string) => boolean;
}

/** An engine's own preparation of a verified token (its session policy in the engine's form), or why it failed. */
export type Prepared<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A token that passed every check: what it binds, the session's ARN and the engine's prepared value. */
export interface VerifiedSession<T> {
  claims: TokenClaims;
  /** `acs:ram::<account>:role/<role>/<session>`: the caller of the request (semantics §1). */
  arn: string;
  prepared: T;
}

export type TokenResult<T> = { ok: true; session: VerifiedSession<T> } | { ok: false; error: DecisionError };

/** A token checked once: PERF: its success result is built here, so every request with it returns the same object. */
type Verified<T> =
  | { ok: true; claims: TokenClaims; result: { ok: true; session: VerifiedSession<T> } }
  | { ok: false; message: string };

/**
 * Verifies security tokens (interfaces §5, semantics §7.2) against one STS public key: Base64url
 * structure, Ed25519 signature, body layout, then per request the account, the role, the AccessKeyId and
 * the expiration. Synchronous and platform-free. The signature, layout and `prepare` outcome of a token
 * never change, so they are cached (bounded LRU); the per-request checks run every time.
 */
export class TokenVerifier<T> {
  readonly #key: Ed25519PublicKey | null;
  readonly #keyProblem: string;
  readonly #prepare: (claims: TokenClaims, arn: string) => Prepared<T>;
  readonly #cache = new LruCache<string, Verified<T>>(TOKEN_CACHE_ENTRIES, TOKEN_CACHE_CHARACTERS);

  /**
   * `publicKeyPem`: the model's STS key (null when it names none: every token is then refused).
   * `prepare`: turns verified claims (and the caller ARN they name) into what the engine evaluates, once
   * per token.
   */
  constructor(publicKeyPem: string | null, prepare: (claims: TokenClaims, arn: string) => Prepared<T>) {
    this.#prepare = prepare;
    const parsed = publicKeyPem === null ? null : parsePublicKeyPem(publicKeyPem);
    this.#key = parsed?.ok === true ? parsed.key : null;
    this.#keyProblem =
      parsed === null
        ? "security tokens need the model's sts.publicKeyFile, and this model names no STS public key"
        : parsed.ok
          ? ''
          : `the model's STS public key cannot verify security tokens: ${parsed.reason}`;
  }

  /** Checks one token for one request. Never throws. */
  verify(token: string, check: TokenCheck): TokenResult<T> {
    const key = this.#key;
    if (key === null) return failure('InvalidSecurityToken', this.#keyProblem);
    let verified = this.#cache.get(token);
    if (verified === undefined) {
      verified = this.#verifyToken(key, token);
      this.#cache.set(token, verified, token.length);
    }
    if (!verified.ok) return failure('InvalidSecurityToken', verified.message);
    const { claims } = verified;
    if (claims.account !== check.account) {
      return failure(
        'InvalidSecurityToken',
        `the security token belongs to account ${claims.account}, but the model describes account ${check.account}`,
      );
    }
    if (!check.roleExists(claims.roleName)) {
      return failure(
        'InvalidSecurityToken',
        `the security token is for role ${JSON.stringify(claims.roleName)}, which the model no longer defines; ` +
          'assume an existing role for new credentials',
      );
    }
    if (check.accessKeyId !== null && check.accessKeyId !== claims.accessKeyId) {
      return failure(
        'InvalidSecurityToken',
        `accessKeyId ${JSON.stringify(check.accessKeyId.slice(0, 80))} is not the AccessKeyId of this security token; ` +
          'give the AccessKeyId AssumeRole returned with the token, or leave accessKeyId out',
      );
    }
    if (!Number.isFinite(check.currentTime)) {
      return failure(
        'InvalidSecurityToken',
        'the current time is unknown, so the token expiration cannot be checked',
      );
    }
    if (check.currentTime >= claims.expiration * 1000) {
      return failure(
        'SecurityTokenExpired',
        `the security token expired at ${isoSeconds(claims.expiration)} and acs:CurrentTime is ` +
          `${new Date(check.currentTime).toISOString()}; call AssumeRole again for new credentials`,
      );
    }
    return verified.result;
  }

  #verifyToken(key: Ed25519PublicKey, token: string): Verified<T> {
    const bytes = decodeBase64(token, 'url');
    if (bytes === null)
      return { ok: false, message: 'the security token is malformed: it is not Base64url text' };
    if (bytes.length <= SIGNATURE_BYTES) {
      return { ok: false, message: 'the security token is malformed: it is too short to hold a signature' };
    }
    const body = bytes.subarray(0, bytes.length - SIGNATURE_BYTES);
    if (!verifyEd25519(key, body, bytes.subarray(bytes.length - SIGNATURE_BYTES))) {
      return {
        ok: false,
        message:
          "the security token's signature does not verify with the model's STS public key: the token was " +
          'changed, or was issued with another signing key',
      };
    }
    const decoded = decodeTokenBody(body);
    if (!decoded.ok) return { ok: false, message: `the security token is malformed: ${decoded.reason}` };
    const claims = decoded.claims;
    const arn = `acs:ram::${claims.account}:role/${claims.roleName}/${claims.sessionName}`;
    const prepared = this.#prepareSafely(claims, arn);
    if (!prepared.ok) {
      return { ok: false, message: `the security token's session policy cannot be used: ${prepared.reason}` };
    }
    return { ok: true, claims, result: { ok: true, session: { claims, arn, prepared: prepared.value } } };
  }

  #prepareSafely(claims: TokenClaims, arn: string): Prepared<T> {
    try {
      return this.#prepare(claims, arn);
    } catch (cause) {
      return { ok: false, reason: cause instanceof Error ? cause.message : 'it could not be read' };
    }
  }
}

function failure(code: ErrorCode, message: string): { ok: false; error: DecisionError } {
  return { ok: false, error: { code, message } };
}

/** Epoch seconds as `YYYY-MM-DDThh:mm:ssZ`, the form of AssumeRole's `Expiration`. */
export function isoSeconds(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : `${date.toISOString().slice(0, 19)}Z`;
}
