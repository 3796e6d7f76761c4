import { referenceAuthorizer } from '../../compiler/reference/index.js';
import { loadBundle } from '../../runtime/index.js';
import type { BenchConfig } from '../config.js';
import type { PreparedWorkload } from '../engines/prepare-workload.js';
import type { WasmEngine } from '../engines/wasm-engine.js';
import { type BenchCase, runSuite } from '../harness.js';
import type { LoadRow, MemoryRow } from '../report/results.js';
import { formatCount } from '../report/table.js';
import { retained } from './retained-memory.js';

/**
 * Times loading the bundle into a ready authorizer: the TS runtime, and the Wasm engine when present (from
 * its precompiled module: instantiating, copying the bundle in, checking and indexing it).
 */
export async function loadSuite(
  prepared: PreparedWorkload,
  wasm: WasmEngine | null,
  config: BenchConfig,
): Promise<LoadRow[]> {
  const { bundle, workload } = prepared;
  const cases: BenchCase[] = [{ name: 'ts', setup: () => () => loadBundle(bundle) }];
  if (wasm !== null) {
    cases.push({ name: 'wasm', setup: () => () => wasm.load(bundle) });
  }
  const results = await runSuite(`load · ${formatCount(workload.statements)} statements`, cases, config.load);
  return results.map((r) => ({
    engine: r.name,
    size: prepared.size,
    statements: workload.statements,
    medianMs: r.medianNs / 1e6,
  }));
}

/**
 * Memory each engine keeps once loaded (the bundle bytes themselves are allocated beforehand). The
 * reference engine, which keeps several times more, goes last: in some runs what one measurement loaded
 * was still counted at the start of the next, and freed during it, which made the TS runtime's figure
 * negative (shown as 0 B).
 */
export async function memorySuite(prepared: PreparedWorkload, wasm: WasmEngine | null): Promise<MemoryRow[]> {
  const { bundle, workload, files, size } = prepared;
  const loaders: [string, () => unknown][] = [['ts', () => loadBundle(bundle)]];
  if (wasm !== null) loaders.push(['wasm', () => wasm.load(bundle)]);
  loaders.push(['reference', () => referenceAuthorizer(files.modelPath)]);
  const rows: MemoryRow[] = [];
  for (const [engine, load] of loaders) {
    rows.push({ engine, size, statements: workload.statements, ...(await retained(load)) });
  }
  return rows;
}
