import benny from 'benny';
import { formatCount, formatDuration } from './report/table.js';

/**
 * One timed case: `setup` runs once, outside the timing, and returns the function that is timed. A timed
 * function that returns a promise is timed until the promise settles.
 */
export interface BenchCase {
  name: string;
  setup: () => () => unknown;
  /** Overrides the suite's options for this case. */
  options?: SuiteOptions;
}

/** How long each case runs: at least `minSamples` samples, and stops sampling after about `maxTime` seconds. */
export interface SuiteOptions {
  minSamples?: number;
  maxTime?: number;
}

/** What a case measured: median nanoseconds per call and calls per second. */
export interface BenchResult {
  suite: string;
  name: string;
  medianNs: number;
  opsPerSecond: number;
  relativeMarginOfError: number;
  samples: number;
}

/**
 * Runs cases through benny (benchmark.js) and resolves to their medians; benny reports seconds per call.
 * Prints one line per case as it completes. Rejects when a timed function throws.
 */
export async function runSuite(
  suite: string,
  cases: BenchCase[],
  options: SuiteOptions = {},
): Promise<BenchResult[]> {
  // benny calls a case's factory several times before timing it: set each case up exactly once.
  const timed = cases.map((c) => ({ name: c.name, fn: c.setup(), options: c.options ?? {} }));
  const summary = await benny.suite(
    suite,
    benny.configure({ cases: { minSamples: options.minSamples ?? 10, maxTime: options.maxTime ?? 2 } }),
    ...timed.map((c) => benny.add(c.name, () => c.fn, c.options)),
    benny.cycle((result) => {
      const median = formatDuration(result.details.median * 1e9);
      const rate = `${formatCount(result.ops)}/s ±${result.margin.toFixed(1)}%`;
      console.log(`  ${result.name.padEnd(28)} ${median.padStart(10)}  (${rate}, ${result.samples} samples)`);
    }),
  );
  return summary.results.map((r) => ({
    suite,
    name: r.name,
    medianNs: r.details.median * 1e9,
    opsPerSecond: r.ops,
    relativeMarginOfError: r.details.relativeMarginOfError,
    samples: r.samples,
  }));
}
