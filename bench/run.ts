/**
 * `npm run bench` (every size, every peer; rewrites docs/benchmarks.md and its chart) and
 * `npm run bench:quick` (`--quick`: the target sizes, peers at 1,000, short samples; prints only).
 * `--update-baseline` also stores the run as bench/baseline.json; `--render FILE` rewrites the docs from
 * a saved results file without measuring anything.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { FULL, QUICK } from './config.js';
import { findWasmEngine } from './engines/wasm-engine.js';
import { currentLoad, machineInfo, packageVersions } from './machine.js';
import type { SizeResults } from './measure-size.js';
import { PEERS } from './peers/index.js';
import { compareToBaseline } from './report/baseline.js';
import { latencyChartSvg } from './report/chart.js';
import { generatedSection, handWritten } from './report/markdown.js';
import {
  type BenchResults,
  type InterleavedRow,
  RESULTS_SCHEMA,
  readResults,
  writeResults,
} from './report/results.js';
import {
  allocationTable,
  baselineSummary,
  changeTable,
  cpuTable,
  interleavedTable,
  latencyTable,
  ratioTable,
  targetTable,
} from './report/sections.js';
import { consoleTable, formatCount } from './report/table.js';
import { checkTargets } from './report/targets.js';
import { artifactSizes } from './suites/artifact-sizes.js';

const ROOT = new URL('../', import.meta.url);
const RESULTS_DIR = new URL('bench/results/', ROOT);
const BASELINE = new URL('bench/baseline.json', ROOT);
const DOC = new URL('docs/benchmarks.md', ROOT);
const CHART = new URL('docs/benchmarks-latency.svg', ROOT);
const PACKAGES = [
  'benny',
  '@cedar-policy/cedar-wasm',
  'pbac',
  '@cloud-copilot/iam-simulate',
  '@cloud-copilot/iam-policy',
  'esbuild',
  'vega',
  'vega-lite',
];

/**
 * Runs a measuring script of bench/ in a fresh node process (same loader, with --expose-gc), passing it
 * `args` and then the path of the JSON file it writes; returns what it wrote. `what` names the
 * measurement in an error.
 */
function measureInChild<T>(script: string, args: string[], what: string): T {
  const dir = mkdtempSync(join(tmpdir(), 'ramc-bench-'));
  const output = join(dir, 'results.json');
  const flags = process.execArgv.includes('--expose-gc')
    ? process.execArgv
    : [...process.execArgv, '--expose-gc'];
  const path = new URL(script, import.meta.url).pathname;
  const child = spawnSync(process.execPath, [...flags, path, ...args, output], { stdio: 'inherit' });
  if (child.status !== 0 || !existsSync(output)) {
    const how = child.signal === null ? `exit code ${child.status}` : `signal ${child.signal}`;
    throw new Error(`the ${what} stopped (${how}); its output above says why`);
  }
  const results = JSON.parse(readFileSync(output, 'utf8')) as T;
  rmSync(dir, { recursive: true, force: true });
  return results;
}

async function measure(quick: boolean): Promise<BenchResults> {
  const config = quick ? QUICK : FULL;
  const loadAtStart = currentLoad();
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const notes: string[] = [];
  const lookup = await findWasmEngine();
  const wasm = lookup.ok ? lookup.engine : null;
  if (!lookup.ok) notes.push(`The Wasm engine was skipped: ${lookup.reason}.`);
  const results: BenchResults = {
    schema: RESULTS_SCHEMA,
    kind: config.kind,
    startedAt,
    durationSeconds: 0,
    machine: machineInfo(loadAtStart),
    packages: packageVersions(PACKAGES),
    notes,
    workloads: [],
    decisions: [],
    interleaved: [],
    compile: [],
    load: [],
    memory: [],
    allocation: [],
    parser: [],
    artifacts: await artifactSizes(wasm, notes),
    peers: PEERS.map((p) => ({
      name: p.name,
      packageName: p.packageName,
      version: packageVersions([p.packageName])[p.packageName] ?? '?',
      differences: p.differences,
    })),
  };
  console.log(
    wasm === null ? `note: ${notes[0]}` : `Wasm engine: ${relative(ROOT.pathname, wasm.modulePath)}`,
  );
  for (const size of config.sizes) {
    const part = measureInChild<SizeResults>(
      'measure-size.ts',
      [String(size), config.kind],
      `${formatCount(size)}-statement measurement`,
    );
    results.workloads.push(part.workload);
    results.decisions.push(...part.decisions);
    results.compile.push(part.compile);
    results.load.push(...part.load);
    results.memory.push(...part.memory);
    results.allocation.push(...part.allocation);
    results.parser.push(part.parser);
  }
  // Last, every size again in one process, engines and sizes taking turns (see interleaved-suite.ts).
  results.interleaved = measureInChild<InterleavedRow[]>(
    'measure-interleaved.ts',
    [config.kind],
    'interleaved measurement',
  );
  results.machine.loadAverage.end = currentLoad();
  results.durationSeconds = (performance.now() - started) / 1e3;
  if (Math.max(loadAtStart, results.machine.loadAverage.end) > results.machine.cores) {
    notes.push(
      `The machine was busy during this run (load average ${loadAtStart} → ${results.machine.loadAverage.end} ` +
        `on ${results.machine.cores} cores): timings are noisier and slower than on an idle machine.`,
    );
  }
  return results;
}

function printSummary(results: BenchResults): void {
  const checks = checkTargets(results);
  const baseline = readResults(BASELINE);
  const comparison = baseline === null ? null : compareToBaseline(results, baseline);
  console.log(`\nMedian latency per decision\n${consoleTable(latencyTable(results))}`);
  console.log(`\nMedian CPU time per decision\n${consoleTable(cpuTable(results))}`);
  if (results.interleaved.length > 0) {
    console.log(
      `\nCPU time per decision, sizes interleaved (median turn)\n${consoleTable(interleavedTable(results))}`,
    );
  }
  if (results.allocation.length > 0) {
    console.log(`\nAllocation per decision\n${consoleTable(allocationTable(results))}`);
  }
  if (results.decisions.some((d) => d.family === 'peer')) {
    console.log(
      `\nramc compared with the peers (peer median / ramc median)\n${consoleTable(ratioTable(results))}`,
    );
  }
  console.log(`\nTargets\n${consoleTable(targetTable(checks))}`);
  console.log(`\n${baselineSummary(comparison)}`);
  if (comparison !== null && comparison.regressions.length > 0) {
    console.log(`Regressions:\n${consoleTable(changeTable(comparison.regressions))}`);
  }
  for (const note of results.notes) console.log(`note: ${note}`);
}

async function writeDocs(results: BenchResults, resultsFile: string): Promise<void> {
  const baseline = readResults(BASELINE);
  const comparison = baseline === null ? null : compareToBaseline(results, baseline);
  const existing = existsSync(DOC) ? readFileSync(DOC, 'utf8') : null;
  const generated = generatedSection(results, checkTargets(results), comparison, resultsFile);
  writeFileSync(DOC, `${handWritten(existing).trimEnd()}\n\n${generated}`);
  writeFileSync(CHART, await latencyChartSvg(results));
  console.log('Wrote docs/benchmarks.md and docs/benchmarks-latency.svg');
}

async function main(args: string[]): Promise<number> {
  const renderAt = args.indexOf('--render');
  if (renderAt >= 0) {
    const file = args[renderAt + 1];
    const results = file === undefined ? null : readResults(file);
    if (file === undefined || results === null) {
      console.error(
        `--render needs a results file of schema ${RESULTS_SCHEMA}, e.g. bench/results/<time>.json`,
      );
      return 2;
    }
    printSummary(results);
    await writeDocs(results, relative(ROOT.pathname, file));
    return 0;
  }
  const unknown = args.filter((a) => a !== '--quick' && a !== '--update-baseline');
  if (unknown.length > 0) {
    console.error(`unknown option ${unknown[0]}; use --quick, --update-baseline or --render FILE`);
    return 2;
  }
  const results = await measure(args.includes('--quick'));
  const file = writeResults(results, RESULTS_DIR);
  const shown = relative(ROOT.pathname, file);
  if (args.includes('--update-baseline')) copyFileSync(file, BASELINE);
  printSummary(results);
  console.log(
    `Wrote ${shown}${args.includes('--update-baseline') ? ' and stored it as bench/baseline.json' : ''}`,
  );
  if (results.kind === 'full') await writeDocs(results, shown);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`\nThe benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
