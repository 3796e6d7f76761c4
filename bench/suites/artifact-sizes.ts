import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { WasmEngine } from '../engines/wasm-engine.js';
import type { Artifacts, SizeRow } from '../report/results.js';

const ROOT = new URL('../../', import.meta.url);

function sizes(bytes: Uint8Array): SizeRow {
  return { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

/** The entry bundled with its imports, minified, as a host's bundler would ship it (ESM, no Node APIs). */
async function bundled(entry: string): Promise<SizeRow> {
  const result = await build({
    entryPoints: [new URL(entry, ROOT).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`esbuild produced nothing for ${entry}`);
  return sizes(output.contents);
}

/** Sizes of what ramc ships: runtime/index.ts, and runtime/wasm.ts and the built module when they exist. */
export async function artifactSizes(wasm: WasmEngine | null, notes: string[]): Promise<Artifacts> {
  const runtimeJs = await bundled('runtime/index.ts');
  let wasmGlueJs: SizeRow | null = null;
  if (existsSync(new URL('runtime/wasm.ts', ROOT))) {
    try {
      wasmGlueJs = await bundled('runtime/wasm.ts');
    } catch (cause) {
      notes.push(`runtime/wasm.ts could not be bundled for a neutral platform: ${(cause as Error).message}`);
    }
  }
  const path = wasm?.modulePath ?? null;
  const wasmModule =
    path !== null && existsSync(path)
      ? { path: relative(ROOT.pathname, path), ...sizes(readFileSync(path)) }
      : null;
  if (wasm !== null && wasmModule === null)
    notes.push('no built .wasm file was found: its size is not reported');
  return { runtimeJs, wasmGlueJs, wasmModule };
}
