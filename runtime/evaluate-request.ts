import { resolveCaller } from './evaluate-caller.js';
import { CheckState } from './evaluate-check-state.js';
import type { CompiledPrincipal, Program } from './evaluate-program.js';
import { evaluateSet, explainSet, SetOutcome } from './evaluate-set.js';
import { DECISION_ALLOW, DECISION_EXPLICIT_DENY, NONE } from './format.js';
import { expandOperation, type OperationRequest } from './operations.js';
import { type NormalizedRequest, readRequest } from './request.js';
import { isAccessControlled } from './request-actions.js';
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

  constructor(program: Program, now: () => number) {
    this.#program = program;
    this.#state = new CheckState(now);
    this.#accountOutcome = new SetOutcome(program.largestSet);
    this.#groupOutcome = new SetOutcome(program.largestSet);
  }

  /** Decides one raw request. May throw only on an internal bug; the authorizer guards against that. */
  decide(raw: unknown, explain: boolean): Decision {
    const read = readRequest(raw);
    if (!read.ok) return errorDecision(read.error, read.id ?? null, null, explain);
    const request = read.request;
    const caller = resolveCaller(this.#program, request.caller);
    if (!caller.ok) return errorDecision(caller.error, request.id, null, explain);
    this.#state.startRequest(request, caller.arn);
    const target = request.target;
    if (target.kind === 'action') {
      const result = this.#decideCheck(request, caller.principal, target.action, target.resource, explain);
      return decision(request, caller.arn, result.decision, result.deciding, result.explanation);
    }
    return this.#decideOperation(request, caller.arn, caller.principal, target, explain);
  }

  /**
   * Operation requests (interfaces §2): every (action, resource) pair the call needs is decided like an
   * action request with the same caller, tags and context. Allow only if every pair is; ExplicitDeny if any is.
   */
  #decideOperation(
    request: NormalizedRequest,
    arn: string,
    principal: CompiledPrincipal | null,
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
      const result = this.#decideCheck(request, principal, action, resource, explain);
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
   * One (action, resource) pair (semantics §6.2): not access-controlled, cross-account, root, then the
   * identity policies: the account-scope set, and when it gives ImplicitDeny, the resource group's set.
   */
  #decideCheck(
    request: NormalizedRequest,
    principal: CompiledPrincipal | null,
    action: string,
    resource: string,
    explain: boolean,
  ): CheckDecision {
    const program = this.#program;
    const lower = action.toLowerCase();
    // Actions outside access control (kms:DescribeRegions) are allowed for any identified caller.
    if (!isAccessControlled(lower)) return settled('Allow', 'not-access-controlled', [], explain, []);
    if (isCrossAccount(resource, program.account))
      return settled('ImplicitDeny', 'cross-account', [], explain, []);
    if (principal === null) return settled('Allow', 'root', [], explain, []);
    const state = this.#state;
    state.startCheck(action, lower, program.actionIds.get(lower) ?? NONE, resource);
    // PERF: nothing is ever added to the shared empty list, which is used only when not explaining.
    const explained: ExplainedStatement[] = explain ? [] : NOT_EXPLAINED;
    const accountOutcome = this.#accountOutcome;
    let outcome = accountOutcome;
    let scope = ACCOUNT_SCOPE;
    let step: DecisionStep = 'account-scope';
    this.#evaluate(principal.accountSet, scope, accountOutcome, explain, explained);
    if (accountOutcome.kind !== DECISION_ALLOW && accountOutcome.kind !== DECISION_EXPLICIT_DENY) {
      const group = request.resourceGroup;
      outcome = this.#groupOutcome;
      scope = group ?? '';
      step = 'resource-group-scope';
      this.#evaluate(
        group === null ? NONE : (principal.groupSets.get(group) ?? NONE),
        scope,
        outcome,
        explain,
        explained,
      );
    }
    if (outcome.kind === DECISION_EXPLICIT_DENY) {
      return settled('ExplicitDeny', step, outcome.deciding(program, scope, explain), explain, explained);
    }
    if (outcome.kind === DECISION_ALLOW) {
      return settled('Allow', step, outcome.deciding(program, scope, explain), explain, explained);
    }
    return settled('ImplicitDeny', 'no-statement', [], explain, explained);
  }

  #evaluate(
    set: number,
    scope: string,
    out: SetOutcome,
    explain: boolean,
    explained: ExplainedStatement[],
  ): void {
    if (explain) explainSet(this.#program, set, this.#state, out, scope, explained);
    else evaluateSet(this.#program, set, this.#state, out);
  }
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
  let start = 0;
  for (let n = 0; n < 3; n++) {
    const colon = resource.indexOf(':', start);
    if (colon < 0) return false;
    start = colon + 1;
  }
  const next = resource.indexOf(':', start);
  const end = next < 0 ? resource.length : next;
  if (end === start) return false;
  return end - start !== account.length || !resource.startsWith(account, start);
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
