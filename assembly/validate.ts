/**
 * Checks every index of a decoded bundle against the table it points into, every enumeration against
 * its values, and the orderings the evaluator relies on: runtime/decode-validate.ts rule for rule, so
 * the core accepts exactly the bundles the TS runtime accepts. Every rule failure is STATUS_MALFORMED.
 * INVARIANT (as in the TS runtime): lists and ranges are counted against the size of what they point
 * into, and shared statement-id lists are checked in constant time from prefix counts, so validation is
 * linear in the bundle's size however it was forged.
 */
import {
  ACCESS_KEY_ACTIVE,
  ACCESS_KEY_ID,
  ACCESS_KEY_PRINCIPAL,
  ACCESS_KEY_WORDS,
  CANDIDATE_ACTION,
  CANDIDATE_COUNT,
  CANDIDATE_START,
  CANDIDATE_WORDS,
  CONDITION_CONST_COUNT,
  CONDITION_CONST_FLAGS,
  CONDITION_CONST_KIND,
  CONDITION_CONST_START,
  CONDITION_KEY,
  CONDITION_OPERATOR,
  CONDITION_VALUES_COUNT,
  CONDITION_VALUES_START,
  CONDITION_WORDS,
  CONST_BOOL,
  CONST_FLAG_LOOKUP,
  CONST_IP,
  CONST_NUMBER,
  CONST_STRING,
  GROUP_SET_GROUP,
  GROUP_SET_SET,
  GROUP_SET_WORDS,
  IP_BLOCK_FAMILY,
  IP_BLOCK_PREFIX,
  IP_BLOCK_WORDS,
  NONE,
  POLICY_NAME,
  POLICY_TYPE,
  POLICY_TYPE_TRUST,
  POLICY_VERSION,
  POLICY_WORDS,
  PRINCIPAL_ACCOUNT_SET,
  PRINCIPAL_GROUP_SETS_COUNT,
  PRINCIPAL_GROUP_SETS_START,
  PRINCIPAL_KIND,
  PRINCIPAL_LINKED_SERVICE,
  PRINCIPAL_MAX_SESSION,
  PRINCIPAL_NAME,
  PRINCIPAL_ROLE,
  PRINCIPAL_TRUST_COUNT,
  PRINCIPAL_TRUST_START,
  PRINCIPAL_USER,
  PRINCIPAL_WORDS,
  SET_CANDIDATES_COUNT,
  SET_CANDIDATES_START,
  SET_OTHER_COUNT,
  SET_OTHER_START,
  SET_STATEMENTS_COUNT,
  SET_STATEMENTS_START,
  SET_WORDS,
  STATEMENT_ACTIONS_COUNT,
  STATEMENT_ACTIONS_START,
  STATEMENT_CONDITIONS_COUNT,
  STATEMENT_CONDITIONS_START,
  STATEMENT_FLAGS,
  STATEMENT_FLAGS_ALL,
  STATEMENT_INDEX,
  STATEMENT_ORIGIN_COLUMN,
  STATEMENT_ORIGIN_FILE,
  STATEMENT_ORIGIN_LINE,
  STATEMENT_POLICY,
  STATEMENT_RESOURCES_COUNT,
  STATEMENT_RESOURCES_START,
  STATEMENT_SID,
  STATEMENT_WORDS,
  STATUS_MALFORMED,
  STATUS_OK,
} from '../runtime/format';
import { LOAD_OUT_OF_MEMORY } from '../runtime/wasm-layout';
import { constantKindOf } from './conditions';
import { align8, ensureMemory, unitsLess } from './memory';
// biome-ignore lint/style/useImportType: AssemblyScript has no type-only imports
import { listWord, strLength, strPtr, View } from './view';

/** Budgets: how many entries of each table the records have pointed into so far. */
const POOL_LISTS = 0;
const POOL_CONDITIONS = 1;
const POOL_NUMBERS = 2;
const POOL_IP_BLOCKS = 3;
const POOL_CANDIDATES = 4;
const POOL_GROUP_SETS = 5;
const USED: usize = memory.data(6 * 4, 8);

/** `statementWords[i]`: how many of the first i words of LISTS are statement ids (i32 × (lists + 1)). */
let statementWords: usize = 0;
/** `ascendingPairs[i]`: how many j < i have `lists[j] < lists[j + 1]`. */
let ascendingPairs: usize = 0;

/**
 * Validates decoded view `v`, using memory from `tempAt` for prefix counts (free again afterwards).
 * Returns STATUS_OK, STATUS_MALFORMED or LOAD_OUT_OF_MEMORY.
 */
export function validateView(v: View, tempAt: usize): u32 {
  statementWords = tempAt;
  ascendingPairs = <usize>align8(<u64>tempAt + (<u64>v.listCount + 1) * 4);
  if (!ensureMemory(<u64>ascendingPairs + (<u64>v.listCount + 1) * 4)) return LOAD_OUT_OF_MEMORY;
  buildPrefixCounts(v);
  memory.fill(USED, 0, 6 * 4);
  return checkAll(v) ? STATUS_OK : STATUS_MALFORMED;
}

function buildPrefixCounts(v: View): void {
  let words: i32 = 0;
  let ascending: i32 = 0;
  store<i32>(statementWords, 0);
  store<i32>(ascendingPairs, 0);
  for (let i: u32 = 0; i < v.listCount; i++) {
    const w = listWord(v, i);
    if (w >= 0 && <u32>w < v.statementCount) words++;
    if (i + 1 < v.listCount && w < listWord(v, i + 1)) ascending++;
    store<i32>(statementWords + <usize>(i + 1) * 4, words);
    store<i32>(ascendingPairs + <usize>(i + 1) * 4, ascending);
  }
}

function checkAll(v: View): bool {
  if (!str(v, v.account) || !optionalStr(v, v.stsKey)) return false;
  for (let i: u32 = 0; i < v.actionCount; i++) {
    const id = load<i32>(v.actions + <usize>i * 4);
    if (!str(v, id)) return false;
    if (i > 0) {
      const before = load<i32>(v.actions + <usize>(i - 1) * 4);
      if (!unitsLess(strPtr(v, before), strLength(v, before), strPtr(v, id), strLength(v, id))) return false;
    }
  }
  for (let i: u32 = 0; i < v.policyCount; i++)
    if (!policy(v, v.policies + <usize>i * POLICY_WORDS * 4)) return false;
  for (let i: u32 = 0; i < v.statementCount; i++) {
    if (!statement(v, v.statements + <usize>i * STATEMENT_WORDS * 4)) return false;
  }
  for (let i: u32 = 0; i < v.conditionCount; i++) {
    if (!condition(v, v.conditions + <usize>i * CONDITION_WORDS * 4)) return false;
  }
  for (let i: u32 = 0; i < v.ipBlockCount; i++)
    if (!ipBlock(v.ipBlocks + <usize>i * IP_BLOCK_WORDS * 4)) return false;
  if (!candidateRows(v)) return false;
  for (let i: u32 = 0; i < v.setCount; i++) if (!set(v, v.sets + <usize>i * SET_WORDS * 4)) return false;
  for (let i: u32 = 0; i < v.principalCount; i++) {
    if (!principal(v, v.principals + <usize>i * PRINCIPAL_WORDS * 4)) return false;
  }
  for (let i: u32 = 0; i < v.accessKeyCount; i++) {
    if (!accessKey(v, v.accessKeys + <usize>i * ACCESS_KEY_WORDS * 4)) return false;
  }
  return true;
}

function word(record: usize, field: i32): i32 {
  return load<i32>(record + ((<usize>field) << 2));
}

function str(v: View, id: i32): bool {
  return id >= 0 && <u32>id < v.strCount;
}

function optionalStr(v: View, id: i32): bool {
  return id === NONE || str(v, id);
}

/** A (start, count) pair into a table of `size` entries, counted against that table's budget. */
function range(start: i32, count: i32, size: u32, pool: i32): bool {
  if (start < 0 || count < 0 || <u32>start > size || <u32>count > size - <u32>start) return false;
  const at = USED + ((<usize>pool) << 2);
  const used = <u64>load<u32>(at) + <u64>count;
  if (used > <u64>size) return false;
  store<u32>(at, <u32>used);
  return true;
}

function strList(v: View, start: i32, count: i32): bool {
  if (!range(start, count, v.listCount, POOL_LISTS)) return false;
  for (let i: i32 = 0; i < count; i++) if (!str(v, listWord(v, <u32>(start + i)))) return false;
  return true;
}

/** Statement indexes, strictly ascending; may be shared, so checked in constant time from prefix counts. */
function statementList(v: View, start: i32, count: i32): bool {
  const size = v.listCount;
  if (start < 0 || count < 0 || <u32>start > size || <u32>count > size - <u32>start) return false;
  const end = <usize>(start + count);
  const statements = load<i32>(statementWords + end * 4) - load<i32>(statementWords + <usize>start * 4);
  if (statements !== count) return false;
  if (count === 0) return true;
  const ascending = load<i32>(ascendingPairs + (end - 1) * 4) - load<i32>(ascendingPairs + <usize>start * 4);
  return ascending === count - 1;
}

function policy(v: View, p: usize): bool {
  const type = word(p, POLICY_TYPE);
  return (
    str(v, word(p, POLICY_NAME)) &&
    type >= 0 &&
    type <= POLICY_TYPE_TRUST &&
    optionalStr(v, word(p, POLICY_VERSION))
  );
}

function statement(v: View, s: usize): bool {
  const policy = word(s, STATEMENT_POLICY);
  return (
    policy >= 0 &&
    <u32>policy < v.policyCount &&
    word(s, STATEMENT_INDEX) >= 0 &&
    optionalStr(v, word(s, STATEMENT_SID)) &&
    (word(s, STATEMENT_FLAGS) & ~STATEMENT_FLAGS_ALL) === 0 &&
    strList(v, word(s, STATEMENT_ACTIONS_START), word(s, STATEMENT_ACTIONS_COUNT)) &&
    strList(v, word(s, STATEMENT_RESOURCES_START), word(s, STATEMENT_RESOURCES_COUNT)) &&
    range(
      word(s, STATEMENT_CONDITIONS_START),
      word(s, STATEMENT_CONDITIONS_COUNT),
      v.conditionCount,
      POOL_CONDITIONS,
    ) &&
    str(v, word(s, STATEMENT_ORIGIN_FILE)) &&
    word(s, STATEMENT_ORIGIN_LINE) >= 0 &&
    word(s, STATEMENT_ORIGIN_COLUMN) >= 0
  );
}

function condition(v: View, c: usize): bool {
  const kind = constantKindOf(word(c, CONDITION_OPERATOR));
  if (kind === 0 || !str(v, word(c, CONDITION_KEY))) return false;
  if (!strList(v, word(c, CONDITION_VALUES_START), word(c, CONDITION_VALUES_COUNT))) return false;
  if (word(c, CONDITION_CONST_KIND) !== kind) return false;
  const flags = word(c, CONDITION_CONST_FLAGS);
  if ((flags & ~CONST_FLAG_LOOKUP) !== 0 || (flags !== 0 && kind !== CONST_STRING)) return false;
  const start = word(c, CONDITION_CONST_START);
  const count = word(c, CONDITION_CONST_COUNT);
  if (kind === CONST_STRING) return strList(v, start, count);
  if (kind === CONST_BOOL) {
    if (!range(start, count, v.listCount, POOL_LISTS)) return false;
    for (let i: i32 = 0; i < count; i++) {
      const w = listWord(v, <u32>(start + i));
      if (w !== 0 && w !== 1) return false;
    }
    return true;
  }
  if (kind === CONST_NUMBER) return range(start, count, v.numberCount, POOL_NUMBERS);
  return kind === CONST_IP && range(start, count, v.ipBlockCount, POOL_IP_BLOCKS);
}

function ipBlock(b: usize): bool {
  const family = word(b, IP_BLOCK_FAMILY);
  const prefix = word(b, IP_BLOCK_PREFIX);
  return (family === 4 || family === 6) && prefix >= 0 && prefix <= (family === 4 ? 32 : 128);
}

/** Every row of CANDIDATES, whether a set points at it or not (runtime/decode-validate.ts `candidateRows`). */
function candidateRows(v: View): bool {
  for (let i: u32 = 0; i < v.candidateCount; i++) {
    const row = v.candidates + <usize>i * CANDIDATE_WORDS * 4;
    const action = word(row, CANDIDATE_ACTION);
    if (action < 0 || action >= <i32>v.actionCount) return false;
    if (!statementList(v, word(row, CANDIDATE_START), word(row, CANDIDATE_COUNT))) return false;
  }
  return true;
}

function set(v: View, s: usize): bool {
  if (!statementList(v, word(s, SET_STATEMENTS_START), word(s, SET_STATEMENTS_COUNT))) return false;
  const start = word(s, SET_CANDIDATES_START);
  const count = word(s, SET_CANDIDATES_COUNT);
  if (!range(start, count, v.candidateCount, POOL_CANDIDATES)) return false;
  // The rows themselves were checked by `candidateRows`: here only their order.
  let previous: i32 = -1;
  for (let i = start; i < start + count; i++) {
    const action = word(v.candidates + <usize>i * CANDIDATE_WORDS * 4, CANDIDATE_ACTION);
    if (action <= previous) return false;
    previous = action;
  }
  return statementList(v, word(s, SET_OTHER_START), word(s, SET_OTHER_COUNT));
}

function principal(v: View, p: usize): bool {
  const kind = word(p, PRINCIPAL_KIND);
  if (kind !== PRINCIPAL_USER && kind !== PRINCIPAL_ROLE) return false;
  if (!str(v, word(p, PRINCIPAL_NAME)) || !optionalStr(v, word(p, PRINCIPAL_LINKED_SERVICE))) return false;
  if (word(p, PRINCIPAL_MAX_SESSION) < 0) return false;
  const accountSet = word(p, PRINCIPAL_ACCOUNT_SET);
  if (accountSet !== NONE && (accountSet < 0 || <u32>accountSet >= v.setCount)) return false;
  const start = word(p, PRINCIPAL_GROUP_SETS_START);
  const count = word(p, PRINCIPAL_GROUP_SETS_COUNT);
  if (!range(start, count, v.groupSetCount, POOL_GROUP_SETS)) return false;
  for (let i = start; i < start + count; i++) {
    const row = v.groupSets + <usize>i * GROUP_SET_WORDS * 4;
    const group = word(row, GROUP_SET_GROUP);
    const set = word(row, GROUP_SET_SET);
    if (!str(v, group) || set < 0 || <u32>set >= v.setCount) return false;
    if (i > start) {
      const before = word(row - GROUP_SET_WORDS * 4, GROUP_SET_GROUP);
      if (!unitsLess(strPtr(v, before), strLength(v, before), strPtr(v, group), strLength(v, group)))
        return false;
    }
  }
  return statementList(v, word(p, PRINCIPAL_TRUST_START), word(p, PRINCIPAL_TRUST_COUNT));
}

function accessKey(v: View, k: usize): bool {
  const owner = word(k, ACCESS_KEY_PRINCIPAL);
  const active = word(k, ACCESS_KEY_ACTIVE);
  return (
    str(v, word(k, ACCESS_KEY_ID)) &&
    owner >= 0 &&
    <u32>owner < v.principalCount &&
    word(v.principals + <usize>owner * PRINCIPAL_WORDS * 4, PRINCIPAL_KIND) === PRINCIPAL_USER &&
    (active === 0 || active === 1)
  );
}
