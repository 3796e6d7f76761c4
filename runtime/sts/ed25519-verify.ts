/**
 * Ed25519 signature verification (RFC 8032 §5.1.7) in plain TypeScript: synchronous, no platform
 * crypto, so the same code runs in Node, browsers, edge workers and the Wasm engine's host glue.
 */
import {
  add,
  baseCombTable,
  type CombTable,
  combMultiply,
  combTable,
  decodePoint,
  isIdentity,
  L,
  littleEndian,
  negate,
  type Point,
  timesCofactor,
} from './ed25519-curve.js';
import { sha512 } from './sha512.js';

/** A public key decoded once: its 32-byte encoding and the point A. */
export class Ed25519PublicKey {
  readonly bytes: Uint8Array;
  readonly #point: Point;
  #negatedComb: CombTable | null = null;

  constructor(bytes: Uint8Array, point: Point) {
    this.bytes = new Uint8Array(bytes);
    this.#point = point;
  }

  /**
   * The comb of -A, so verifying needs no doubling. PERF: built on first use (about 15 ms), so a bundle that
   * is loaded but never sees a token does not pay for it.
   */
  negatedComb(): CombTable {
    this.#negatedComb ??= combTable(negate(this.#point));
    return this.#negatedComb;
  }
}

export type PublicKeyResult = { ok: true; key: Ed25519PublicKey } | { ok: false; reason: string };

/**
 * Decodes a 32-byte Ed25519 public key. Refuses a non-canonical or invalid encoding, and a point of
 * small order: with such a key [8][k]A is the identity, so a signature would not depend on the message.
 */
export function decodePublicKey(bytes: Uint8Array): PublicKeyResult {
  if (bytes.length !== 32)
    return { ok: false, reason: `an Ed25519 public key is 32 bytes, not ${bytes.length}` };
  const point = decodePoint(bytes);
  if (point === null)
    return { ok: false, reason: 'the bytes are not the canonical encoding of a curve point' };
  if (isIdentity(timesCofactor(point))) {
    return { ok: false, reason: 'the key is a point of small order, which would accept forged signatures' };
  }
  return { ok: true, key: new Ed25519PublicKey(bytes, point) };
}

/**
 * True when `signature` (64 bytes: R ‖ S) is a valid Ed25519 signature of `message` under `key`:
 * R decodes canonically, S < L, and [8][S]B = [8]R + [8][k]A with k = SHA-512(R ‖ A ‖ M) mod L
 * (the cofactored equation of RFC 8032 §5.1.7).
 */
export function verifyEd25519(key: Ed25519PublicKey, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  const rBytes = signature.subarray(0, 32);
  const r = decodePoint(rBytes);
  if (r === null) return false;
  const s = littleEndian(signature.subarray(32, 64));
  if (s >= L) return false;
  const hashed = new Uint8Array(64 + message.length);
  hashed.set(rBytes, 0);
  hashed.set(key.bytes, 32);
  hashed.set(message, 64);
  const k = littleEndian(sha512(hashed)) % L;
  // [S]B - [k]A - R must be a point of small order (the identity once multiplied by 8).
  const sbMinusKa = add(combMultiply(baseCombTable(), s), combMultiply(key.negatedComb(), k));
  return isIdentity(timesCofactor(add(sbMinusKa, negate(r))));
}
