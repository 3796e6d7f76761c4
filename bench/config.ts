import type { SuiteOptions } from './harness.js';
import type { InterleavedOptions } from './suites/interleaved-suite.js';

/** What one run measures and for how long. */
export interface BenchConfig {
  kind: 'full' | 'quick';
  /** Workload sizes, in statements. */
  sizes: number[];
  /** The sizes at which the peers run too. */
  peerSizes: number[];
  decisions: SuiteOptions;
  /** For decision cases slower than `slowCaseNs` per call (the reference at 10,000, most peers). */
  slowDecisions: SuiteOptions;
  compile: SuiteOptions;
  load: SuiteOptions;
  parser: SuiteOptions;
  /** The TS and Wasm engines at every size, timed in interleaved turns (bench/suites/interleaved-suite.ts). */
  interleaved: InterleavedOptions;
}

const ALL_SIZES = [10, 100, 1_000, 5_000, 10_000];

/** `npm run bench`: every size, every engine and peer; 5 to 7 minutes on a 2-core machine. */
export const FULL: BenchConfig = {
  kind: 'full',
  sizes: ALL_SIZES,
  peerSizes: ALL_SIZES,
  decisions: { minSamples: 10, maxTime: 2 },
  slowDecisions: { minSamples: 5, maxTime: 1.5 },
  compile: { minSamples: 5, maxTime: 2 },
  load: { minSamples: 5, maxTime: 1 },
  parser: { minSamples: 5, maxTime: 1 },
  interleaved: { rounds: 61, calls: 10_000, warmUp: 100_000 },
};

/** `npm run bench:quick`: the sizes the targets name, peers at 1,000 only, short samples; under 2 minutes. */
export const QUICK: BenchConfig = {
  kind: 'quick',
  sizes: [10, 1_000, 5_000],
  peerSizes: [1_000],
  decisions: { minSamples: 5, maxTime: 0.5 },
  slowDecisions: { minSamples: 3, maxTime: 0.5 },
  compile: { minSamples: 2, maxTime: 0.5 },
  load: { minSamples: 3, maxTime: 0.5 },
  parser: { minSamples: 3, maxTime: 0.5 },
  interleaved: { rounds: 21, calls: 10_000, warmUp: 50_000 },
};

/** A decision case whose first calls take longer than this (ns) runs with `slowDecisions`. */
export const SLOW_CASE_NS = 50_000;
