import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addressInBlock,
  type IpAddress,
  type IpBlock,
  ipInBlock,
  parseIpAddress,
  parseIpBlock,
  parseIpInto,
} from '../../../runtime/values/ip.js';

const VALID_ADDRESSES: [string, number, number[]][] = [
  ['0.0.0.0', 4, [0, 0, 0, 0]],
  ['203.0.113.7', 4, [0xcb007107, 0, 0, 0]],
  ['255.255.255.255', 4, [0xffffffff, 0, 0, 0]],
  ['10.0.0.1', 4, [0x0a000001, 0, 0, 0]],
  ['::', 6, [0, 0, 0, 0]],
  ['::1', 6, [0, 0, 0, 1]],
  ['1::', 6, [0x00010000, 0, 0, 0]],
  ['2001:db8::8:800:200c:417a', 6, [0x20010db8, 0, 0x00080800, 0x200c417a]],
  ['2001:0DB8:0000:0000:0008:0800:200C:417A', 6, [0x20010db8, 0, 0x00080800, 0x200c417a]],
  ['1:2:3:4:5:6:7:8', 6, [0x00010002, 0x00030004, 0x00050006, 0x00070008]],
  ['1:2:3:4:5:6:7::', 6, [0x00010002, 0x00030004, 0x00050006, 0x00070000]],
  ['::2:3:4:5:6:7:8', 6, [0x00000002, 0x00030004, 0x00050006, 0x00070008]],
  ['fe80::1:2', 6, [0xfe800000, 0, 0, 0x00010002]],
  ['::ffff:1.2.3.4', 6, [0, 0, 0x0000ffff, 0x01020304]],
  ['::1.2.3.4', 6, [0, 0, 0, 0x01020304]],
  ['1:2:3:4:5:6:1.2.3.4', 6, [0x00010002, 0x00030004, 0x00050006, 0x01020304]],
  ['64:ff9b::192.0.2.33', 6, [0x0064ff9b, 0, 0, 0xc0000221]],
  ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 6, [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]],
  ['::1:2:3:4:5:6:7', 6, [0x00000001, 0x00020003, 0x00040005, 0x00060007]],
  ['1:2:3::4:5:6:7', 6, [0x00010002, 0x00030000, 0x00040005, 0x00060007]],
  ['::1:2:3:1.2.3.4', 6, [0, 0x00000001, 0x00020003, 0x01020304]],
  ['1:2::3:4:5:1.2.3.4', 6, [0x00010002, 0x00000003, 0x00040005, 0x01020304]],
  ['1::1.2.3.4', 6, [0x00010000, 0, 0, 0x01020304]],
];

const INVALID_ADDRESSES = [
  '',
  '1.2.3',
  '1.2.3.4.5',
  '1.2.3.256',
  '01.2.3.4',
  '1.2.3.04',
  '1.2.3.4 ',
  ' 1.2.3.4',
  '1..3.4',
  '1.2.3.',
  '.1.2.3',
  '1.2.3.-4',
  '1.2.3.4/32',
  '0x1.2.3.4',
  '1234.1.2.3',
  ':',
  ':::',
  ':1::',
  '1::2::3',
  '1:2:3:4:5:6:7',
  '1:2:3:4:5:6:7:8:9',
  '1:2:3:4:5:6:7:8::',
  '::1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7:8:',
  ':1:2:3:4:5:6:7:8',
  '12345::',
  'g::',
  'fe80::1%eth0',
  '::1.2.3',
  '::1.2.3.4:5',
  '1.2.3.4::',
  '::ffff:01.2.3.4',
  '1:2:3:4:5:6:7:1.2.3.4',
  '[::1]',
  'localhost',
  '1:2:3:4:5:6:7:8:1.2.3.4',
  '::1:2:3:4:5:6:1.2.3.4',
  '1:2:3:4::5:6:7:8',
  '1:2:3:4:5:6:7:8:9:a',
  '1::2:',
  '1:2:3:4:5:6:7:8/64',
  '::1.2.3.4.5',
  '::01.2.3.4',
  '::1.2.3.4.',
  '1.2.3.4:',
  'x'.repeat(65),
  `${'0'.repeat(60)}::1`,
];

function block(text: string): IpBlock {
  const parsed = parseIpBlock(text);
  if (parsed === null) throw new Error(`test setup: ${text} should parse`);
  return parsed;
}

function address(text: string): IpAddress {
  const parsed = parseIpAddress(text);
  if (parsed === null) throw new Error(`test setup: ${text} should parse`);
  return parsed;
}

/** The bit at position `i` (0 = most significant) of an address. */
function bit(words: readonly number[], i: number): number {
  return ((words[Math.floor(i / 32)] ?? 0) >>> (31 - (i % 32))) & 1;
}

describe('parseIpAddress', () => {
  it.each(VALID_ADDRESSES)('reads %s', (text, family, words) => {
    expect(parseIpAddress(text)).toEqual({ family, words });
  });

  it.each(INVALID_ADDRESSES)('rejects %j', (text) => {
    expect(parseIpAddress(text)).toBeNull();
  });

  it('round-trips any dotted quad', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(fc.tuple(octet, octet, octet, octet), (octets) => {
        const word = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
        expect(parseIpAddress(octets.join('.'))).toEqual({ family: 4, words: [word, 0, 0, 0] });
      }),
    );
  });

  it('accepts exactly the dotted quads of octets 0–255 without leading zeros', () => {
    const octet = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
    const oracle = new RegExp(`^${octet}(?:\\.${octet}){3}$`);
    // Three to five runs of up to four digits: most texts are near misses (leading zeros, octets above
    // 255, empty or missing parts).
    const digit = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '9');
    const part = fc.string({ unit: digit, maxLength: 4 });
    const text = fc.array(part, { minLength: 3, maxLength: 5 }).map((parts) => parts.join('.'));
    fc.assert(
      fc.property(text, (t) => {
        expect(parseIpAddress(t)?.family === 4).toBe(oracle.test(t));
      }),
      { numRuns: 5_000 },
    );
  });

  it('reads every full and compressed IPv6 form of random groups', () => {
    const group = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(
        fc.array(group, { minLength: 8, maxLength: 8 }),
        fc.nat(7),
        fc.nat(8),
        (groups, start, len) => {
          const expected = {
            family: 6,
            words: [0, 2, 4, 6].map((i) => ((groups[i] ?? 0) * 0x10000 + (groups[i + 1] ?? 0)) >>> 0),
          };
          expect(parseIpAddress(groups.map((g) => g.toString(16)).join(':'))).toEqual(expected);
          // Compress a run of groups (zeroed for the test) into `::`.
          const end = Math.min(8, start + Math.max(1, len));
          const zeroed = groups.map((g, i) => (i >= start && i < end ? 0 : g));
          const hex = zeroed.map((g) => g.toString(16));
          const text = `${hex.slice(0, start).join(':')}::${hex.slice(end).join(':')}`;
          const words = [0, 2, 4, 6].map((i) => ((zeroed[i] ?? 0) * 0x10000 + (zeroed[i + 1] ?? 0)) >>> 0);
          expect(parseIpAddress(text)).toEqual({ family: 6, words });
        },
      ),
    );
  });

  it('never throws on arbitrary text', () => {
    const chars = fc.constantFrom(...'0123456789abcdefABCDEF:./%g ');
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 50 }), (text) => {
        const parsed = parseIpAddress(text);
        if (parsed !== null) expect(parsed.words.every((w) => w >= 0 && w <= 0xffffffff)).toBe(true);
      }),
    );
  });
});

describe('parseIpBlock', () => {
  it('treats a bare address as a full-length block', () => {
    expect(parseIpBlock('10.1.2.3')).toEqual({ family: 4, words: [0x0a010203, 0, 0, 0], prefix: 32 });
    expect(parseIpBlock('::1')).toEqual({ family: 6, words: [0, 0, 0, 1], prefix: 128 });
  });

  it('clears host bits', () => {
    expect(parseIpBlock('10.1.2.3/8')).toEqual({ family: 4, words: [0x0a000000, 0, 0, 0], prefix: 8 });
    expect(parseIpBlock('192.168.77.200/20')).toEqual({
      family: 4,
      words: [0xc0a84000, 0, 0, 0],
      prefix: 20,
    });
    expect(parseIpBlock('2001:db8:ffff:ffff::1/36')).toEqual({
      family: 6,
      words: [0x20010db8, 0xf0000000, 0, 0],
      prefix: 36,
    });
    expect(parseIpBlock('1.2.3.4/0')).toEqual({ family: 4, words: [0, 0, 0, 0], prefix: 0 });
    expect(parseIpBlock('ffff::1/0')).toEqual({ family: 6, words: [0, 0, 0, 0], prefix: 0 });
  });

  it.each([
    '1.2.3.4/33',
    '::/129',
    '1.2.3.4/',
    '1.2.3.4/08',
    '1.2.3.4/-1',
    '1.2.3.4/8/8',
    '/8',
    '1.2.3.4/ 8',
    '::/1000',
  ])('rejects %j', (text) => {
    expect(parseIpBlock(text)).toBeNull();
  });
});

describe('ipInBlock', () => {
  it.each([
    ['203.0.113.7', '203.0.113.0/24', true],
    ['203.0.114.7', '203.0.113.0/24', false],
    ['203.0.113.7', '203.0.113.7', true],
    ['203.0.113.8', '203.0.113.7', false],
    ['8.8.8.8', '0.0.0.0/0', true],
    ['10.255.255.255', '10.1.2.3/8', true],
    ['2001:db8::1', '2001:db8::/32', true],
    ['2001:db9::1', '2001:db8::/32', false],
    ['::1', '::/0', true],
    ['1.2.3.4', '::/0', false],
    ['::ffff:1.2.3.4', '1.2.3.4', false],
    ['::ffff:1.2.3.4', '0.0.0.0/0', false],
    ['1.2.3.4', '::ffff:1.2.3.4/128', false],
    ['::ffff:1.2.3.4', '::ffff:0.0.0.0/96', true],
  ])('%s in %s is %s', (addr, cidr, expected) => {
    expect(ipInBlock(address(addr), block(cidr))).toBe(expected);
  });

  it('agrees with a bit-by-bit oracle', () => {
    const word = fc.integer({ min: 0, max: 0xffffffff });
    const words = fc.tuple(word, word, word, word);
    const pair = fc.oneof(
      fc.tuple(fc.constant(4 as const), words, words, fc.integer({ min: 0, max: 32 })),
      fc.tuple(fc.constant(6 as const), words, words, fc.integer({ min: 0, max: 128 })),
    );
    fc.assert(
      fc.property(pair, fc.boolean(), fc.nat(127), ([family, a, b, prefix], share, flip) => {
        const bits = family === 4 ? 32 : 128;
        const toWords = (w: number[]) => (family === 4 ? [w[0] ?? 0, 0, 0, 0] : w);
        const addrWords = toWords(a);
        // Half of the time the network differs from the address in one bit only, so matches are common.
        const flipped = [...a];
        const at = flip % bits;
        flipped[Math.floor(at / 32)] = ((flipped[Math.floor(at / 32)] ?? 0) ^ (1 << (31 - (at % 32)))) >>> 0;
        const netWords = share ? toWords(flipped) : toWords(b);
        const text = (w: number[]) =>
          family === 4
            ? [24, 16, 8, 0].map((s) => ((w[0] ?? 0) >>> s) & 255).join('.')
            : w.flatMap((x) => [(x >>> 16).toString(16), (x & 0xffff).toString(16)]).join(':');
        const parsedAddr = address(text(addrWords));
        const parsedBlock = block(`${text(netWords)}/${prefix}`);
        let oracle = true;
        for (let i = 0; i < prefix; i++) if (bit(addrWords, i) !== bit(netWords, i)) oracle = false;
        expect(prefix <= bits).toBe(true);
        expect(ipInBlock(parsedAddr, parsedBlock)).toBe(oracle);
      }),
    );
  });
});

/** `words` with every group written in hex, each in a random case and padded with random leading zeros. */
const hexGroup = fc
  .tuple(fc.integer({ min: 0, max: 0xffff }), fc.nat(3), fc.boolean())
  .map(([g, pad, upper]) => {
    const hex = g.toString(16).padStart(Math.min(4, g.toString(16).length + pad), '0');
    return { value: g, text: upper ? hex.toUpperCase() : hex };
  });

/** The four words of eight 16-bit groups. */
function groupWords(groups: readonly number[]): number[] {
  return [0, 2, 4, 6].map((i) => ((groups[i] ?? 0) * 0x10000 + (groups[i + 1] ?? 0)) >>> 0);
}

function dottedQuad(word: number): string {
  return [24, 16, 8, 0].map((s) => (word >>> s) & 255).join('.');
}

/** Texts of one random IPv6 address: full, compressed over a zeroed run, and with an IPv4 tail. */
const ipv6Forms = fc
  .tuple(fc.array(hexGroup, { minLength: 8, maxLength: 8 }), fc.nat(7), fc.nat(8), fc.boolean())
  .map(([parts, start, len, v4Tail]) => {
    const end = Math.min(8, start + Math.max(1, len));
    const zeroed = parts.map((p, i) => (i >= start && i < end ? { value: 0, text: '0' } : p));
    const groups = zeroed.map((p) => p.value);
    const texts = zeroed.map((p) => p.text);
    const tail = v4Tail && end <= 6;
    const last = tail ? 6 : 8;
    const tailText = tail ? dottedQuad(groupWords(groups)[3] ?? 0) : '';
    const join = (from: number, to: number) => texts.slice(from, to).join(':');
    const full = [join(0, last), tailText].filter((t) => t !== '').join(':');
    const compressed = `${join(0, start)}::${[join(end, last), tailText].filter((t) => t !== '').join(':')}`;
    return { words: groupWords(groups), full, compressed, start, end };
  });

/** parseIpInto's answer with `out` holding stale words, in parseIpAddress's shape. */
function viaInto(text: string, stale = 0xdeadbeef): IpAddress | null {
  const out = new Uint32Array(4).fill(stale);
  const family = parseIpInto(text, out);
  return family === 0 ? null : { family, words: [out[0] ?? 0, out[1] ?? 0, out[2] ?? 0, out[3] ?? 0] };
}

describe('parseIpInto', () => {
  it.each(VALID_ADDRESSES)('reads %s over stale words', (text, family, words) => {
    for (const stale of [0, 0xffffffff, 0xdeadbeef]) expect(viaInto(text, stale)).toEqual({ family, words });
  });

  it.each(INVALID_ADDRESSES)('rejects %j', (text) => {
    expect(parseIpInto(text, new Uint32Array(4))).toBe(0);
  });

  it('agrees with parseIpAddress on edge-heavy text', () => {
    const piece = fc.constantFrom(
      ...'0123456789abcdefABCDEF:./g '.split(''),
      '::',
      ':::',
      '0',
      '00',
      '255',
      '256',
      '1.2.3.4',
      'ffff',
      'FFFF',
      '12345',
      '/64',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        expect(viaInto(text)).toEqual(parseIpAddress(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads every text form of random IPv6 addresses, and rejects their broken neighbours', () => {
    fc.assert(
      fc.property(ipv6Forms, fc.nat(), ({ words, full, compressed, start, end }, pick) => {
        expect(viaInto(full)).toEqual({ family: 6, words });
        expect(viaInto(compressed)).toEqual({ family: 6, words });
        const broken = [
          `:${full}`,
          `${full}:`,
          `:${compressed}`,
          `${compressed}:`,
          `${full}:1`, // nine groups
          `${full}::`,
          `::${full}`,
          `${full}/`,
          `${full}%eth0`,
        ];
        // A second `::`: double one of the single colons outside the first.
        const colons = [...compressed.matchAll(/(?<!:):(?!:)/g)].map((m) => m.index ?? 0);
        const at = colons[pick % Math.max(1, colons.length)];
        if (at !== undefined) broken.push(`${compressed.slice(0, at)}:${compressed.slice(at)}`);
        for (const text of broken) {
          expect(viaInto(text)).toBeNull();
          expect(parseIpAddress(text)).toBeNull();
        }
        // `::` standing for eight zero groups is `::` itself; otherwise neither edge colon may go.
        if (start > 0 && end < 8) {
          expect(viaInto(compressed.replace('::', ':'))).toBeNull();
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reads every dotted quad and rejects its broken neighbours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.nat(3), (word, octet) => {
        const text = dottedQuad(word);
        expect(viaInto(text)).toEqual({ family: 4, words: [word, 0, 0, 0] });
        const parts = text.split('.');
        const edit = (f: (p: string) => string) => parts.map((p, i) => (i === octet ? f(p) : p)).join('.');
        for (const broken of [
          edit((p) => `0${p}`),
          edit((p) => String(Number(p) + 256)),
          edit(() => ''),
          parts.filter((_, i) => i !== octet).join('.'),
          `${text}.`,
          `${text}:`,
        ]) {
          expect(viaInto(broken)).toBeNull();
          expect(parseIpAddress(broken)).toBeNull();
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('addressInBlock', () => {
  it('agrees with ipInBlock on raw words', () => {
    const word = fc.integer({ min: 0, max: 0xffffffff });
    const ip = fc.oneof(
      word.map((w) => ({ family: 4 as const, words: [w, 0, 0, 0] as const })),
      fc.tuple(word, word, word, word).map((words) => ({ family: 6 as const, words })),
    );
    fc.assert(
      fc.property(ip, ip, fc.nat(128), fc.nat(128), (a, b, prefix, keep) => {
        const max = b.family === 4 ? 32 : 128;
        // Half the time the block is the address's own network, so matches are common.
        const net = keep % 2 === 0 && a.family === b.family ? a : b;
        const text =
          net.family === 4
            ? dottedQuad(net.words[0])
            : net.words.flatMap((w) => [(w >>> 16).toString(16), (w & 0xffff).toString(16)]).join(':');
        const cidr = block(`${text}/${prefix % (max + 1)}`);
        const expected = ipInBlock(a, cidr);
        expect(addressInBlock(a.family, a.words, cidr)).toBe(expected);
        expect(addressInBlock(a.family, Uint32Array.from(a.words), cidr)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('matches a parseIpInto result', () => {
    const out = new Uint32Array(4);
    expect(addressInBlock(parseIpInto('203.0.113.7', out), out, block('203.0.113.0/24'))).toBe(true);
    expect(addressInBlock(parseIpInto('203.0.114.7', out), out, block('203.0.113.0/24'))).toBe(false);
    expect(addressInBlock(parseIpInto('2001:db8::1', out), out, block('2001:db8::/32'))).toBe(true);
    expect(addressInBlock(parseIpInto('::ffff:1.2.3.4', out), out, block('1.2.3.4'))).toBe(false);
    expect(addressInBlock(parseIpInto('1.2.3.4', out), out, block('::/0'))).toBe(false);
    expect(addressInBlock(0, out, block('0.0.0.0/0'))).toBe(false);
  });
});
