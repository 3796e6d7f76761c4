import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url);
const SOURCES = [
  ...readdirSync(new URL('assembly/', ROOT))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `assembly/${name}`),
  'runtime/format.ts',
  'runtime/wasm-layout.ts',
  'asconfig.json',
];

let compiled: Promise<WebAssembly.Module> | undefined;

/**
 * The release build of ramc.wasm compiled from the current sources (asconfig.json, target release), so
 * tests never run a stale dist/ file. Cached in the temporary directory by a hash of the sources, so the
 * test files running in parallel compile it once.
 */
export function coreModule(): Promise<WebAssembly.Module> {
  compiled ??= coreBytes().then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const path of SOURCES) hash.update(path).update(readFileSync(new URL(path, ROOT)));
  return hash.digest('hex').slice(0, 16);
}

let cachedBytes: Promise<Uint8Array<ArrayBuffer>> | undefined;

/** The release ramc.wasm bytes for the current sources. */
export function coreBytes(): Promise<Uint8Array<ArrayBuffer>> {
  cachedBytes ??= (async () => {
    const path = join(tmpdir(), `ramc-core-${sourceHash()}.wasm`);
    try {
      return new Uint8Array(readFileSync(path));
    } catch {
      const bytes = await compileCore();
      const partial = `${path}.${process.pid}.part`;
      writeFileSync(partial, bytes);
      renameSync(partial, path);
      return bytes;
    }
  })();
  return cachedBytes;
}

async function compileCore(): Promise<Uint8Array<ArrayBuffer>> {
  // Imported here: the compiler is large, and most runs find the module in the cache.
  const { default: asc } = await import('assemblyscript/asc');
  let binary: Uint8Array | null = null;
  const errors: string[] = [];
  const { error } = await asc.main(
    [
      '--config',
      'asconfig.json',
      '--target',
      'release',
      '--outFile',
      'ramc.wasm',
      '--baseDir',
      ROOT.pathname,
    ],
    {
      writeFile: (name, contents) => {
        if (name.endsWith('.wasm') && typeof contents !== 'string') binary = contents;
      },
      stdout: { write: () => undefined },
      stderr: { write: (chunk) => void errors.push(String(chunk)) },
    },
  );
  if (error !== null || binary === null) throw new Error(`ramc.wasm does not compile:\n${errors.join('')}`);
  return new Uint8Array(binary);
}
