/**
 * Actions that are not access-controlled at all (semantics §8.2): any identified caller may call them,
 * on any resource, whatever its policies say. Lower-cased, since actions compare case-insensitively.
 */
const NOT_ACCESS_CONTROLLED: ReadonlySet<string> = new Set(['kms:describeregions']);

/** False for the actions no policy can grant or deny (`kms:DescribeRegions`), true for every other action. */
export function isAccessControlled(action: string): boolean {
  return !NOT_ACCESS_CONTROLLED.has(action.toLowerCase());
}
