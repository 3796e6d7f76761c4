/**
 * What the measuring children of `npm run bench:instructions` and `npm run bench:cold` are given: their
 * program as plain JS, and the workload as files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { transformSync } from 'esbuild';
import { prepareWorkload } from './engines/prepare-workload.js';

/**
 * The child program `source` (a bench/ TypeScript file) compiled to plain JS in `dir`; returns its path. A
 * TypeScript loader in the measured process would only add its own work to what is measured.
 */
export function compileChild(source: string, dir: string): string {
  const { code } = transformSync(readFileSync(source, 'utf8'), {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    sourcefile: source,
  });
  const path = join(dir, basename(source).replace(/\.ts$/, '.mjs'));
  writeFileSync(path, code);
  return path;
}

/**
 * The generated workload of `size` statements compiled, written into `dir`: its bundle, its requests and
 * the reference engine's decisions on them. Returns the three paths in that order.
 */
export function writeWorkloadFiles(size: number, dir: string): [string, string, string] {
  const prepared = prepareWorkload(size);
  const write = (name: string, content: string | Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  return [
    write(`bundle-${size}.bin`, prepared.bundle),
    write(`requests-${size}.json`, JSON.stringify(prepared.workload.requests)),
    write(`expected-${size}.json`, JSON.stringify(prepared.expected)),
  ];
}
