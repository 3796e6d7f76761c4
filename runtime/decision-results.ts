/**
 * The decisions every engine returns (interfaces §3), built the same way by the reference engine, the TS
 * runtime and the Wasm host, so that they agree member for member.
 */
import type { Check, DecidingStatement, Decision, DecisionError, DecisionKind, RequestId } from './types.js';

/** A request that cannot be evaluated: ImplicitDeny with the error (semantics §6.4). */
export function errorDecision(
  error: DecisionError,
  id: RequestId | null,
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

/**
 * The decision on an operation request from the decisions on its (action, resource) pairs (interfaces §2):
 * ExplicitDeny if any pair is, Allow only if every pair is, else ImplicitDeny; deciding: the statements of
 * the pairs that determined it (the denied ones, or all when allowed), each named once.
 */
export function operationDecision(checks: readonly Pick<Check, 'decision' | 'deciding'>[]): {
  decision: DecisionKind;
  deciding: DecidingStatement[];
} {
  const decision: DecisionKind = checks.some((c) => c.decision === 'ExplicitDeny')
    ? 'ExplicitDeny'
    : checks.every((c) => c.decision === 'Allow')
      ? 'Allow'
      : 'ImplicitDeny';
  const deciding: DecidingStatement[] = [];
  if (decision !== 'ImplicitDeny') {
    for (const c of checks) if (c.decision === decision) addUnique(deciding, c.deciding);
  }
  return { decision, deciding };
}

/** Two deciding statements name the same statement of the same attachment. */
export function sameStatement(a: DecidingStatement, b: DecidingStatement): boolean {
  return (
    a.policy === b.policy &&
    a.policyType === b.policyType &&
    a.version === b.version &&
    a.statement === b.statement &&
    a.scope === b.scope
  );
}

/** Appends the statements of `more` that `into` does not already hold. */
export function addUnique(into: DecidingStatement[], more: readonly DecidingStatement[]): void {
  for (const statement of more) {
    if (!into.some((known) => sameStatement(known, statement))) into.push(statement);
  }
}
