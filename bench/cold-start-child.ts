/**
 * The program `npm run bench:cold` starts afresh for every measurement (compiled to plain JS first).
 * Usage: `cold-start-child.mjs <ts|wasm> <engine module> <ramc.wasm> <bundle file> <request.json> <decision>`.
 * Times what a host pays on a cold start: for the Wasm engine, compiling `ramc.wasm`; loading the bundle;
 * the first decision, which must be `decision`. Prints one JSON line of milliseconds.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Authorizer } from '../runtime/types.js';

type Load = (
  bytes: Uint8Array,
  options?: { module?: WebAssembly.Module },
) => Authorizer | Promise<Authorizer>;

async function main(args: string[]): Promise<void> {
  const [engine, modulePath, wasmPath, bundlePath, requestPath, expected] = args;
  if (expected === undefined) throw new Error('usage: see bench/cold-start-child.ts');
  const exported = (await import(pathToFileURL(modulePath ?? '').href)) as Record<string, unknown>;
  const load = (engine === 'wasm' ? exported.loadWasmBundle : exported.loadBundle) as Load;
  const bytes = new Uint8Array(readFileSync(bundlePath ?? ''));
  const request = JSON.parse(readFileSync(requestPath ?? '', 'utf8')) as unknown;
  const wasmBytes = engine === 'wasm' ? readFileSync(wasmPath ?? '') : null;
  const started = performance.now();
  const module = wasmBytes === null ? undefined : await WebAssembly.compile(wasmBytes);
  const compiled = performance.now();
  const authorizer = await load(bytes, module === undefined ? undefined : { module });
  const loaded = performance.now();
  const decision = authorizer.authorize(request);
  const decided = performance.now();
  if (decision.decision !== expected) {
    throw new Error(`the first decision is ${decision.decision}, the reference engine's ${expected}`);
  }
  const times = { load: loaded - compiled, first: decided - loaded };
  console.log(JSON.stringify(module === undefined ? times : { compile: compiled - started, ...times }));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
