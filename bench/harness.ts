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
  /** Also measure CPU time per call after timing each case (synchronous timed functions only). */
  cpuTime?: boolean;
}

/** What a case measured: median nanoseconds per call and calls per second. */
export interface BenchResult {
  suite: string;
  name: string;
  medianNs: number;
  opsPerSecond: number;
  relativeMarginOfError: number;
  samples: number;
  /** Median CPU nanoseconds per call, when the suite asked for them (`cpuTime`). */
  cpuNs: number | null;
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
  const cpu = new Map<string, number>();
  const summary = await benny.suite(
    suite,
    benny.configure({ cases: { minSamples: options.minSamples ?? 10, maxTime: options.maxTime ?? 2 } }),
    ...timed.map((c) => benny.add(c.name, () => c.fn, c.options)),
    benny.cycle((result) => {
      const medianNs = result.details.median * 1e9;
      const rate = `${formatCount(result.ops)}/s ±${result.margin.toFixed(1)}%`;
      const fn = timed.find((c) => c.name === result.name)?.fn;
      let cpuText = '';
      if (options.cpuTime === true && fn !== undefined) {
        const cpuNs = cpuTimePerCall(fn, medianNs);
        cpu.set(result.name, cpuNs);
        cpuText = `, CPU ${formatDuration(cpuNs)}`;
      }
      const median = formatDuration(medianNs).padStart(10);
      console.log(`  ${result.name.padEnd(28)} ${median}  (${rate}, ${result.samples} samples${cpuText})`);
    }),
  );
  return summary.results.map((r) => ({
    suite,
    name: r.name,
    medianNs: r.details.median * 1e9,
    opsPerSecond: r.ops,
    relativeMarginOfError: r.details.relativeMarginOfError,
    samples: r.samples,
    cpuNs: cpu.get(r.name) ?? null,
  }));
}

/**
 * Median CPU time per call (`process.cpuUsage`, user + system) over five rounds of about 100 ms. Unlike
 * benchmark.js's wall-clock time it barely moves when other processes compete for the cores, so it tells
 * what the code costs on a busy machine; it includes the collector's helper threads.
 */
export function cpuTimePerCall(fn: () => unknown, estimateNs: number): number {
  const calls = Math.max(1, Math.round(100e6 / estimateNs));
  const perCall: number[] = [];
  for (let round = 0; round < 5; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i++) fn();
    const used = process.cpuUsage(start);
    perCall.push(((used.user + used.system) * 1e3) / calls);
  }
  return perCall.sort((a, b) => a - b)[2] ?? Number.NaN;
}
