import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasCodes, hasPrefix, prefixCodes } from '../../runtime/match/has-prefix.js';

describe('hasPrefix', () => {
  it('agrees with startsWith for short and long prefixes, at any position', () => {
    // Few letters, so prefixes often occur before `at` too, which the long-prefix search must not accept.
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ':'), maxLength: 40 });
    fc.assert(
      fc.property(text, text, fc.nat(), (t, p, n) => {
        const at = n % (t.length + 1);
        expect(hasPrefix(t, p, at)).toBe(t.startsWith(p, at));
        expect(hasCodes(t, prefixCodes(p), at)).toBe(t.startsWith(p, at));
        // A prefix taken from the text itself matches where it was taken.
        const piece = t.slice(at, at + (n % 20));
        expect(hasPrefix(t, piece, at)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('finds a long prefix only at the given position', () => {
    const arn = 'acs:kms:cn-hangzhou:1234567890123456:key/key-1';
    expect(hasPrefix(arn, 'acs:kms:cn-hangzhou:1234567890123456:key/')).toBe(true);
    expect(hasPrefix(arn, 'acs:kms:cn-hangzhou:1234567890123457:key/')).toBe(false);
    expect(hasPrefix(arn, '1234567890123456', 20)).toBe(true);
    expect(hasPrefix(arn, '1234567890123456', 21)).toBe(false);
    expect(hasPrefix(`x${arn}`, arn, 0)).toBe(false);
    expect(hasPrefix(arn, `${arn}-longer`)).toBe(false);
  });
});
