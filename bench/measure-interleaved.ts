/**
 * Times ramc's TS and Wasm engines at every size of a run in one process, in interleaved turns
 * (bench/suites/interleaved-suite.ts): `run.ts` starts it after the per-size processes. Every engine and
 * size shares the same compiled runtime and the same phases of the machine, so the spread across sizes is
 * the code's own. Usage: `measure-interleaved.ts <full|quick> <output.json>`; writes `InterleavedRow[]`.
 */
import { writeFileSync } from 'node:fs';
import { type BenchConfig, FULL, QUICK } from './config.js';
import { prepareWorkload } from './engines/prepare-workload.js';
import { ramcContenders } from './engines/ramc-engines.js';
import { disagreement } from './engines/verify.js';
import { findWasmEngine } from './engines/wasm-engine.js';
import type { InterleavedRow } from './report/results.js';
import { formatCount, formatDuration } from './report/table.js';
import { type InterleavedCase, interleavedSuite } from './suites/interleaved-suite.js';
import { MIX_SIZE } from './workloads/request-mix.js';

/** The engines timed: the reference interpreter is 20× slower and would only stretch the rounds. */
const ENGINES = new Set(['ts', 'wasm']);

async function measureInterleaved(config: BenchConfig): Promise<InterleavedRow[]> {
  const lookup = await findWasmEngine();
  const wasm = lookup.ok ? lookup.engine : null;
  const cases: InterleavedCase[] = [];
  for (const size of config.sizes) {
    const prepared = prepareWorkload(size);
    for (const contender of await ramcContenders(prepared, wasm)) {
      if (!ENGINES.has(contender.name)) continue;
      const problem = disagreement(contender, prepared);
      if (problem !== null) throw new Error(problem);
      let index = 0;
      cases.push({
        engine: contender.name,
        size,
        statements: prepared.workload.statements,
        decide: () => {
          const decision = contender.decide(index);
          index = (index + 1) & (MIX_SIZE - 1);
          return decision;
        },
      });
    }
  }
  const { rounds, calls } = config.interleaved;
  console.log(
    `\nRunning "interleaved decisions" (${cases.length} cases, ${rounds} rounds of ${formatCount(calls)} decisions each)...`,
  );
  const rows = interleavedSuite(cases, config.interleaved);
  for (const row of rows) {
    const label = `${row.engine} · ${formatCount(row.statements)} statements`;
    console.log(
      `  ${label.padEnd(30)} ${formatDuration(row.cpuNs).padStart(10)}  ` +
        `(CPU, median of ${row.rounds} turns; ${formatDuration(row.fastestNs)} to ${formatDuration(row.slowestNs)})`,
    );
  }
  return rows;
}

const [kind, output] = process.argv.slice(2);
if ((kind !== 'full' && kind !== 'quick') || output === undefined) {
  console.error('usage: measure-interleaved.ts <full|quick> <output.json>');
  process.exitCode = 2;
} else {
  try {
    const rows = await measureInterleaved(kind === 'full' ? FULL : QUICK);
    writeFileSync(output, JSON.stringify(rows));
  } catch (error) {
    console.error(`\nThe interleaved run failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
