import { describe, expect, it } from 'vitest';
import { bundleChecksum } from '../../runtime/checksum.js';

/** The documented rule (docs/bundle-format.md), written out plainly: FNV-1a a word at a time. */
function documented(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let h = 0x811c9dc5;
  const words = Math.floor(bytes.length / 4);
  for (let i = 0; i < words; i++) {
    if (i === 3) continue; // the checksum field
    h = Number((BigInt((h ^ view.getUint32(i * 4, true)) >>> 0) * 0x01000193n) % 2n ** 32n);
  }
  for (let i = words * 4; i < bytes.length; i++)
    h = Number((BigInt((h ^ (bytes[i] ?? 0)) >>> 0) * 0x01000193n) % 2n ** 32n);
  return h;
}

const sample = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 151 + 7) & 0xff);

describe('bundleChecksum', () => {
  it('is FNV-1a over little-endian words, skipping word 3, then over the bytes of a partial last word', () => {
    for (const length of [0, 3, 12, 16, 17, 40, 43, 1000]) {
      expect(bundleChecksum(sample(length)), `${length} bytes`).toBe(documented(sample(length)));
    }
  });

  it('reads a view at any offset of a larger buffer as the same bytes', () => {
    const bytes = sample(43);
    for (const offset of [1, 2, 3, 4]) {
      const buffer = new Uint8Array(offset + bytes.length + 5);
      buffer.set(bytes, offset);
      expect(bundleChecksum(buffer.subarray(offset, offset + bytes.length))).toBe(bundleChecksum(bytes));
    }
  });

  it('changes with any byte but those of the checksum field', () => {
    const bytes = sample(43);
    const original = bundleChecksum(bytes);
    for (let i = 0; i < bytes.length; i++) {
      const changed = bytes.slice();
      changed[i] = (changed[i] ?? 0) ^ 0x40;
      const inField = i >= 12 && i < 16;
      expect(bundleChecksum(changed) === original, `byte ${i}`).toBe(inField);
    }
  });
});
