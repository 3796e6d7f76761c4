/**
 * The program `npm run bench:instructions` runs under valgrind (compiled to plain JS first, so no
 * TypeScript loader runs in the profiled process). Usage:
 * `instructions-child.mjs <ts|ts-bundled|wasm> <engine module> <bundle file> <requests.json> <expected.json> <warm-up> <decisions>`.
 * It loads the built engine, checks its decision on every request of the mix, warms it up, then decides
 * `decisions` requests; the parent subtracts a run with 0 decisions, so everything but that last loop
 * cancels out.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Authorizer, DecisionKind } from '../runtime/types.js';

type Load = (bytes: Uint8Array) => Authorizer | Promise<Authorizer>;

/** Decisions per call of `decide`: a multiple of the mix's size, so each call decides whole rounds of it. */
const CHUNK = 1_024;

/**
 * PERF: the loop is in a function, called for a chunk at a time, so V8 compiles it as a whole function.
 * A loop at the module's top level stays in the interpreter, and one long call is optimized on stack
 * (OSR), whose code callgrind counts under the baseline code that jumped into it; either would blur the
 * loop's own share. Requests cycle through the mix with a mask, the cheapest index there is.
 */
function decide(authorizer: Authorizer, requests: readonly unknown[], count: number): void {
  const mask = requests.length - 1;
  for (let i = 0; i < count; i++) authorizer.authorize(requests[i & mask]);
}

function decideMany(authorizer: Authorizer, requests: readonly unknown[], count: number): void {
  for (let done = 0; done < count; done += CHUNK) decide(authorizer, requests, Math.min(CHUNK, count - done));
}

async function main(args: string[]): Promise<void> {
  const [engine, modulePath, bundlePath, requestsPath, expectedPath, warmUp, decisions] = args;
  if (decisions === undefined) throw new Error('usage: see bench/instructions-child.ts');
  const exported = (await import(pathToFileURL(modulePath ?? '').href)) as Record<string, unknown>;
  const load = (engine === 'wasm' ? exported.loadWasmBundle : exported.loadBundle) as Load;
  const requests = JSON.parse(readFileSync(requestsPath ?? '', 'utf8')) as unknown[];
  const expected = JSON.parse(readFileSync(expectedPath ?? '', 'utf8')) as DecisionKind[];
  if (CHUNK % requests.length !== 0 || (requests.length & (requests.length - 1)) !== 0) {
    throw new Error(`the mix has ${requests.length} requests; the loop needs a power of two up to ${CHUNK}`);
  }
  const authorizer = await load(new Uint8Array(readFileSync(bundlePath ?? '')));
  requests.forEach((request, i) => {
    const { decision } = authorizer.authorize(request);
    if (decision !== expected[i]) {
      throw new Error(`request ${i}: the ${engine} engine decided ${decision}, the reference ${expected[i]}`);
    }
  });
  decideMany(authorizer, requests, Number(warmUp));
  decideMany(authorizer, requests, Number(decisions));
}

await main(process.argv.slice(2));
