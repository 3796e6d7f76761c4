import type { BenchResults } from './results.js';

/**
 * A median slower than the baseline by more than this share is flagged: above benchmark.js's usual margin of
 * error on an idle machine. Timings are judged after correcting for the machine's speed (the calibration
 * probe) when both runs measured it; a busy machine (load average above its core count, recorded in the
 * results and noted in the report) can still move medians by more than this, so flags from such a run need
 * a rerun.
 */
export const TIME_THRESHOLD = 0.25;
/** Sizes are deterministic: any growth beyond this share is flagged. */
export const SIZE_THRESHOLD = 0.05;

/** One measurement present in both runs. */
export interface Change {
  metric: string;
  baseline: number;
  current: number;
  /** current / baseline − 1, as measured: positive is slower or larger. */
  change: number;
  /**
   * The change judged against the thresholds: for a timing, (current / machineFactor) / baseline − 1;
   * otherwise `change`.
   */
  adjustedChange: number;
  /** The machine factor of the metric's size, for timings compared after correction; null otherwise. */
  machineFactor: number | null;
  unit: 'ns' | 'ms' | 'bytes';
}

/** How much slower the machine ran one size than when the baseline was measured. */
export interface MachineFactor {
  size: number;
  /** Current probe time / baseline probe time: 1.5 is a machine running 1.5× slower than the baseline's. */
  factor: number;
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
  /** Per size with the calibration probe in both runs, ascending by size. */
  machineFactors: MachineFactor[];
  /** Sizes with timings compared raw, because one of the runs has no probe there; ascending. */
  uncalibratedSizes: number[];
  /** False for a baseline measured before the calibration probe existed. */
  baselineCalibrated: boolean;
  /**
   * The largest |end / start − 1| of this run's probe within one size: how far the machine's speed moved
   * while a size was measured, which the correction (by the mean of start and end) only averages out. Null
   * when this run has no probe.
   */
  drift: number | null;
}

interface Metric {
  value: number;
  unit: Change['unit'];
  /** The workload size the metric was measured at (its name ends with `@ <size>`); null for artifacts. */
  size: number | null;
}

/**
 * ramc's own measurements of a run, by stable name: decisions by CPU time (wall time in older runs), the
 * rest by benchmark.js's wall-clock median. Peers are not ramc's to regress.
 */
export function metrics(results: BenchResults): Map<string, Metric> {
  const out = new Map<string, Metric>();
  const at = (name: string, size: number, value: number, unit: Change['unit']) =>
    out.set(`${name} @ ${size}`, { value, unit, size });
  for (const d of results.decisions) {
    if (d.family !== 'ramc') continue;
    // PERF: CPU time, when measured, hardly moves with other load on the machine; wall time does.
    if (Number.isFinite(d.cpuNs)) at(`decision CPU ${d.engine}`, d.size, d.cpuNs, 'ns');
    else at(`decision ${d.engine}`, d.size, d.medianNs, 'ns');
  }
  for (const c of results.compile) {
    at('compile', c.size, c.medianMs, 'ms');
    at('bundle bytes', c.size, c.bundleBytes, 'bytes');
  }
  for (const l of results.load) at(`load ${l.engine}`, l.size, l.medianMs, 'ms');
  for (const p of results.parser) at('parseJson', p.size, p.medianMs, 'ms');
  // Allocation is nearly deterministic (the sampling error is about 1%), so it is held to the size threshold.
  for (const a of results.allocation) {
    at(`allocated per decision ${a.engine}`, a.size, a.allocatedBytes, 'bytes');
  }
  out.set('runtime JS gzipped', { value: results.artifacts.runtimeJs.gzipBytes, unit: 'bytes', size: null });
  if (results.artifacts.wasmModule !== null) {
    out.set('release .wasm', { value: results.artifacts.wasmModule.bytes, unit: 'bytes', size: null });
  }
  return out;
}

/** The calibration probe of each size a run measured it at. */
function calibrations(results: BenchResults): Map<number, number> {
  const out = new Map<number, number>();
  for (const w of results.workloads) {
    if (w.calibrationNs !== undefined && w.calibrationNs > 0) out.set(w.size, w.calibrationNs);
  }
  return out;
}

function largestDrift(results: BenchResults): number | null {
  let drift: number | null = null;
  for (const w of results.workloads) {
    const { calibrationStartNs: start, calibrationEndNs: end } = w;
    if (start === undefined || end === undefined || start <= 0) continue;
    drift = Math.max(drift ?? 0, Math.abs(end / start - 1));
  }
  return drift;
}

/**
 * Compares every metric the two runs share; quick runs compare only the sizes they measured. Timings of a
 * size both runs calibrated are judged after dividing by that size's machine factor, so a machine that
 * drifted slower or faster does not read as a change in the code; all other metrics are judged raw.
 */
export function compareToBaseline(current: BenchResults, baseline: BenchResults): BaselineComparison {
  const before = metrics(baseline);
  const now = calibrations(current);
  const then = calibrations(baseline);
  const factors = new Map<number, number>();
  const uncalibrated = new Set<number>();
  const regressions: Change[] = [];
  const improvements: Change[] = [];
  let compared = 0;
  for (const [metric, measured] of metrics(current)) {
    const old = before.get(metric);
    if (old === undefined || old.value <= 0) continue;
    compared += 1;
    const change = measured.value / old.value - 1;
    let machineFactor: number | null = null;
    if (measured.unit !== 'bytes' && measured.size !== null) {
      const probeNow = now.get(measured.size);
      const probeThen = then.get(measured.size);
      if (probeNow === undefined || probeThen === undefined) uncalibrated.add(measured.size);
      else {
        machineFactor = probeNow / probeThen;
        factors.set(measured.size, machineFactor);
      }
    }
    const adjustedChange = machineFactor === null ? change : measured.value / machineFactor / old.value - 1;
    const threshold = measured.unit === 'bytes' ? SIZE_THRESHOLD : TIME_THRESHOLD;
    const row: Change = {
      metric,
      baseline: old.value,
      current: measured.value,
      change,
      adjustedChange,
      machineFactor,
      unit: measured.unit,
    };
    if (adjustedChange > threshold) regressions.push(row);
    else if (adjustedChange < -threshold) improvements.push(row);
  }
  return {
    compared,
    regressions,
    improvements,
    sameMachine:
      current.machine.cpu === baseline.machine.cpu && current.machine.cores === baseline.machine.cores,
    baselineStartedAt: baseline.startedAt,
    isBaseline: current.startedAt === baseline.startedAt,
    machineFactors: [...factors].map(([size, factor]) => ({ size, factor })).sort((a, b) => a.size - b.size),
    uncalibratedSizes: [...uncalibrated].sort((a, b) => a - b),
    baselineCalibrated: then.size > 0,
    drift: largestDrift(current),
  };
}
