/**
 * `ramc/wasm` for browsers, edge workers and bundlers: decides requests with the WebAssembly core
 * (interfaces §6), behind the same `Authorizer` interface as `ramc/runtime`. No Node-only APIs.
 * Node resolves `ramc/wasm` to runtime/wasm-node.ts, which reads ramc.wasm from disk instead of fetching it.
 */
import type { Authorizer } from './types.js';
import { type LoadWasmBundleOptions, loadWithModule } from './wasm-load.js';

export { BundleError, type BundleErrorCode } from './bundle-error.js';
export type { AuthorizeOptions, Authorizer, Decision } from './types.js';
export { WasmCoreError } from './wasm-core.js';
export type { LoadWasmBundleOptions } from './wasm-load.js';

let fetched: Promise<WebAssembly.Module> | null = null;

/** Fetches and compiles the ramc.wasm next to this module, once. */
function defaultModule(): Promise<WebAssembly.Module> {
  fetched ??= (async () => {
    const url = new URL('./ramc.wasm', import.meta.url);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`cannot fetch ${url.href}: HTTP ${response.status}`);
    return WebAssembly.compile(await response.arrayBuffer());
  })();
  return fetched;
}

/**
 * Loads a decision bundle written by `ramc compile` into a new instance of the WebAssembly core and
 * resolves to its `Authorizer`, whose `authorize` never throws. Without `options.module`, compiles the
 * ramc.wasm served next to this module. Rejects with a `BundleError` for a bundle `loadBundle` would refuse.
 */
export async function loadWasmBundle(
  bytes: Uint8Array,
  options: LoadWasmBundleOptions = {},
): Promise<Authorizer> {
  const module = options.module ?? (await defaultModule());
  return loadWithModule(bytes, module, options.now ?? Date.now);
}
