import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** Yields the lines of a file, or of `stdin` when no path (or `-`) is given, with 1-based line numbers. */
export async function* readLines(
  path: string | undefined,
  stdin: Readable,
): AsyncGenerator<{ line: string; number: number }> {
  const input = path === undefined || path === '-' ? stdin : createReadStream(path, { encoding: 'utf8' });
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  for await (const line of reader) {
    number += 1;
    yield { line, number };
  }
}
