/**
 * Bundle engines on damaged bundles: for two engines that load bundle bytes (TS and Wasm), a bundle
 * with flipped, overwritten or cut bytes is either refused by both or decides every request alike.
 */
import { equal } from 'node:assert/strict';
import fc from 'fast-check';
import type { Authorizer } from '../../runtime/types.js';
import { scenarioArb } from '../arbitraries.js';
import { compileOrThrow, type Engine } from '../engines.js';
import { reseal as resealBundle } from '../forged-bundles.js';
import { assertAgreement } from './agreement.js';
import { NOW } from './properties.js';

type Loaded = { ok: true; authorizer: Authorizer } | { ok: false; reason: string };

async function tryLoad(engine: Engine, bytes: Uint8Array): Promise<Loaded> {
  try {
    const authorizer = await engine.load?.(bytes.slice(), { now: () => NOW });
    return authorizer === undefined ? { ok: false, reason: 'no load' } : { ok: true, authorizer };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** [kind, position, byte]: 0 flips the low bit, 1 overwrites the byte, 2 cuts the bundle there. */
type ByteEdit = [number, number, number];

/**
 * Applies the edits; with `reseal`, writes a fresh checksum afterwards (as a forger who knows the
 * algorithm would), so the damage reaches the engines' structural checks instead of the checksum.
 */
export function damage(bundle: Uint8Array, edits: readonly ByteEdit[], reseal: boolean): Uint8Array {
  let bytes = bundle.slice();
  for (const [kind, position, value] of edits) {
    const at = position % Math.max(bytes.length, 1);
    if (kind === 2) bytes = bytes.slice(0, at);
    else if (at < bytes.length) bytes[at] = kind === 0 ? (bytes[at] as number) ^ 1 : value;
  }
  return reseal ? resealBundle(bytes) : bytes;
}

/** Pairs (first bundle engine, each other bundle engine) of `engines`: empty until there are two. */
export function bundleEngineSets(engines: readonly Engine[]): [Engine, Engine][] {
  const [first, ...others] = engines.filter((engine) => engine.load !== undefined);
  return first === undefined ? [] : others.map((other) => [first, other]);
}

/** `a` ≡ `b` on damaged bundles: both refuse, or both load and decide every request alike. */
export function mutatedBundlesAgree(a: Engine, b: Engine) {
  // Mostly one resealed edit: a third of those still load, so the engines get to decide on them.
  const editArb = fc.tuple(fc.constantFrom(0, 0, 0, 1, 1, 1, 2), fc.nat(100_000), fc.nat(255));
  return fc.asyncProperty(
    scenarioArb,
    fc.oneof({ weight: 3, arbitrary: fc.tuple(editArb) }, fc.array(editArb, { minLength: 2, maxLength: 3 })),
    fc.constantFrom(true, true, true, false),
    async ({ model, requests }, edits, reseal) => {
      const bytes = damage(compileOrThrow(model), edits, reseal);
      const [left, right] = [await tryLoad(a, bytes), await tryLoad(b, bytes)];
      const state = (l: Loaded): string => (l.ok ? 'loads it' : `refuses it (${l.reason})`);
      equal(
        left.ok,
        right.ok,
        `on the damaged bundle ${a.name} ${state(left)} but ${b.name} ${state(right)}`,
      );
      if (!left.ok || !right.ok) return;
      for (const request of requests) {
        const label = `${b.name} vs ${a.name} on a damaged bundle, request ${JSON.stringify(request)}`;
        const want = left.authorizer.authorize(structuredClone(request));
        assertAgreement(
          want,
          right.authorizer.authorize(structuredClone(request)),
          b.listsEveryDecidingStatement,
          label,
        );
      }
    },
  );
}
