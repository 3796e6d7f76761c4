/**
 * Basic evaluation of one set of statements (semantics §6.1), as runtime/evaluate-set.ts and
 * evaluate-statement.ts do it: only the set's candidates for the check's action are looked at, in
 * ascending statement order; matching Deny statements are all reported, Allow statements until a Deny.
 */
import {
  CANDIDATE_ACTION,
  CANDIDATE_COUNT,
  CANDIDATE_START,
  CANDIDATE_WORDS,
  DECISION_ALLOW,
  DECISION_EXPLICIT_DENY,
  DECISION_IMPLICIT_DENY,
  NONE,
  SET_CANDIDATES_COUNT,
  SET_CANDIDATES_START,
  SET_OTHER_COUNT,
  SET_OTHER_START,
  SET_WORDS,
  STATEMENT_ACTIONS_COUNT,
  STATEMENT_ACTIONS_START,
  STATEMENT_CONDITIONS_COUNT,
  STATEMENT_CONDITIONS_START,
  STATEMENT_FLAG_DENY,
  STATEMENT_FLAG_NOT_ACTION,
  STATEMENT_FLAG_NOT_RESOURCE,
  STATEMENT_FLAGS,
  STATEMENT_RESOURCES_COUNT,
  STATEMENT_RESOURCES_START,
  STATEMENT_WORDS,
} from '../runtime/format';
import { actionLength, actionPtr, resourceLength, resourcePtr } from './check-state';
import { conditionTruth, TRUTH_FALSE, TRUTH_INDETERMINATE, TRUTH_TRUE } from './evaluate-condition';
import { globMatch } from './glob';
// biome-ignore lint/style/useImportType: AssemblyScript has no type-only imports
import { listWord, View } from './view';

/** The outcome of the last evaluation: DECISION_*, and its statements in the scratch lists. */
export let outcomeKind: i32 = DECISION_IMPLICIT_DENY;
export let denyCount: u32 = 0;
export let allowCount: u32 = 0;
/** Scratch lists, each room for the longest candidate list of the loaded bundles (placed at load). */
export let scratchDenies: usize = 0;
export let scratchAllows: usize = 0;

export function placeScratch(at: usize, capacity: u32): void {
  scratchDenies = at;
  scratchAllows = at + ((<usize>capacity) << 2);
}

/** Set by `candidatesOf`: the candidate statement list (LISTS start and count). */
let listStart: u32 = 0;
let listCount: u32 = 0;

/** The candidates of set `set` for the action: its list for a known action, else the set's `other`. */
function candidatesOf(v: View, set: usize, actionId: i32): void {
  listStart = 0;
  listCount = 0;
  if (actionId < 0) {
    listStart = load<u32>(set + SET_OTHER_START * 4);
    listCount = load<u32>(set + SET_OTHER_COUNT * 4);
    return;
  }
  // The rows cut the known actions into runs (runtime/format.ts): the action's list is that of the last
  // row whose action is at most it; before the first row there is none.
  let lo = load<i32>(set + SET_CANDIDATES_START * 4);
  let hi = lo + load<i32>(set + SET_CANDIDATES_COUNT * 4) - 1;
  let found: i32 = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const row = v.candidates + <usize>mid * CANDIDATE_WORDS * 4;
    if (load<i32>(row + CANDIDATE_ACTION * 4) <= actionId) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) return;
  const row = v.candidates + <usize>found * CANDIDATE_WORDS * 4;
  listStart = load<u32>(row + CANDIDATE_START * 4);
  listCount = load<u32>(row + CANDIDATE_COUNT * 4);
}

/**
 * Basic evaluation of set `setIndex` of `v` (NONE = the empty set) for the current check; `actionId` is
 * the action's index among the view's known actions, or -1.
 */
export function evaluateSet(v: View, setIndex: i32, actionId: i32): void {
  outcomeKind = DECISION_IMPLICIT_DENY;
  denyCount = 0;
  allowCount = 0;
  if (setIndex === NONE) return;
  candidatesOf(v, v.sets + <usize>setIndex * SET_WORDS * 4, actionId);
  const checkAction = actionId < 0;
  for (let i: u32 = 0; i < listCount; i++) {
    const id = listWord(v, listStart + i);
    const statement = v.statements + <usize>id * STATEMENT_WORDS * 4;
    const deny = (load<u32>(statement + STATEMENT_FLAGS * 4) & STATEMENT_FLAG_DENY) !== 0;
    // An Allow cannot change the outcome once a Deny matched; a Deny always can be reported.
    if (!deny && denyCount > 0) continue;
    const truth = statementTruth(v, statement, checkAction);
    if (truth === TRUTH_FALSE) continue;
    if (deny) {
      store<i32>(scratchDenies + ((<usize>denyCount) << 2), truth === TRUTH_INDETERMINATE ? -id - 1 : id);
      denyCount++;
    } else if (truth !== TRUTH_INDETERMINATE) {
      store<i32>(scratchAllows + ((<usize>allowCount) << 2), id);
      allowCount++;
    }
  }
  outcomeKind =
    denyCount > 0 ? DECISION_EXPLICIT_DENY : allowCount > 0 ? DECISION_ALLOW : DECISION_IMPLICIT_DENY;
}

/** True when some pattern of the list matches (`Action`/`Resource`), or none does when `negated`. */
function passes(v: View, start: u32, count: u32, negated: bool, text: usize, length: u32): bool {
  for (let i: u32 = 0; i < count; i++) {
    const id = listWord(v, start + i);
    if (globMatch(v, id, text, length)) return !negated;
  }
  return negated;
}

/**
 * Whether a statement applies to the check (semantics §3–§4.4). `checkAction` is false when the
 * statement came from the candidate list of a known action, which holds exactly the statements whose
 * action element passes.
 */
function statementTruth(v: View, s: usize, checkAction: bool): i32 {
  const flags = load<u32>(s + STATEMENT_FLAGS * 4);
  if (checkAction) {
    const start = load<u32>(s + STATEMENT_ACTIONS_START * 4);
    const count = load<u32>(s + STATEMENT_ACTIONS_COUNT * 4);
    if (!passes(v, start, count, (flags & STATEMENT_FLAG_NOT_ACTION) !== 0, actionPtr, actionLength)) {
      return TRUTH_FALSE;
    }
  }
  // An empty, non-negated resource list is a trust statement's: it has no Resource element to test.
  const notResource = (flags & STATEMENT_FLAG_NOT_RESOURCE) !== 0;
  const resources = load<u32>(s + STATEMENT_RESOURCES_COUNT * 4);
  if (resources > 0 || notResource) {
    const start = load<u32>(s + STATEMENT_RESOURCES_START * 4);
    if (!passes(v, start, resources, notResource, resourcePtr, resourceLength)) return TRUTH_FALSE;
  }
  let truth = TRUTH_TRUE;
  const first = load<u32>(s + STATEMENT_CONDITIONS_START * 4);
  const conditions = load<u32>(s + STATEMENT_CONDITIONS_COUNT * 4);
  for (let c: u32 = 0; c < conditions; c++) {
    const t = conditionTruth(v, first + c);
    if (t === TRUTH_FALSE) return TRUTH_FALSE;
    if (t === TRUTH_INDETERMINATE) truth = TRUTH_INDETERMINATE;
  }
  return truth;
}
