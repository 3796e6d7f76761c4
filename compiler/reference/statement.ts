import type { FailedElement } from '../../runtime/types.js';
import type { ConditionClause, PatternList, Statement } from '../policy/ast.js';
import { evaluateClause } from './conditions.js';
import { positionOf, quote, quoteList, type StatementOutcome } from './explain.js';
import { actionMatches, resourceMatches } from './glob.js';

/** One (action, resource) pair to decide, with the request values of its condition keys. */
export interface CheckInput {
  action: string;
  resource: string;
  /** The request value of a condition key given lower-cased; undefined when the key is missing. */
  valueOf: (keyLower: string) => string | undefined;
}

/**
 * Whether one statement applies to a check (semantics §3, §4): its action element, then its resource
 * element, then every condition clause. Any false element → `no-match` (the first one is reported);
 * otherwise any indeterminate clause → `indeterminate`; otherwise `match`. The effect is not looked at.
 */
export function evaluateStatement(statement: Statement, check: CheckInput): StatementOutcome {
  const actionFailure = patternFailure(statement.action, 'Action', check.action, actionMatches);
  if (actionFailure !== null) return { outcome: 'no-match', failed: actionFailure };
  // A null resource element exists only in trust policies, whose statements apply to the role itself.
  if (statement.resource !== null) {
    const resourceFailure = patternFailure(statement.resource, 'Resource', check.resource, resourceMatches);
    if (resourceFailure !== null) return { outcome: 'no-match', failed: resourceFailure };
  }
  let firstIndeterminate: FailedElement | null = null;
  for (const clause of statement.conditions) {
    const result = evaluateClause(clause, check.valueOf(clause.keyLower));
    if (result.truth === 'false')
      return { outcome: 'no-match', failed: conditionFailure(clause, result.reason) };
    if (result.truth === 'indeterminate' && firstIndeterminate === null) {
      firstIndeterminate = conditionFailure(clause, result.reason);
    }
  }
  return firstIndeterminate === null
    ? { outcome: 'match' }
    : { outcome: 'indeterminate', failed: firstIndeterminate };
}

/**
 * Null when the value passes the element: for `Action`/`Resource` some pattern matches it, for
 * `NotAction`/`NotResource` none does. Otherwise the failure to report.
 */
function patternFailure(
  list: PatternList,
  kind: 'Action' | 'Resource',
  value: string,
  matches: (pattern: string, value: string) => boolean,
): FailedElement | null {
  const what = kind.toLowerCase();
  if (!list.negated) {
    if (list.patterns.some((p) => matches(p.value, value))) return null;
    const patterns = quoteList(list.patterns.map((p) => p.value));
    return {
      element: kind,
      reason: `${what} ${quote(value)} matches none of the ${kind} patterns ${patterns}`,
      position: positionOf(list.span),
    };
  }
  const excluded = list.patterns.find((p) => matches(p.value, value));
  if (excluded === undefined) return null;
  return {
    element: kind === 'Action' ? 'NotAction' : 'NotResource',
    reason: `${what} ${quote(value)} matches the Not${kind} pattern ${quote(excluded.value)}, so the statement does not apply to it`,
    position: positionOf(excluded.span),
  };
}

function conditionFailure(clause: ConditionClause, reason: string): FailedElement {
  return {
    element: 'Condition',
    operator: clause.operator,
    key: clause.key,
    reason,
    position: positionOf(clause.keySpan),
  };
}
