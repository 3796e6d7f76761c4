import type { BenchResults } from './results.js';

/**
 * A median slower than the baseline by more than this share is flagged: above benchmark.js's usual margin of
 * error on an idle machine. A busy machine (load average above its core count, recorded in the results
 * and noted in the report) can move medians by more than this, so flags from such a run need a rerun.
 */
export const TIME_THRESHOLD = 0.25;
/** Sizes are deterministic: any growth beyond this share is flagged. */
export const SIZE_THRESHOLD = 0.05;

/** One measurement present in both runs. */
export interface Change {
  metric: string;
  baseline: number;
  current: number;
  /** current / baseline − 1: positive is slower or larger. */
  change: number;
  unit: 'ns' | 'ms' | 'bytes';
}

export interface BaselineComparison {
  compared: number;
  regressions: Change[];
  improvements: Change[];
  /** False when the baseline was measured on another CPU: timing changes then say little. */
  sameMachine: boolean;
  baselineStartedAt: string;
  /** True when the run is the baseline itself (a run with --update-baseline). */
  isBaseline: boolean;
}

/**
 * ramc's own measurements of a run, by stable name: decisions by CPU time (wall time in older runs), the
 * rest by benchmark.js's wall-clock median. Peers are not ramc's to regress.
 */
export function metrics(results: BenchResults): Map<string, { value: number; unit: Change['unit'] }> {
  const out = new Map<string, { value: number; unit: Change['unit'] }>();
  for (const d of results.decisions) {
    if (d.family !== 'ramc') continue;
    // PERF: CPU time, when measured, hardly moves with other load on the machine; wall time does.
    if (Number.isFinite(d.cpuNs))
      out.set(`decision CPU ${d.engine} @ ${d.size}`, { value: d.cpuNs, unit: 'ns' });
    else out.set(`decision ${d.engine} @ ${d.size}`, { value: d.medianNs, unit: 'ns' });
  }
  for (const c of results.compile) {
    out.set(`compile @ ${c.size}`, { value: c.medianMs, unit: 'ms' });
    out.set(`bundle bytes @ ${c.size}`, { value: c.bundleBytes, unit: 'bytes' });
  }
  for (const l of results.load) out.set(`load ${l.engine} @ ${l.size}`, { value: l.medianMs, unit: 'ms' });
  for (const p of results.parser) out.set(`parseJson @ ${p.size}`, { value: p.medianMs, unit: 'ms' });
  // Allocation is nearly deterministic (the sampling error is about 1%), so it is held to the size threshold.
  for (const a of results.allocation) {
    out.set(`allocated per decision ${a.engine} @ ${a.size}`, { value: a.allocatedBytes, unit: 'bytes' });
  }
  out.set('runtime JS gzipped', { value: results.artifacts.runtimeJs.gzipBytes, unit: 'bytes' });
  if (results.artifacts.wasmModule !== null) {
    out.set('release .wasm', { value: results.artifacts.wasmModule.bytes, unit: 'bytes' });
  }
  return out;
}

/** Compares every metric the two runs share; quick runs compare only the sizes they measured. */
export function compareToBaseline(current: BenchResults, baseline: BenchResults): BaselineComparison {
  const before = metrics(baseline);
  const regressions: Change[] = [];
  const improvements: Change[] = [];
  let compared = 0;
  for (const [metric, now] of metrics(current)) {
    const then = before.get(metric);
    if (then === undefined || then.value <= 0) continue;
    compared += 1;
    const change = now.value / then.value - 1;
    const threshold = now.unit === 'bytes' ? SIZE_THRESHOLD : TIME_THRESHOLD;
    const row = { metric, baseline: then.value, current: now.value, change, unit: now.unit };
    if (change > threshold) regressions.push(row);
    else if (change < -threshold) improvements.push(row);
  }
  return {
    compared,
    regressions,
    improvements,
    sameMachine:
      current.machine.cpu === baseline.machine.cpu && current.machine.cores === baseline.machine.cores,
    baselineStartedAt: baseline.startedAt,
    isBaseline: current.startedAt === baseline.startedAt,
  };
}
