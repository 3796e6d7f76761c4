import { lowerCase } from './request-lower-case.js';

/**
 * Actions that are not access-controlled at all (semantics §8.2): any identified caller may call them,
 * on any resource, whatever its policies say. Lower-cased, since actions compare case-insensitively.
 */
const NOT_ACCESS_CONTROLLED: readonly string[] = ['kms:describeregions'];

/** False for the actions no policy can grant or deny (`kms:DescribeRegions`), true for every other action. */
export function isAccessControlled(action: string): boolean {
  for (const open of NOT_ACCESS_CONTROLLED) {
    // PERF: the length rules out nearly every action before any lower-casing. (Lowering keeps the length of
    // every character but U+0130, which lowers to "i" and a combining dot that no such name holds.)
    if (action.length === open.length && lowerCase(action) === open) return false;
  }
  return true;
}
