/**
 * `npm run bench:instructions -- [--size N ...] [--engine ts|ts-bundled|wasm] [--top K] [--decisions N]
 * [--cache]`: instructions per decision of a built engine, counted by valgrind's callgrind, and the
 * functions they go to; with `--cache`, level-1 data-cache misses per decision instead, from callgrind's
 * cache simulation. An instruction count moves by about ±0.5% between runs where this VM's timings drift
 * 1.5–2×, so it can tell a 5% change apart. Each size runs the child (bench/instructions-child.ts) twice
 * in parallel under valgrind, with 0 and N decisions after the same load and warm-up; the difference
 * divided by N is what one decision costs. See docs/benchmarks.md, "Instructions per decision".
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { compileChild, writeWorkloadFiles } from './child-files.js';
import {
  type PerDecisionProfile,
  parseCallgrind,
  parsePerfMap,
  perDecision,
  shortName,
  symbolize,
} from './report/callgrind.js';
import { consoleTable, formatCount } from './report/table.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHILD_SOURCE = join(ROOT, 'bench/instructions-child.ts');
/**
 * The built entry each engine is decided through, as a host imports it. `ts-bundled` is the TS runtime as
 * an application bundler ships it: esbuild puts its modules into one, and turns their top-level
 * constants into variables, which V8 optimizes differently.
 */
const ENGINE_MODULES = {
  ts: 'dist/runtime/index.js',
  'ts-bundled': 'dist/runtime/index.js',
  wasm: 'dist/runtime/wasm-node.js',
} as const;
type Engine = keyof typeof ENGINE_MODULES;

function isEngine(name: string | undefined): name is Engine {
  return name !== undefined && Object.hasOwn(ENGINE_MODULES, name);
}

/** Decisions before the counted ones, in both runs: enough for V8 to optimize the decision path. */
const WARM_UP = 60_000;

/**
 * `--perf-basic-prof`: V8 writes /tmp/perf-<pid>.map, naming its JIT code by address.
 * `--interpreted-frames-native-stack`: each interpreted function gets its own copy of the interpreter's
 * entry, so that code has a name in the map too. `--predictable` and `--single-threaded`: no random
 * seeds, no background compiler or GC threads, so both runs do the same work in the same order.
 */
const NODE_FLAGS = [
  '--perf-basic-prof',
  '--interpreted-frames-native-stack',
  '--predictable',
  '--single-threaded',
];

interface Options {
  sizes: number[];
  engine: Engine;
  top: number;
  decisions: number;
  /** Count L1 data-cache misses (callgrind `--cache-sim=yes`) instead of instructions. */
  cache: boolean;
}

/** What a run counts: the callgrind events summed, the extra valgrind options, and how to name it. */
interface Counted {
  events: readonly string[];
  valgrind: readonly string[];
  name: string;
}

const INSTRUCTIONS: Counted = { events: ['Ir'], valgrind: [], name: 'instructions' };
/**
 * Reads and writes that miss the simulated level-1 data cache (valgrind takes its size from the CPU):
 * what a decision's data costs beyond its instructions, and what grows with the account when the count
 * of instructions does not.
 */
const CACHE_MISSES: Counted = {
  events: ['D1mr', 'D1mw'],
  valgrind: ['--cache-sim=yes'],
  name: 'L1 data-cache misses',
};

/** Reads the command line; a string is the error to print. */
function readOptions(args: readonly string[]): Options | string {
  const options: Options = { sizes: [], engine: 'ts', top: 25, decisions: 200_000, cache: false };
  const count = (flag: string, text: string | undefined): number | string => {
    const value = Number(text);
    return Number.isSafeInteger(value) && value > 0 ? value : `${flag} needs a positive integer, got ${text}`;
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (flag === '--size') {
      // `--size 10 5000`, `--size 10,5000` and `--size 10 --size 5000` all work.
      let values = 0;
      while (i + 1 < args.length && !args[i + 1]?.startsWith('--')) {
        for (const text of (args[++i] ?? '').split(',')) {
          const size = count(flag, text);
          if (typeof size === 'string') return size;
          options.sizes.push(size);
          values++;
        }
      }
      if (values === 0) return '--size needs a number of statements';
    } else if (flag === '--engine') {
      const engine = args[++i];
      if (!isEngine(engine)) return `--engine is ts, ts-bundled or wasm, got ${engine}`;
      options.engine = engine;
    } else if (flag === '--cache') {
      options.cache = true;
    } else if (flag === '--top' || flag === '--decisions') {
      const value = count(flag, args[++i]);
      if (typeof value === 'string') return value;
      if (flag === '--top') options.top = value;
      else options.decisions = value;
    } else {
      return `unknown option ${flag}; use --size N, --engine ts|ts-bundled|wasm, --top K, --decisions N or --cache`;
    }
  }
  if (options.sizes.length === 0) options.sizes = [10, 5_000];
  return options;
}

/** Valgrind's version line, or null when it is not installed. */
function valgrindVersion(): string | null {
  const result = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The module the child imports: the built entry, or for `ts-bundled` that entry bundled into `dir`. */
function engineModule(engine: Engine, dir: string): string {
  const entry = join(ROOT, ENGINE_MODULES[engine]);
  if (engine !== 'ts-bundled') return entry;
  const outfile = join(dir, 'runtime-bundled.mjs');
  buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

/**
 * Runs the child under callgrind in `dir` (V8 also leaves an `isolate-*-v8.log` in its working directory);
 * resolves to its pid, which names its perf map, once it exits cleanly.
 */
function runUnderValgrind(outFile: string, args: string[], dir: string, counted: Counted): Promise<number> {
  const valgrindArgs = ['--tool=callgrind', ...counted.valgrind, `--callgrind-out-file=${outFile}`];
  const child = spawn('valgrind', [...valgrindArgs, process.execPath, ...NODE_FLAGS, ...args], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8_000);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && child.pid !== undefined) resolve(child.pid);
      else {
        if (child.pid !== undefined) removePerfMap(child.pid);
        reject(new Error(`the child under valgrind exited with ${code}:\n${stderr.trim().slice(-2_000)}`));
      }
    });
  });
}

/**
 * V8 always writes its perf map to /tmp, whatever TMPDIR says. Under valgrind the program keeps the pid
 * it was started with (callgrind records the same one as `pid:`).
 */
const perfMapPath = (pid: number) => `/tmp/perf-${pid}.map`;

function removePerfMap(pid: number): void {
  if (existsSync(perfMapPath(pid))) unlinkSync(perfMapPath(pid));
}

/** One run's self cost per readable function name. */
function readRun(outFile: string, pid: number, dir: string, counted: Counted): Map<string, number> {
  const profile = parseCallgrind(readFileSync(outFile, 'utf8'), counted.events);
  return symbolize(profile, parsePerfMap(readFileSync(perfMapPath(pid), 'utf8')), {
    paths: [
      [ROOT, ''],
      [`${dir}/`, '<tmp>/'],
    ],
  });
}

/** Both runs of one size, in parallel (one per core), and their difference per decision. */
async function measure(
  size: number,
  options: Options,
  child: string,
  module: string,
  dir: string,
  counted: Counted,
): Promise<PerDecisionProfile> {
  const files = writeWorkloadFiles(size, dir);
  const args = (decisions: number) => [
    child,
    options.engine,
    module,
    ...files,
    String(WARM_UP),
    String(decisions),
  ];
  const idleOut = join(dir, `callgrind-${size}-0.out`);
  const busyOut = join(dir, `callgrind-${size}-${options.decisions}.out`);
  // Settled, not all: when one run fails, the other's perf map must still be removed once it ends.
  const [idle, busy] = await Promise.allSettled([
    runUnderValgrind(idleOut, args(0), dir, counted),
    runUnderValgrind(busyOut, args(options.decisions), dir, counted),
  ]);
  try {
    if (idle.status === 'rejected') throw idle.reason;
    if (busy.status === 'rejected') throw busy.reason;
    return perDecision(
      readRun(idleOut, idle.value, dir, counted),
      readRun(busyOut, busy.value, dir, counted),
      options.decisions,
    );
  } finally {
    for (const run of [idle, busy]) if (run.status === 'fulfilled') removePerfMap(run.value);
  }
}

/** Wide enough for the runtime's `*name dist/runtime/file.js:line`, and C++ names without arguments. */
const NAME_WIDTH = 100;

function printProfile(profile: PerDecisionProfile, top: number, counted: Counted): void {
  const shown = profile.functions.slice(0, top);
  const rest = profile.functions.slice(top);
  const restTotal = rest.reduce((sum, f) => sum + f.perDecision, 0);
  const percent = (share: number) => `${(100 * share).toFixed(1)}%`;
  const digits = counted === INSTRUCTIONS ? 1 : 2;
  const rows = shown.map((f) => [
    shortName(f.name, NAME_WIDTH),
    f.perDecision.toFixed(digits),
    percent(f.share),
  ]);
  if (rest.length > 0) {
    const share = profile.total === 0 ? 0 : restTotal / profile.total;
    rows.push([`${formatCount(rest.length)} other functions`, restTotal.toFixed(digits), percent(share)]);
  }
  console.log(
    consoleTable({ header: [`function (self ${counted.name} per decision)`, 'count', 'share'], rows }),
  );
}

async function main(args: string[]): Promise<number> {
  const options = readOptions(args);
  if (typeof options === 'string') {
    console.error(options);
    return 2;
  }
  const valgrind = valgrindVersion();
  if (valgrind === null) {
    console.error(
      'bench:instructions needs valgrind, which is not installed (or not on PATH).\n' +
        'Install it with `apt-get install valgrind` on Debian or Ubuntu (the package is called valgrind\n' +
        'elsewhere too), then run this again.',
    );
    return 2;
  }
  const module = ENGINE_MODULES[options.engine];
  if (!existsSync(join(ROOT, module))) {
    console.error(`${module} does not exist: build it with npm run build`);
    return 2;
  }
  const counted = options.cache ? CACHE_MISSES : INSTRUCTIONS;
  console.log(
    `${options.engine} engine (${module}) under ${valgrind}, counting ${counted.name}: ` +
      `${formatCount(options.decisions)} decisions after ${formatCount(WARM_UP)} warm-up ones, less a run with none`,
  );
  const totals: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'ramc-instructions-'));
  try {
    const child = compileChild(CHILD_SOURCE, dir);
    const engine = engineModule(options.engine, dir);
    for (const size of options.sizes) {
      const started = performance.now();
      const profile = await measure(size, options, child, engine, dir, counted);
      const seconds = (performance.now() - started) / 1e3;
      const total = counted === INSTRUCTIONS ? formatCount(profile.total) : profile.total.toFixed(1);
      console.log(
        `\n${formatCount(size)} statements: ${total} ${counted.name} per decision (${seconds.toFixed(0)} s)`,
      );
      printProfile(profile, options.top, counted);
      totals.push(`${formatCount(size)} statements: ${total}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (totals.length > 1) {
    const name = counted.name.charAt(0).toUpperCase() + counted.name.slice(1);
    console.log(`\n${name} per decision (${options.engine}): ${totals.join('; ')}`);
  }
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`\nbench:instructions failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
