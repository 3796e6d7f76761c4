import { addUnique } from '../../runtime/decision-results.js';
import type { NormalizedRequest } from '../../runtime/request.js';
import { isAccessControlled } from '../../runtime/request-actions.js';
import { contextValue } from '../../runtime/request-context.js';
import type {
  DecidingStatement,
  DecisionKind,
  DecisionStep,
  ExplainedStatement,
  Explanation,
} from '../../runtime/types.js';
import { policiesFor } from '../model/attached-policies.js';
import type { AccountModel } from '../model/types.js';
import { decidingStatement, explainedStatement, type ScopedPolicy } from './explain.js';
import type { ResolvedCaller } from './principal.js';
import { type CheckInput, evaluateStatement } from './statement.js';

/** Everything one request's checks share. */
export interface EvaluationContext {
  model: AccountModel;
  caller: ResolvedCaller;
  request: NormalizedRequest;
  /** `acs:CurrentTime` for requests that do not give it, read from the clock once per request. */
  currentTime: string;
  explain: boolean;
}

/** The decision on one (action, resource) pair. */
export interface CheckDecision {
  decision: DecisionKind;
  deciding: DecidingStatement[];
  /** Always built; callers attach it only in explain mode. */
  explanation: Explanation;
}

/** The result of basic evaluation of one set of policies (semantics §6.1). */
interface SetResult {
  result: DecisionKind;
  /** The matching Deny statements for ExplicitDeny, the matching Allow statements for Allow. */
  deciding: DecidingStatement[];
  /** Every statement evaluated, when explaining. */
  explained: ExplainedStatement[];
}

/**
 * Basic evaluation (semantics §6.1): any matching or indeterminate Deny → ExplicitDeny; else any
 * matching Allow → Allow; else (also for an empty set) ImplicitDeny. An indeterminate Allow grants nothing.
 */
function evaluateSet(policies: readonly ScopedPolicy[], check: CheckInput, explain: boolean): SetResult {
  const denies: DecidingStatement[] = [];
  const allows: DecidingStatement[] = [];
  const explained: ExplainedStatement[] = [];
  for (const scoped of policies) {
    for (const statement of scoped.policy.document.statements) {
      const result = evaluateStatement(statement, check);
      if (explain) explained.push(explainedStatement(scoped, statement, result));
      if (statement.effect === 'Deny' && result.outcome !== 'no-match') {
        denies.push(decidingStatement(scoped, statement, result.outcome === 'indeterminate', explain));
      } else if (statement.effect === 'Allow' && result.outcome === 'match') {
        allows.push(decidingStatement(scoped, statement, false, explain));
      }
    }
  }
  if (denies.length > 0) return { result: 'ExplicitDeny', deciding: denies, explained };
  if (allows.length > 0) return { result: 'Allow', deciding: allows, explained };
  return { result: 'ImplicitDeny', deciding: [], explained };
}

/**
 * The full decision for one (action, resource) pair (semantics §6.2): actions outside access control
 * (§8.2), root, cross-account, session policy, identity policies (account scope first, then the
 * request's resource group), final combination.
 */
export function decideCheck(ctx: EvaluationContext, action: string, resource: string): CheckDecision {
  const { model, caller, request, explain } = ctx;
  const resourceAccount = accountOf(resource);
  const crossAccount = resourceAccount !== '' && resourceAccount !== model.account;

  // Actions outside access control (kms:DescribeRegions) are allowed for any identified caller.
  if (!isAccessControlled(action)) return settled('Allow', 'not-access-controlled', [], []);
  // Steps 1 and 2: nobody, not even the root, is granted another account's resources; the root of
  // the model account may do anything on its own account's resources, and no policy is read for it.
  if (crossAccount) return settled('ImplicitDeny', 'cross-account', [], []);
  const identity = caller.identity;
  if (identity === null) return settled('Allow', 'root', [], []);

  const filled = { principalArn: caller.arn, resource, currentTime: ctx.currentTime };
  const check: CheckInput = { action, resource, valueOf: (key) => contextValue(request, filled, key) };

  // Step 3: the session policy of a role session, when its credentials carry one.
  const session =
    caller.sessionPolicy === null
      ? null
      : evaluateSet([{ policy: caller.sessionPolicy, scope: 'session' }], check, explain);

  // Step 4: identity policies. An account-scope Allow or ExplicitDeny settles it; otherwise the set
  // attached at the request's resource group (empty when the request names none) decides.
  const attached = withoutDuplicates(policiesFor(model, identity));
  const accountResult = evaluateSet(
    attached.filter((p) => p.scope === 'account'),
    check,
    explain,
  );
  let identityResult = accountResult;
  let identityStep: DecisionStep = 'account-scope';
  const explained = [...(session?.explained ?? []), ...accountResult.explained];
  if (accountResult.result === 'ImplicitDeny') {
    const group = request.resourceGroup;
    const groupSet = group === null ? [] : attached.filter((p) => p.scope === group);
    identityResult = evaluateSet(groupSet, check, explain);
    identityStep = 'resource-group-scope';
    explained.push(...identityResult.explained);
  }

  // Step 5: combine. Every explicit deny found is reported, whichever step found it.
  if (session?.result === 'ExplicitDeny' || identityResult.result === 'ExplicitDeny') {
    const deciding: DecidingStatement[] = [];
    if (session?.result === 'ExplicitDeny') addUnique(deciding, session.deciding);
    if (identityResult.result === 'ExplicitDeny') addUnique(deciding, identityResult.deciding);
    const step = session?.result === 'ExplicitDeny' ? 'session-policy' : identityStep;
    return settled('ExplicitDeny', step, deciding, explained);
  }
  if (identityResult.result === 'Allow') {
    if (session !== null && session.result !== 'Allow') {
      return settled('ImplicitDeny', 'session-policy', [], explained);
    }
    const deciding: DecidingStatement[] = [];
    if (session !== null) addUnique(deciding, session.deciding);
    addUnique(deciding, identityResult.deciding);
    return settled('Allow', identityStep, deciding, explained);
  }
  return settled('ImplicitDeny', 'no-statement', [], explained);
}

function settled(
  decision: DecisionKind,
  step: DecisionStep,
  deciding: DecidingStatement[],
  statements: ExplainedStatement[],
): CheckDecision {
  return { decision, deciding, explanation: { step, statements } };
}

/** The account segment of a resource ARN; empty for `*` and for ARNs that leave it empty. */
function accountOf(resource: string): string {
  return resource === '*' ? '' : (resource.split(':', 5)[3] ?? '');
}

/**
 * A policy attached twice at the same scope (to a user and to one of its groups) is one set member:
 * duplicates never change the result (semantics §6.1), and are not reported twice.
 */
function withoutDuplicates(policies: readonly ScopedPolicy[]): ScopedPolicy[] {
  const seen = new Set<string>();
  return policies.filter(({ policy, scope }) => {
    const key = JSON.stringify([policy.type, policy.name, policy.version, scope]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
