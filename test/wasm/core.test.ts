import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { BundleError } from '../../runtime/bundle-error.js';
import { decodeBundle } from '../../runtime/decode.js';
import { NONE, STATUS_OK } from '../../runtime/format.js';
import { WasmCore, WasmCoreError } from '../../runtime/wasm-core.js';
import { keyNeeds } from '../../runtime/wasm-key-needs.js';
import {
  ABI_MAJOR,
  ABI_MINOR,
  CHECK_RESOURCE,
  ENTRY_FLAGS,
  ENTRY_VALUE,
  REQUEST_ACCOUNT_SET,
  REQUEST_CHECK_COUNT,
  REQUEST_CHECKS,
  REQUEST_CONTEXT,
  REQUEST_FLAG_SESSION,
  REQUEST_FLAGS,
  REQUEST_HEADER_BYTES,
  REQUEST_MAX_CHECKS,
  REQUEST_RESERVED,
  REQUEST_SESSION_SET,
  REQUEST_TOTAL,
  RESULT_BAD_REQUEST,
  RESULT_BAD_SESSION,
  RESULT_NO_BUNDLE,
  RESULT_OK,
  RESULT_STATUS,
} from '../../runtime/wasm-layout.js';
import { type CoreRequest, RequestWriter } from '../../runtime/wasm-request.js';
import { coreModule } from './core-module.js';

const ACME = compile('examples/acme/model.json').bundle as Uint8Array;
const DECODED = decodeBundle(ACME);

async function loadedCore(): Promise<WasmCore> {
  const core = await WasmCore.instantiate(await coreModule());
  expect(core.loadBundle(ACME)).toBe(STATUS_OK);
  return core;
}

/** A valid request (alice decrypting an Apollo key from the office), written into the core. */
function writeRequest(core: WasmCore): number {
  const request: CoreRequest = {
    root: false,
    accountSet: 0,
    groupSet: NONE,
    session: false,
    sessionSet: NONE,
    checks: [{ action: 'kms:Decrypt', resource: 'acs:kms:cn-hangzhou:1234567890123456:key/key-1' }],
    tags: new Map([['project', 'Apollo']]),
    context: new Map([['acs:sourceip', '203.0.113.7']]),
    principalArn: 'acs:ram::1234567890123456:user/alice',
    clockTime: () => '2026-11-27T10:00:00Z',
    needs: keyNeeds(DECODED),
  };
  expect(new RequestWriter(core).write(request)).toBe(true);
  return core.requestBuffer(0);
}

function status(core: WasmCore): number {
  return core.words[(core.decide() + RESULT_STATUS) >>> 2] as number;
}

describe('the Wasm core ABI', () => {
  it('reports its ABI version, and the host refuses a module that is not the core', async () => {
    const core = await WasmCore.instantiate(await coreModule());
    expect(core).toBeInstanceOf(WasmCore);
    const empty = await WebAssembly.compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    await expect(WasmCore.instantiate(empty)).rejects.toBeInstanceOf(WasmCoreError);
    expect([ABI_MAJOR, ABI_MINOR]).toEqual([1, 0]);
  });

  it('answers RESULT_NO_BUNDLE before a bundle is loaded, and after a refused one', async () => {
    const core = await WasmCore.instantiate(await coreModule());
    expect(status(core)).toBe(RESULT_NO_BUNDLE);
    expect(core.loadBundle(new Uint8Array([1, 2, 3]))).not.toBe(STATUS_OK);
    expect(status(core)).toBe(RESULT_NO_BUNDLE);
  });

  it('decides a valid request', async () => {
    const core = await loadedCore();
    writeRequest(core);
    expect(status(core)).toBe(RESULT_OK);
  });

  it('refuses every request that breaks the layout, without trapping', async () => {
    const core = await loadedCore();
    const cases: [string, number, number, number][] = [
      ['total shorter than the header', REQUEST_TOTAL, REQUEST_HEADER_BYTES - 4, RESULT_BAD_REQUEST],
      ['total beyond the buffer', REQUEST_TOTAL, 0x7fffffff, RESULT_BAD_REQUEST],
      ['an unknown flag', REQUEST_FLAGS, 8, RESULT_BAD_REQUEST],
      ['a reserved word that is not zero', REQUEST_RESERVED, 1, RESULT_BAD_REQUEST],
      ['an account set out of range', REQUEST_ACCOUNT_SET, 10_000, RESULT_BAD_REQUEST],
      ['a negative account set other than NONE', REQUEST_ACCOUNT_SET, -2, RESULT_BAD_REQUEST],
      ['a session set without the session flag', REQUEST_SESSION_SET, 0, RESULT_BAD_REQUEST],
      ['the session flag without a session bundle', REQUEST_FLAGS, REQUEST_FLAG_SESSION, RESULT_BAD_SESSION],
      ['too many checks', REQUEST_CHECK_COUNT, REQUEST_MAX_CHECKS + 1, RESULT_BAD_REQUEST],
      ['checks past the end', REQUEST_CHECK_COUNT, 1000, RESULT_BAD_REQUEST],
      ['misaligned checks', REQUEST_CHECKS, REQUEST_HEADER_BYTES + 4, RESULT_BAD_REQUEST],
      ['context records past the end', REQUEST_CONTEXT, 0xfffffff8, RESULT_BAD_REQUEST],
    ];
    for (const [what, field, value, expected] of cases) {
      const at = writeRequest(core);
      core.signed[(at + field) >>> 2] = value;
      expect(status(core), what).toBe(expected);
    }
    const at = writeRequest(core);
    const checks = at + (core.words[(at + REQUEST_CHECKS) >>> 2] as number);
    const strings: [string, number, number][] = [
      ['an odd string offset', checks + CHECK_RESOURCE, 101],
      ['a string running past the end', checks + CHECK_RESOURCE + 4, 0x40000000],
    ];
    for (const [what, field, value] of strings) {
      writeRequest(core);
      core.words[field >>> 2] = value;
      expect(status(core), what).toBe(RESULT_BAD_REQUEST);
    }
    const context = at + (core.words[(at + REQUEST_CONTEXT) >>> 2] as number);
    writeRequest(core);
    core.words[(context + ENTRY_FLAGS) >>> 2] = 16;
    expect(status(core), 'an unknown entry flag').toBe(RESULT_BAD_REQUEST);
    writeRequest(core);
    core.words[(context + ENTRY_VALUE + 4) >>> 2] = 0xffffffff;
    expect(status(core), 'an entry value past the end').toBe(RESULT_BAD_REQUEST);
  });

  it('never traps on random request bytes', async () => {
    const core = await loadedCore();
    const at = writeRequest(core);
    const size = 1024;
    expect(core.requestBuffer(size)).toBe(at);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(size / 4 - 1), fc.oneof(fc.nat(64), fc.nat({ max: size }), fc.integer())), {
          maxLength: 24,
        }),
        async (writes) => {
          writeRequest(core);
          for (const [word, value] of writes) core.signed[(at >>> 2) + word] = value;
          expect([RESULT_OK, RESULT_BAD_REQUEST, RESULT_BAD_SESSION]).toContain(status(core));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('refuses random and damaged bundles with the status of the TS runtime, without trapping', async () => {
    const core = await WasmCore.instantiate(await coreModule());
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 256 }),
          fc
            .tuple(fc.nat(ACME.length - 1), fc.uint8Array({ minLength: 1, maxLength: 8 }))
            .map(([at, bytes]) => {
              const copy = ACME.slice();
              copy.set(bytes.subarray(0, copy.length - at), at);
              return copy;
            }),
        ),
        async (bytes) => {
          let expected = STATUS_OK;
          try {
            decodeBundle(bytes);
          } catch (error) {
            expected = error instanceof BundleError ? error.status : -1;
          }
          expect(core.loadBundle(bytes)).toBe(expected);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
