/**
 * One instance of the WebAssembly decision core (assembly/), seen through its ABI
 * (runtime/wasm-layout.ts): load a bundle, optionally a session-policy bundle, then reserve the request
 * buffer, write a request into it and decide. Knows nothing of requests' JSON form.
 */
import { ABI_MAJOR, ABI_MINOR, LOAD_OUT_OF_MEMORY } from './wasm-layout.js';

/** The exports of ramc.wasm. */
interface CoreExports {
  memory: WebAssembly.Memory;
  abiVersion(): number;
  reserveBundle(bytes: number): number;
  loadBundle(bytes: number): number;
  reserveSession(bytes: number): number;
  loadSession(bytes: number): number;
  reserveRequest(bytes: number): number;
  decide(): number;
}

const EXPORTS = [
  'abiVersion',
  'reserveBundle',
  'loadBundle',
  'reserveSession',
  'loadSession',
  'reserveRequest',
  'decide',
] as const;

/** Thrown when the module is not a ramc core of a compatible ABI. */
export class WasmCoreError extends Error {
  override readonly name = 'WasmCoreError';
}

export class WasmCore {
  readonly #exports: CoreExports;
  #buffer: ArrayBuffer;
  /**
   * Views of the whole linear memory; refreshed when memory grows. The typed arrays use the platform's
   * byte order, so `instantiate` refuses big-endian platforms (Wasm memory is little-endian).
   */
  view: DataView;
  units: Uint16Array;
  words: Uint32Array;
  signed: Int32Array;
  doubles: Float64Array;
  /** The request buffer and its size, while valid (a load or a larger request moves it). */
  #requestAt = 0;
  #requestCapacity = 0;
  /** Counts the placements of the request buffer: what a host kept in it is gone when this changes. */
  placements = 0;

  private constructor(exports: CoreExports) {
    this.#exports = exports;
    this.#buffer = exports.memory.buffer;
    this.view = new DataView(this.#buffer);
    this.units = new Uint16Array(this.#buffer);
    this.words = new Uint32Array(this.#buffer);
    this.signed = new Int32Array(this.#buffer);
    this.doubles = new Float64Array(this.#buffer);
  }

  /** Instantiates a compiled ramc.wasm; rejects with a WasmCoreError for another module or ABI. */
  static async instantiate(module: WebAssembly.Module): Promise<WasmCore> {
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
      throw new WasmCoreError(
        'this platform is big-endian; the ramc Wasm host needs a little-endian one (use ramc/runtime)',
      );
    }
    const instance = await WebAssembly.instantiate(module, {});
    const exports = instance.exports as Record<string, unknown>;
    const missing = EXPORTS.filter((name) => typeof exports[name] !== 'function');
    if (!(exports.memory instanceof WebAssembly.Memory) || missing.length > 0) {
      throw new WasmCoreError('the WebAssembly module is not the ramc decision core (ramc.wasm)');
    }
    const core = exports as unknown as CoreExports;
    const version = core.abiVersion();
    if (version >>> 16 !== ABI_MAJOR || (version & 0xffff) < ABI_MINOR) {
      throw new WasmCoreError(
        `ramc.wasm has ABI ${version >>> 16}.${version & 0xffff}, but this host needs ${ABI_MAJOR}.${ABI_MINOR} or a ` +
          'later minor; use the ramc.wasm shipped with this version of ramc',
      );
    }
    return new WasmCore(core);
  }

  /** Bytes of linear memory in use (for tests that check memory stays flat). */
  get memoryBytes(): number {
    return this.#exports.memory.buffer.byteLength;
  }

  /** Makes `view` and `units` cover the current memory (it may have grown). */
  refresh(): void {
    // PERF: growing memory detaches the old buffer, so a non-empty one is still current.
    if (this.#buffer.byteLength !== 0) return;
    const buffer = this.#exports.memory.buffer;
    this.#buffer = buffer;
    this.view = new DataView(buffer);
    this.units = new Uint16Array(buffer);
    this.words = new Uint32Array(buffer);
    this.signed = new Int32Array(buffer);
    this.doubles = new Float64Array(buffer);
  }

  /** Loads the bundle; returns its load status (STATUS_OK = 0). */
  loadBundle(bytes: Uint8Array): number {
    this.#requestCapacity = 0;
    const at = this.#exports.reserveBundle(bytes.length);
    if (at === 0) return LOAD_OUT_OF_MEMORY;
    this.refresh();
    new Uint8Array(this.#buffer, at, bytes.length).set(bytes);
    return this.#exports.loadBundle(bytes.length);
  }

  /** Loads a session-policy bundle, or forgets it (null); returns its load status. */
  loadSession(bytes: Uint8Array | null): number {
    this.#requestCapacity = 0;
    if (bytes === null) return this.#exports.loadSession(0);
    const at = this.#exports.reserveSession(bytes.length);
    if (at === 0) return LOAD_OUT_OF_MEMORY;
    this.refresh();
    new Uint8Array(this.#buffer, at, bytes.length).set(bytes);
    return this.#exports.loadSession(bytes.length);
  }

  /** The request buffer, at least `bytes` long (views refreshed), or 0 when there is no room. */
  requestBuffer(bytes: number): number {
    if (bytes > this.#requestCapacity) {
      this.#requestAt = this.#exports.reserveRequest(bytes);
      this.#requestCapacity = this.#requestAt === 0 ? 0 : bytes;
      this.placements++;
      this.refresh();
    }
    return this.#requestAt;
  }

  /** The size of the request buffer `requestBuffer` last returned. */
  get requestCapacity(): number {
    return this.#requestCapacity;
  }

  /** Decides the request in the buffer; returns the result's address (views refreshed). */
  decide(): number {
    const at = this.#exports.decide();
    this.refresh();
    return at;
  }
}
