/** What tests that forge bundles share: a fresh checksum, and where each section lies. */
import { bundleChecksum } from '../runtime/checksum.js';
import {
  HEADER_BYTES,
  HEADER_CHECKSUM,
  HEADER_SECTION_COUNT,
  SECTION_ENTRY_BYTES,
} from '../runtime/format.js';

/**
 * Writes a fresh checksum into `bytes` (when they are long enough to hold one), as a forger who knows the
 * algorithm would, so the damage reaches the structural checks. Returns `bytes`.
 */
export function reseal(bytes: Uint8Array): Uint8Array {
  if (bytes.length >= HEADER_CHECKSUM + 4) {
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(HEADER_CHECKSUM, bundleChecksum(bytes), true);
  }
  return bytes;
}

/** Section id → its offset and byte length, from the bundle's section table. */
export function sectionSpans(bytes: Uint8Array): Map<number, { offset: number; length: number }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const spans = new Map<number, { offset: number; length: number }>();
  for (let i = 0; i < view.getUint32(HEADER_SECTION_COUNT, true); i++) {
    const at = HEADER_BYTES + i * SECTION_ENTRY_BYTES;
    spans.set(view.getUint32(at, true), {
      offset: view.getUint32(at + 4, true),
      length: view.getUint32(at + 8, true),
    });
  }
  return spans;
}
