import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../cli/run-cli.js';
import { coreBytes } from './core-module.js';

const MODEL = 'examples/acme/model.json';
const REQUESTS = 'examples/acme/requests.jsonl';

/** `ramc eval --engine wasm` loads dist/runtime/ramc.wasm, as `npm run build` writes it; write the current one. */
beforeAll(async () => {
  const dist = new URL('../../dist/runtime/', import.meta.url);
  mkdirSync(dist, { recursive: true });
  const partial = new URL(`ramc.wasm.${process.pid}.part`, dist);
  writeFileSync(partial, await coreBytes());
  renameSync(partial, new URL('ramc.wasm', dist));
});

describe('ramc eval --engine wasm', () => {
  it('decides the example requests from a model like the TS engine', async () => {
    const wasm = await runCli(['eval', '--model', MODEL, '--engine', 'wasm', '--requests', REQUESTS]);
    const ts = await runCli(['eval', '--model', MODEL, '--engine', 'ts', '--requests', REQUESTS]);
    expect(wasm.stderr).toBe('');
    expect(wasm.stdout).toBe(ts.stdout);
    expect(wasm.code).toBe(ts.code);
    expect(jsonLines(wasm.stdout)).toHaveLength(readFileSync(REQUESTS, 'utf8').trim().split('\n').length);
  });

  it('decides from a compiled bundle, with explanations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ramc-wasm-cli-'));
    const bundle = join(dir, 'acme.bundle');
    expect((await runCli(['compile', MODEL, '-o', bundle])).code).toBe(0);
    for (const extra of [[], ['--explain']]) {
      const args = ['eval', '--bundle', bundle, '--requests', REQUESTS, ...extra];
      const wasm = await runCli([...args, '--engine', 'wasm']);
      expect(wasm.stdout).toBe((await runCli([...args, '--engine', 'ts'])).stdout);
    }
  });

  it('refuses a damaged bundle with the reason, exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ramc-wasm-cli-'));
    const bundle = join(dir, 'cut.bundle');
    expect((await runCli(['compile', MODEL, '-o', bundle])).code).toBe(0);
    writeFileSync(bundle, readFileSync(bundle).subarray(0, 100));
    const result = await runCli(['eval', '--bundle', bundle, '--engine', 'wasm'], '');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot load bundle: the bundle is truncated/);
  });
});
