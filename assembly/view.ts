/**
 * A loaded bundle as the core reads it: where each section's records start in linear memory and how
 * many there are (the layouts of runtime/format.ts), plus the tables the core derives at load. Two
 * views exist, in static memory: the bundle, and the session-policy bundle of the current request.
 */

@unmanaged
export class View {
  /** First byte of the bundle, and its length. */
  bytes: usize = 0;
  length: u32 = 0;
  /** Strings as UTF-16: `count + 1` u32 code-unit offsets into the pool (derived at load). */
  strOffsets: usize = 0;
  strPool: usize = 0;
  strCount: u32 = 0;
  /** META: the account id (string index) and the STS public key (string index or NONE). */
  account: i32 = 0;
  stsKey: i32 = 0;
  /** First record and record count of each section (count in words for LISTS and ACTIONS). */
  policies: usize = 0;
  policyCount: u32 = 0;
  statements: usize = 0;
  statementCount: u32 = 0;
  conditions: usize = 0;
  conditionCount: u32 = 0;
  lists: usize = 0;
  listCount: u32 = 0;
  numbers: usize = 0;
  numberCount: u32 = 0;
  ipBlocks: usize = 0;
  ipBlockCount: u32 = 0;
  principals: usize = 0;
  principalCount: u32 = 0;
  accessKeys: usize = 0;
  accessKeyCount: u32 = 0;
  sets: usize = 0;
  setCount: u32 = 0;
  actions: usize = 0;
  actionCount: u32 = 0;
  candidates: usize = 0;
  candidateCount: u32 = 0;
  groupSets: usize = 0;
  groupSetCount: u32 = 0;
  /** Known actions by hash: `actionSlots` i32 action indexes (-1 empty), a power of two (derived at load). */
  actionTable: usize = 0;
  actionSlots: u32 = 0;
  /** Per string: its first and last `*` (two i32, -1 for none), for glob matching (derived at load). */
  stars: usize = 0;
  /** Per condition: where its key's request value comes from (SOURCE_* | tag key offset << 2). */
  conditionSources: usize = 0;
  /** The longest statement list a set can hand to one evaluation (sizes the scratch lists). */
  maxCandidates: u32 = 0;
  /** First byte after the bundle and its derived tables. */
  end: usize = 0;
  /** 1 once loaded and checked. */
  loaded: u32 = 0;
}

/** The bundle the core decides with. */
export const MAIN: View = changetype<View>(memory.data(offsetof<View>(), 8));
/** The session-policy bundle (semantics §6.2 step 3), when the host loaded one. */
export const SESSION: View = changetype<View>(memory.data(offsetof<View>(), 8));

/** Forgets everything a view knew. */
export function clearView(v: View): void {
  memory.fill(changetype<usize>(v), 0, offsetof<View>());
}

/** The first code unit of string `id` (a valid index). */
export function strPtr(v: View, id: i32): usize {
  return v.strPool + ((<usize>load<u32>(v.strOffsets + ((<usize>id) << 2))) << 1);
}

/** The length in code units of string `id` (a valid index). */
export function strLength(v: View, id: i32): u32 {
  const at = v.strOffsets + ((<usize>id) << 2);
  return load<u32>(at + 4) - load<u32>(at);
}

/** Word `i` of the LISTS pool (a valid index). */
export function listWord(v: View, i: u32): i32 {
  return load<i32>(v.lists + ((<usize>i) << 2));
}
