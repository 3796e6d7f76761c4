import { build, type Metafile } from 'esbuild';

const ROOT = new URL('../../', import.meta.url).pathname;

/** A minified ES module bundle for browsers, and the files it was built from. */
export interface BrowserBundle {
  code: string;
  inputs: string[];
}

/**
 * Bundles `source` (TypeScript importing from the repository root, e.g. `./runtime/index.js`) for the
 * browser platform: an import of a Node built-in fails the build instead of being left for later.
 */
export async function browserBundle(source: string): Promise<BrowserBundle> {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, sourcefile: 'entry.ts', loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild wrote no bundle');
  return { code: output.text, inputs: Object.keys((result.metafile as Metafile).inputs) };
}
