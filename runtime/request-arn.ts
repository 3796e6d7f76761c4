/** How many `:` of an ARN `arnColons` locates: `acs:<service>:<region>:<account>:<relative-id>` has four. */
const COLONS = 4;

let lastArn = '';
const lastColons = new Int32Array(COLONS).fill(-1);

/**
 * The positions of the first four `:` of `arn` (index n holds the n-th, 0-based), -1 for those it lacks.
 * INVARIANT: the array is shared: read it right after the call, before locating another ARN.
 * PERF: the reader checks a request's resource, then the engine checks its account and whether it has
 * tags, each by its colons: they are located once, and remembered for the last ARN asked about; each
 * check compares the ARN with the last one once, however many colons it reads.
 */
export function arnColons(arn: string): Int32Array {
  if (arn !== lastArn) locateColons(arn);
  return lastColons;
}

/**
 * Locates the colons of an ARN just read from a request and remembers them for the checks that follow.
 * `first`: where the first colon is when the caller knows it (an ARN it checked starts with `acs:` has it
 * at 3), else -1.
 * PERF: it skips comparing the ARN with the last one, which a new request's resource seldom is, and a
 * known first colon saves one search.
 */
export function locateColons(arn: string, first = -1): Int32Array {
  let from = 0;
  let i = 0;
  if (first >= 0) {
    lastColons[0] = first;
    from = first + 1;
    i = 1;
  }
  for (; i < COLONS; i++) {
    const at = from < 0 ? -1 : arn.indexOf(':', from);
    lastColons[i] = at;
    from = at < 0 ? -1 : at + 1;
  }
  lastArn = arn;
  return lastColons;
}
