import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodePoint, isIdentity, L, timesCofactor } from '../../runtime/sts/ed25519-curve.js';
import { decodePublicKey, type Ed25519PublicKey, verifyEd25519 } from '../../runtime/sts/ed25519-verify.js';
import { parsePublicKeyPem } from '../../runtime/sts/public-key-pem.js';

const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
const SPKI_PREFIX = hex('302a300506032b6570032100');
const PKCS8_PREFIX = hex('302e020100300506032b657004220420');

function rawPublicKey(key: KeyObject): Uint8Array {
  return new Uint8Array(key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length));
}

function nodePublicKey(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

function decoded(raw: Uint8Array): Ed25519PublicKey {
  const result = decodePublicKey(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.key;
}

/** RFC 8032 §7.1 test vectors: secret key, public key, message, signature. */
const RFC_8032 = [
  [
    '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    '',
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  ],
  [
    '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    '72',
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  ],
  [
    'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    'af82',
    '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  ],
] as const;

describe('Ed25519 verification (RFC 8032)', () => {
  it('accepts the RFC 8032 test vectors, which node:crypto also signs identically', () => {
    for (const [secret, publicKey, message, signature] of RFC_8032) {
      const privateKey = createPrivateKey({
        key: Buffer.concat([PKCS8_PREFIX, hex(secret)]),
        format: 'der',
        type: 'pkcs8',
      });
      expect(Buffer.from(rawPublicKey(createPublicKey(privateKey))).toString('hex')).toBe(publicKey);
      expect(sign(null, hex(message), privateKey).toString('hex')).toBe(signature);
      expect(verifyEd25519(decoded(hex(publicKey)), hex(message), hex(signature))).toBe(true);
    }
  });

  it('agrees with node:crypto on 200 random keys × 5 random messages, tampered signatures and messages', () => {
    for (let k = 0; k < 200; k++) {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const key = decoded(rawPublicKey(publicKey));
      for (let m = 0; m < 5; m++) {
        const i = k * 5 + m;
        const message = randomBytes(i % 300);
        const signature = new Uint8Array(sign(null, message, privateKey));
        expect(verifyEd25519(key, message, signature), `valid signature ${i}`).toBe(true);

        const badSignature = signature.slice();
        const bit = i % 512;
        badSignature[bit >> 3] = (badSignature[bit >> 3] as number) ^ (1 << (bit & 7));
        const ours = verifyEd25519(key, message, badSignature);
        expect(ours, `tampered signature ${i} (bit ${bit})`).toBe(
          verify(null, message, publicKey, badSignature),
        );
        expect(ours).toBe(false);

        if (message.length > 0) {
          const badMessage = Buffer.from(message);
          badMessage[i % message.length] = (badMessage[i % message.length] as number) ^ 0x80;
          expect(verifyEd25519(key, badMessage, signature), `tampered message ${i}`).toBe(false);
        }
      }
    }
  });

  it('refuses a signature under another key', () => {
    const a = generateKeyPairSync('ed25519');
    const b = generateKeyPairSync('ed25519');
    const message = randomBytes(64);
    expect(
      verifyEd25519(decoded(rawPublicKey(b.publicKey)), message, sign(null, message, a.privateKey)),
    ).toBe(false);
  });

  it('refuses S ≥ L (the malleable twin S + L of a valid signature), as node:crypto does', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const message = randomBytes(32);
    const signature = new Uint8Array(sign(null, message, privateKey));
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i] as number);
    let twin = s + L;
    for (let i = 32; i < 64; i++) {
      signature[i] = Number(twin & 0xffn);
      twin >>= 8n;
    }
    expect(verifyEd25519(decoded(rawPublicKey(publicKey)), message, signature)).toBe(false);
    expect(verify(null, message, publicKey, signature)).toBe(false);
  });

  it('refuses signatures of the wrong length', () => {
    const key = decoded(rawPublicKey(generateKeyPairSync('ed25519').publicKey));
    expect(verifyEd25519(key, new Uint8Array(1), new Uint8Array(63))).toBe(false);
    expect(verifyEd25519(key, new Uint8Array(1), new Uint8Array(65))).toBe(false);
  });
});

describe('point decoding (RFC 8032 §5.1.3)', () => {
  const P = 2n ** 255n - 19n;
  const encode = (y: bigint, sign: number): Uint8Array => {
    const bytes = new Uint8Array(32);
    let rest = y;
    for (let i = 0; i < 32; i++) {
      bytes[i] = Number(rest & 0xffn);
      rest >>= 8n;
    }
    bytes[31] = (bytes[31] as number) | (sign << 7);
    return bytes;
  };

  it('refuses y ≥ p (non-canonical encodings)', () => {
    // y = 1 is the identity; y = p + 1 encodes it again, non-canonically.
    expect(decodePoint(encode(1n, 0))).not.toBeNull();
    expect(decodePoint(encode(P + 1n, 0))).toBeNull();
    expect(decodePoint(encode(P, 0))).toBeNull();
    expect(decodePoint(encode(2n ** 255n - 1n, 0))).toBeNull();
  });

  it('refuses x = 0 with the sign bit set', () => {
    expect(decodePoint(encode(1n, 1))).toBeNull();
    expect(decodePoint(encode(P - 1n, 1))).toBeNull();
  });

  it('refuses a y with no x on the curve', () => {
    // y = 2: u = 3, v = 4d + 1; half of all y values have no point.
    let refused = 0;
    for (let y = 2n; y < 40n; y++) if (decodePoint(encode(y, 0)) === null) refused++;
    expect(refused).toBeGreaterThan(5);
  });

  it('decodes the base point', () => {
    const base = decodePoint(hex('5866666666666666666666666666666666666666666666666666666666666666'));
    // x of B, from RFC 8032 §5.1: 15112221349535400772501151409588531511454012693041857206046113283949847762202.
    expect(base?.x).toBe(0x216936d3cd6e53fec0a4e231fdd6dc5c692cc7609525a7b2c9562d608f25d51an);
    expect(((base?.y ?? 0n) * 5n) % P).toBe(4n);
  });
});

describe('public keys', () => {
  /** The eight points of small order (the torsion subgroup), as libsodium's blocklist spells them. */
  const SMALL_ORDER = [
    '0100000000000000000000000000000000000000000000000000000000000000',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    '0000000000000000000000000000000000000000000000000000000000000000',
    '0000000000000000000000000000000000000000000000000000000000000080',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  ];

  it('refuses every key of small order', () => {
    for (const key of SMALL_ORDER) {
      const point = decodePoint(hex(key));
      expect(point, key).not.toBeNull();
      if (point !== null) expect(isIdentity(timesCofactor(point)), key).toBe(true);
      const result = decodePublicKey(hex(key));
      expect(result.ok, key).toBe(false);
    }
  });

  it('refuses keys that are not 32 bytes or not a point', () => {
    expect(decodePublicKey(new Uint8Array(31)).ok).toBe(false);
    const notAPoint = new Uint8Array(32).fill(0xff);
    notAPoint[31] = 0x7f;
    expect(decodePublicKey(notAPoint).ok).toBe(false);
  });

  it('reads the SPKI PEM that node:crypto and `ramc sts keygen` write', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const parsed = parsePublicKeyPem(pem);
    expect(parsed.ok && Buffer.from(parsed.key.bytes).equals(Buffer.from(rawPublicKey(publicKey)))).toBe(
      true,
    );
    expect(parsePublicKeyPem(pem.replace(/\n/g, '\r\n')).ok).toBe(true);
    expect(nodePublicKey(rawPublicKey(publicKey)).equals(publicKey)).toBe(true);
  });

  it('refuses other key types, private keys and damaged PEM, with a reason', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      format: 'pem',
      type: 'spki',
    });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      format: 'pem',
      type: 'spki',
    });
    const ed = generateKeyPairSync('ed25519');
    const pem = ed.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const cases = [
      rsa.toString(),
      ec.toString(),
      ed.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      pem.replace('MCowBQYDK2VwAyEA', 'MCowBQYDK2VwAyEB'),
      pem.replace(/=?\n-----END/, '!\n-----END'),
      pem.slice(0, 40),
      '',
    ];
    for (const text of cases) {
      const parsed = parsePublicKeyPem(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.reason.length).toBeGreaterThan(10);
    }
    expect(parsePublicKeyPem(rsa.toString())).toMatchObject({
      reason: expect.stringContaining('not an Ed25519'),
    });
  });
});
