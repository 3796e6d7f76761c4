import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileChild, writeWorkloadFiles } from '../../bench/child-files.js';

const dir = mkdtempSync(join(tmpdir(), 'ramc-cold-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child of `npm run bench:cold` once, as the script does, on the built engines. */
function run(engine: 'ts' | 'wasm', expected?: string) {
  const child = compileChild('bench/cold-start-child.ts', dir);
  const [bundle, requestsPath, expectedPath] = writeWorkloadFiles(10, dir);
  const request = join(dir, 'request.json');
  writeFileSync(request, JSON.stringify((JSON.parse(readFileSync(requestsPath, 'utf8')) as unknown[])[0]));
  const decision = expected ?? (JSON.parse(readFileSync(expectedPath, 'utf8')) as string[])[0] ?? '';
  const module = engine === 'ts' ? 'dist/runtime/index.js' : 'dist/runtime/wasm-node.js';
  return spawnSync(
    process.execPath,
    [child, engine, module, 'dist/runtime/ramc.wasm', bundle, request, decision],
    {
      encoding: 'utf8',
    },
  );
}

describe('npm run bench:cold, one fresh process', () => {
  it('times loading and the first decision of each engine, and compiling ramc.wasm for the Wasm one', () => {
    const ts = run('ts');
    expect(ts.status, ts.stderr).toBe(0);
    expect(Object.keys(JSON.parse(ts.stdout))).toEqual(['load', 'first']);
    const wasm = run('wasm');
    expect(wasm.status, wasm.stderr).toBe(0);
    const times = JSON.parse(wasm.stdout) as Record<string, number>;
    expect(Object.keys(times)).toEqual(['compile', 'load', 'first']);
    for (const ms of Object.values(times)) expect(ms).toBeGreaterThan(0);
  });

  it("fails when the first decision is not the reference engine's", () => {
    const wrong = run('ts', 'NoSuchDecision');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/the first decision is \w+, the reference engine's NoSuchDecision/);
  });
});
