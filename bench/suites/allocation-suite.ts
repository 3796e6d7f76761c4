import type { HeapProfiler } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import { loadBundle } from '../../runtime/index.js';
import type { Authorizer } from '../../runtime/types.js';
import type { BenchConfig } from '../config.js';
import type { PreparedWorkload } from '../engines/prepare-workload.js';
import type { WasmEngine } from '../engines/wasm-engine.js';
import type { AllocationRow } from '../report/results.js';
import { formatBytes, formatCount } from '../report/table.js';
import { MIX_SIZE } from '../workloads/request-mix.js';
import { stsScenario } from '../workloads/sts-requests.js';
import { retained } from './retained-memory.js';

/** Decisions of the mix run before anything is measured, so the engine's code is optimized. */
const WARM_UP_DECISIONS = 65_536;

/** How many decisions the heap profile covers, and how many results are kept to weigh one. */
const COUNTS: Record<BenchConfig['kind'], { profiled: number; kept: number }> = {
  full: { profiled: 100_000, kept: 20_000 },
  quick: { profiled: 25_000, kept: 10_000 },
};

/**
 * Average bytes between two samples of V8's sampling heap profiler: small enough that a decision of about
 * a hundred bytes is sampled about once or twice, so 25,000 decisions already give a figure within a few %.
 * The profile scales each sample by its chance of being taken, so the sum is an estimate of every byte.
 */
const SAMPLING: HeapProfiler.StartSamplingParameterType & {
  includeObjectsCollectedByMajorGC: boolean;
  includeObjectsCollectedByMinorGC: boolean;
} = {
  samplingInterval: 64,
  // Without these the profile holds only objects still alive when it stops: the garbage would be missed.
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
};

/** Holds the last result: storing it keeps the optimizer from eliding the result object a host would get. */
const sink: { result: unknown } = { result: undefined };

/**
 * Decides `count` requests of the mix, one per call. Its name marks the profile's frames that count: every
 * sample under it is an allocation of a decision (or this loop, which allocates nothing itself).
 */
function decideForProfile(authorizer: Authorizer, requests: readonly unknown[], count: number): void {
  for (let i = 0; i < count; i++) sink.result = authorizer.authorize(requests[i & (MIX_SIZE - 1)]);
}

/** Decides one request of the mix per slot of `into`, keeping every result. */
function keepResults(authorizer: Authorizer, requests: readonly unknown[], into: unknown[]): unknown[] {
  for (let i = 0; i < into.length; i++) into[i] = authorizer.authorize(requests[i & (MIX_SIZE - 1)]);
  return into;
}

/**
 * Bytes the profile attributes to `decideForProfile` and what it calls; the inspector's own work is outside.
 * V8 keeps the innermost 128 frames of a sample, far deeper than a decision goes, so none loses this frame.
 */
function bytesUnderDecisions(node: HeapProfiler.SamplingHeapProfileNode, inside = false): number {
  const counted = inside || node.callFrame.functionName === decideForProfile.name;
  let bytes = counted ? node.selfSize : 0;
  for (const child of node.children) bytes += bytesUnderDecisions(child, counted);
  return bytes;
}

async function allocatedPerDecision(
  session: Session,
  authorizer: Authorizer,
  requests: readonly unknown[],
  count: number,
): Promise<number> {
  await session.post('HeapProfiler.startSampling', SAMPLING);
  decideForProfile(authorizer, requests, count);
  const { profile } = await session.post('HeapProfiler.stopSampling');
  return bytesUnderDecisions(profile.head) / count;
}

async function keptPerResult(
  authorizer: Authorizer,
  requests: readonly unknown[],
  count: number,
): Promise<number> {
  // The array is allocated and its loop warmed before measuring, so only the results themselves grow the heap.
  const kept: unknown[] = Array.from({ length: count }, () => null);
  keepResults(authorizer, requests, kept);
  kept.fill(null);
  const { heapBytes } = await retained(() => keepResults(authorizer, requests, kept));
  return Math.max(0, heapBytes / count);
}

async function measureEngine(
  session: Session,
  engine: string,
  authorizer: Authorizer,
  requests: readonly unknown[],
  prepared: PreparedWorkload,
  config: BenchConfig,
): Promise<AllocationRow> {
  const { profiled, kept } = COUNTS[config.kind];
  decideForProfile(authorizer, requests, WARM_UP_DECISIONS);
  const allocatedBytes = await allocatedPerDecision(session, authorizer, requests, profiled);
  const resultBytes = await keptPerResult(authorizer, requests, kept);
  const row: AllocationRow = {
    engine,
    size: prepared.size,
    statements: prepared.workload.statements,
    allocatedBytes,
    resultBytes,
    beyondResultBytes: Math.max(0, allocatedBytes - resultBytes),
    profiledDecisions: profiled,
    keptResults: kept,
  };
  const bytes = (n: number) => formatBytes(Math.round(n));
  console.log(
    `  ${engine.padEnd(28)} ${bytes(allocatedBytes).padStart(10)} allocated per decision, ` +
      `${bytes(resultBytes)} kept by the result, ${bytes(row.beyondResultBytes)} beyond it`,
  );
  return row;
}

/**
 * V8 heap allocation per decision of the TS runtime and, when present, the Wasm engine (its JS glue; linear
 * memory is not V8 heap), each freshly loaded and JIT warm. Allocation is measured with the inspector's
 * sampling heap profiler, garbage included; what a result keeps, with full collections around many kept
 * results (`retained`).
 */
export async function allocationSuite(
  prepared: PreparedWorkload,
  wasm: WasmEngine | null,
  config: BenchConfig,
): Promise<AllocationRow[]> {
  const mix = prepared.workload.requests;
  const engines: [string, Authorizer, readonly unknown[]][] = [['ts', loadBundle(prepared.bundle), mix]];
  if (wasm !== null) engines.push(['wasm', await wasm.load(prepared.bundle), mix]);
  // The same engines on the mix's role-session requests made with STS credentials (a token per role).
  const sts = stsScenario(prepared);
  if (sts !== null) {
    const requests = Array.from({ length: MIX_SIZE }, (_, i) =>
      JSON.parse(JSON.stringify(sts.requests[i % sts.requests.length])),
    );
    engines.push(['ts · STS', loadBundle(sts.bundle), requests]);
    if (wasm !== null) engines.push(['wasm · STS', await wasm.load(sts.bundle), requests]);
  }
  console.log(`\nallocation · ${formatCount(prepared.workload.statements)} statements`);
  const session = new Session();
  session.connect();
  try {
    await session.post('HeapProfiler.enable');
    const rows: AllocationRow[] = [];
    for (const [engine, authorizer, requests] of engines) {
      rows.push(await measureEngine(session, engine, authorizer, requests, prepared, config));
    }
    await session.post('HeapProfiler.disable');
    return rows;
  } finally {
    sink.result = undefined;
    session.disconnect();
  }
}
