import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Authorizer } from '../../runtime/types.js';

/** The WebAssembly engine, when the repository has its host glue and a built module. */
export interface WasmEngine {
  /** `loadWasmBundle` with the precompiled module, as edge hosts call it (compiling is not part of a load). */
  load(bytes: Uint8Array): Promise<Authorizer>;
  /** The built .wasm file the module was compiled from. */
  modulePath: string;
}

export type WasmLookup = { ok: true; engine: WasmEngine } | { ok: false; reason: string };

type LoadWasmBundle = (bytes: Uint8Array, options: { module: WebAssembly.Module }) => Promise<Authorizer>;

const ROOT = new URL('../../', import.meta.url);
/** Node's entry first (it reads the module from disk), then the portable one. */
const GLUE = ['runtime/wasm-node.ts', 'runtime/wasm.ts'];

/** Every .wasm file under the folders a build writes to; `ramc.wasm` and release builds first. */
function wasmFiles(): string[] {
  const found: string[] = [];
  const visit = (dir: string, depth: number) => {
    if (!existsSync(dir) || depth > 3) return;
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) visit(path, depth + 1);
      else if (entry.endsWith('.wasm')) found.push(path);
    }
  };
  for (const dir of ['dist', 'build', 'runtime', 'assembly']) visit(new URL(dir, ROOT).pathname, 0);
  const rank = (path: string) =>
    path.endsWith('ramc.wasm') ? 0 : /release/i.test(path) ? 1 : /debug/i.test(path) ? 3 : 2;
  return found.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Finds the Wasm engine; when it cannot be run, the reason is printed and the suites skip it. */
export async function findWasmEngine(): Promise<WasmLookup> {
  const glue = GLUE.find((path) => existsSync(new URL(path, ROOT)));
  if (glue === undefined) return { ok: false, reason: 'runtime/wasm.ts does not exist yet' };
  let exported: { loadWasmBundle?: unknown };
  try {
    exported = (await import(pathToFileURL(new URL(glue, ROOT).pathname).href)) as typeof exported;
  } catch (cause) {
    return { ok: false, reason: `${glue} failed to load: ${cause instanceof Error ? cause.message : cause}` };
  }
  if (typeof exported.loadWasmBundle !== 'function')
    return { ok: false, reason: `${glue} exports no loadWasmBundle` };
  const loadWasmBundle = exported.loadWasmBundle as LoadWasmBundle;
  const modulePath = wasmFiles()[0];
  if (modulePath === undefined) {
    return {
      ok: false,
      reason: `${glue} exists but no built .wasm was found under dist/ or build/ (npm run build)`,
    };
  }
  let module: WebAssembly.Module;
  try {
    module = new WebAssembly.Module(readFileSync(modulePath));
  } catch (cause) {
    return {
      ok: false,
      reason: `${modulePath} does not compile: ${cause instanceof Error ? cause.message : cause}`,
    };
  }
  return { ok: true, engine: { load: (bytes) => loadWasmBundle(bytes, { module }), modulePath } };
}
