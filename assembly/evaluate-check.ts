/**
 * Decides each (action, resource) check of a request (runtime/evaluate-request.ts `#decideCheck`,
 * semantics §6.2): not access-controlled, cross-account, root, the session policy when one applies,
 * then the identity policies (the account-scope set, and when it gives ImplicitDeny the set of the
 * request's resource group). Writes one CHECK_RESULT per check and the deciding statement ids.
 */
import { DECISION_ALLOW, DECISION_EXPLICIT_DENY, DECISION_IMPLICIT_DENY } from '../runtime/format';
import {
  CHECK_BYTES,
  CHECK_RESULT_BYTES,
  CHECK_RESULT_DECIDING_COUNT,
  CHECK_RESULT_DECIDING_SCOPE,
  CHECK_RESULT_DECIDING_START,
  CHECK_RESULT_DECISION,
  CHECK_RESULT_SESSION_COUNT,
  CHECK_RESULT_SESSION_START,
  CHECK_RESULT_STEP,
  REQUEST_FLAG_ROOT,
  REQUEST_FLAG_SESSION,
  RESULT_CHECK_COUNT,
  RESULT_HEADER_BYTES,
  RESULT_OK,
  RESULT_OUT_OF_MEMORY,
  RESULT_STATUS,
  STEP_ACCOUNT_SCOPE,
  STEP_CROSS_ACCOUNT,
  STEP_NO_STATEMENT,
  STEP_NOT_ACCESS_CONTROLLED,
  STEP_RESOURCE_GROUP_SCOPE,
  STEP_ROOT,
  STEP_SESSION_POLICY,
} from '../runtime/wasm-layout';
import { actionIndex } from './actions';
import { actionLength, actionPtr, resourceIsCrossAccount, startCheck } from './check-state';
import {
  allowCount,
  denyCount,
  evaluateSet,
  outcomeKind,
  scratchAllows,
  scratchDenies,
} from './evaluate-set';
import { ensureMemory, unitsEqual } from './memory';
import { accountSet, checkCount, checksAt, groupSet, requestFlags, sessionSet } from './request';
// biome-ignore lint/style/useImportType: AssemblyScript has no type-only imports
import { strLength, strPtr, View } from './view';

/** The one action no policy can grant or deny (runtime/request-actions.ts). */
const NOT_ACCESS_CONTROLLED = 'kms:describeregions';

/** The id pool of the result being written, and how many ids it holds. */
let poolAt: usize = 0;
let poolCount: u32 = 0;

/** Decides every check of the (checked) request into the result at `at`. Returns RESULT_OK or OUT_OF_MEMORY. */
export function decideChecks(main: View, session: View, at: usize): u32 {
  poolAt = at + RESULT_HEADER_BYTES + <usize>checkCount * CHECK_RESULT_BYTES;
  poolCount = 0;
  if (!ensureMemory(<u64>poolAt)) return RESULT_OUT_OF_MEMORY;
  store<u32>(at + RESULT_CHECK_COUNT, checkCount);
  for (let i: u32 = 0; i < checkCount; i++) {
    startCheck(checksAt + <usize>i * CHECK_BYTES);
    if (!decideCheck(main, session, at + RESULT_HEADER_BYTES + <usize>i * CHECK_RESULT_BYTES)) {
      store<u32>(at + RESULT_STATUS, RESULT_OUT_OF_MEMORY);
      return RESULT_OUT_OF_MEMORY;
    }
  }
  store<u32>(at + RESULT_STATUS, RESULT_OK);
  return RESULT_OK;
}

function settle(record: usize, decision: i32, step: i32): bool {
  store<i32>(record + CHECK_RESULT_DECISION, decision);
  store<i32>(record + CHECK_RESULT_STEP, step);
  store<u32>(record + CHECK_RESULT_DECIDING_START, poolCount);
  store<u32>(record + CHECK_RESULT_DECIDING_COUNT, 0);
  store<i32>(record + CHECK_RESULT_DECIDING_SCOPE, STEP_ACCOUNT_SCOPE);
  store<u32>(record + CHECK_RESULT_SESSION_START, poolCount);
  store<u32>(record + CHECK_RESULT_SESSION_COUNT, 0);
  return true;
}

/** Appends the ids of the last evaluation that decided it (denies or allows) to the pool; false when out of memory. */
function keepDeciding(record: usize, startField: i32, countField: i32): bool {
  const ids = outcomeKind === DECISION_EXPLICIT_DENY ? scratchDenies : scratchAllows;
  const count =
    outcomeKind === DECISION_EXPLICIT_DENY ? denyCount : outcomeKind === DECISION_ALLOW ? allowCount : 0;
  const to = poolAt + ((<usize>poolCount) << 2);
  if (!ensureMemory(<u64>to + ((<u64>count) << 2))) return false;
  memory.copy(to, ids, (<usize>count) << 2);
  store<u32>(record + startField, poolCount);
  store<u32>(record + countField, count);
  poolCount += count;
  return true;
}

function decideCheck(main: View, session: View, record: usize): bool {
  const describeRegions = <u32>NOT_ACCESS_CONTROLLED.length;
  if (
    actionLength === describeRegions &&
    unitsEqual(actionPtr, changetype<usize>(NOT_ACCESS_CONTROLLED), describeRegions)
  ) {
    return settle(record, DECISION_ALLOW, STEP_NOT_ACCESS_CONTROLLED);
  }
  if (resourceIsCrossAccount(strPtr(main, main.account), strLength(main, main.account))) {
    return settle(record, DECISION_IMPLICIT_DENY, STEP_CROSS_ACCOUNT);
  }
  if ((requestFlags & REQUEST_FLAG_ROOT) !== 0) return settle(record, DECISION_ALLOW, STEP_ROOT);
  settle(record, DECISION_IMPLICIT_DENY, STEP_NO_STATEMENT);

  let sessionKind = DECISION_ALLOW;
  if ((requestFlags & REQUEST_FLAG_SESSION) !== 0) {
    evaluateSet(session, sessionSet, actionIndex(session, actionPtr, actionLength));
    sessionKind = outcomeKind;
    if (!keepDeciding(record, CHECK_RESULT_SESSION_START, CHECK_RESULT_SESSION_COUNT)) return false;
  }
  const actionId = actionIndex(main, actionPtr, actionLength);
  let step = STEP_ACCOUNT_SCOPE;
  evaluateSet(main, accountSet, actionId);
  if (outcomeKind !== DECISION_ALLOW && outcomeKind !== DECISION_EXPLICIT_DENY) {
    step = STEP_RESOURCE_GROUP_SCOPE;
    evaluateSet(main, groupSet, actionId);
  }
  const identityKind = outcomeKind;
  store<i32>(record + CHECK_RESULT_DECIDING_SCOPE, step);
  if (!keepDeciding(record, CHECK_RESULT_DECIDING_START, CHECK_RESULT_DECIDING_COUNT)) return false;

  // Semantics §6.2 step 5: a Deny of either side denies; an Allow needs both sides (when a session applies).
  let decision = identityKind;
  if (sessionKind === DECISION_EXPLICIT_DENY) {
    decision = DECISION_EXPLICIT_DENY;
    step = STEP_SESSION_POLICY;
  } else if (sessionKind !== DECISION_ALLOW && identityKind === DECISION_ALLOW) {
    decision = DECISION_IMPLICIT_DENY;
    step = STEP_SESSION_POLICY;
  }
  // Each side names its statements only when they are of the decision's kind.
  if (identityKind !== decision) store<u32>(record + CHECK_RESULT_DECIDING_COUNT, 0);
  if (sessionKind !== decision) store<u32>(record + CHECK_RESULT_SESSION_COUNT, 0);
  if (decision === DECISION_IMPLICIT_DENY && step !== STEP_SESSION_POLICY) step = STEP_NO_STATEMENT;
  store<i32>(record + CHECK_RESULT_DECISION, decision);
  store<i32>(record + CHECK_RESULT_STEP, step);
  return true;
}
