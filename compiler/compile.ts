import { compileToIr } from './compile-ir.js';
import { type Diagnostic, diagnostic, hasErrors, sortDiagnostics, syntheticSpan } from './diagnostics.js';
import { BundleEncodeError } from './emit/bundle-encode-error.js';
import { encodeBundle } from './emit/encode.js';
import { loadModel, loadModelFromObject } from './model/load-model.js';
import type { AccountModel } from './model/types.js';

export interface CompileOptions {
  /** Print the IR after this pass (or after every pass with 'all') through `onDump`. */
  dumpAfter?: string;
  onDump?: (pass: string, text: string) => void;
  /** Receives the time each pass took. */
  timings?: { pass: string; ms: number }[];
}

export interface CompileResult {
  /** The decision bundle, or null when the model has errors. */
  bundle: Uint8Array | null;
  diagnostics: Diagnostic[];
}

/** Loads a model given as a path or a parsed object. */
export function loadAnyModel(model: string | object): {
  model: AccountModel | null;
  diagnostics: Diagnostic[];
} {
  return typeof model === 'string' ? loadModel(model) : loadModelFromObject(model);
}

/** Compiles an account model (a path to model.json, or the parsed object) into a decision bundle. */
export function compile(model: string | object, options: CompileOptions = {}): CompileResult {
  const loaded = loadAnyModel(model);
  const diagnostics = sortDiagnostics(loaded.diagnostics);
  if (loaded.model === null || hasErrors(diagnostics)) return { bundle: null, diagnostics };
  const irOptions: Parameters<typeof compileToIr>[1] = {};
  if (options.dumpAfter !== undefined) irOptions.dumpAfter = options.dumpAfter;
  if (options.onDump !== undefined) irOptions.onDump = options.onDump;
  if (options.timings !== undefined) irOptions.timings = options.timings;
  const ir = compileToIr(loaded.model, irOptions);
  try {
    return { bundle: encodeBundle(ir), diagnostics };
  } catch (error) {
    if (!(error instanceof BundleEncodeError)) throw error;
    const where = syntheticSpan(typeof model === 'string' ? model : '<model>');
    const help = 'Split the account into smaller models, or remove the character the message names.';
    return {
      bundle: null,
      diagnostics: [...diagnostics, diagnostic('BUNDLE_CANNOT_ENCODE', 'error', error.message, where, help)],
    };
  }
}
