import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isResourceName } from '../../runtime/request.js';
import { arnColons, locateColons } from '../../runtime/request-arn.js';

/** The position of the n-th colon of `text`, or -1: the oracle. */
function nthColon(text: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(':', at + 1);
    if (at < 0) return -1;
  }
  return at;
}

const arnLike = fc.string({ unit: fc.constantFrom('a', 'c', 's', ':', '/'), maxLength: 16 });

describe('ARN colons', () => {
  it('arnColons finds the first four colons of any text, located or not', () => {
    fc.assert(
      fc.property(arnLike, arnLike, fc.nat({ max: 3 }), (text, other, n) => {
        // Another ARN located in between must not leak into the answer for this one.
        locateColons(other);
        expect(arnColons(text)[n]).toBe(nthColon(text, n));
        expect(locateColons(text)[n]).toBe(nthColon(text, n));
        expect(arnColons(text)[n]).toBe(nthColon(text, n));
      }),
      { numRuns: 2_000 },
    );
  });

  it('locateColons with a known first colon finds the same colons', () => {
    fc.assert(
      fc.property(arnLike, fc.nat({ max: 3 }), (tail, n) => {
        const arn = `acs:${tail}`;
        expect(locateColons(arn, 3)[n]).toBe(nthColon(arn, n));
        expect(arnColons(arn)[n]).toBe(nthColon(arn, n));
      }),
      { numRuns: 2_000 },
    );
  });

  it('isResourceName accepts "*" and acs: ARNs of five or more segments only', () => {
    const oracle = (text: string) => text === '*' || (text.startsWith('acs:') && text.split(':').length >= 5);
    fc.assert(
      fc.property(
        fc.oneof(
          arnLike,
          arnLike.map((t) => `acs:${t}`),
        ),
        (text) => {
          expect(isResourceName(text)).toBe(oracle(text));
        },
      ),
      { numRuns: 2_000 },
    );
    expect(isResourceName('acs:kms:cn-hangzhou:1234567890123456:key/k1')).toBe(true);
    expect(isResourceName('acs:kms:::key/k1')).toBe(true);
    expect(isResourceName('acs:kms:cn-hangzhou:key/k1')).toBe(false);
    expect(isResourceName('arn:kms:cn-hangzhou:1:key/k1')).toBe(false);
  });
});
