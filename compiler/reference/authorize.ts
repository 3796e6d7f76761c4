import { errorDecision, operationDecision } from '../../runtime/decision-results.js';
import { expandOperation } from '../../runtime/operations.js';
import { type NormalizedRequest, readRequest } from '../../runtime/request.js';
import { isActionName, notAnActionName } from '../../runtime/request-actions.js';
import { formatCurrentTime } from '../../runtime/request-context.js';
import type {
  Check,
  DecidingStatement,
  Decision,
  DecisionKind,
  DecisionStep,
  Explanation,
} from '../../runtime/types.js';
import type { AccountModel } from '../model/types.js';
import { type CheckDecision, decideCheck, type EvaluationContext } from './evaluate.js';
import { resolveCaller } from './principal.js';

/**
 * Decides one raw request against a model: read it (interfaces §2), identify the caller, then decide
 * its action, or every (action, resource) pair of its operation. May throw only on an internal bug;
 * the authorizer turns that into an error decision.
 */
export function authorizeRequest(
  model: AccountModel,
  raw: unknown,
  explain: boolean,
  now: () => number,
): Decision {
  const read = readRequest(raw);
  if (!read.ok) return errorDecision(read.error, read.id ?? null, null, explain);
  const currentTime = formatCurrentTime(now());
  const resolved = resolveCaller(model, read.request, currentTime);
  if (!resolved.ok) return errorDecision(resolved.error, read.request.id, null, explain);
  const request = withStsAccessId(read.request, resolved.caller.stsAccessKeyId);
  const ctx: EvaluationContext = { model, caller: resolved.caller, request, currentTime, explain };
  const target = request.target;
  if (target.kind === 'action') {
    // Checked once the caller is known, as every engine does (runtime/request-actions.ts).
    if (!isActionName(target.action)) {
      return errorDecision(notAnActionName(target.action), request.id, resolved.caller.arn, explain);
    }
    const result = decideCheck(ctx, target.action, target.resource);
    return decision(ctx, result.decision, result.deciding, explain ? result.explanation : null);
  }
  return decideOperation(ctx, target.operation, target.region, target.parameters);
}

/** STS credentials sign with their AccessKeyId, so it is the request's `acs:AccessId` (semantics §5). */
function withStsAccessId(request: NormalizedRequest, accessKeyId: string | null): NormalizedRequest {
  if (accessKeyId === null) return request;
  return { ...request, context: new Map(request.context).set('acs:accessid', accessKeyId) };
}

/**
 * Operation requests (interfaces §2): every pair the call needs is decided as an action request with
 * the same caller, tags and context. Allow only if every pair is Allow; ExplicitDeny if any is.
 */
function decideOperation(
  ctx: EvaluationContext,
  operation: string,
  region: string,
  parameters: Record<string, unknown>,
): Decision {
  const expansion = expandOperation({ operation, region, parameters }, ctx.model.account);
  if ('error' in expansion) {
    return errorDecision(expansion.error, ctx.request.id, ctx.caller.arn, ctx.explain);
  }
  if (expansion.checks.length === 0) {
    // DescribeRegions: not access-controlled, so any identified caller is allowed.
    return decision(ctx, 'Allow', [], explanation(ctx, 'not-access-controlled'), []);
  }
  const decided = expansion.checks.map(({ action, resource }) => ({
    action,
    resource,
    result: decideCheck(ctx, action, resource),
  }));
  const overall = operationDecision(decided.map((c) => c.result));
  const checks = decided.map(({ action, resource, result }) => checkEntry(ctx, action, resource, result));
  return decision(ctx, overall.decision, overall.deciding, explanation(ctx, 'operation'), checks);
}

function checkEntry(ctx: EvaluationContext, action: string, resource: string, result: CheckDecision): Check {
  const check: Check = { action, resource, decision: result.decision, deciding: result.deciding };
  if (ctx.explain) check.explanation = result.explanation;
  return check;
}

/** The top-level explanation of an operation; each check carries the statements it evaluated. */
function explanation(ctx: EvaluationContext, step: DecisionStep): Explanation | null {
  return ctx.explain ? { step, statements: [] } : null;
}

function decision(
  ctx: EvaluationContext,
  kind: DecisionKind,
  deciding: DecidingStatement[],
  explained: Explanation | null,
  checks?: Check[],
): Decision {
  const id = ctx.request.id;
  const result: Decision = {
    ...(id === null ? {} : { id }),
    decision: kind,
    principal: ctx.caller.arn,
    deciding,
  };
  if (checks !== undefined) result.checks = checks;
  if (explained !== null) result.explanation = explained;
  return result;
}
