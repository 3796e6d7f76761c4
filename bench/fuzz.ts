/**
 * `npm run fuzz`: the differential properties of test/differential/ with many more runs than `npm test`.
 *
 *   npm run fuzz                          every property, FUZZ_RUNS (default 20,000) runs each
 *   npm run fuzz -- --runs 200000         more runs
 *   npm run fuzz -- --only engines        properties whose name contains "engines"
 *   npm run fuzz -- --seed 42 --path 3:1  replay a failure fast-check reported
 *
 * Exits 1 on the first failing property, after printing fast-check's report: the seed, the path and the
 * shrunk counterexample. Turn a counterexample that found a bug into a case under test/cases/regressions/.
 */
import fc from 'fast-check';
import { bundleEngineSets, mutatedBundlesAgree } from '../test/differential/bundle-properties.js';
import {
  counters,
  enginesAgree,
  globMatchesRegex,
  modelsRejectedAlike,
  parsePrintRoundTrip,
} from '../test/differential/properties.js';
import { ENGINES } from '../test/engines.js';

interface FuzzOptions {
  runs: number;
  only: string | undefined;
  seed: number | undefined;
  path: string | undefined;
}

function readOptions(argv: readonly string[]): FuzzOptions {
  const value = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    return at < 0 ? undefined : argv[at + 1];
  };
  const number = (flag: string, fallback: string | undefined): number | undefined => {
    const text = value(flag) ?? fallback;
    if (text === undefined) return undefined;
    const parsed = Number(text);
    if (!Number.isSafeInteger(parsed)) throw new Error(`${flag} must be an integer, got ${text}`);
    return parsed;
  };
  return {
    runs: number('--runs', process.env.FUZZ_RUNS) ?? 20_000,
    only: value('--only'),
    seed: number('--seed', undefined),
    path: value('--path'),
  };
}

interface RunParameters {
  numRuns: number;
  seed: number;
  path?: string;
}

/** Runs one property; resolves to fast-check's failure report, or null when it held. */
type Runner = (parameters: RunParameters) => Promise<string | null>;

function runner<Ts>(property: fc.IRawProperty<Ts>): Runner {
  return async (parameters) => {
    const details = await fc.check(property, parameters);
    return details.failed ? (fc.defaultReportMessage(details) ?? 'the property failed') : null;
  };
}

function properties(): [string, Runner][] {
  const compared = ENGINES.filter((engine) => engine.name !== 'reference');
  const list: [string, Runner][] = [
    [
      `engines agree (reference ≡ ${compared.map((e) => e.name).join(' ≡ ')})`,
      runner(enginesAgree(compared)),
    ],
    ['models rejected alike', runner(modelsRejectedAlike())],
    ['glob ≡ regex', runner(globMatchesRegex())],
    ['parse(print(policy)) ≡ policy', runner(parsePrintRoundTrip())],
  ];
  for (const [a, b] of bundleEngineSets(ENGINES)) {
    list.push([`mutated bundles: ${a.name} ≡ ${b.name}`, runner(mutatedBundlesAgree(a, b))]);
  }
  return list;
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  const selected = properties().filter(([name]) => options.only === undefined || name.includes(options.only));
  if (selected.length === 0) {
    console.error(`no property name contains "${options.only}"`);
    return 2;
  }
  for (const [name, run] of selected) {
    const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
    const parameters: RunParameters = { numRuns: options.runs, seed };
    if (options.path !== undefined) parameters.path = options.path;
    console.log(`${name}: ${options.runs} runs, seed ${seed}`);
    const started = performance.now();
    const before = counters.cases;
    const failure = await run(parameters);
    if (failure !== null) {
      console.error(failure);
      return 1;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const cases = counters.cases - before;
    console.log(`  passed in ${seconds} s${cases > 0 ? ` (${cases} model/request cases)` : ''}`);
  }
  return 0;
}

process.exitCode = await main();
