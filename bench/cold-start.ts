/**
 * `npm run bench:cold -- [--size N] [--runs N]`: what a cold start costs, as an edge worker or a fresh
 * CLI process pays it. Each run is a new Node process (bench/cold-start-child.ts) that loads one engine
 * and the bundle of the generated workload (5,000 statements by default) and decides one request; for the
 * Wasm engine it first compiles `ramc.wasm`, as a host does once per process. Prints the median and the
 * spread of 9 runs per engine by default. A warm process loads far faster: `npm run bench`, "Load".
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileChild, writeWorkloadFiles } from './child-files.js';
import { type ColdStart, coldStartTable } from './report/cold-start-table.js';
import { consoleTable, formatCount } from './report/table.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHILD_SOURCE = join(ROOT, 'bench/cold-start-child.ts');
const ENGINE_MODULES = { ts: 'dist/runtime/index.js', wasm: 'dist/runtime/wasm-node.js' };
const WASM = join(ROOT, 'dist/runtime/ramc.wasm');

interface Options {
  size: number;
  runs: number;
}

/** Reads the command line; a string is the error to print. */
function readOptions(args: readonly string[]): Options | string {
  const options: Options = { size: 5_000, runs: 9 };
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i];
    const value = Number(args[i + 1]);
    if (flag !== '--size' && flag !== '--runs') return `unknown option ${flag}; use --size N or --runs N`;
    if (!Number.isSafeInteger(value) || value <= 0)
      return `${flag} needs a positive integer, got ${args[i + 1]}`;
    if (flag === '--size') options.size = value;
    else options.runs = value;
  }
  return options;
}

/** One fresh process: its times, or an error naming what went wrong. */
function coldStart(child: string, args: string[]): ColdStart {
  const result = spawnSync(process.execPath, [child, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`a cold-start run failed: ${result.stderr.trim().slice(-2_000)}`);
  return JSON.parse(result.stdout) as ColdStart;
}

function main(args: string[]): number {
  const options = readOptions(args);
  if (typeof options === 'string') {
    console.error(`bench:cold: ${options}`);
    return 2;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ramc-cold-'));
  try {
    const child = compileChild(CHILD_SOURCE, dir);
    const [bundle, requestsPath, expectedPath] = writeWorkloadFiles(options.size, dir);
    const request = join(dir, 'request.json');
    writeFileSync(request, JSON.stringify((JSON.parse(readFileSync(requestsPath, 'utf8')) as unknown[])[0]));
    const expected = (JSON.parse(readFileSync(expectedPath, 'utf8')) as string[])[0] ?? '';
    const bytes = readFileSync(bundle).length;
    console.log(
      `Cold starts: ${formatCount(options.size)}-statement workload (bundle of ${formatCount(bytes)} bytes), ` +
        `${options.runs} fresh processes per engine`,
    );
    const runs = new Map<string, ColdStart[]>();
    for (const [engine, module] of Object.entries(ENGINE_MODULES)) {
      const starts: ColdStart[] = [];
      for (let run = 0; run < options.runs; run++) {
        starts.push(coldStart(child, [engine, join(ROOT, module), WASM, bundle, request, expected]));
      }
      runs.set(engine, starts);
    }
    console.log(consoleTable(coldStartTable(runs)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`\nbench:cold failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
