import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interned } from '../../runtime/interned.js';

describe('interned', () => {
  it('returns a string equal to any text, property names and indexes included', () => {
    for (const text of ['', '__proto__', 'constructor', '0', '42', '-1', 'acs:sourceip', 'kms:tag/Project']) {
      expect(interned(text)).toBe(text);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(interned(text)).toBe(text);
      }),
      { numRuns: 2_000 },
    );
  });
});
