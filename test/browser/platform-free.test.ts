import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { browserBundle } from './browser-bundle.js';

const ENTRIES = {
  'ramc/runtime': "export { loadBundle } from './runtime/index.js';",
  'ramc/wasm': "export { loadWasmBundle } from './runtime/wasm.js';",
};

describe('browser and edge builds import nothing from Node', () => {
  for (const [name, source] of Object.entries(ENTRIES)) {
    it(`${name} bundles for the browser platform without Node built-ins, process or Buffer`, async () => {
      // platform 'browser' makes any import of a Node built-in (node:fs, crypto, ...) fail the build.
      const bundle = await browserBundle(source);
      expect(bundle.inputs.filter((input) => input !== 'entry.ts' && !input.startsWith('runtime/'))).toEqual(
        [],
      );
      expect(bundle.code).not.toMatch(/\bprocess\s*\.|\bBuffer\b|\brequire\s*\(/);
      expect(gzipSync(bundle.code).length).toBeGreaterThan(1_000);
    });
  }

  it('fails the build when the browser entry reaches a Node built-in', async () => {
    await expect(browserBundle("export { loadWasmBundle } from './runtime/wasm-node.js';")).rejects.toThrow(
      /node:fs/,
    );
  });
});
