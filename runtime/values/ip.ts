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

/** A dotted quad `a.b.c.d` (octets 0–255, no leading zeros) as one uint32, or -1. */
function parseIpv4Word(text: string, from: number, to: number): number {
  let word = 0;
  let octets = 0;
  let i = from;
  while (octets < 4) {
    const start = i;
    let value = 0;
    while (i < to && i - start < 3) {
      const d = text.charCodeAt(i) - 0x30;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
      i++;
    }
    const length = i - start;
    if (length === 0 || value > 255 || (length > 1 && text.charCodeAt(start) === 0x30)) return -1;
    word = word * 256 + value;
    octets++;
    if (octets < 4) {
      if (text.charCodeAt(i) !== 0x2e /* . */ || i >= to) return -1;
      i++;
    }
  }
  return i === to ? word : -1;
}

/** Eight 16-bit groups of an IPv6 address (RFC 4291 text forms, no zone id), or null. */
function parseIpv6Groups(text: string, from: number, to: number): number[] | null {
  const head: number[] = [];
  const tail: number[] = [];
  let groups = head;
  let compressed = false;
  let i = from;
  if (text.charCodeAt(i) === 0x3a /* : */) {
    if (text.charCodeAt(i + 1) !== 0x3a) return null;
    compressed = true;
    groups = tail;
    i += 2;
  }
  while (i < to) {
    // An IPv4 tail: a run of digits followed by a dot, in place of the last two groups.
    let j = i;
    while (j < to && hexValue(text.charCodeAt(j)) >= 0 && j - i < 4) j++;
    if (text.charCodeAt(j) === 0x2e /* . */ && j < to) {
      const v4 = parseIpv4Word(text, i, to);
      if (v4 < 0) return null;
      groups.push(v4 >>> 16, v4 & 0xffff);
      i = to;
      break;
    }
    if (j === i) return null;
    let value = 0;
    for (let k = i; k < j; k++) value = value * 16 + hexValue(text.charCodeAt(k));
    groups.push(value);
    i = j;
    if (i === to) break;
    if (text.charCodeAt(i) !== 0x3a) return null;
    i++;
    if (text.charCodeAt(i) === 0x3a && i < to) {
      if (compressed) return null;
      compressed = true;
      groups = tail;
      i++;
      if (i === to) break;
    } else if (i === to) {
      return null; // a single trailing colon
    }
  }
  const explicit = head.length + tail.length;
  if (compressed ? explicit > 7 : explicit !== 8) return null;
  const zeros = new Array<number>(8 - explicit).fill(0);
  return [...head, ...zeros, ...tail];
}

function parseAddressRange(text: string, from: number, to: number): IpAddress | null {
  if (from >= to) return null;
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) === 0x3a /* : */) {
      const g = parseIpv6Groups(text, from, to);
      if (g === null) return null;
      const words: IpWords = [
        ((g[0] ?? 0) * 0x10000 + (g[1] ?? 0)) >>> 0,
        ((g[2] ?? 0) * 0x10000 + (g[3] ?? 0)) >>> 0,
        ((g[4] ?? 0) * 0x10000 + (g[5] ?? 0)) >>> 0,
        ((g[6] ?? 0) * 0x10000 + (g[7] ?? 0)) >>> 0,
      ];
      return { family: 6, words };
    }
  }
  const v4 = parseIpv4Word(text, from, to);
  return v4 < 0 ? null : { family: 4, words: [v4, 0, 0, 0] };
}

/**
 * Parses a bare IPv4 address (dotted quad, octets 0–255 without leading zeros) or IPv6 address (eight
 * groups, `::` compression, an IPv4 tail such as `::ffff:1.2.3.4`; no zone id). Returns null otherwise.
 */
export function parseIpAddress(text: string): IpAddress | null {
  if (text.length > MAX_TEXT_LENGTH) return null;
  return parseAddressRange(text, 0, text.length);
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

/**
 * Parses an address or a CIDR block `address/prefix` (prefix 0–32 for IPv4, 0–128 for IPv6, decimal
 * without leading zeros). A bare address is a /32 or /128 block; host bits below the prefix are ignored
 * (`10.1.2.3/8` is `10.0.0.0/8`). Returns null otherwise.
 */
export function parseIpBlock(text: string): IpBlock | null {
  if (text.length > MAX_TEXT_LENGTH) return null;
  const slash = text.indexOf('/');
  const address = parseAddressRange(text, 0, slash < 0 ? text.length : slash);
  if (address === null) return null;
  const maxPrefix = address.family === 4 ? 32 : 128;
  let prefix = maxPrefix;
  if (slash >= 0) {
    const digits = text.slice(slash + 1);
    if (digits.length === 0 || digits.length > 3 || (digits.length > 1 && digits[0] === '0')) return null;
    prefix = 0;
    for (let i = 0; i < digits.length; i++) {
      const d = digits.charCodeAt(i) - 0x30;
      if (d < 0 || d > 9) return null;
      prefix = prefix * 10 + d;
    }
    if (prefix > maxPrefix) return null;
  }
  const [w0, w1, w2, w3] = address.words;
  const words: IpWords = [
    (w0 & maskFor(prefix, 0)) >>> 0,
    (w1 & maskFor(prefix, 1)) >>> 0,
    (w2 & maskFor(prefix, 2)) >>> 0,
    (w3 & maskFor(prefix, 3)) >>> 0,
  ];
  return { family: address.family, words, prefix };
}

/** True when the address lies in the block. IPv4 and IPv6 never match each other. */
export function ipInBlock(address: IpAddress, block: IpBlock): boolean {
  if (address.family !== block.family) return false;
  for (let i = 0; i < 4; i++) {
    const mask = maskFor(block.prefix, i);
    if (((address.words[i] ?? 0) & mask) >>> 0 !== block.words[i]) return false;
  }
  return true;
}
