/**
 * The edwards25519 curve of RFC 8032 §5.1 over GF(p), p = 2^255 - 19, with BigInt field arithmetic:
 * point decoding with every check of §5.1.3, and the group operations in extended coordinates
 * (X : Y : Z : T) with x = X/Z, y = Y/Z, x·y = T/Z (Hisil–Wong–Carter–Dawson, complete for a = -1).
 * Verification only handles public data, so nothing here needs to run in constant time.
 */

export const P = 2n ** 255n - 19n;
/** The order of the prime-order subgroup. */
export const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const D = mod(-121665n * invert(121666n));
const D2 = mod(2n * D);
/** A square root of -1: 2^((p-1)/4). */
const SQRT_M1 = power(2n, (P - 1n) / 4n);

/** A point in extended coordinates. */
export interface Point {
  x: bigint;
  y: bigint;
  z: bigint;
  t: bigint;
}

export const IDENTITY: Point = { x: 0n, y: 1n, z: 1n, t: 0n };

const BASE_Y = mod(4n * invert(5n));
/** The base point B of RFC 8032 (y = 4/5, x even). */
export const BASE: Point = decodeCoordinates(BASE_Y, 0) as Point;

function mod(a: bigint): bigint {
  const r = a % P;
  return r < 0n ? r + P : r;
}

function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

/** a^(2^k), by k squarings. */
function squareTimes(a: bigint, k: number): bigint {
  let r = a;
  for (let i = 0; i < k; i++) r = (r * r) % P;
  return r;
}

/**
 * a^((p-5)/8) = a^(2^252 - 3) by the addition chain of the ref10 implementation: 252 squarings and
 * 11 multiplications instead of about 500 multiplications for square-and-multiply.
 */
function powerP58(a: bigint): bigint {
  const a3 = (((a * a) % P) * a) % P; // a^(2^2 - 1)
  const a15 = (squareTimes(a3, 2) * a3) % P; // a^(2^4 - 1)
  const a31 = (squareTimes(a15, 1) * a) % P; // a^(2^5 - 1)
  const b10 = (squareTimes(a31, 5) * a31) % P; // a^(2^10 - 1)
  const b20 = (squareTimes(b10, 10) * b10) % P;
  const b40 = (squareTimes(b20, 20) * b20) % P;
  const b80 = (squareTimes(b40, 40) * b40) % P;
  const b160 = (squareTimes(b80, 80) * b80) % P;
  const b240 = (squareTimes(b160, 80) * b80) % P;
  const b250 = (squareTimes(b240, 10) * b10) % P; // a^(2^250 - 1)
  return (squareTimes(b250, 2) * a) % P; // a^(2^252 - 3)
}

function invert(a: bigint): bigint {
  return power(a, P - 2n);
}

/** The little-endian unsigned integer of `bytes`. */
export function littleEndian(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] as number);
  return n;
}

/**
 * Decodes a 32-byte point encoding (RFC 8032 §5.1.3). Null when the encoding is not canonical (y ≥ p),
 * when no x exists for y, or when x = 0 and the sign bit is 1 (the non-canonical encodings of (0, ±1)).
 */
export function decodePoint(bytes: Uint8Array): Point | null {
  if (bytes.length !== 32) return null;
  const sign = (bytes[31] as number) >> 7;
  const y = littleEndian(bytes) & (2n ** 255n - 1n);
  if (y >= P) return null;
  return decodeCoordinates(y, sign);
}

/** The point with this y and x of this parity (§5.1.3 steps 2–4), or null. */
function decodeCoordinates(y: bigint, sign: number): Point | null {
  const y2 = (y * y) % P;
  const u = mod(y2 - 1n);
  const v = mod(D * y2 + 1n);
  // x = (u/v)^((p+3)/8) = u·v³·(u·v⁷)^((p-5)/8)
  const v3 = (((v * v) % P) * v) % P;
  const v7 = (((v3 * v3) % P) * v) % P;
  let x = (((u * v3) % P) * powerP58((u * v7) % P)) % P;
  const vx2 = (((x * x) % P) * v) % P;
  if (vx2 !== u) {
    if (vx2 !== mod(-u)) return null;
    x = (x * SQRT_M1) % P;
  }
  if (x === 0n && sign === 1) return null;
  if (Number(x & 1n) !== sign) x = P - x;
  return { x, y, z: 1n, t: (x * y) % P };
}

/** P + Q ("add-2008-hwcd-3"; complete, so it also doubles and handles the identity). */
export function add(p: Point, q: Point): Point {
  const a = ((p.y - p.x) * (q.y - q.x)) % P;
  const b = ((p.y + p.x) * (q.y + q.x)) % P;
  const c = (((p.t * D2) % P) * q.t) % P;
  const d = (2n * p.z * q.z) % P;
  const e = b - a;
  const f = d - c;
  const g = d + c;
  const h = b + a;
  return { x: mod(e * f), y: mod(g * h), z: mod(f * g), t: mod(e * h) };
}

/** 2P ("dbl-2008-hwcd" with a = -1). */
export function double(p: Point): Point {
  const a = (p.x * p.x) % P;
  const b = (p.y * p.y) % P;
  const c = (2n * p.z * p.z) % P;
  const h = -a - b;
  const s = p.x + p.y;
  const e = h + ((s * s) % P);
  const g = b - a;
  const f = g - c;
  return { x: mod(e * f), y: mod(g * h), z: mod(f * g), t: mod(e * h) };
}

export function negate(p: Point): Point {
  return { x: mod(-p.x), y: p.y, z: p.z, t: mod(-p.t) };
}

/** True for the neutral element (x = 0, y = 1). */
export function isIdentity(p: Point): boolean {
  return mod(p.x) === 0n && mod(p.y - p.z) === 0n;
}

/** [8]P: clears the torsion component, for the cofactored checks of RFC 8032. */
export function timesCofactor(p: Point): Point {
  return double(double(double(p)));
}

/** The 4-bit comb of a point: row i holds [j · 16^i]P for j = 0..15, for scalars below 2^256. */
export type CombTable = readonly (readonly Point[])[];

/** Builds the comb of `p` (1,024 points; about as costly as four multiplications, so built once per key). */
export function combTable(p: Point): CombTable {
  const rows: Point[][] = [];
  let base = p;
  for (let i = 0; i < 64; i++) {
    const row: Point[] = [IDENTITY, base];
    for (let j = 2; j < 16; j++) row.push(add(row[j - 1] as Point, base));
    rows.push(row);
    base = add(row[15] as Point, base);
  }
  return rows;
}

/** [scalar]P for 0 ≤ scalar < 2^256, from the comb of P: one addition per 4-bit digit, no doubling. */
export function combMultiply(table: CombTable, scalar: bigint): Point {
  let r = IDENTITY;
  let rest = scalar;
  for (let i = 0; i < 64 && rest > 0n; i++) {
    const digit = Number(rest & 15n);
    if (digit !== 0) r = add(r, (table[i] as readonly Point[])[digit] as Point);
    rest >>= 4n;
  }
  return r;
}

let baseComb: CombTable | null = null;

/** The comb of the base point B, built on first use. */
export function baseCombTable(): CombTable {
  baseComb ??= combTable(BASE);
  return baseComb;
}
