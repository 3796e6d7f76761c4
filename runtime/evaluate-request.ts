import { errorDecision, operationDecision } from './decision-results.js';
import { resolveCaller } from './evaluate-caller.js';
import { CheckState } from './evaluate-check-state.js';
import type { CompiledPrincipal, Program, ResolvedCaller, SessionPolicy } from './evaluate-program.js';
import { sessionTokens } from './evaluate-session.js';
import { evaluateSet, explainSet, SetOutcome } from './evaluate-set.js';
import { DECISION_ALLOW, DECISION_EXPLICIT_DENY, NONE } from './format.js';
import { hasPrefix } from './match/has-prefix.js';
import { expandOperation, type OperationRequest } from './operations.js';
import { type NormalizedRequest, RequestBuffer } from './request.js';
import { notAnActionName } from './request-actions.js';
import { arnColons } from './request-arn.js';
import type { TokenSessions } from './token-sessions.js';
import type {
  Check,
  DecidingStatement,
  Decision,
  DecisionKind,
  DecisionStep,
  ExplainedStatement,
  Explanation,
} from './types.js';

const ACCOUNT_SCOPE = 'account';
const SESSION_SCOPE = 'session';
const NOT_EXPLAINED: ExplainedStatement[] = [];

/**
 * Decides requests against one compiled bundle, following the reference engine step for step
 * (compiler/reference/authorize.ts and evaluate.ts; semantics §6): read the request, identify the
 * caller, then decide its action, or each (action, resource) pair of its operation.
 */
export class RequestEvaluator {
  readonly #program: Program;
  readonly #state: CheckState;
  readonly #accountOutcome: SetOutcome;
  readonly #groupOutcome: SetOutcome;
  readonly #sessions: TokenSessions<ResolvedCaller>;
  readonly #now: () => number;
  /** PERF: every request is read into this buffer. */
  readonly #buffer = new RequestBuffer();
  /**
   * The decision and explanation of the last `#decideCheck`, which returns the deciding statements.
   * PERF: the statements, a new array, are returned rather than kept here: storing a just-made object
   * into this long-lived one costs V8 a call to record the reference (its write barrier).
   */
  #kind: DecisionKind = 'ImplicitDeny';
  #explanation: Explanation | null = null;
  /** A request is being decided: the clock (`now`) or a getter of the request is deciding another. */
  #busy = false;
  /** Decides the requests made while one is being decided, so that they do not share its buffers. */
  #nested: RequestEvaluator | null = null;

  constructor(program: Program, now: () => number) {
    this.#program = program;
    this.#now = now;
    this.#state = new CheckState(now);
    this.#accountOutcome = new SetOutcome(program.largestSet);
    this.#groupOutcome = new SetOutcome(program.largestSet);
    this.#sessions = sessionTokens(program);
  }

  /** Decides one raw request. May throw only on an internal bug; the authorizer guards against that. */
  decide(raw: unknown, explain: boolean): Decision {
    if (this.#busy) {
      this.#nested ??= new RequestEvaluator(this.#program, this.#now);
      return this.#nested.decide(raw, explain);
    }
    this.#busy = true;
    try {
      return this.#decide(raw, explain);
    } finally {
      this.#busy = false;
    }
  }

  #decide(raw: unknown, explain: boolean): Decision {
    const buffer = this.#buffer;
    const request = buffer.request;
    const invalid = buffer.read(raw);
    if (invalid !== null) return errorDecision(invalid, request.id, null, explain);
    const state = this.#state;
    state.startRequest(request, '');
    const given = request.caller;
    const caller =
      given.kind === 'securityToken'
        ? this.#sessions.resolve(given, request.context, state.currentTime())
        : resolveCaller(this.#program, given);
    if (!caller.ok) return errorDecision(caller.error, request.id, null, explain);
    const session = caller.session;
    // STS credentials sign with their AccessKeyId, so it is the request's acs:AccessId (semantics §5).
    if (session !== undefined) buffer.setAccessId(session.accessKeyId);
    state.identify(request, caller.arn);
    const principal = caller.principal;
    const sessionPolicy = session?.policy ?? null;
    const target = request.target;
    if (target.kind === 'action') {
      const deciding = this.#decideCheck(
        request,
        principal,
        sessionPolicy,
        target.action,
        target.resource,
        explain,
      );
      if (deciding === null)
        return errorDecision(notAnActionName(target.action), request.id, caller.arn, explain);
      return decision(request, caller.arn, this.#kind, deciding, this.#explanation);
    }
    return this.#decideOperation(request, caller.arn, principal, sessionPolicy, target, explain);
  }

  /**
   * Operation requests (interfaces §2): every (action, resource) pair the call needs is decided like an
   * action request with the same caller, tags and context. Allow only if every pair is; ExplicitDeny if any is.
   */
  #decideOperation(
    request: NormalizedRequest,
    arn: string,
    principal: CompiledPrincipal | null,
    session: SessionPolicy | null,
    target: OperationRequest,
    explain: boolean,
  ): Decision {
    const expansion = expandOperation(target, this.#program.account);
    if ('error' in expansion) return errorDecision(expansion.error, request.id, arn, explain);
    if (expansion.checks.length === 0) {
      // DescribeRegions: not access-controlled, so any identified caller is allowed.
      const open = explain ? { step: 'not-access-controlled' as DecisionStep, statements: [] } : null;
      return decision(request, arn, 'Allow', [], open, []);
    }
    const checks: Check[] = expansion.checks.map(({ action, resource }) => {
      // The catalog's actions are all action names, so the check is always decided.
      const deciding = this.#decideCheck(request, principal, session, action, resource, explain) ?? [];
      const check: Check = { action, resource, decision: this.#kind, deciding };
      if (this.#explanation !== null) check.explanation = this.#explanation;
      return check;
    });
    const overall = operationDecision(checks);
    const step = explain ? { step: 'operation' as DecisionStep, statements: [] } : null;
    return decision(request, arn, overall.decision, overall.deciding, step, checks);
  }

  /**
   * One (action, resource) pair (semantics §6.2): not access-controlled, cross-account, root, the session
   * policy of STS credentials, then the identity policies: the account-scope set, and when it gives
   * ImplicitDeny, the resource group's set; an explicit deny of either wins, an Allow needs both.
   * Returns the deciding statements; the decision and explanation are in `#kind` and `#explanation`.
   * Null when `action` is not an action name (`isActionName`): the request is refused.
   */
  #decideCheck(
    request: NormalizedRequest,
    principal: CompiledPrincipal | null,
    session: SessionPolicy | null,
    action: string,
    resource: string,
    explain: boolean,
  ): DecidingStatement[] | null {
    const program = this.#program;
    const known = program.actions.get(action);
    if (!known.named) return null;
    const lower = known.lower;
    // Actions outside access control (kms:DescribeRegions) are allowed for any identified caller.
    if (!known.accessControlled) return this.#settle('Allow', 'not-access-controlled', [], explain);
    // PERF: without an explanation, a cross-account resource is told apart only when the statements would
    // allow or explicitly deny it: otherwise its answer, ImplicitDeny naming no statement, is theirs too.
    // Comparing the account costs about 400 instructions (valgrind), a tenth of an implicit denial.
    const accountFirst = explain || principal === null;
    if (accountFirst && isCrossAccount(resource, program.account)) return this.#crossAccount(explain);
    if (principal === null) return this.#settle('Allow', 'root', [], explain);
    const state = this.#state;
    const actionId = known.id;
    state.startCheck(action, lower, actionId, resource);
    // PERF: nothing is ever added to the shared empty list, which is used only when not explaining.
    const explained: ExplainedStatement[] = explain ? [] : NOT_EXPLAINED;
    if (session !== null) {
      // The session policy is a program of its own, with its own known actions.
      state.actionId = session.program.actionIds.get(lower) ?? NONE;
      this.#evaluate(session.program, session.set, SESSION_SCOPE, session.outcome, explain, explained);
      state.actionId = actionId;
    }
    const accountOutcome = this.#accountOutcome;
    let outcome = accountOutcome;
    let scope = ACCOUNT_SCOPE;
    let step: DecisionStep = 'account-scope';
    this.#evaluate(program, principal.accountSet, scope, accountOutcome, explain, explained);
    if (accountOutcome.kind !== DECISION_ALLOW && accountOutcome.kind !== DECISION_EXPLICIT_DENY) {
      const group = request.resourceGroup;
      outcome = this.#groupOutcome;
      scope = group ?? '';
      step = 'resource-group-scope';
      this.#evaluate(
        program,
        group === null ? NONE : (principal.groupSets.get(group) ?? NONE),
        scope,
        outcome,
        explain,
        explained,
      );
    }
    const sessionKind = session?.outcome.kind;
    const settled = sessionKind === DECISION_EXPLICIT_DENY || outcome.kind === DECISION_EXPLICIT_DENY;
    if (
      (settled || outcome.kind === DECISION_ALLOW) &&
      !accountFirst &&
      isCrossAccount(resource, program.account)
    ) {
      return this.#crossAccount(explain);
    }
    if (settled) {
      const deciding = decidingList(
        sessionKind === DECISION_EXPLICIT_DENY ? session : null,
        outcome.kind === DECISION_EXPLICIT_DENY ? outcome : null,
        program,
        scope,
        explain,
      );
      const denyStep = sessionKind === DECISION_EXPLICIT_DENY ? 'session-policy' : step;
      return this.#settle('ExplicitDeny', denyStep, deciding, explain, explained);
    }
    if (outcome.kind === DECISION_ALLOW) {
      if (session !== null && sessionKind !== DECISION_ALLOW) {
        return this.#settle('ImplicitDeny', 'session-policy', [], explain, explained);
      }
      const deciding = decidingList(session, outcome, program, scope, explain);
      return this.#settle('Allow', step, deciding, explain, explained);
    }
    return this.#settle('ImplicitDeny', 'no-statement', [], explain, explained);
  }

  /** A check of a resource in another account (semantics §6.2 step 2). */
  #crossAccount(explain: boolean): DecidingStatement[] {
    return this.#settle('ImplicitDeny', 'cross-account', [], explain);
  }

  /**
   * Records a check's decision and explanation, and returns its deciding statements. `statements`: those the
   * evaluated sets explained; none for a check settled before any set (made only when explaining).
   */
  #settle(
    kind: DecisionKind,
    step: DecisionStep,
    deciding: DecidingStatement[],
    explain: boolean,
    statements?: ExplainedStatement[],
  ): DecidingStatement[] {
    this.#kind = kind;
    this.#explanation = explain ? { step, statements: statements ?? [] } : null;
    return deciding;
  }

  #evaluate(
    program: Program,
    set: number,
    scope: string,
    out: SetOutcome,
    explain: boolean,
    explained: ExplainedStatement[],
  ): void {
    if (explain) explainSet(program, set, this.#state, out, scope, explained);
    else evaluateSet(program, set, this.#state, out);
  }
}

/**
 * The statements behind a check's decision: the session policy's (scope `session`) first, then those of
 * the identity policies' `outcome` (scope `scope`); null skips either.
 * PERF: the array is made at its final length, so filling it never grows it.
 */
function decidingList(
  session: SessionPolicy | null,
  outcome: SetOutcome | null,
  program: Program,
  scope: string,
  explain: boolean,
): DecidingStatement[] {
  const first = session === null ? 0 : session.outcome.decidingCount();
  const list = new Array<DecidingStatement>(first + (outcome === null ? 0 : outcome.decidingCount()));
  session?.outcome.writeDeciding(list, 0, session.program, SESSION_SCOPE, explain);
  outcome?.writeDeciding(list, first, program, scope, explain);
  return list;
}

/**
 * True when the resource ARN names an account other than `account` (semantics §6.2 step 2): its fourth
 * `:`-separated segment is neither empty nor `account`. `*` is never cross-account.
 */
export function isCrossAccount(resource: string, account: string): boolean {
  if (resource === '*') return false;
  const colons = arnColons(resource);
  const third = colons[2] as number;
  if (third < 0) return false;
  const start = third + 1;
  const next = colons[3] as number;
  const end = next < 0 ? resource.length : next;
  if (end === start) return false;
  return end - start !== account.length || !hasPrefix(resource, account, start);
}

function decision(
  request: NormalizedRequest,
  principal: string,
  kind: DecisionKind,
  deciding: DecidingStatement[],
  explanation: Explanation | null,
  checks?: Check[],
): Decision {
  const result: Decision =
    request.id === null
      ? { decision: kind, principal, deciding }
      : { id: request.id, decision: kind, principal, deciding };
  if (checks !== undefined) result.checks = checks;
  if (explanation !== null) result.explanation = explanation;
  return result;
}
