import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kmsAccount } from '../../bench/workloads/kms-account.js';
import { compile } from '../../compiler/compile.js';
import { BundleError } from '../../runtime/bundle-error.js';
import {
  CANDIDATE_WORDS,
  HEADER_BYTES,
  HEADER_CHECKSUM,
  HEADER_SECTION_COUNT,
  HEADER_TOTAL_LENGTH,
  SECTION_CANDIDATES,
  SECTION_ENTRY_BYTES,
  SECTION_SETS,
  SET_CANDIDATES_COUNT,
  SET_CANDIDATES_START,
  STATUS_CHECKSUM_MISMATCH,
  STATUS_MALFORMED,
  STATUS_TRUNCATED,
} from '../../runtime/format.js';
import { loadBundle } from '../../runtime/index.js';
import type { Authorizer, Decision } from '../../runtime/types.js';
import { loadWasmBundle } from '../../runtime/wasm.js';
import { scenarioArb } from '../arbitraries.js';
import { reseal, sectionSpans } from '../forged-bundles.js';
import { coreModule } from './core-module.js';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const now = (): number => NOW;

async function engines(bundle: Uint8Array): Promise<{ ts: Authorizer; wasm: Authorizer }> {
  return {
    ts: loadBundle(bundle, { now }),
    wasm: await loadWasmBundle(bundle, { module: await coreModule(), now }),
  };
}

/** The engines must agree exactly: same decision object, deciding statements in the same order. */
function expectSame(wasm: Decision, ts: Decision, request: unknown): void {
  expect(wasm, `Wasm vs TS on ${JSON.stringify(request)}`).toEqual(ts);
}

describe('Wasm ≡ TS on generated models and requests', () => {
  it('decides 200 generated scenarios exactly like the TS runtime', async () => {
    let decided = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ model, requests }) => {
        const { bundle } = compile(model);
        // Some generated models cannot be encoded (e.g. unpaired surrogates); the compiler reports them.
        fc.pre(bundle !== null);
        const { ts, wasm } = await engines(bundle as Uint8Array);
        for (const request of requests) {
          expectSame(
            wasm.authorize(structuredClone(request)),
            ts.authorize(structuredClone(request)),
            request,
          );
          decided++;
        }
      }),
      { numRuns: 200 },
    );
    expect(decided).toBeGreaterThan(1_000);
  });

  it('decides the generated KMS account workload exactly like the TS runtime', async () => {
    const workload = kmsAccount(500);
    const { bundle } = compile(workload.model);
    const { ts, wasm } = await engines(bundle as Uint8Array);
    for (const request of workload.requests)
      expectSame(wasm.authorize(request), ts.authorize(request), request);
  });

  it('explains through the TS evaluator, so explanations are the same', async () => {
    const workload = kmsAccount(50);
    const { ts, wasm } = await engines(compile(workload.model).bundle as Uint8Array);
    for (const request of workload.requests.slice(0, 20)) {
      expectSame(
        wasm.authorize(request, { explain: true }),
        ts.authorize(request, { explain: true }),
        request,
      );
    }
  });
});

/** The status a runtime refuses a bundle with, or 'loads'. */
type Outcome = { loads: Authorizer } | { status: number };

async function outcome(load: () => Authorizer | Promise<Authorizer>): Promise<Outcome> {
  try {
    return { loads: await load() };
  } catch (error) {
    if (error instanceof BundleError) return { status: error.status };
    throw error;
  }
}

/** Words worth writing into a table: boundaries of counts and indexes, and NONE. */
const INTERESTING = [0, 1, 2, 3, 7, 8, 255, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

/**
 * A damaged bundle: a word inside a section (or the header and section table) overwritten, bytes
 * flipped, the bundle cut or extended; resealed with a fresh checksum unless `reseal` is false, so the
 * damage reaches the structural checks.
 */
const damageArb = fc.record({
  kind: fc.constantFrom('word', 'word', 'word', 'table', 'byte', 'cut', 'extend'),
  position: fc.nat(),
  value: fc.oneof(
    fc.constantFrom(...INTERESTING),
    fc.nat({ max: 64 }),
    fc.integer({ min: 0, max: 0xffffffff }),
  ),
  reseal: fc.boolean(),
});

type Damage = typeof damageArb extends fc.Arbitrary<infer T> ? T : never;

function damage(bundle: Uint8Array, d: Damage): Uint8Array {
  let bytes = bundle.slice();
  const view = new DataView(bytes.buffer);
  if (d.kind === 'word' || d.kind === 'table') {
    const tableEnd = HEADER_BYTES + view.getUint32(HEADER_SECTION_COUNT, true) * SECTION_ENTRY_BYTES;
    const start = d.kind === 'table' ? 16 : tableEnd;
    const end = d.kind === 'table' ? tableEnd : bytes.length;
    const at = start + (d.position % Math.max(1, Math.floor((end - start) / 4))) * 4;
    if (at + 4 <= bytes.length && at !== HEADER_CHECKSUM) view.setUint32(at, d.value >>> 0, true);
  } else if (d.kind === 'byte') {
    const at = d.position % bytes.length;
    bytes[at] = (bytes[at] as number) ^ (1 << (d.value % 8));
  } else if (d.kind === 'cut') {
    bytes = bytes.slice(0, d.position % bytes.length);
  } else {
    const longer = new Uint8Array(bytes.length + 1 + (d.value % 16));
    longer.set(bytes);
    bytes = longer;
  }
  return d.reseal ? reseal(bytes) : bytes;
}

describe('Wasm ≡ TS on damaged bundles', () => {
  const acme = compile('examples/acme/model.json').bundle as Uint8Array;
  const workload = kmsAccount(60);
  const account = compile(workload.model).bundle as Uint8Array;
  const requests = [...workload.requests.slice(0, 24), ...acmeRequests()];

  it('both refuse a damaged bundle with the same status, or both decide alike on it', async () => {
    const counts = { refused: 0, loaded: 0 };
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(acme, account), damageArb, async (bundle, d) => {
        const bytes = damage(bundle, d);
        const ts = await outcome(() => loadBundle(bytes.slice(), { now }));
        const wasm = await outcome(async () =>
          loadWasmBundle(bytes.slice(), { module: await coreModule(), now }),
        );
        if ('status' in ts || 'status' in wasm) {
          expect('status' in wasm ? wasm.status : 'loads', `Wasm vs TS on damage ${JSON.stringify(d)}`).toBe(
            'status' in ts ? ts.status : 'loads',
          );
          counts.refused++;
          if ('status' in ts) statuses.add(ts.status);
          return;
        }
        counts.loaded++;
        for (const request of requests)
          expectSame(wasm.loads.authorize(request), ts.loads.authorize(request), request);
      }),
      { numRuns: 400 },
    );
    // The damage must exercise both paths: refusals past the checksum (resealed), and bundles that still load.
    expect(counts.refused).toBeGreaterThan(100);
    expect(counts.loaded).toBeGreaterThan(10);
    expect([...statuses]).toEqual(
      expect.arrayContaining([STATUS_CHECKSUM_MISMATCH, STATUS_MALFORMED, STATUS_TRUNCATED]),
    );
  });

  it('both refuse a bad candidate row that no set points at', async () => {
    const bytes = acme.slice();
    const view = new DataView(bytes.buffer);
    const sectionAt = (id: number): number => sectionSpans(bytes).get(id)?.offset ?? Number.NaN;
    // Set 0 gives up its last row, which then names an action that does not exist.
    const set0 = sectionAt(SECTION_SETS) + 4;
    const rows = view.getUint32(set0 + SET_CANDIDATES_COUNT * 4, true);
    const last = view.getUint32(set0 + SET_CANDIDATES_START * 4, true) + rows - 1;
    view.setUint32(set0 + SET_CANDIDATES_COUNT * 4, rows - 1, true);
    view.setUint32(sectionAt(SECTION_CANDIDATES) + 4 + last * CANDIDATE_WORDS * 4, 9_999, true);
    reseal(bytes);
    const ts = await outcome(() => loadBundle(bytes.slice(), { now }));
    const wasm = await outcome(async () =>
      loadWasmBundle(bytes.slice(), { module: await coreModule(), now }),
    );
    expect('status' in ts ? ts.status : 'loads').toBe(STATUS_MALFORMED);
    expect('status' in wasm ? wasm.status : 'loads').toBe(STATUS_MALFORMED);
  });

  it('both checksum a bundle whose length is not a whole number of words alike', async () => {
    const seen = new Set<number | string>();
    for (const cut of [1, 2, 3, 5, 9, 13, 18]) {
      // Declared and actual lengths agree and the checksum is fresh: only the structure may be wrong.
      const bytes = acme.slice(0, acme.length - cut);
      new DataView(bytes.buffer).setUint32(HEADER_TOTAL_LENGTH, bytes.length, true);
      reseal(bytes);
      const ts = await outcome(() => loadBundle(bytes.slice(), { now }));
      const wasm = await outcome(async () =>
        loadWasmBundle(bytes.slice(), { module: await coreModule(), now }),
      );
      const status = 'status' in ts ? ts.status : 'loads';
      expect('status' in wasm ? wasm.status : 'loads', `${cut} bytes cut`).toBe(status);
      expect(status, `${cut} bytes cut`).not.toBe(STATUS_CHECKSUM_MISMATCH);
      seen.add(status);
    }
    // Cutting padding leaves a bundle that loads; cutting into the last section does not.
    expect([...seen].sort()).toEqual([STATUS_MALFORMED, 'loads']);
  });
});

function acmeRequests(): Record<string, unknown>[] {
  return [
    {
      principal: 'acs:ram::1234567890123456:user/alice',
      action: 'kms:Decrypt',
      resource: 'acs:kms:cn-hangzhou:1234567890123456:key/key-1',
      resourceTags: { Project: 'Apollo' },
      context: { 'acs:SourceIp': '203.0.113.7' },
    },
    { accessKeyId: 'LTAI5tBobExample0001', action: 'kms:ListKeys' },
    { principal: 'acs:ram::1234567890123456:root', action: 'kms:ScheduleKeyDeletion', resource: '*' },
    {
      principal: 'acs:ram::1234567890123456:user/bob',
      operation: 'ReEncrypt',
      region: 'cn-hangzhou',
      parameters: { SourceKeyId: 'key-a', DestinationKeyId: 'key-b' },
    },
  ];
}
