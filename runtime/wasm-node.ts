/**
 * `ramc/wasm` under Node: runtime/wasm.ts, with ramc.wasm read from disk (Node's fetch cannot read files).
 */
import { readFile } from 'node:fs/promises';
import type { Authorizer } from './types.js';
import { type LoadWasmBundleOptions, loadWithModule } from './wasm-load.js';

export { BundleError, type BundleErrorCode } from './bundle-error.js';
export type { AuthorizeOptions, Authorizer, Decision } from './types.js';
export { WasmCoreError } from './wasm-core.js';
export type { LoadWasmBundleOptions } from './wasm-load.js';

/**
 * Where ramc.wasm is: next to the compiled module (dist/runtime/), or, when running from source, in
 * dist/runtime/ after `npm run build`.
 */
const CANDIDATES = [
  new URL('./ramc.wasm', import.meta.url),
  new URL('../dist/runtime/ramc.wasm', import.meta.url),
];

let compiled: Promise<WebAssembly.Module> | null = null;

/** Reads and compiles ramc.wasm, once. */
export function defaultWasmModule(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    for (const url of CANDIDATES) {
      const bytes = await readFile(url).catch(() => null);
      if (bytes !== null) return WebAssembly.compile(bytes);
    }
    throw new Error(`cannot find ramc.wasm at ${CANDIDATES[0]?.pathname}; build it with npm run build`);
  })();
  return compiled;
}

/** runtime/wasm.ts `loadWasmBundle`, with ramc.wasm read from disk when `options.module` is not given. */
export async function loadWasmBundle(
  bytes: Uint8Array,
  options: LoadWasmBundleOptions = {},
): Promise<Authorizer> {
  const module = options.module ?? (await defaultWasmModule());
  return loadWithModule(bytes, module, options.now ?? Date.now);
}
