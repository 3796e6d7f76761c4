import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../runtime/sts/base64.js';

describe('Base64 and Base64url', () => {
  it('encode like Buffer and decode back, for every length up to 100', () => {
    for (let length = 0; length <= 100; length++) {
      const bytes = randomBytes(length);
      const standard = encodeBase64(bytes, 'standard');
      const url = encodeBase64(bytes, 'url');
      expect(standard).toBe(bytes.toString('base64'));
      expect(url).toBe(bytes.toString('base64url'));
      expect(Buffer.from(decodeBase64(standard, 'standard') ?? []).equals(bytes)).toBe(true);
      expect(Buffer.from(decodeBase64(url, 'url') ?? []).equals(bytes)).toBe(true);
    }
  });

  it('refuse every spelling but the canonical one', () => {
    // "QQ" is "A"; "QR" carries non-zero unused bits, which Buffer would accept as "A" too.
    expect(decodeBase64('QQ', 'url')).toEqual(new Uint8Array([0x41]));
    expect(decodeBase64('QR', 'url')).toBeNull();
    expect(decodeBase64('QQ==', 'standard')).toEqual(new Uint8Array([0x41]));
    expect(decodeBase64('QR==', 'standard')).toBeNull();
    for (const bad of ['Q', 'QQ=', 'QQ==', 'Q Q', 'QQ\n', 'Q+', 'Q/', 'QQé'])
      expect(decodeBase64(bad, 'url'), bad).toBeNull();
    for (const bad of ['QQ', 'QQ=', 'Q===', '=QQQ', 'QQ-_', 'QQ==QQ==', 'QQ\n==']) {
      expect(decodeBase64(bad, 'standard'), bad).toBeNull();
    }
  });
});
