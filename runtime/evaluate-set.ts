import type { CheckState } from './evaluate-check-state.js';
import { TRUTH_FALSE, TRUTH_INDETERMINATE } from './evaluate-condition.js';
import type { CompiledSet, CompiledStatement, Program } from './evaluate-program.js';
import { explainStatement, statementTruth } from './evaluate-statement.js';
import { DECISION_ALLOW, DECISION_EXPLICIT_DENY, DECISION_IMPLICIT_DENY } from './format.js';
import type { DecidingStatement, ExplainedStatement } from './types.js';

const NO_STATEMENTS = new Int32Array(0);

/**
 * The statements of one basic evaluation (semantics §6.1) that decided it.
 * PERF: reused across checks; holds statement ids, and deciding objects are built only for the result.
 */
export class SetOutcome {
  kind = DECISION_IMPLICIT_DENY;
  /** Matching Deny statements (an id stored as `-(id + 1)` when the Deny was indeterminate). */
  readonly denies: number[] = [];
  readonly allows: number[] = [];

  reset(): void {
    this.kind = DECISION_IMPLICIT_DENY;
    this.denies.length = 0;
    this.allows.length = 0;
  }

  settle(): void {
    this.kind =
      this.denies.length > 0
        ? DECISION_EXPLICIT_DENY
        : this.allows.length > 0
          ? DECISION_ALLOW
          : DECISION_IMPLICIT_DENY;
  }

  /** The statements behind `kind`, as a decision reports them. */
  deciding(program: Program, scope: string, withPosition: boolean): DecidingStatement[] {
    const ids =
      this.kind === DECISION_EXPLICIT_DENY ? this.denies : this.kind === DECISION_ALLOW ? this.allows : [];
    return ids.map((id) =>
      id < 0
        ? decidingStatement(program.statements[-id - 1] as CompiledStatement, scope, true, withPosition)
        : decidingStatement(program.statements[id] as CompiledStatement, scope, false, withPosition),
    );
  }
}

/** The candidates of a set for the check's action: its list for a known action, else `other`. */
function candidatesOf(set: CompiledSet, actionId: number): Int32Array {
  if (actionId < 0) return set.other;
  const actions = set.candidateActions;
  let lo = 0;
  let hi = actions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const a = actions[mid] as number;
    if (a === actionId) return set.candidateLists[mid] as Int32Array;
    if (a < actionId) lo = mid + 1;
    else hi = mid - 1;
  }
  return NO_STATEMENTS;
}

/**
 * Basic evaluation of set `setIndex` (NONE or out of range = the empty set) for the check in `state`,
 * into `out`. Only the set's candidates for the action are looked at, so the cost does not grow with
 * statements about other actions. Statements are visited in ascending id order.
 */
export function evaluateSet(program: Program, setIndex: number, state: CheckState, out: SetOutcome): void {
  out.reset();
  const set = program.sets[setIndex];
  if (set === undefined) return;
  const checkAction = state.actionId < 0;
  const candidates = candidatesOf(set, state.actionId);
  for (let i = 0; i < candidates.length; i++) {
    const id = candidates[i] as number;
    const st = program.statements[id] as CompiledStatement;
    // An Allow cannot change the outcome once a Deny matched; a Deny always can be reported.
    if (!st.deny && out.denies.length > 0) continue;
    const truth = statementTruth(st, state, checkAction);
    if (truth === TRUTH_FALSE) continue;
    if (st.deny) out.denies.push(truth === TRUTH_INDETERMINATE ? -id - 1 : id);
    else if (truth !== TRUTH_INDETERMINATE) out.allows.push(id);
  }
  out.settle();
}

/**
 * `evaluateSet` for explanations: every statement of the set is evaluated and reported, with the first
 * element that failed for those that did not match.
 */
export function explainSet(
  program: Program,
  setIndex: number,
  state: CheckState,
  out: SetOutcome,
  scope: string,
  explained: ExplainedStatement[],
): void {
  out.reset();
  const set = program.sets[setIndex];
  if (set === undefined) return;
  for (const id of set.statements) {
    const st = program.statements[id] as CompiledStatement;
    const { truth, failed } = explainStatement(st, state);
    const indeterminateDeny = truth === TRUTH_INDETERMINATE && st.deny;
    const entry: ExplainedStatement = {
      ...decidingStatement(st, scope, indeterminateDeny, true),
      outcome: truth === TRUTH_FALSE ? 'no-match' : truth === TRUTH_INDETERMINATE ? 'indeterminate' : 'match',
    };
    if (failed !== null) entry.failed = failed;
    explained.push(entry);
    if (truth === TRUTH_FALSE) continue;
    if (st.deny) out.denies.push(indeterminateDeny ? -id - 1 : id);
    else if (truth !== TRUTH_INDETERMINATE) out.allows.push(id);
  }
  out.settle();
}

/** A statement as a decision names it; the member order is the reference engine's. */
export function decidingStatement(
  st: CompiledStatement,
  scope: string,
  indeterminate: boolean,
  withPosition: boolean,
): DecidingStatement {
  const deciding: DecidingStatement = {
    policy: st.policy,
    policyType: st.policyType,
    version: st.version,
    statement: st.index,
    sid: st.sid,
    effect: st.deny ? 'Deny' : 'Allow',
    scope,
  };
  if (indeterminate) deciding.indeterminate = true;
  if (withPosition)
    deciding.position = { file: st.origin.file, line: st.origin.line, column: st.origin.column };
  return deciding;
}
