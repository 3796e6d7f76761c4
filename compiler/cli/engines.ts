import { loadBundle } from '../../runtime/index.js';
import type { Authorizer } from '../../runtime/types.js';
import { loadWasmBundle } from '../../runtime/wasm-node.js';
import { compile } from '../compile.js';
import { formatDiagnostic } from '../diagnostics.js';
import { loadModel } from '../model/load-model.js';
import { referenceAuthorizer } from '../reference/index.js';
import { UsageError } from './cli-io.js';
import { readBundleFile } from './read-bundle.js';

export const ENGINE_NAMES = ['ts', 'wasm', 'reference'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** A model file's path, or a bundle file's path. */
export type EngineSource = { model: string } | { bundle: string };

/** An engine ready to decide, or a message for standard error saying why not. */
export type BuiltEngine = { ok: true; authorizer: Authorizer } | { ok: false; message: string };

function modelErrors(path: string, diagnostics: Parameters<typeof formatDiagnostic>[0][]): BuiltEngine {
  const lines = diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  return {
    ok: false,
    message: `${lines.join('\n')}\nramc: ${path} has errors; fix them first (see ramc check)`,
  };
}

/** Loads bundle bytes into the TS runtime, or into the Wasm core (ramc.wasm next to the compiled runtime). */
async function bundleEngine(bytes: Uint8Array | string, name: 'ts' | 'wasm'): Promise<BuiltEngine> {
  if (typeof bytes === 'string') return { ok: false, message: bytes };
  try {
    return { ok: true, authorizer: name === 'wasm' ? await loadWasmBundle(bytes) : loadBundle(bytes) };
  } catch (error) {
    return {
      ok: false,
      message: `ramc: cannot load bundle: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** Builds the named engine from a model path or bundle bytes; asking the reference engine for a bundle is wrong usage. */
export async function buildEngine(name: EngineName, source: EngineSource): Promise<BuiltEngine> {
  if (name === 'reference') {
    // The reference engine interprets the model itself: a bundle holds too little for it.
    if (!('model' in source)) throw new UsageError('--engine reference needs --model');
    const loaded = loadModel(source.model);
    if (loaded.model === null) return modelErrors(source.model, loaded.diagnostics);
    return { ok: true, authorizer: referenceAuthorizer(loaded.model) };
  }
  if ('bundle' in source) return bundleEngine(readBundleFile(source.bundle), name);
  const compiled = compile(source.model);
  if (compiled.bundle === null) return modelErrors(source.model, compiled.diagnostics);
  return bundleEngine(compiled.bundle, name);
}
