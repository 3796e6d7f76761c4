/**
 * Measures one workload size in its own process (`run.ts` starts one per size): a fresh V8 for every size,
 * so no size inherits another's JIT state or garbage, and memory is measured in a clean heap.
 * Usage: `measure-size.ts <size> <full|quick> <output.json>`; writes a `SizeResults` to the output file.
 */
import { writeFileSync } from 'node:fs';
import { measureCalibration } from './calibration.js';
import { type BenchConfig, FULL, QUICK } from './config.js';
import { prepareWorkload } from './engines/prepare-workload.js';
import { ramcContenders } from './engines/ramc-engines.js';
import { findWasmEngine } from './engines/wasm-engine.js';
import { PEERS } from './peers/index.js';
import type {
  AllocationRow,
  CompileRow,
  DecisionRow,
  LoadRow,
  MemoryRow,
  ParserRow,
  WorkloadRow,
} from './report/results.js';
import { formatCount, formatDuration } from './report/table.js';
import { allocationSuite } from './suites/allocation-suite.js';
import { compileSuite, parserSuite } from './suites/compile-suite.js';
import { DisagreementError, decisionSuite, type Entrant } from './suites/decision-suite.js';
import { loadSuite, memorySuite } from './suites/load-suite.js';
import { formatMix } from './workloads/decision-mix.js';

/** What one size contributes to a run's results. */
export interface SizeResults {
  workload: WorkloadRow;
  decisions: DecisionRow[];
  compile: CompileRow;
  load: LoadRow[];
  memory: MemoryRow[];
  allocation: AllocationRow[];
  parser: ParserRow;
}

async function measureSize(size: number, config: BenchConfig): Promise<SizeResults> {
  // First, in a fresh heap: the machine's speed as the size starts (see calibration.ts).
  const calibrationStartNs = measureCalibration();
  const lookup = await findWasmEngine();
  const wasm = lookup.ok ? lookup.engine : null;
  const prepared = prepareWorkload(size);
  const { workload } = prepared;
  const { model } = workload;
  const row: WorkloadRow = {
    size,
    statements: workload.statements,
    policies: model.policies.length,
    users: model.users.length,
    groups: model.groups.length,
    roles: model.roles.length,
    requests: workload.requests.length,
    mix: prepared.mix,
  };
  console.log(
    `\n${formatCount(row.statements)} statements: ${formatCount(row.policies)} policies, ` +
      `${formatCount(row.users)} users, ${formatCount(row.groups)} groups, ${formatCount(row.roles)} roles; ` +
      `mix of ${row.requests}: ${formatMix(prepared.mix)}`,
  );
  const entrants: Entrant[] = (await ramcContenders(prepared, wasm)).map((contender) => ({
    contender,
    family: 'ramc',
  }));
  if (config.peerSizes.includes(size)) {
    for (const peer of PEERS) entrants.push({ contender: peer.prepare(workload), family: 'peer' });
  }
  const results: SizeResults = {
    workload: row,
    decisions: await decisionSuite(prepared, entrants, config),
    compile: await compileSuite(prepared, config),
    load: await loadSuite(prepared, wasm, config),
    memory: await memorySuite(prepared, wasm),
    parser: await parserSuite(prepared, config),
    // Last: the heap profiler it enables must not touch the timings or the memory measured before.
    allocation: await allocationSuite(prepared, wasm, config),
  };
  // Again at the end: the machine's speed can drift while a size runs, and the mean covers the whole size.
  const calibrationEndNs = measureCalibration();
  row.calibrationStartNs = calibrationStartNs;
  row.calibrationEndNs = calibrationEndNs;
  row.calibrationNs = (calibrationStartNs + calibrationEndNs) / 2;
  console.log(
    `calibration probe: ${formatDuration(calibrationStartNs)} at the start, ` +
      `${formatDuration(calibrationEndNs)} at the end`,
  );
  return results;
}

const [size, kind, output] = process.argv.slice(2);
if (size === undefined || (kind !== 'full' && kind !== 'quick') || output === undefined) {
  console.error('usage: measure-size.ts <statements> <full|quick> <output.json>');
  process.exitCode = 2;
} else {
  try {
    const results = await measureSize(Number(size), kind === 'full' ? FULL : QUICK);
    writeFileSync(output, JSON.stringify(results));
  } catch (error) {
    if (error instanceof DisagreementError) console.error(`\n${error.message}`);
    else
      console.error(`\nThe ${size}-statement run failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
