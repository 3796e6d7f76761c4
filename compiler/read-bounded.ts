import { closeSync, openSync, readSync } from 'node:fs';

/** How much one read asks for. */
const CHUNK_BYTES = 1 << 16;

/**
 * The bytes of the file at `path`, or null when it holds more than `maxBytes`: then no more than
 * `maxBytes + 1` bytes are read, so a huge file or an endless device (`/dev/zero`) is refused rather
 * than exhausting memory. Throws as `readFileSync` does (ENOENT, EISDIR, ...).
 */
export function readFileBounded(path: string, maxBytes: number): Buffer | null {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= maxBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return Buffer.concat(chunks, total);
      chunks.push(chunk.subarray(0, read));
      total += read;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}
