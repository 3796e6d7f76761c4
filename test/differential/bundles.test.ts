import fc from 'fast-check';
import { describe, it } from 'vitest';
import { ENGINES } from '../engines.js';
import { bundleEngineSets, mutatedBundlesAgree } from './bundle-properties.js';

const PAIRS = bundleEngineSets(ENGINES);

describe('differential: damaged bundles', () => {
  if (PAIRS.length === 0) {
    it.todo(
      'TS ≡ Wasm on damaged bundles: waits for a second bundle engine (runtime/wasm.ts) in test/engines.ts',
    );
  }
  for (const [a, b] of PAIRS) {
    it(`${a.name} and ${b.name} both refuse a damaged bundle, or decide alike on it`, async () => {
      await fc.assert(mutatedBundlesAgree(a, b), { numRuns: 150 });
    });
  }
});
