import benny from 'benny';

/** One timed case: `setup` runs outside the timing and returns the function that is timed. */
export interface BenchCase {
  name: string;
  setup: () => () => unknown;
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

/** Runs cases through benny and resolves to their medians (benny reports seconds per operation). */
export function runSuite(
  suite: string,
  cases: BenchCase[],
  options: { minSamples?: number; maxTime?: number } = {},
) {
  return new Promise<BenchResult[]>((resolve) => {
    void benny.suite(
      suite,
      benny.configure({ cases: { minSamples: options.minSamples ?? 10, maxTime: options.maxTime ?? 2 } }),
      ...cases.map((c) => benny.add(c.name, () => c.setup())),
      benny.cycle(),
      benny.complete((summary) => {
        resolve(
          summary.results.map((r) => ({
            suite,
            name: r.name,
            medianNs: r.details.median * 1e9,
            opsPerSecond: r.ops,
            relativeMarginOfError: r.details.relativeMarginOfError,
            samples: r.samples,
          })),
        );
      }),
    );
  });
}
