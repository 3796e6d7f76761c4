import { resolveCaller } from './evaluate-caller.js';
import { CheckState } from './evaluate-check-state.js';
import type { CompiledPrincipal, Program, SessionPolicy } from './evaluate-program.js';
import { SessionTokens } from './evaluate-session.js';
import { evaluateSet, explainSet, SetOutcome } from './evaluate-set.js';
import { DECISION_ALLOW, DECISION_EXPLICIT_DENY, NONE } from './format.js';
import { hasPrefix } from './match/has-prefix.js';
import { expandOperation, type OperationRequest } from './operations.js';
import { type NormalizedRequest, readRequest } from './request.js';
import { isAccessControlled } from './request-actions.js';
import { arnColon } from './request-arn.js';
import { lowerCase } from './request-lower-case.js';
import type {
  Check,
  DecidingStatement,
  Decision,
  DecisionError,
  DecisionKind,
  DecisionStep,
  ExplainedStatement,
  Explanation,
} from './types.js';

const ACCOUNT_SCOPE = 'account';
const SESSION_SCOPE = 'session';
const NOT_EXPLAINED: ExplainedStatement[] = [];

/** The decision on one (action, resource) pair. */
interface CheckDecision {
  decision: DecisionKind;
  deciding: DecidingStatement[];
  explanation: Explanation | null;
}

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
  readonly #sessions: SessionTokens;

  constructor(program: Program, now: () => number) {
    this.#program = program;
    this.#state = new CheckState(now);
    this.#accountOutcome = new SetOutcome(program.largestSet);
    this.#groupOutcome = new SetOutcome(program.largestSet);
    this.#sessions = new SessionTokens(program);
  }

  /** Decides one raw request. May throw only on an internal bug; the authorizer guards against that. */
  decide(raw: unknown, explain: boolean): Decision {
    const read = readRequest(raw);
    if (!read.ok) return errorDecision(read.error, read.id ?? null, null, explain);
    const state = this.#state;
    state.startRequest(read.request, '');
    const given = read.request.caller;
    const caller =
      given.kind === 'securityToken'
        ? this.#sessions.resolve(given, read.request.context, state.currentTime())
        : resolveCaller(this.#program, given);
    if (!caller.ok) return errorDecision(caller.error, read.request.id, null, explain);
    const session = caller.session;
    // STS credentials sign with their AccessKeyId, so it is the request's acs:AccessId (semantics §5).
    const request =
      session === undefined
        ? read.request
        : {
            ...read.request,
            context: new Map(read.request.context).set('acs:accessid', session.accessKeyId),
          };
    state.identify(request, caller.arn);
    const principal = caller.principal;
    const sessionPolicy = session?.policy ?? null;
    const target = request.target;
    if (target.kind === 'action') {
      const result = this.#decideCheck(
        request,
        principal,
        sessionPolicy,
        target.action,
        target.resource,
        explain,
      );
      return decision(request, caller.arn, result.decision, result.deciding, result.explanation);
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
      const result = this.#decideCheck(request, principal, session, action, resource, explain);
      const check: Check = { action, resource, decision: result.decision, deciding: result.deciding };
      if (result.explanation !== null) check.explanation = result.explanation;
      return check;
    });
    const overall: DecisionKind = checks.some((c) => c.decision === 'ExplicitDeny')
      ? 'ExplicitDeny'
      : checks.every((c) => c.decision === 'Allow')
        ? 'Allow'
        : 'ImplicitDeny';
    // The statements of the checks that determined the result: the denied ones, or all when allowed.
    const deciding: DecidingStatement[] = [];
    for (const c of checks) {
      if (overall !== 'ImplicitDeny' && c.decision === overall) addUnique(deciding, c.deciding);
    }
    const step = explain ? { step: 'operation' as DecisionStep, statements: [] } : null;
    return decision(request, arn, overall, deciding, step, checks);
  }

  /**
   * One (action, resource) pair (semantics §6.2): not access-controlled, cross-account, root, the session
   * policy of STS credentials, then the identity policies: the account-scope set, and when it gives
   * ImplicitDeny, the resource group's set; an explicit deny of either wins, an Allow needs both.
   */
  #decideCheck(
    request: NormalizedRequest,
    principal: CompiledPrincipal | null,
    session: SessionPolicy | null,
    action: string,
    resource: string,
    explain: boolean,
  ): CheckDecision {
    const program = this.#program;
    const lower = lowerCase(action);
    // Actions outside access control (kms:DescribeRegions) are allowed for any identified caller.
    if (!isAccessControlled(lower)) return settled('Allow', 'not-access-controlled', [], explain, []);
    if (isCrossAccount(resource, program.account))
      return settled('ImplicitDeny', 'cross-account', [], explain, []);
    if (principal === null) return settled('Allow', 'root', [], explain, []);
    const state = this.#state;
    const actionId = program.actionIds.get(lower) ?? NONE;
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
    if (sessionKind === DECISION_EXPLICIT_DENY || outcome.kind === DECISION_EXPLICIT_DENY) {
      const deciding = sessionKind === DECISION_EXPLICIT_DENY ? sessionStatements(session, explain) : [];
      if (outcome.kind === DECISION_EXPLICIT_DENY)
        addUnique(deciding, outcome.deciding(program, scope, explain));
      const denyStep = sessionKind === DECISION_EXPLICIT_DENY ? 'session-policy' : step;
      return settled('ExplicitDeny', denyStep, deciding, explain, explained);
    }
    if (outcome.kind === DECISION_ALLOW) {
      if (session !== null && sessionKind !== DECISION_ALLOW) {
        return settled('ImplicitDeny', 'session-policy', [], explain, explained);
      }
      const deciding = sessionStatements(session, explain);
      addUnique(deciding, outcome.deciding(program, scope, explain));
      return settled('Allow', step, deciding, explain, explained);
    }
    return settled('ImplicitDeny', 'no-statement', [], explain, explained);
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

/** The session policy's statements behind its outcome (its Allows or its Denies), scope `session`. */
function sessionStatements(session: SessionPolicy | null, explain: boolean): DecidingStatement[] {
  return session === null ? [] : session.outcome.deciding(session.program, SESSION_SCOPE, explain);
}

function settled(
  decision: DecisionKind,
  step: DecisionStep,
  deciding: DecidingStatement[],
  explain: boolean,
  statements: ExplainedStatement[],
): CheckDecision {
  return { decision, deciding, explanation: explain ? { step, statements } : null };
}

/**
 * True when the resource ARN names an account other than `account` (semantics §6.2 step 2): its fourth
 * `:`-separated segment is neither empty nor `account`. `*` is never cross-account.
 */
export function isCrossAccount(resource: string, account: string): boolean {
  if (resource === '*') return false;
  const third = arnColon(resource, 2);
  if (third < 0) return false;
  const start = third + 1;
  const next = arnColon(resource, 3);
  const end = next < 0 ? resource.length : next;
  if (end === start) return false;
  return end - start !== account.length || !hasPrefix(resource, account, start);
}

/** Appends the statements of `more` that `into` does not already name (same statement, same scope). */
function addUnique(into: DecidingStatement[], more: readonly DecidingStatement[]): void {
  for (const s of more) {
    const known = into.some(
      (k) =>
        k.policy === s.policy &&
        k.policyType === s.policyType &&
        k.version === s.version &&
        k.statement === s.statement &&
        k.scope === s.scope,
    );
    if (!known) into.push(s);
  }
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

/** A request that cannot be evaluated: ImplicitDeny with the error (semantics §6.4). */
export function errorDecision(
  error: DecisionError,
  id: string | null,
  principal: string | null,
  explain: boolean,
): Decision {
  const result: Decision = {
    ...(id === null ? {} : { id }),
    decision: 'ImplicitDeny',
    ...(principal === null ? {} : { principal }),
    deciding: [],
    error,
  };
  if (explain) result.explanation = { step: 'error', statements: [] };
  return result;
}
