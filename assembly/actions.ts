/**
 * The known actions of a bundle (ACTIONS, sorted and unique), found by hashing instead of a binary search
 * of string comparisons: the TS runtime's `Map` from action to index, in linear memory.
 */
import { equalsString } from './glob';
// biome-ignore lint/style/useImportType: AssemblyScript has no type-only imports
import { strLength, strPtr, View } from './view';

const EMPTY: i32 = -1;

/** FNV-1a over the UTF-16 code units of a string. */
function hashUnits(p: usize, length: u32): u32 {
  let hash: u32 = 0x811c9dc5;
  for (let i: u32 = 0; i < length; i++) hash = (hash ^ load<u16>(p + ((<usize>i) << 1))) * 0x01000193;
  return hash;
}

/** Bytes the table of `v` needs: a power of two of slots, at least twice the actions. */
export function actionTableBytes(v: View): u64 {
  let slots: u64 = 2;
  while (slots < (<u64>v.actionCount) << 1) slots <<= 1;
  return slots << 2;
}

/** Fills the action table of `v` at `at` (with `actionTableBytes(v)` bytes of room); returns its end. */
export function indexActions(v: View, at: usize): usize {
  const bytes = <usize>actionTableBytes(v);
  const slots = <u32>(bytes >> 2);
  memory.fill(at, 0xff, bytes);
  for (let i: u32 = 0; i < v.actionCount; i++) {
    const id = load<i32>(v.actions + ((<usize>i) << 2));
    let slot = hashUnits(strPtr(v, id), strLength(v, id)) & (slots - 1);
    while (load<i32>(at + ((<usize>slot) << 2)) !== EMPTY) slot = (slot + 1) & (slots - 1);
    store<i32>(at + ((<usize>slot) << 2), <i32>i);
  }
  v.actionTable = at;
  v.actionSlots = slots;
  return at + bytes;
}

/** Index of the action (`length` units at `p`, lower-cased) among the known actions of `v`, or -1. */
export function actionIndex(v: View, p: usize, length: u32): i32 {
  const mask = v.actionSlots - 1;
  let slot = hashUnits(p, length) & mask;
  // INVARIANT: the table is at most half full, so an empty slot ends every probe.
  while (true) {
    const index = load<i32>(v.actionTable + ((<usize>slot) << 2));
    if (index === EMPTY) return -1;
    if (equalsString(v, load<i32>(v.actions + ((<usize>index) << 2)), p, length)) return index;
    slot = (slot + 1) & mask;
  }
}
