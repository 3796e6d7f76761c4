import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha512 } from '../../runtime/sts/sha512.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const nodeSha512 = (bytes: Uint8Array): string => createHash('sha512').update(bytes).digest('hex');

describe('sha512', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(hex(sha512(new TextEncoder().encode('abc')))).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
    expect(hex(sha512(new Uint8Array(0)))).toBe(
      'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
    );
  });

  it('equals node:crypto on every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 300; length++) {
      const message = randomBytes(length);
      expect(hex(sha512(message)), `length ${length}`).toBe(nodeSha512(message));
    }
  });

  it('equals node:crypto on random messages up to 10 KB', () => {
    for (let i = 0; i < 200; i++) {
      const message = randomBytes(Math.floor(Math.random() * 10_000));
      expect(hex(sha512(message))).toBe(nodeSha512(message));
    }
  });

  it('hashes a message of all 0xff bytes (carries through every word)', () => {
    const message = new Uint8Array(1000).fill(0xff);
    expect(hex(sha512(message))).toBe(nodeSha512(message));
  });
});
