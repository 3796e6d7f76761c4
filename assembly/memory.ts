/**
 * Linear memory for the core, without a garbage collector: one region grown on demand, laid out as
 *   [static data] [main bundle bytes + its tables] [session bundle + tables] [request buffer] [result]
 * Every region is placed once per load and reused by every decision, so deciding never allocates.
 */

const PAGE_BYTES: u64 = 65536;
/** Wasm32 memory ends at 4 GiB; no region may reach it. */
const MEMORY_LIMIT: u64 = 4294901760;

/** The first byte the core may use: after the static data, 16-byte aligned. */
export function heapStart(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

/** `at` rounded up to a multiple of 8. */
export function align8(at: u64): u64 {
  return (at + 7) & ~(<u64>7);
}

/** Makes sure memory reaches `end` (exclusive), growing it when needed. False when it cannot grow. */
export function ensureMemory(end: u64): bool {
  if (end > MEMORY_LIMIT) return false;
  const have = <u64>memory.size() * PAGE_BYTES;
  if (end <= have) return true;
  const pages = <i32>((end - have + PAGE_BYTES - 1) / PAGE_BYTES);
  return memory.grow(pages) >= 0;
}

/** Reads the u32 at `at`. */
export function u32At(at: usize): u32 {
  return load<u32>(at);
}

/** Reads the i32 at `at`. */
export function i32At(at: usize): i32 {
  return load<i32>(at);
}

/** True when the `length` UTF-16 code units at `a` and at `b` are equal. */
export function unitsEqual(a: usize, b: usize, length: u32): bool {
  return memory.compare(a, b, (<usize>length) << 1) === 0;
}

/** Orders string `a` (code units at `aPtr`) and `b` by code unit, like JS `<`: negative, 0 or positive. */
export function unitsCompare(aPtr: usize, aLength: u32, bPtr: usize, bLength: u32): i32 {
  const shorter = aLength < bLength ? aLength : bLength;
  for (let i: u32 = 0; i < shorter; i++) {
    const a = <i32>load<u16>(aPtr + ((<usize>i) << 1));
    const b = <i32>load<u16>(bPtr + ((<usize>i) << 1));
    if (a !== b) return a - b;
  }
  return aLength === bLength ? 0 : aLength < bLength ? -1 : 1;
}

/** True when string `a` sorts strictly before `b`, by code unit, like JS `<`. */
export function unitsLess(aPtr: usize, aLength: u32, bPtr: usize, bLength: u32): bool {
  return unitsCompare(aPtr, aLength, bPtr, bLength) < 0;
}
