import type { CheckState } from './evaluate-check-state.js';
import { TRUTH_FALSE, TRUTH_INDETERMINATE } from './evaluate-condition.js';
import {
  type CandidateList,
  type CompiledStatement,
  candidatesOf,
  type Program,
  setAt,
  statementAt,
} from './evaluate-program.js';
import { explainStatement, statementTruth } from './evaluate-statement.js';
import { DECISION_ALLOW, DECISION_EXPLICIT_DENY, DECISION_IMPLICIT_DENY } from './format.js';
import { INDEX_THRESHOLD, ResourceIndex } from './match/resource-index.js';
import type { DecidingStatement, ExplainedStatement } from './types.js';

const NO_STATEMENTS = new Int32Array(0);

/**
 * The statements of one basic evaluation (semantics §6.1) that decided it.
 * PERF: reused across checks; holds statement ids in buffers sized once for the largest set, and deciding
 * objects are built only for the result.
 */
export class SetOutcome {
  kind = DECISION_IMPLICIT_DENY;
  /** Matching Deny statements (an id stored as `-(id + 1)` when the Deny was indeterminate). */
  readonly denies: Int32Array;
  denyCount = 0;
  readonly allows: Int32Array;
  allowCount = 0;

  /** `capacity`: the longest statement list an evaluation visits (`Program.largestSet`). */
  constructor(capacity: number) {
    this.denies = new Int32Array(capacity);
    this.allows = new Int32Array(capacity);
  }

  reset(): void {
    this.kind = DECISION_IMPLICIT_DENY;
    this.denyCount = 0;
    this.allowCount = 0;
  }

  addDeny(id: number, indeterminate: boolean): void {
    this.denies[this.denyCount++] = indeterminate ? -id - 1 : id;
  }

  addAllow(id: number): void {
    this.allows[this.allowCount++] = id;
  }

  settle(): void {
    this.kind =
      this.denyCount > 0
        ? DECISION_EXPLICIT_DENY
        : this.allowCount > 0
          ? DECISION_ALLOW
          : DECISION_IMPLICIT_DENY;
  }

  /** How many statements are behind `kind`: its Denies, its Allows, or none. */
  decidingCount(): number {
    if (this.kind === DECISION_EXPLICIT_DENY) return this.denyCount;
    return this.kind === DECISION_ALLOW ? this.allowCount : 0;
  }

  /** Writes the statements behind `kind` into `into` from index `at`, as a decision reports them. */
  writeDeciding(
    into: DecidingStatement[],
    at: number,
    program: Program,
    scope: string,
    withPosition: boolean,
  ): void {
    const ids = this.kind === DECISION_EXPLICIT_DENY ? this.denies : this.allows;
    const count = this.decidingCount();
    for (let i = 0; i < count; i++) {
      const id = ids[i] as number;
      const st = statementAt(program, id < 0 ? -id - 1 : id);
      into[at + i] = decidingStatement(st, scope, id < 0, withPosition);
    }
  }
}

/** The resource index of a candidate list, built on its first use. */
function indexOf(program: Program, list: CandidateList): ResourceIndex | null {
  // PERF: building is a function of its own, so that its closure does not make every call allocate.
  if (list.index === undefined) list.index = buildIndex(program, list.ids);
  return list.index;
}

function buildIndex(program: Program, ids: Int32Array): ResourceIndex | null {
  if (ids.length < INDEX_THRESHOLD) return null;
  return new ResourceIndex(ids, (id) => {
    const st = statementAt(program, id);
    return { notResource: st.notResource, resourcePatterns: st.resources.map((g) => g.pattern) };
  });
}

/**
 * Basic evaluation of set `setIndex` (NONE or out of range = the empty set) for the check in `state`,
 * into `out`. Only the set's candidates for the action are looked at, and of a long candidate list only
 * the statements its resource index files under the requested resource, so the cost does not grow with
 * statements about other actions or other resources. Statements are visited in ascending id order.
 */
export function evaluateSet(program: Program, setIndex: number, state: CheckState, out: SetOutcome): void {
  out.reset();
  const set = setAt(program, setIndex);
  if (set === undefined) return;
  const checkAction = state.actionId < 0;
  const list = candidatesOf(program, set, state.actionId);
  const index = indexOf(program, list);
  const first = index === null ? list.ids : index.rest;
  const second = index === null ? NO_STATEMENTS : index.filed(state.resourceKey());
  // Merge the two ascending, disjoint lists.
  let i = 0;
  let j = 0;
  while (i < first.length || j < second.length) {
    const id =
      j >= second.length || (i < first.length && (first[i] as number) < (second[j] as number))
        ? (first[i++] as number)
        : (second[j++] as number);
    const st = statementAt(program, id);
    // An Allow cannot change the outcome once a Deny matched; a Deny always can be reported.
    if (!st.deny && out.denyCount > 0) continue;
    const truth = statementTruth(st, state, checkAction);
    if (truth === TRUTH_FALSE) continue;
    if (st.deny) out.addDeny(id, truth === TRUTH_INDETERMINATE);
    else if (truth !== TRUTH_INDETERMINATE) out.addAllow(id);
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
  const set = setAt(program, setIndex);
  if (set === undefined) return;
  for (const id of set.statements) {
    const st = statementAt(program, id);
    const { truth, failed } = explainStatement(st, state);
    const indeterminateDeny = truth === TRUTH_INDETERMINATE && st.deny;
    const entry: ExplainedStatement = {
      ...decidingStatement(st, scope, indeterminateDeny, true),
      outcome: truth === TRUTH_FALSE ? 'no-match' : truth === TRUTH_INDETERMINATE ? 'indeterminate' : 'match',
    };
    if (failed !== null) entry.failed = failed;
    explained.push(entry);
    if (truth === TRUTH_FALSE) continue;
    if (st.deny) out.addDeny(id, indeterminateDeny);
    else if (truth !== TRUTH_INDETERMINATE) out.addAllow(id);
  }
  out.settle();
}

/**
 * A statement as a decision names it; the member order is the reference engine's.
 * PERF: decisions name the same few statements over and over. Without a position or the indeterminate
 * mark, the entry is frozen and kept on the statement for its scope, and every decision naming it there
 * shares it, so a decision builds no entry of its own.
 */
export function decidingStatement(
  st: CompiledStatement,
  scope: string,
  indeterminate: boolean,
  withPosition: boolean,
): DecidingStatement {
  if (indeterminate || withPosition) return newDecidingStatement(st, scope, indeterminate, withPosition);
  const named = st.named;
  if (named !== null && named.scope === scope) return named;
  const entry = Object.freeze(newDecidingStatement(st, scope, false, false));
  st.named = entry;
  return entry;
}

function newDecidingStatement(
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
