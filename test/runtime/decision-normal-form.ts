import { decodeBundle } from '../../runtime/decode.js';
import {
  POLICY_NAME,
  POLICY_VERSION,
  POLICY_WORDS,
  STATEMENT_INDEX,
  STATEMENT_POLICY,
  STATEMENT_WORDS,
} from '../../runtime/format.js';
import type {
  Check,
  DecidingStatement,
  Decision,
  ExplainedStatement,
  Explanation,
} from '../../runtime/types.js';

/** Identifies a statement of a policy version across engines. */
function statementKey(s: { policy: string; version: string | null; statement: number }): string {
  return JSON.stringify([s.policy, s.version, s.statement]);
}

/**
 * The statements a bundle holds. The compiler folds away statements that can never match (a NotAction or
 * NotResource of `*`), so explanations from a bundle cannot list them; comparisons skip them.
 */
export function bundleStatements(bundle: Uint8Array): Set<string> {
  const b = decodeBundle(bundle);
  const keys = new Set<string>();
  for (let at = 0; at < b.statements.length; at += STATEMENT_WORDS) {
    const policy = (b.statements[at + STATEMENT_POLICY] as number) * POLICY_WORDS;
    const version = b.policies[policy + POLICY_VERSION] as number;
    keys.add(
      statementKey({
        policy: b.strings[b.policies[policy + POLICY_NAME] as number] as string,
        version: version < 0 ? null : (b.strings[version] as string),
        statement: b.statements[at + STATEMENT_INDEX] as number,
      }),
    );
  }
  return keys;
}

/**
 * A decision in the form two engines must agree on exactly: the decision, id, principal, error code,
 * deciding statements (as a sorted list: their order is not part of the contract), checks, and for
 * explanations the step and each evaluated statement's outcome and failing element. Messages and
 * explanation sentences are left out: they are for people, and engines word them differently. With
 * `present`, explanations keep only the statements it names (see `bundleStatements`).
 */
export function normalForm(decision: Decision, present?: ReadonlySet<string>): unknown {
  const explanationForm = (explanation: Explanation | undefined): unknown =>
    explanation === undefined ? undefined : explained(explanation, present);
  return {
    id: decision.id,
    decision: decision.decision,
    principal: decision.principal,
    error: decision.error?.code,
    deciding: sortedDeciding(decision.deciding),
    checks: decision.checks?.map((c: Check) => ({
      action: c.action,
      resource: c.resource,
      decision: c.decision,
      deciding: sortedDeciding(c.deciding),
      explanation: explanationForm(c.explanation),
    })),
    explanation: explanationForm(decision.explanation),
  };
}

function sortedDeciding(deciding: readonly DecidingStatement[]): string[] {
  return deciding.map((d) => JSON.stringify(d)).sort();
}

function explained(explanation: Explanation, present: ReadonlySet<string> | undefined): unknown {
  return {
    step: explanation.step,
    statements: explanation.statements
      .filter((s: ExplainedStatement) => present === undefined || present.has(statementKey(s)))
      .map((s) => {
        const { failed, ...statement } = s;
        return JSON.stringify({ ...statement, failed: failed?.element, operator: failed?.operator });
      })
      .sort(),
  };
}
