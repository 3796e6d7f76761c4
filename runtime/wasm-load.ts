/**
 * Loading a bundle into a fresh instance of the Wasm core, shared by the platform entry points
 * (runtime/wasm.ts for browsers and edge workers, runtime/wasm-node.ts for Node).
 */
import { BundleError } from './bundle-error.js';
import { decodeBundle } from './decode.js';
import { STATUS_NOT_A_BUNDLE, STATUS_OK, STATUS_TOO_LARGE } from './format.js';
import type { Authorizer } from './types.js';
import { WasmAuthorizer } from './wasm-authorizer.js';
import { WasmCore } from './wasm-core.js';
import { hostTables } from './wasm-host-tables.js';
import { LOAD_OUT_OF_MEMORY } from './wasm-layout.js';

export interface LoadWasmBundleOptions {
  /**
   * The compiled ramc.wasm. Give it where compiling at request time is forbidden or the file cannot be
   * found next to the module (edge workers, bundlers); compile it once and share it across bundles.
   */
  module?: WebAssembly.Module;
  /** The clock for `acs:CurrentTime` when a request gives none, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

/**
 * Instantiates `module` and loads the bundle into it. The core checks the bundle with the same rules as
 * the TS runtime (test/wasm/agreement.test.ts holds them equal); the host then reads the names decisions
 * report from it. Rejects with a `BundleError` for a bundle the core refuses, with the TS runtime's message.
 */
export async function loadWithModule(
  bytes: Uint8Array,
  module: WebAssembly.Module,
  now: () => number,
): Promise<Authorizer> {
  if (!(bytes instanceof Uint8Array)) {
    throw new BundleError(
      STATUS_NOT_A_BUNDLE,
      'loadWasmBundle needs the bundle as a Uint8Array of its bytes',
    );
  }
  // A copy: the TS evaluator of explanations reads the bundle later, and the caller may reuse its array.
  const own = bytes.slice();
  const core = await WasmCore.instantiate(module);
  const status = core.loadBundle(own);
  if (status !== STATUS_OK) throw refusal(status, own);
  return new WasmAuthorizer(core, own, hostTables(own), now);
}

/** The error for a bundle the core refused: the TS runtime's own error when it refuses it the same way. */
function refusal(status: number, bytes: Uint8Array): BundleError {
  try {
    decodeBundle(bytes);
  } catch (error) {
    if (error instanceof BundleError && error.status === status) return error;
  }
  if (status === LOAD_OUT_OF_MEMORY) {
    return new BundleError(
      STATUS_TOO_LARGE,
      `the bundle (${bytes.length} bytes) does not fit in the memory this WebAssembly host allows`,
    );
  }
  return new BundleError(
    status,
    `the WebAssembly core refused the bundle with status ${status}; recompile it with the ramc that ships this runtime`,
  );
}
