import { FNV_OFFSET_BASIS, FNV_PRIME, HEADER_CHECKSUM } from './format.js';

/**
 * The bundle checksum (runtime/format.ts): FNV-1a, 32-bit, over every byte except the four checksum
 * bytes of the header. Any single changed byte changes the result (each step is a bijection).
 */
export function bundleChecksum(bytes: Uint8Array): number {
  let hash = FNV_OFFSET_BASIS;
  const head = Math.min(HEADER_CHECKSUM, bytes.length);
  for (let i = 0; i < head; i++) hash = Math.imul(hash ^ (bytes[i] as number), FNV_PRIME);
  for (let i = HEADER_CHECKSUM + 4; i < bytes.length; i++) {
    hash = Math.imul(hash ^ (bytes[i] as number), FNV_PRIME);
  }
  return hash >>> 0;
}
