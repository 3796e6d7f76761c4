/**
 * IP addresses and CIDR blocks for `IpAddress`/`NotIpAddress` (semantics §4.1) and `acs:SourceIp`.
 *
 * Layout (shared with the binary bundle): a family and four unsigned 32-bit words holding the address
 * big-endian, most significant word first. An IPv4 address sits in word 0 and words 1–3 are zero, so a
 * prefix always counts bits from the top of word 0 for both families.
 */

export type IpFamily = 4 | 6;

export type IpWords = readonly [number, number, number, number];

/** One IPv4 or IPv6 address. */
export interface IpAddress {
  readonly family: IpFamily;
  readonly words: IpWords;
}

/** A CIDR block: the network address (host bits already cleared) and the prefix length. */
export interface IpBlock {
  readonly family: IpFamily;
  readonly words: IpWords;
  /** 0–32 for IPv4, 0–128 for IPv6. */
  readonly prefix: number;
}

/** Longest text worth reading: a full IPv6 address with an IPv4 tail and `/128` is 49 characters. */
const MAX_TEXT_LENGTH = 64;

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/**
 * Reads a dotted quad `a.b.c.d` (octets 0–255, no leading zeros) into `out[at]` as one uint32; false when
 * the text is not one.
 * PERF: octet by octet, one test per character: it runs on every request's `acs:SourceIp`. The word goes
 * into the typed array rather than being returned, because a uint32 above 2^30 returned from a call is
 * boxed.
 */
function parseIpv4Into(text: string, from: number, to: number, out: Uint32Array, at: number): boolean {
  let word = 0;
  let i = from;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (i >= to || text.charCodeAt(i) !== 0x2e /* . */) return false;
      i++;
    }
    if (i >= to) return false;
    let octet = text.charCodeAt(i) - 0x30;
    if (octet < 0 || octet > 9) return false;
    i++;
    // A leading zero stands alone: `0` is an octet, `01` is not (the dot check above then fails).
    if (octet !== 0) {
      for (let digits = 1; digits < 3 && i < to; digits++, i++) {
        const d = text.charCodeAt(i) - 0x30;
        if (d < 0 || d > 9) break;
        octet = octet * 10 + d;
      }
      if (octet > 255) return false;
    }
    word = word * 256 + octet;
  }
  if (i !== to) return false;
  out[at] = word;
  return true;
}

/** Where an IPv6 address's IPv4 tail is read before it is split into two groups. */
const tail = new Uint32Array(1);

/**
 * Writes 16-bit group `index` (0–7) while groups are written in order from 0: an even group starts its
 * word afresh (clearing whatever `out` held), an odd one fills the low half.
 */
function appendGroup(out: Uint32Array, index: number, value: number): void {
  const w = index >> 1;
  out[w] = (index & 1) === 0 ? value << 16 : (out[w] ?? 0) | value;
}

function groupAt(out: Uint32Array, index: number): number {
  const word = out[index >> 1] ?? 0;
  return (index & 1) === 0 ? word >>> 16 : word & 0xffff;
}

/** Overwrites group `index` (0–7), keeping the other half of its word. */
function setGroup(out: Uint32Array, index: number, value: number): void {
  const w = index >> 1;
  const word = out[w] ?? 0;
  out[w] = (index & 1) === 0 ? (word & 0xffff) | (value << 16) : (word & 0xffff0000) | value;
}

/**
 * Parses an IPv6 address (RFC 4291 text forms, no zone id) into `out`; false when invalid.
 *
 * PERF: allocation-free. Groups are written left to right straight into `out`; for `::` the groups after
 * it are then moved to the end and the gap zero-filled.
 */
function parseIpv6Into(text: string, from: number, to: number, out: Uint32Array): boolean {
  let count = 0; // groups written so far
  let gap = -1; // the group index where `::` stands, or -1
  let i = from;
  if (text.charCodeAt(i) === 0x3a /* : */) {
    if (i + 1 >= to || text.charCodeAt(i + 1) !== 0x3a) return false;
    gap = 0;
    i += 2;
  }
  while (i < to) {
    let j = i;
    let value = 0;
    while (j < to && j - i < 4) {
      const h = hexValue(text.charCodeAt(j));
      if (h < 0) break;
      value = value * 16 + h;
      j++;
    }
    // An IPv4 tail: a run of digits followed by a dot, in place of the last two groups.
    if (j < to && text.charCodeAt(j) === 0x2e /* . */) {
      if (count > 6) return false;
      if (!parseIpv4Into(text, i, to, tail, 0)) return false;
      const v4 = tail[0] as number;
      appendGroup(out, count++, v4 >>> 16);
      appendGroup(out, count++, v4 & 0xffff);
      break;
    }
    // Past eight groups the address is invalid whatever follows, and `out` has no room.
    if (j === i || count === 8) return false;
    appendGroup(out, count++, value);
    i = j;
    if (i === to) break;
    if (text.charCodeAt(i) !== 0x3a) return false;
    i++;
    if (i === to) return false; // a single trailing colon
    if (text.charCodeAt(i) === 0x3a) {
      if (gap >= 0) return false;
      gap = count;
      i++;
    }
  }
  if (gap < 0) return count === 8;
  // `::` stands for at least one zero group.
  if (count > 7) return false;
  const shift = 8 - count;
  for (let k = count - 1; k >= gap; k--) setGroup(out, k + shift, groupAt(out, k));
  for (let k = gap; k < gap + shift; k++) setGroup(out, k, 0);
  return true;
}

/** Parses the address in `text[from, to)` into `out` (see parseIpInto). */
function parseRangeInto(text: string, from: number, to: number, out: Uint32Array): IpFamily | 0 {
  if (from >= to) return 0;
  // A dotted quad holds no colon and any colon fails it, so trying IPv4 first decides the family without a
  // separate scan.
  if (parseIpv4Into(text, from, to, out, 0)) {
    out[1] = 0;
    out[2] = 0;
    out[3] = 0;
    return 4;
  }
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) === 0x3a /* : */) return parseIpv6Into(text, from, to, out) ? 6 : 0;
  }
  return 0;
}

/**
 * Parses a bare address exactly as `parseIpAddress` does, writing its four big-endian words into
 * `out[0..3]` (IPv4 in `out[0]`, the others zero). Returns the family, or 0 when the text is not an
 * address (`out` then holds anything).
 *
 * PERF: allocates nothing, for the per-decision `acs:SourceIp` parse; pass a reused `Uint32Array(4)`.
 */
export function parseIpInto(text: string, out: Uint32Array): IpFamily | 0 {
  if (text.length > MAX_TEXT_LENGTH) return 0;
  return parseRangeInto(text, 0, text.length, out);
}

/** Scratch for the allocating wrappers below (never re-entered: parsing calls out to nothing). */
const scratch = new Uint32Array(4);

function scratchWords(): IpWords {
  return [scratch[0] ?? 0, scratch[1] ?? 0, scratch[2] ?? 0, scratch[3] ?? 0];
}

/**
 * Parses a bare IPv4 address (dotted quad, octets 0–255 without leading zeros) or IPv6 address (eight
 * groups, `::` compression, an IPv4 tail such as `::ffff:1.2.3.4`; no zone id). Returns null otherwise.
 */
export function parseIpAddress(text: string): IpAddress | null {
  const family = parseIpInto(text, scratch);
  return family === 0 ? null : { family, words: scratchWords() };
}

/** A mask keeping the top `bits` bits (0–32) of a uint32. */
function wordMask(bits: number): number {
  if (bits <= 0) return 0;
  if (bits >= 32) return 0xffffffff;
  return (0xffffffff << (32 - bits)) >>> 0;
}

/** The mask for word `index` (0–3) of a prefix of `prefix` bits. */
function maskFor(prefix: number, index: number): number {
  return wordMask(prefix - index * 32);
}

/** A CIDR prefix length in `text[from, to)` (decimal, no leading zeros) up to `max`, or -1. */
function parsePrefix(text: string, from: number, to: number, max: number): number {
  const length = to - from;
  if (length === 0 || length > 3 || (length > 1 && text.charCodeAt(from) === 0x30)) return -1;
  let prefix = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    prefix = prefix * 10 + d;
  }
  return prefix > max ? -1 : prefix;
}

/**
 * Parses an address or a CIDR block `address/prefix` (prefix 0–32 for IPv4, 0–128 for IPv6, decimal
 * without leading zeros). A bare address is a /32 or /128 block; host bits below the prefix are ignored
 * (`10.1.2.3/8` is `10.0.0.0/8`). Returns null otherwise.
 */
export function parseIpBlock(text: string): IpBlock | null {
  if (text.length > MAX_TEXT_LENGTH) return null;
  const slash = text.indexOf('/');
  const family = parseRangeInto(text, 0, slash < 0 ? text.length : slash, scratch);
  if (family === 0) return null;
  const maxPrefix = family === 4 ? 32 : 128;
  const prefix = slash < 0 ? maxPrefix : parsePrefix(text, slash + 1, text.length, maxPrefix);
  if (prefix < 0) return null;
  for (let i = 0; i < 4; i++) scratch[i] = (scratch[i] ?? 0) & maskFor(prefix, i);
  return { family, words: scratchWords(), prefix };
}

/**
 * True when the address given as a family (4 or 6) and four words (as `parseIpInto` writes them) lies in
 * the block; `ipInBlock` over raw words. IPv4 and IPv6 never match each other.
 *
 * PERF: allocation-free, for matching a request address parsed by `parseIpInto`.
 */
export function addressInBlock(family: number, words: ArrayLike<number>, block: IpBlock): boolean {
  if (family !== block.family) return false;
  for (let i = 0; i < 4; i++) {
    // PERF: compared as signed 32-bit integers (`^` and `&` read both sides so), which never box; the
    // unsigned form of a word or mask above 2^31 is a double.
    const bits = block.prefix - i * 32;
    const mask = bits <= 0 ? 0 : bits >= 32 ? -1 : -1 << (32 - bits);
    if ((((words[i] ?? 0) & mask) ^ (block.words[i] ?? 0)) !== 0) return false;
  }
  return true;
}

/** True when the address lies in the block. IPv4 and IPv6 never match each other. */
export function ipInBlock(address: IpAddress, block: IpBlock): boolean {
  return addressInBlock(address.family, address.words, block);
}
