/**
 * The ramc WebAssembly decision core: its exports are the ABI of runtime/wasm-layout.ts. The host writes
 * a bundle into the buffer `reserveBundle` returns and loads it; then, per decision, writes one request
 * into the buffer of `reserveRequest` and calls `decide`, which returns the pointer of the result.
 * Nothing here traps on any input: every failure is a status code.
 */
import { STATUS_OK } from '../runtime/format';
import {
  ABI_MAJOR,
  ABI_MINOR,
  LOAD_BAD_CALL,
  LOAD_OUT_OF_MEMORY,
  REQUEST_MAX_BYTES,
  RESULT_HEADER_BYTES,
  RESULT_NO_BUNDLE,
  RESULT_OK,
  RESULT_STATUS,
} from '../runtime/wasm-layout';
import { decideChecks } from './evaluate-check';
import { placeScratch } from './evaluate-set';
import { loadView } from './load';
import { align8, ensureMemory, heapStart } from './memory';
import { checkRequest } from './request';
import { clearView, MAIN, SESSION } from './view';

/** Room for a request before the host asks for more. */
const DEFAULT_REQUEST_BYTES: u32 = 4096;
/** Where `decide` reports a failure when no result buffer is placed yet. */
const NO_RESULT: usize = memory.data(RESULT_HEADER_BYTES, 8);

let bundleReserved: u32 = 0;
let sessionReserved: u32 = 0;
let requestAt: usize = 0;
let requestCapacity: u32 = 0;
let resultAt: usize = 0;

/** (ABI_MAJOR << 16) | ABI_MINOR. */
export function abiVersion(): i32 {
  return (ABI_MAJOR << 16) | ABI_MINOR;
}

/** A buffer of `bytes` bytes for the bundle (forgetting any loaded one), or 0 when out of memory. */
export function reserveBundle(bytes: u32): usize {
  clearView(MAIN);
  clearView(SESSION);
  bundleReserved = 0;
  resultAt = 0;
  const at = heapStart();
  if (!ensureMemory(<u64>at + <u64>bytes)) return 0;
  bundleReserved = bytes;
  return at;
}

/** Checks and indexes the `bytes` bytes written at `reserveBundle`'s buffer: a load status. */
export function loadBundle(bytes: u32): u32 {
  if (bytes > bundleReserved) return LOAD_BAD_CALL;
  const at = heapStart();
  const status = loadView(MAIN, at, bytes, <usize>align8(<u64>at + <u64>bytes));
  if (status !== STATUS_OK) return status;
  requestCapacity = DEFAULT_REQUEST_BYTES;
  if (!placeBuffers()) {
    clearView(MAIN);
    return LOAD_OUT_OF_MEMORY;
  }
  return STATUS_OK;
}

/** A buffer of `bytes` bytes for a session-policy bundle (forgetting any loaded one), or 0. */
export function reserveSession(bytes: u32): usize {
  clearView(SESSION);
  sessionReserved = 0;
  if (MAIN.loaded === 0 || !placeBuffers()) return 0;
  if (!ensureMemory(<u64>MAIN.end + <u64>bytes)) return 0;
  sessionReserved = bytes;
  return MAIN.end;
}

/**
 * Checks and indexes the session-policy bundle written at `reserveSession`'s buffer; `bytes` = 0 forgets
 * it. A load status; the buffers move, so the host asks `reserveRequest` again.
 */
export function loadSession(bytes: u32): u32 {
  if (MAIN.loaded === 0 || bytes > sessionReserved) return LOAD_BAD_CALL;
  let status = STATUS_OK;
  if (bytes === 0) clearView(SESSION);
  else status = loadView(SESSION, MAIN.end, bytes, <usize>align8(<u64>MAIN.end + <u64>bytes));
  sessionReserved = 0;
  if (!placeBuffers()) {
    clearView(SESSION);
    return LOAD_OUT_OF_MEMORY;
  }
  return status;
}

/** The request buffer, at least `bytes` long, or 0 when no bundle is loaded or memory cannot grow. */
export function reserveRequest(bytes: u32): usize {
  if (MAIN.loaded === 0 || bytes > <u32>REQUEST_MAX_BYTES) return 0;
  if (bytes > requestCapacity) {
    const before = requestCapacity;
    requestCapacity = <u32>align8(bytes);
    if (!placeBuffers()) {
      requestCapacity = before;
      placeBuffers();
      return 0;
    }
  }
  return requestAt;
}

/** Decides the request in the request buffer; returns the result pointer (its status says whether it holds a decision). */
export function decide(): usize {
  if (MAIN.loaded === 0 || resultAt === 0) {
    store<u32>(NO_RESULT + RESULT_STATUS, RESULT_NO_BUNDLE);
    return NO_RESULT;
  }
  const status = checkRequest(requestAt, requestCapacity, MAIN, SESSION);
  if (status !== RESULT_OK) {
    store<u32>(resultAt + RESULT_STATUS, status);
    return resultAt;
  }
  decideChecks(MAIN, SESSION, resultAt);
  return resultAt;
}

/** Places the scratch lists, the request buffer and the result after the loaded bundles. */
function placeBuffers(): bool {
  const end = SESSION.loaded !== 0 ? SESSION.end : MAIN.end;
  let most = MAIN.maxCandidates;
  if (SESSION.loaded !== 0 && SESSION.maxCandidates > most) most = SESSION.maxCandidates;
  const request = align8(<u64>end + ((<u64>most) << 3));
  const result = align8(request + <u64>requestCapacity);
  if (!ensureMemory(result + RESULT_HEADER_BYTES)) {
    resultAt = 0;
    return false;
  }
  placeScratch(end, most);
  requestAt = <usize>request;
  resultAt = <usize>result;
  return true;
}
