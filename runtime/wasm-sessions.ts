/**
 * The callers of requests made with STS credentials (semantics §7.2) for the Wasm engine: tokens are
 * verified by the shared verifier (runtime/sts/), exactly as runtime/evaluate-session.ts does for the TS
 * runtime, and the session-policy bundle a token carries is kept as bytes, to be loaded into the core.
 */
import { decodeBundle } from './decode.js';
import type { CompiledPrincipal, Program } from './evaluate-program.js';
import type { TokenClaims } from './sts/token-format.js';
import type { Prepared } from './sts/token-verifier.js';
import { TokenSessions } from './token-sessions.js';
import { callerTables } from './wasm-callers.js';
import { type KeyNeeds, keyNeeds } from './wasm-key-needs.js';
import { StatementNames } from './wasm-statements.js';

/** A token's session policy, ready for the core's session slot (runtime/wasm-layout.ts). */
export interface WasmSessionPolicy {
  /** The session-policy bundle the token carries. */
  bytes: Uint8Array;
  /** The SETS index of the role's policies in that bundle (the session policy), or NONE. */
  set: number;
  /** Names of its statements, for `deciding` (scope `session`). */
  names: StatementNames;
  /** What the conditions of the bundle and of the session policy read from a request. */
  needs: KeyNeeds;
}

/** A verified role session: its ARN, its role, its session policy (null when it has none), its AccessKeyId. */
export interface VerifiedSessionCaller {
  ok: true;
  arn: string;
  principal: CompiledPrincipal | null;
  policy: WasmSessionPolicy | null;
  accessKeyId: string;
}

/** Copies `needs`, so a session's additions do not leak into the bundle's own. */
function copyNeeds(needs: KeyNeeds): KeyNeeds {
  return { context: new Map(needs.context), tags: new Map(needs.tags) };
}

/**
 * The callers of requests made with STS credentials for the Wasm host: the role session, its role and the
 * session policy the token carries, decoded for the core's session slot once per token.
 * `callers`: the bundle's caller tables; `needs`: what the bundle's own conditions read.
 */
export function wasmSessions(callers: Program, needs: KeyNeeds): TokenSessions<VerifiedSessionCaller> {
  return new TokenSessions(callers, (claims, arn) => {
    const policy = prepare(claims, needs);
    if (!policy.ok) return policy;
    const principal = callers.roles.get(claims.roleName) ?? null;
    const caller = {
      ok: true as const,
      arn,
      principal,
      policy: policy.value,
      accessKeyId: claims.accessKeyId,
    };
    return { ok: true, value: caller };
  });
}

/** Decodes the session-policy bundle of verified claims (compiler/sts/session-bundle.ts). */
function prepare(claims: TokenClaims, needs: KeyNeeds): Prepared<WasmSessionPolicy | null> {
  if (claims.sessionPolicy === null) return { ok: true, value: null };
  const bytes = claims.sessionPolicy.bundle;
  // decodeBundle throws a BundleError on bytes it cannot read; the verifier turns it into the reason.
  const decoded = decodeBundle(bytes);
  const callers = callerTables(decoded);
  const role = callers.roles.get(claims.roleName);
  if (callers.account !== claims.account || role === undefined) {
    return { ok: false, reason: 'its compiled form is for another account or role' };
  }
  return {
    ok: true,
    value: {
      bytes,
      set: role.accountSet,
      names: new StatementNames(decoded),
      needs: keyNeeds(decoded, copyNeeds(needs)),
    },
  };
}
