import { MAX_BUNDLE_BYTES } from '../../runtime/format.js';
import { readFileBounded } from '../read-bounded.js';

/**
 * The bytes of the bundle file at `path`, or a message for standard error saying why it cannot be read:
 * missing, a directory, or larger than any bundle may be (read no further than that).
 */
export function readBundleFile(path: string): Uint8Array | string {
  try {
    const bytes = readFileBounded(path, MAX_BUNDLE_BYTES);
    if (bytes !== null) return new Uint8Array(bytes);
    return `ramc: ${path} holds more than ${MAX_BUNDLE_BYTES} bytes, more than any bundle`;
  } catch (error) {
    return `ramc: cannot read bundle ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`;
  }
}
