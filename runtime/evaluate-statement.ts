import type { CheckState } from './evaluate-check-state.js';
import {
  type CompiledCondition,
  conditionTruth,
  explainCondition,
  TRUTH_FALSE,
  TRUTH_INDETERMINATE,
  TRUTH_TRUE,
} from './evaluate-condition.js';
import { quote, quoteList } from './evaluate-messages.js';
import type { CompiledStatement } from './evaluate-program.js';
import type { Glob } from './match/glob.js';
import type { FailedElement } from './types.js';

/** True when some pattern matches (`Action`/`Resource`) or none does (`NotAction`/`NotResource`). */
function passes(globs: readonly Glob[], negated: boolean, value: string): boolean {
  for (let i = 0; i < globs.length; i++) {
    if ((globs[i] as Glob).matches(value)) return !negated;
  }
  return negated;
}

/**
 * Whether a statement applies to the check (semantics §3–§4.4): TRUTH_TRUE, TRUTH_FALSE or
 * TRUTH_INDETERMINATE. `checkAction` is false when the statement came from the set's candidate list for
 * a known action, which already holds exactly the statements whose action element passes.
 */
export function statementTruth(st: CompiledStatement, state: CheckState, checkAction: boolean): number {
  if (checkAction && !passes(st.actions, st.notAction, state.action)) return TRUTH_FALSE;
  // An empty, non-negated resource list is a trust statement's: it has no Resource element to test.
  if ((st.resources.length > 0 || st.notResource) && !passes(st.resources, st.notResource, state.resource)) {
    return TRUTH_FALSE;
  }
  let truth = TRUTH_TRUE;
  const conditions = st.conditions;
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i] as CompiledCondition;
    const t = conditionTruth(c, state.valueOf(c));
    if (t === TRUTH_FALSE) return TRUTH_FALSE;
    if (t === TRUTH_INDETERMINATE) truth = TRUTH_INDETERMINATE;
  }
  return truth;
}

/** A statement's truth with, when it is not true, the first element that failed (or was unreadable). */
export interface ExplainedTruth {
  truth: number;
  failed: FailedElement | null;
}

/** `statementTruth` (always testing the action) with the reasons `--explain` reports. */
export function explainStatement(st: CompiledStatement, state: CheckState): ExplainedTruth {
  const actionFailure = patternFailure(st.actions, st.notAction, 'Action', state.action, state.actionAsGiven);
  if (actionFailure !== null) return { truth: TRUTH_FALSE, failed: actionFailure };
  if (st.resources.length > 0 || st.notResource) {
    const resourceFailure = patternFailure(
      st.resources,
      st.notResource,
      'Resource',
      state.resource,
      state.resource,
    );
    if (resourceFailure !== null) return { truth: TRUTH_FALSE, failed: resourceFailure };
  }
  let firstIndeterminate: FailedElement | null = null;
  for (const c of st.conditions) {
    const { truth, reason } = explainCondition(c, state.valueOf(c));
    if (truth === TRUTH_FALSE) return { truth, failed: conditionFailure(c, reason) };
    if (truth === TRUTH_INDETERMINATE && firstIndeterminate === null)
      firstIndeterminate = conditionFailure(c, reason);
  }
  return firstIndeterminate === null
    ? { truth: TRUTH_TRUE, failed: null }
    : { truth: TRUTH_INDETERMINATE, failed: firstIndeterminate };
}

function patternFailure(
  globs: readonly Glob[],
  negated: boolean,
  kind: 'Action' | 'Resource',
  value: string,
  shown: string,
): FailedElement | null {
  if (passes(globs, negated, value)) return null;
  const what = kind.toLowerCase();
  if (!negated) {
    const patterns = quoteList(globs.map((g) => g.pattern));
    return {
      element: kind,
      reason: `${what} ${quote(shown)} matches none of the ${kind} patterns ${patterns}`,
    };
  }
  const excluded = globs.find((g) => g.matches(value))?.pattern ?? '';
  return {
    element: kind === 'Action' ? 'NotAction' : 'NotResource',
    reason: `${what} ${quote(shown)} matches the Not${kind} pattern ${quote(excluded)}, so the statement does not apply to it`,
  };
}

function conditionFailure(c: CompiledCondition, reason: string): FailedElement {
  return { element: 'Condition', operator: c.operator, key: c.key, reason };
}
