import { compile } from '../compiler/compile.js';
import { formatDiagnostic } from '../compiler/diagnostics.js';
import { referenceAuthorizer } from '../compiler/reference/index.js';
import { loadBundle } from '../runtime/index.js';
import type { Authorizer } from '../runtime/types.js';
import { loadWasmBundle } from '../runtime/wasm.js';
import { coreModule } from './wasm/core-module.js';

/** What every engine accepts besides the model: the clock used when a request gives no `acs:CurrentTime`. */
export interface EngineOptions {
  now?: () => number;
}

/** An engine under conformance test: turns a case file's model into an `Authorizer`. */
export interface Engine {
  name: string;
  /** Builds the engine for one model; throws (or rejects) with a readable message when the model is refused. */
  prepare(model: object, options?: EngineOptions): Promise<Authorizer> | Authorizer;
  /**
   * Engines that run compiled bundles: loads bundle bytes directly (the differential suite feeds them
   * mutated bundles). Throws (or rejects) when the bytes are refused.
   */
  load?(bundle: Uint8Array, options?: EngineOptions): Promise<Authorizer> | Authorizer;
  /**
   * True when `deciding` lists every deciding statement even without `explain`. interfaces §3 lets an
   * engine name only some on its fast path; the differential suite then checks a non-empty subset.
   */
  listsEveryDecidingStatement: boolean;
  /**
   * Known gaps: case id (`<area>/<file>#<index>`, index 0-based) → why this engine fails it. Listed
   * cases run as expected failures, so a fixed gap shows up and must be removed from this list.
   */
  todo?: Record<string, string>;
}

/** Compiles a model object into bundle bytes; throws with the error diagnostics when it does not compile. */
export function compileOrThrow(model: object): Uint8Array {
  const { bundle, diagnostics } = compile(model);
  if (bundle !== null) return bundle;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  throw new Error(`The model does not compile:\n${errors.map(formatDiagnostic).join('\n')}`);
}

const tsLoad = (bundle: Uint8Array, options: EngineOptions = {}): Authorizer =>
  loadBundle(bundle, options.now === undefined ? {} : { now: options.now });

/** The Wasm engine, on the core compiled from the current assembly/ sources (not a stale dist/ file). */
const wasmLoad = async (bundle: Uint8Array, options: EngineOptions = {}): Promise<Authorizer> =>
  loadWasmBundle(bundle, {
    module: await coreModule(),
    ...(options.now === undefined ? {} : { now: options.now }),
  });

/** Every engine the conformance and differential suites run; new engines are appended here. */
export const ENGINES: Engine[] = [
  {
    name: 'reference',
    prepare: (model, options = {}) =>
      referenceAuthorizer(model, options.now === undefined ? {} : { now: options.now }),
    listsEveryDecidingStatement: true,
  },
  {
    name: 'ts',
    prepare: (model, options) => tsLoad(compileOrThrow(model), options),
    load: tsLoad,
    listsEveryDecidingStatement: true,
  },
  {
    name: 'wasm',
    prepare: (model, options) => wasmLoad(compileOrThrow(model), options),
    load: wasmLoad,
    listsEveryDecidingStatement: true,
  },
];
