/**
 * The `Authorizer` of `ramc/wasm`: reads each request and identifies its caller with the code every engine
 * shares (security tokens included), expands operations, hands the (action, resource) checks to the Wasm
 * core in one call, and builds the Decision from the ids the core returns. Explanations are delegated to
 * the TS evaluator of the same bundle.
 */

import { errorDecision, operationDecision } from './decision-results.js';
import type { DecodedBundle } from './decoded-bundle.js';
import { resolveCaller } from './evaluate-caller.js';
import type { CompiledPrincipal, Program } from './evaluate-program.js';
import { NONE, STATUS_OK } from './format.js';
import { loadBundle } from './index.js';
import { expandOperation } from './operations.js';
import { type NormalizedRequest, RequestBuffer } from './request.js';
import { isActionName, notAnActionName } from './request-actions.js';
import { formatCurrentTime } from './request-context.js';
import { RequestMap, type RequestValues } from './request-map.js';
import { StringCache } from './request-string-cache.js';
import type { TokenSessions } from './token-sessions.js';
import type {
  AuthorizeOptions,
  Authorizer,
  Check,
  DecidingStatement,
  Decision,
  DecisionKind,
} from './types.js';
import { callerTables } from './wasm-callers.js';
import type { WasmCore } from './wasm-core.js';
import { type KeyNeeds, keyNeeds } from './wasm-key-needs.js';
import {
  CHECK_RESULT_BYTES,
  CHECK_RESULT_DECIDING_COUNT,
  CHECK_RESULT_DECIDING_SCOPE,
  CHECK_RESULT_DECIDING_START,
  CHECK_RESULT_DECISION,
  CHECK_RESULT_SESSION_COUNT,
  CHECK_RESULT_SESSION_START,
  RESULT_HEADER_BYTES,
  RESULT_OK,
  RESULT_STATUS,
  STEP_RESOURCE_GROUP_SCOPE,
} from './wasm-layout.js';
import { type CoreCheck, type CoreRequest, RequestWriter } from './wasm-request.js';
import { type VerifiedSessionCaller, type WasmSessionPolicy, wasmSessions } from './wasm-sessions.js';
import { StatementNames } from './wasm-statements.js';

const DECISIONS: readonly DecisionKind[] = ['ImplicitDeny', 'Allow', 'ExplicitDeny'];
const ACCOUNT_SCOPE = 'account';
const SESSION_SCOPE = 'session';
const CURRENT_TIME = 'acs:currenttime';
const NO_CHECKS: readonly CoreCheck[] = [];
const NO_VALUES: RequestValues = new RequestMap();

/** Decides requests with one loaded core. */
export class WasmAuthorizer implements Authorizer {
  readonly #core: WasmCore;
  readonly #bytes: Uint8Array;
  readonly #now: () => number;
  readonly #callers: Program;
  readonly #names: StatementNames;
  readonly #needs: KeyNeeds;
  readonly #sessions: TokenSessions<VerifiedSessionCaller>;
  readonly #writer: RequestWriter;
  readonly #request: CoreRequest;
  /** PERF: the checks of an action request, reused. */
  readonly #single: CoreCheck[] = [];
  /** PERF: every request is read into this buffer. */
  readonly #buffer = new RequestBuffer();
  /** PERF: whether each action text a host sends is an action name, checked once. */
  readonly #actionNames = new StringCache(isActionName);
  /** A request is being decided: the clock (`now`) or a getter of the request is deciding another. */
  #busy = false;
  /** The clock reading of the current request, read at most once (as the TS runtime does). */
  #clock: string | null = null;
  /** The session policy whose bundle is in the core's session slot. */
  #loadedSession: WasmSessionPolicy | null = null;
  #explainer: Authorizer | null = null;

  /**
   * `core` has `bytes` loaded; `tables` are its names, callers and conditions (runtime/wasm-host-tables.ts,
   * or the whole bundle decoded by the TS runtime).
   */
  constructor(core: WasmCore, bytes: Uint8Array, tables: DecodedBundle, now: () => number) {
    this.#core = core;
    this.#bytes = bytes;
    this.#now = now;
    this.#callers = callerTables(tables);
    this.#names = new StatementNames(tables);
    this.#needs = keyNeeds(tables);
    this.#sessions = wasmSessions(this.#callers, this.#needs);
    this.#writer = new RequestWriter(core);
    this.#request = {
      root: false,
      accountSet: NONE,
      groupSet: NONE,
      session: false,
      sessionSet: NONE,
      checks: NO_CHECKS,
      tags: NO_VALUES,
      context: NO_VALUES,
      principalArn: '',
      clockTime: () => this.#clockTime(),
      needs: this.#needs,
    };
  }

  authorize(request: unknown, options?: AuthorizeOptions): Decision {
    let explain = false;
    try {
      explain = options?.explain === true;
    } catch {
      // Options that cannot be read (a throwing getter) ask for nothing: decide without explaining.
    }
    try {
      // The core, the request buffer and the writer hold one request at a time: a request decided while
      // another is (by a getter of the request, or the clock) goes to the TS runtime, which decides alike.
      if (explain || this.#busy) return this.#explaining().authorize(request, { explain });
      this.#busy = true;
      try {
        return this.#decide(request);
      } finally {
        this.#busy = false;
      }
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : 'unknown failure';
      const message = `the Wasm engine failed on this request (${reason}); please report it as a ramc bug`;
      return errorDecision({ code: 'InvalidRequest', message }, null, null, explain);
    }
  }

  /** The TS evaluator of the same bundle, built on the first request that asks for an explanation. */
  #explaining(): Authorizer {
    this.#explainer ??= loadBundle(this.#bytes, { now: this.#now });
    return this.#explainer;
  }

  #clockTime(): string {
    this.#clock ??= formatCurrentTime(this.#now());
    return this.#clock;
  }

  #decide(raw: unknown): Decision {
    const buffer = this.#buffer;
    const request = buffer.request;
    const invalid = buffer.read(raw);
    if (invalid !== null) return errorDecision(invalid, request.id, null, false);
    this.#clock = null;
    const given = request.caller;
    const core = this.#request;
    let arn: string;
    let principal: CompiledPrincipal | null;
    let policy: WasmSessionPolicy | null = null;
    if (given.kind === 'securityToken') {
      const now = request.context.get(CURRENT_TIME) ?? this.#clockTime();
      const session = this.#sessions.resolve(given, request.context, now);
      if (!session.ok) return errorDecision(session.error, request.id, null, false);
      // STS credentials sign with their AccessKeyId, so it is the request's acs:AccessId (semantics §5).
      buffer.setAccessId(session.accessKeyId);
      ({ arn, principal, policy } = session);
    } else {
      const caller = resolveCaller(this.#callers, given);
      if (!caller.ok) return errorDecision(caller.error, request.id, null, false);
      ({ arn, principal } = caller);
    }
    if (policy !== null && policy !== this.#loadedSession) {
      const status = this.#core.loadSession(policy.bytes);
      this.#loadedSession = status === STATUS_OK ? policy : null;
      if (status !== STATUS_OK)
        throw new Error(`the Wasm core refused the session policy with status ${status}`);
    }
    const group = request.resourceGroup;
    core.root = principal === null;
    core.accountSet = principal?.accountSet ?? NONE;
    core.groupSet = principal === null || group === null ? NONE : (principal.groupSets.get(group) ?? NONE);
    core.session = policy !== null;
    core.sessionSet = policy?.set ?? NONE;
    core.needs = policy?.needs ?? this.#needs;
    core.tags = request.resourceTags;
    core.context = request.context;
    core.principalArn = arn;
    const target = request.target;
    if (target.kind === 'action') {
      // Checked once the caller is known, as every engine does (request-actions.ts).
      if (!this.#actionNames.get(target.action)) {
        return errorDecision(notAnActionName(target.action), request.id, arn, false);
      }
      this.#single[0] = target;
      core.checks = this.#single;
      const at = this.#run();
      return decision(request, arn, checkDecision(this.#core.words, at, 0), this.#deciding(at, 1, 0, policy));
    }
    const expansion = expandOperation(target, this.#callers.account);
    if ('error' in expansion) return errorDecision(expansion.error, request.id, arn, false);
    // DescribeRegions: not access-controlled, so any identified caller is allowed.
    if (expansion.checks.length === 0) return decision(request, arn, 'Allow', [], []);
    core.checks = expansion.checks;
    const at = this.#run();
    const count = expansion.checks.length;
    const checks: Check[] = expansion.checks.map(({ action, resource }, i) => ({
      action,
      resource,
      decision: checkDecision(this.#core.words, at, i),
      deciding: this.#deciding(at, count, i, policy),
    }));
    const overall = operationDecision(checks);
    return decision(request, arn, overall.decision, overall.deciding, checks);
  }

  /**
   * Decides the checks of `this.#request` in the core; returns where the core wrote its result. Throws only
   * when the core refuses the request, which would be a bug of this host.
   */
  #run(): number {
    const core = this.#core;
    if (!this.#writer.write(this.#request)) throw new Error('the request does not fit in the Wasm memory');
    const at = core.decide();
    const status = core.words[(at + RESULT_STATUS) >>> 2];
    if (status !== RESULT_OK) throw new Error(`the Wasm core refused the request with status ${status}`);
    return at;
  }

  /**
   * The deciding statements of check `i` of the `count` in the result at `at`: the session policy's first
   * (scope `session`), then the identity policies'. PERF: in an array of exactly their number.
   */
  #deciding(at: number, count: number, i: number, policy: WasmSessionPolicy | null): DecidingStatement[] {
    const words = this.#core.words;
    const ids = this.#core.signed;
    const pool = (at + RESULT_HEADER_BYTES + count * CHECK_RESULT_BYTES) >>> 2;
    const record = (at + RESULT_HEADER_BYTES + i * CHECK_RESULT_BYTES) >>> 2;
    const sessionStart = pool + (words[record + CHECK_RESULT_SESSION_START / 4] as number);
    const sessionCount = policy === null ? 0 : (words[record + CHECK_RESULT_SESSION_COUNT / 4] as number);
    const start = pool + (words[record + CHECK_RESULT_DECIDING_START / 4] as number);
    const identityCount = words[record + CHECK_RESULT_DECIDING_COUNT / 4] as number;
    const groupScope = words[record + CHECK_RESULT_DECIDING_SCOPE / 4] === STEP_RESOURCE_GROUP_SCOPE;
    const scope = groupScope ? (this.#buffer.request.resourceGroup ?? '') : ACCOUNT_SCOPE;
    const deciding = new Array<DecidingStatement>(sessionCount + identityCount);
    for (let k = 0; k < sessionCount; k++) {
      deciding[k] = (policy as WasmSessionPolicy).names.deciding(
        ids[sessionStart + k] as number,
        SESSION_SCOPE,
      );
    }
    for (let k = 0; k < identityCount; k++) {
      deciding[sessionCount + k] = this.#names.deciding(ids[start + k] as number, scope);
    }
    return deciding;
  }
}

/** The decision on check `i` in the core's result at `at`. */
function checkDecision(words: Uint32Array, at: number, i: number): DecisionKind {
  const record = (at + RESULT_HEADER_BYTES + i * CHECK_RESULT_BYTES) >>> 2;
  return DECISIONS[words[record + CHECK_RESULT_DECISION / 4] as number] ?? 'ImplicitDeny';
}

/** A decision with the members in the order the TS runtime writes them. */
function decision(
  request: NormalizedRequest,
  principal: string,
  kind: DecisionKind,
  deciding: DecidingStatement[],
  checks?: Check[],
): Decision {
  const result: Decision =
    request.id === null
      ? { decision: kind, principal, deciding }
      : { id: request.id, decision: kind, principal, deciding };
  if (checks !== undefined) result.checks = checks;
  return result;
}
