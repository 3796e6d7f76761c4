/**
 * Reading a set's rows of the CANDIDATES table, which cut the known actions into runs (runtime/format.ts):
 * a row's list belongs to its action and to every following action before the next row's.
 */
import { CANDIDATE_ACTION, CANDIDATE_COUNT, CANDIDATE_START, CANDIDATE_WORDS } from './format.js';

/**
 * The row among `count` rows from row `first` whose run holds `actionId`: the last one whose action is at
 * most `actionId`, by binary search. -1 when `actionId` comes before the first row (no candidates).
 */
export function candidateRow(rows: Int32Array, first: number, count: number, actionId: number): number {
  let lo = first;
  let hi = first + count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows[mid * CANDIDATE_WORDS + CANDIDATE_ACTION] as number) <= actionId) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * Calls `visit` with each known action (of `actionCount`) that has candidates in the `count` rows from row
 * `first`, in ascending order, and its list (LISTS start and count): the runs spelt out action by action.
 */
export function forEachCandidateList(
  rows: Int32Array,
  first: number,
  count: number,
  actionCount: number,
  visit: (action: number, start: number, count: number) => void,
): void {
  for (let r = first; r < first + count; r++) {
    const row = r * CANDIDATE_WORDS;
    const listCount = rows[row + CANDIDATE_COUNT] as number;
    if (listCount === 0) continue;
    const end =
      r + 1 < first + count ? (rows[row + CANDIDATE_WORDS + CANDIDATE_ACTION] as number) : actionCount;
    const start = rows[row + CANDIDATE_START] as number;
    for (let action = rows[row + CANDIDATE_ACTION] as number; action < end; action++) {
      visit(action, start, listCount);
    }
  }
}
