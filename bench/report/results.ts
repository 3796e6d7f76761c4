import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { MachineInfo } from '../machine.js';
import type { DecisionMix } from '../workloads/decision-mix.js';

/** Bumped when a field changes meaning; files of another schema are not compared. */
export const RESULTS_SCHEMA = 1;

export interface WorkloadRow {
  size: number;
  statements: number;
  policies: number;
  users: number;
  groups: number;
  roles: number;
  requests: number;
  mix: DecisionMix;
  /**
   * The machine-speed probe (bench/calibration.ts), in ns: the mean of its medians at the start and at the
   * end of this size's process. The baseline comparison divides timings by its ratio between two runs.
   * Absent from files written before the probe existed; those are compared without correction.
   */
  calibrationNs?: number;
  /** The probe at the start of this size's process, in ns. */
  calibrationStartNs?: number;
  /** The probe at the end of this size's process, in ns: far from the start when the machine drifted. */
  calibrationEndNs?: number;
}

/** Median latency of one engine deciding the mix, cycling through its requests one call at a time. */
export interface DecisionRow {
  engine: string;
  /** ramc's own engines, or another project's. */
  family: 'ramc' | 'peer';
  size: number;
  statements: number;
  medianNs: number;
  /** Median CPU time per decision: what the engine costs even when other processes share the cores. */
  cpuNs: number;
  decisionsPerSecond: number;
  relativeMarginOfError: number;
  samples: number;
}

/**
 * CPU time per decision of one engine at one size, measured in turns interleaved with every other engine
 * and size of the run (bench/suites/interleaved-suite.ts), so that all of them share the machine's phases.
 */
export interface InterleavedRow {
  engine: string;
  size: number;
  statements: number;
  /** Median over the rounds of the CPU time per decision of one turn. */
  cpuNs: number;
  fastestNs: number;
  slowestNs: number;
  rounds: number;
  callsPerRound: number;
}

export interface CompileRow {
  size: number;
  statements: number;
  medianMs: number;
  statementsPerSecond: number;
  bundleBytes: number;
  bytesPerStatement: number;
}

/** Loading a bundle into a ready authorizer (decode, check, index), JIT warm. */
export interface LoadRow {
  engine: string;
  size: number;
  statements: number;
  medianMs: number;
}

/** What stays allocated once an engine has loaded: V8 heap and array buffers (Wasm memory, bundle copies). */
export interface MemoryRow {
  engine: string;
  size: number;
  statements: number;
  heapBytes: number;
  arrayBufferBytes: number;
}

/**
 * V8 heap bytes per decision of the mix, JIT warm: everything a decision allocates (garbage included), what
 * its result keeps reachable, and the rest. Wasm linear memory is not V8 heap and is not counted.
 */
export interface AllocationRow {
  engine: string;
  size: number;
  statements: number;
  /** All allocation per decision, by V8's sampling heap profiler with collected objects included. */
  allocatedBytes: number;
  /** Heap one kept result holds: heap growth over many kept results, after full collections, per result. */
  resultBytes: number;
  /** max(0, allocatedBytes − resultBytes): the garbage a decision leaves besides its result. */
  beyondResultBytes: number;
  /** Decisions the heap profile covered. */
  profiledDecisions: number;
  /** Results kept to measure `resultBytes`. */
  keptResults: number;
}

/** `parseJson` over the workload's JSON files (model.json and every policy file). */
export interface ParserRow {
  size: number;
  bytes: number;
  medianMs: number;
  megabytesPerSecond: number;
}

export interface SizeRow {
  bytes: number;
  gzipBytes: number;
}

/** What ramc ships to a host: the runtime entry bundled and minified, and the Wasm engine when built. */
export interface Artifacts {
  runtimeJs: SizeRow;
  wasmGlueJs: SizeRow | null;
  wasmModule: (SizeRow & { path: string }) | null;
}

export interface PeerInfo {
  name: string;
  packageName: string;
  version: string;
  differences: string[];
}

/** Everything one run measured: written to bench/results/<time>.json and rendered into docs/benchmarks.md. */
export interface BenchResults {
  schema: number;
  kind: 'full' | 'quick';
  startedAt: string;
  durationSeconds: number;
  machine: MachineInfo;
  packages: Record<string, string>;
  /** Things a reader should know: skipped engines, a busy machine. */
  notes: string[];
  workloads: WorkloadRow[];
  decisions: DecisionRow[];
  /** Absent from files written before it was measured: read as empty. */
  interleaved: InterleavedRow[];
  compile: CompileRow[];
  load: LoadRow[];
  memory: MemoryRow[];
  /** Absent from files written before it was measured: read as empty. */
  allocation: AllocationRow[];
  parser: ParserRow[];
  artifacts: Artifacts;
  peers: PeerInfo[];
}

/** Writes the results as `<dir>/<startedAt>[-quick].json` and returns the path. */
export function writeResults(results: BenchResults, dir: URL): string {
  mkdirSync(dir, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const file = new URL(`${stamp}${results.kind === 'quick' ? '-quick' : ''}.json`, dir);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file.pathname;
}

/**
 * Reads a results file; null when it is missing, unreadable, or of another schema. Members added since the
 * schema was set (`allocation`, `interleaved`) are filled in empty and optional ones (the calibration probe) stay absent,
 * so older files still load and compare.
 */
export function readResults(file: URL | string): BenchResults | null {
  try {
    const results = JSON.parse(readFileSync(file, 'utf8')) as Partial<BenchResults>;
    if (results.schema !== RESULTS_SCHEMA) return null;
    return {
      ...results,
      allocation: results.allocation ?? [],
      interleaved: results.interleaved ?? [],
    } as BenchResults;
  } catch {
    return null;
  }
}
